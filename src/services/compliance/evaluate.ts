/**
 * The compliance evaluator: pure functions from a compiled rule set and the facts of a unit
 * (its systems, its designations) or a vehicle to obligations. No I/O, no clock.
 */
import { COUNTING_STATES, REQUIREMENTS, type Requirement } from '../registry/registry-terms.ts';
import type { CompiledRules, RequirementSource } from './rule-set.ts';

/** How far an obligation is fulfilled. */
export type ObligationStatus = 'met' | 'partial' | 'missing';

/** One duty of a unit or vehicle and how far it is fulfilled. */
export interface Obligation {
  requirement: Requirement;
  status: ObligationStatus;
  reason: string;
}

/** The facts of a system the evaluator reads. */
export interface SystemFacts {
  kind: string;
  state: string;
  networked: boolean;
}

/** A designation of Art. 7 last paragraph; only approved ones bind. */
export interface DesignationFacts {
  id: string;
  systems: readonly string[];
  approved: boolean;
  document?: string | null;
}

/** A designation still waiting for the municipal people's government. */
export interface PendingDesignation {
  id: string;
  systems: string[];
  reason: string;
}

/** A unit's obligations, its overall status, and designations pending approval. */
export interface UnitEvaluation {
  status: ObligationStatus;
  obligations: Obligation[];
  pendingDesignations: PendingDesignation[];
}

const LABELS: Record<Requirement, string> = {
  video: 'video security monitoring system',
  'video-networked': 'video networking with the platform',
  'intrusion-alarm': 'intrusion alarm system',
  'access-control': 'access control system',
  'explosion-proof-inspection': 'explosion-proof security inspection system',
  'building-intercom': 'building intercom system',
  'anti-theft-door': 'anti-theft security door',
  'vehicle-tracking': 'tracking and positioning system',
};

// Best first: one system in a better state fulfils the duty whatever the others are doing.
const STATE_RANK: Record<string, number> = {
  'in-service': 5,
  accepted: 4,
  built: 3,
  'out-of-service': 2,
  planned: 1,
};

const STATE_WORDS: Record<string, string> = {
  'in-service': 'in service',
  accepted: 'accepted',
  built: 'built but not yet accepted',
  'out-of-service': 'out of service',
  planned: 'planned, not yet built',
};

/** The best state among the unit's systems of one kind (only networked ones if asked). */
function bestState(
  systems: readonly SystemFacts[],
  kind: string,
  networkedOnly = false,
): string | undefined {
  let best: string | undefined;
  let bestRank = 0;
  for (const system of systems) {
    if (system.kind !== kind || (networkedOnly && !system.networked)) continue;
    const rank = STATE_RANK[system.state] ?? 0;
    if (best === undefined || rank > bestRank) (best = system.state), (bestRank = rank);
  }
  return best;
}

// Obligations are immutable values: each (source, state) pair is built once and shared by every
// unit in that situation, which keeps a city-wide evaluation free of per-unit string building.
const systemMemo = new WeakMap<RequirementSource, Map<string | undefined, Obligation>>();
const networkMemo = new WeakMap<RequirementSource, Map<string, Obligation>>();

function memoised<K>(
  memo: WeakMap<RequirementSource, Map<K, Obligation>>,
  source: RequirementSource,
  key: K,
  build: () => Obligation,
): Obligation {
  let entries = memo.get(source);
  if (!entries) memo.set(source, (entries = new Map()));
  let obligation = entries.get(key);
  if (!obligation) entries.set(key, (obligation = Object.freeze(build())));
  return obligation;
}

/** A system kind: met when accepted or in service, partial when built or out of service. */
function systemObligation(source: RequirementSource, state: string | undefined): Obligation {
  const { requirement, article } = source;
  const label = LABELS[requirement];
  if (state === undefined) {
    return { requirement, status: 'missing', reason: `no ${label} registered (${article})` };
  }
  const status: ObligationStatus = COUNTING_STATES.has(state)
    ? 'met'
    : state === 'built' || state === 'out-of-service' ? 'partial' : 'missing';
  return { requirement, status, reason: `${label} ${STATE_WORDS[state] ?? state} (${article})` };
}

/**
 * Art. 9 para. 2: a video system that counts must also be networked with the platform.
 * `video` is the best state of any video system, `networked` of the networked ones.
 */
