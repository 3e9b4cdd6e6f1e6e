import fs from 'node:fs';

import type { HostPort } from '../../server/host-port.ts';
import { randomReport } from './event-mix.ts';
import { SimulatedPanel, type AckRecord } from './simulated-panel.ts';

export interface FleetOptions {
  target: HostPort;
  /** Account numbers, one panel each. */
  accounts: string[];
  /** Event messages per second across the whole fleet (link tests come on top). */
  rate: number;
  transport: 'tcp' | 'udp';
  key?: Buffer;
  linkTestS: number;
  ackTimeoutMs: number;
  /** Delay before an alarm's restore is reported. */
  restoreAfterMs: number;
  /** Append one JSON line per acknowledged message. */
  ackLog?: string;
}

/**
 * A fleet of simulated panels and the scheduler that hands them events at a steady rate.
 * Even-numbered panels speak Contact ID (ADM-CID), odd ones SIA DC-03 (SIA-DCS).
 */
export class PanelFleet {
  readonly panels: SimulatedPanel[];
  private timer?: NodeJS.Timeout;
  private readonly pendingTimers = new Set<NodeJS.Timeout>();
  private ackStream?: fs.WriteStream;
  private next = 0;
  private credit = 0;
  readonly acks: AckRecord[] = [];
  keepAcks = false;

  constructor(private readonly options: FleetOptions) {
    if (options.ackLog) this.ackStream = fs.createWriteStream(options.ackLog, { flags: 'a' });
    this.panels = options.accounts.map(
      (account) =>
        new SimulatedPanel({
          account,
          target: options.target,
          transport: options.transport,
          key: options.key,
          linkTestS: options.linkTestS,
          ackTimeoutMs: options.ackTimeoutMs,
          onAck: (ack) => this.acked(ack),
        }),
    );
  }

  start(): void {
    for (const panel of this.panels) panel.start();
    const tickMs = 10;
    let last = Date.now();
    this.timer = setInterval(() => {
      const now = Date.now();
      this.credit += ((now - last) / 1000) * this.options.rate;
      last = now;
      while (this.credit >= 1) {
        this.credit--;
        this.emitOne();
      }
    }, tickMs);
  }

  /** Stops handing out new events; panels still finish (and retransmit) what they hold. */
  pause(): void {
    clearInterval(this.timer);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    for (const timer of this.pendingTimers) clearTimeout(timer);
    for (const panel of this.panels) panel.stop();
    await new Promise<void>((resolve) => (this.ackStream ? this.ackStream.end(resolve) : resolve()));
  }

  /** Totals over every panel. */
  totals() {
    const sum = { sent: 0, acked: 0, retransmits: 0, naks: 0, duhs: 0, reconnects: 0, backlog: 0 };
    for (const panel of this.panels) {
      for (const key of Object.keys(panel.counts) as (keyof typeof panel.counts)[]) sum[key] += panel.counts[key];
      sum.backlog += panel.backlog;
    }
    return sum;
  }

  private emitOne(): void {
    const index = this.next++ % this.panels.length;
    const panel = this.panels[index];
    const { report, restore } = randomReport(index % 2 === 0);
    panel.report(report.token, report.data);
    if (!restore) return;
    const timer = setTimeout(() => {
      this.pendingTimers.delete(timer);
      panel.report(restore.token, restore.data);
    }, this.options.restoreAfterMs);
    this.pendingTimers.add(timer);
  }

  private acked(ack: AckRecord): void {
    if (this.keepAcks) this.acks.push(ack);
    this.ackStream?.write(JSON.stringify(ack) + '\n');
  }
}
