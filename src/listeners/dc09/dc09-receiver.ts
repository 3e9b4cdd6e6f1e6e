import type { Logger } from 'pino';

import type { Discard, RawFrame } from '../../protocols/sia-dc09/framer.ts';
import { judgeFrame, type Verdict } from '../../protocols/sia-dc09/judge.ts';
import { buildAck, buildDuh, buildNak } from '../../protocols/sia-dc09/reply.ts';
import type { AccountDirectory } from '../../services/intake/account-directory.ts';
import type { AlarmIntake } from '../../services/intake/alarm-intake.ts';
import { LogThrottle } from './log-throttle.ts';
import type { RejectLog } from './reject-log.ts';
import { ReceiverStats } from './receiver-stats.ts';

/**
 * Events waiting for a commit beyond which new frames get no reply (the panels retransmit
 * later): the database cannot keep up, and queueing more would only eat memory.
 */
export const MAX_WAITING_EVENTS = 50_000;

/** Where a frame came from. */
export interface FrameSource {
  transport: 'tcp' | 'udp';
  remote: string;
}

/**
 * Decides the reply to each frame, shared by the TCP and UDP listeners. An accepted message is
 * committed by the intake before its ACK is built; if the commit fails nothing is sent, and the
 * panel retransmits.
 */
export class Dc09Receiver {
  readonly stats = new ReceiverStats();
  private readonly warnings: LogThrottle;

  constructor(
    private readonly accounts: AccountDirectory,
    private readonly intake: AlarmIntake,
    private readonly rejects: RejectLog,
    private readonly log: Logger,
  ) {
    this.warnings = new LogThrottle(log);
  }

  /**
   * The reply frame for `frame` (none when nothing must be sent), and whether the frame was
   * accepted: only accepted frames prove a connection is a panel.
   */
  async handle(frame: RawFrame, source: FrameSource): Promise<{ reply?: Buffer; accepted: boolean }> {
    this.stats.framesIn++;
    const receivedAt = Date.now();
    const verdict = judgeFrame(frame, this.accounts.policyFor, receivedAt);
    if (verdict.action !== 'accept') return { reply: this.refuse(verdict, frame, source, receivedAt), accepted: false };

    const { message } = verdict;
    if (this.intake.waiting > MAX_WAITING_EVENTS) {
      this.stats.overloads++;
      this.warnings.warn({ remote: source.remote, waiting: this.intake.waiting }, 'dc09 overloaded, frame left unanswered');
      return { accepted: true };
    }
    try {
      const result = await this.intake.receive({ message, bytes: frame.bytes, receivedAt, ...source });
      if (result.duplicate) this.stats.duplicates++;
    } catch (error) {
      this.stats.storeFailures++;
      this.warnings.error({ err: error, account: message.account, seq: message.header.sequence }, 'dc09 message not stored, no ACK sent');
      return { accepted: true };
    }
    this.stats.acks++;
    if (this.log.isLevelEnabled('debug')) {
      this.log.debug({ account: message.account, seq: message.header.sequence, remote: source.remote }, 'dc09 ack');
    }
    return { reply: buildAck(message.header, Date.now(), this.accounts.policyFor(message.account)?.key), accepted: true };
  }

  /** Bytes the framer dropped. */
  discarded(discard: Discard, source: FrameSource): void {
    this.stats.discard(discard.reason);
    this.rejects.add({ receivedAt: Date.now(), account: null, reason: `framing: ${discard.reason}`, bytes: discard.bytes, ...source });
    this.warnings.warn({ remote: source.remote, reason: discard.reason, bytes: discard.bytes.length }, 'dc09 bytes discarded');
  }

  private refuse(
    verdict: Exclude<Verdict, { action: 'accept' }>,
    frame: RawFrame,
    source: FrameSource,
    receivedAt: number,
  ): Buffer {
    const account = verdict.account ?? verdict.header?.account ?? null;
    this.rejects.add({ receivedAt, account, reason: verdict.reason, bytes: frame.bytes, ...source });
    this.warnings.warn({ remote: source.remote, account, reply: verdict.action }, verdict.reason);
    if (verdict.action === 'duh') {
      this.stats.duhs++;
      return buildDuh(verdict.header);
    }
    this.stats.naks++;
    return buildNak(receivedAt);
  }
}