function networkObligation(
  source: RequirementSource,
  video?: string,
  networked?: string,
): Obligation {
  const { requirement, article } = source;
  if (networked !== undefined && COUNTING_STATES.has(networked)) {
    const reason = `video system networked with the platform (${article})`;
    return { requirement, status: 'met', reason };
  }
  if (video !== undefined && COUNTING_STATES.has(video)) {
    return { requirement, status: 'partial',
      reason: `video ${STATE_WORDS[video]} but not networked with the platform (${article})` };
  }
  if (networked !== undefined) {
    return { requirement, status: 'partial',
      reason: `networked video system ${STATE_WORDS[networked] ?? networked} (${article})` };
  }
  const reason = `no accepted or in-service video system to network (${article})`;
  return { requirement, status: 'missing', reason };
}

function judge(source: RequirementSource, systems: readonly SystemFacts[]): Obligation {
  if (source.requirement !== 'video-networked') {
    const state = bestState(systems, source.requirement);
    return memoised(systemMemo, source, state, () => systemObligation(source, state));
  }
  const video = bestState(systems, 'video');
  const networked = video === undefined ? undefined : bestState(systems, 'video', true);
  const key = `${video}/${networked}`;
  return memoised(networkMemo, source, key, () => networkObligation(source, video, networked));
}

/** The worst status of a list: missing over partial over met (met when empty). */
export function overallStatus(obligations: readonly Obligation[]): ObligationStatus {
  let status: ObligationStatus = 'met';
  for (const obligation of obligations) {
    if (obligation.status === 'missing') return 'missing';
    if (obligation.status === 'partial') status = 'partial';
  }
  return status;
}

const REQUIREMENT_ORDER = new Map<string, number>(REQUIREMENTS.map((r, i) => [r, i]));

/**
 * What the unit's category requires, plus what approved designations add; designations waiting
 * for approval are listed apart and bind nothing.
 */
function unitSources(
  rules: CompiledRules,
  category: string,
  designations: readonly DesignationFacts[],
): { sources: readonly RequirementSource[]; pending: PendingDesignation[] } {
  const base = rules.unit.get(category) ?? [];
  if (designations.length === 0) return { sources: base, pending: [] };
  const merged = new Map(base.map((source) => [source.requirement, source.article]));
  const pending: PendingDesignation[] = [];
  const article = rules.designationArticle ?? 'Art. 7 last paragraph';
  for (const designation of designations) {
    if (!designation.approved) {
      const reason = `designation ${designation.id} pending approval by the municipal ` +
        `people's government (${article})`;
      pending.push({ id: designation.id, systems: [...designation.systems], reason });
      continue;
    }
    if (rules.designationArticle === null) continue;
    const approval = designation.document ? ` approved by ${designation.document}` : '';
    const cite = `${article}, designation ${designation.id}${approval}`;
    for (const requirement of designation.systems as Requirement[]) {
      const before = merged.get(requirement);
      merged.set(requirement, before ? `${before}; ${cite}` : cite);
    }
  }
  const order = (r: Requirement) => REQUIREMENT_ORDER.get(r) ?? 99;
  const sources = [...merged].map(([requirement, cite]) => ({ requirement, article: cite }));
  return { sources: sources.sort((a, b) => order(a.requirement) - order(b.requirement)), pending };
}

/** Evaluates one unit: what its category and approved designations require, against its systems. */
export function evaluateUnit(
  rules: CompiledRules,
  unit: { category: string },
  systems: readonly SystemFacts[],
  designations: readonly DesignationFacts[] = [],
): UnitEvaluation {
  const { sources, pending } = unitSources(rules, unit.category, designations);
  if (sources.length === 0) return { status: 'met', obligations: [], pendingDesignations: pending };
  const obligations = sources.map((source) => judge(source, systems));
  return { status: overallStatus(obligations), obligations, pendingDesignations: pending };
}

/** Evaluates one vehicle (Art. 8 para. 2): a tracking and positioning system fitted or not. */
export function evaluateVehicle(
  rules: CompiledRules,
  vehicle: { kind: string; tracking: boolean },
): { status: ObligationStatus; obligations: Obligation[] } {
  const obligations = (rules.vehicle.get(vehicle.kind) ?? []).map((source): Obligation => ({
    requirement: source.requirement,
    status: vehicle.tracking ? 'met' : 'missing',
    reason: vehicle.tracking
      ? `${LABELS[source.requirement]} fitted (${source.article})`
      : `no ${LABELS[source.requirement]} fitted (${source.article})`,
  }));
  return { status: overallStatus(obligations), obligations };
}
