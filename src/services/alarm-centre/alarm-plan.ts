/**
 * Which events open alarm-centre alarms, at what priority, and which open alarm each belongs
 * to. Pure: the intake calls it for every event before the batch is stored.
 */
import type { AlarmPlan } from '../../store/event-writer.ts';
import type { EventCategory, NormalisedEvent } from '../../model/signal.ts';

/**
 * Priority 1 is handled first (issue #2 section 5): fire, hold-up, panic (and the other
 * life-safety families) > burglary > tamper and trouble > communication lost > unknown account.
 */
export const PRIORITY = {
  lifeSafety: 1,
  burglary: 2,
  trouble: 3,
  communicationLost: 4,
  unknownAccount: 5,
} as const;

const CATEGORY_PRIORITY: Partial<Record<EventCategory, number>> = {
  fire: PRIORITY.lifeSafety,
  'hold-up': PRIORITY.lifeSafety,
  panic: PRIORITY.lifeSafety,
  medical: PRIORITY.lifeSafety,
  gas: PRIORITY.lifeSafety,
  burglary: PRIORITY.burglary,
  access: PRIORITY.burglary,
};

/** Priority of an alarm of that category. */
export function priorityOf(category: string): number {
  return CATEGORY_PRIORITY[category as EventCategory] ?? PRIORITY.trouble;
}

/** What the intake knows of the account when it plans. */
export interface AccountFacts {
  account: string;
  known: boolean;
  unitId: string | null;
  jurisdiction: string | null;
}

/**
 * The family that pairs an alarm with its restore: SIA codes pair by their first letter
 * (BA/BR, FA/FR, AT/AR, YT/YR); a Contact ID event pairs through its SIA equivalent, else
 * through its own number (E130/R130).
 */
export function familyOf(event: NormalisedEvent): string {
  const sia = event.codeSystem === 'sia' ? event.code : event.siaCode;
  if (sia && sia.length === 2) return sia[0];
  return event.codeSystem === 'cid' ? `cid${event.code.slice(1)}` : event.code;
}

/** Zone and area numbers compare without leading zeros: SIA sends "01", Contact ID "001". */
const number = (value: string | undefined) => (value ?? '').replace(/^0+(?=.)/, '');

function openKey(account: string, event: NormalisedEvent): string {
  return [account, familyOf(event), number(event.partition), number(event.zone)].join('|');
}

/** Key of the one open alarm an unknown account gathers all its messages in. */
export const unknownAccountKey = (account: string) => `${account}|unknown-account`;

/** Key of the communication-lost alarm of an account. */
export const communicationLostKey = (account: string) => `${account}|communication-lost`;

const RAISES: ReadonlySet<string> = new Set(['alarm', 'trouble', 'unknown']);
const RESTORES: ReadonlySet<string> = new Set(['restore', 'trouble-restore']);

/**
 * The alarm (or restore) an event causes. Alarms, troubles and unknown codes are queued;
 * tests, openings, closings, bypasses, link tests and status events are recorded only.
 * Everything from an unknown account is gathered in one "unknown account" alarm.
 */
export function planAlarm(
  facts: AccountFacts,
  event: NormalisedEvent,
): { alarm?: AlarmPlan; restoreKey?: string } {
  if (!facts.known) {
    return {
      alarm: {
        openKey: unknownAccountKey(facts.account),
        category: 'unknown-account',
        priority: PRIORITY.unknownAccount,
        code: event.code,
        description: `Unknown account ${facts.account}: ${event.description}`,
        zone: event.zone ?? null,
        partition: event.partition ?? null,
        unitId: null,
        jurisdiction: null,
      },
    };
  }
  if (RESTORES.has(event.kind)) return { restoreKey: openKey(facts.account, event) };
  if (!RAISES.has(event.kind)) return {};
  return {
    alarm: {
      openKey: openKey(facts.account, event),
      category: event.category,
      priority: priorityOf(event.category),
      code: event.code,
      description: event.description,
      zone: event.zone ?? null,
      partition: event.partition ?? null,
      unitId: facts.unitId,
      jurisdiction: facts.jurisdiction,
    },
  };
}
