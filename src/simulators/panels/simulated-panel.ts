import dgram from 'node:dgram';
import net from 'node:net';

import { Dc09Framer } from '../../protocols/sia-dc09/framer.ts';
import { encodeMessage, type OutgoingMessage } from '../../protocols/sia-dc09/encode.ts';
import { parseReply } from '../../protocols/sia-dc09/reply.ts';
import type { HostPort } from '../../server/host-port.ts';

export interface PanelOptions {
  account: string;
  target: HostPort;
  transport: 'tcp' | 'udp';
  key?: Buffer;
  /** Seconds between NULL link tests when otherwise quiet; 0 turns them off. */
  linkTestS: number;
  /** How long to wait for a reply before sending the same message again. */
  ackTimeoutMs: number;
  /** Called for every message the receiver acknowledged. */
  onAck?: (ack: AckRecord) => void;
  onEvent?: (what: 'retransmit' | 'nak' | 'duh' | 'reconnect') => void;
}

/** A message the receiver acknowledged, as the panel sent it. */
export interface AckRecord {
  account: string;
  sequence: string;
  token: string;
  data: string;
  sentAt: number;
  ackedAt: number;
  attempts: number;
}

interface InFlight {
  message: OutgoingMessage;
  sentAt: number;
  attempts: number;
  timer?: NodeJS.Timeout;
}

/**
 * One alarm panel, as real ones behave: one message at a time, the next only after the ACK;
 * no reply within the timeout means the same message again (same sequence and content,
 * a fresh pad when encrypted); a NAK carrying the receiver's time resets the panel clock; the
 * TCP connection is re-opened whenever it drops.
 */
export class SimulatedPanel {
  private readonly queue: Omit<OutgoingMessage, 'sequence' | 'account' | 'key' | 'timestamp'>[] = [];
  private inFlight?: InFlight;
  private sequence = 0;
  private clockOffsetMs = 0;
  private socket?: net.Socket;
  private udp?: dgram.Socket;
  private framer = new Dc09Framer();
  private linkTimer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private stopped = false;
  readonly counts = { sent: 0, acked: 0, retransmits: 0, naks: 0, duhs: 0, reconnects: 0 };

  constructor(private readonly options: PanelOptions) {}

  start(): void {
    this.connect();
    this.scheduleLinkTest();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.linkTimer);
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.inFlight?.timer);
    this.socket?.destroy();
    this.udp?.close();
  }

  /** Messages waiting, including the one in flight. */
  get backlog(): number {
    return this.queue.length + (this.inFlight ? 1 : 0);
  }

  /** Queues an event message (`SIA-DCS` data block or `ADM-CID` body). */
  report(token: 'SIA-DCS' | 'ADM-CID', data: string): void {
    this.queue.push({ token, data: `#${this.options.account}|${data}` });
    this.sendNext();
  }

  private connect(): void {
    if (this.stopped) return;
    if (this.options.transport === 'udp') {
      this.udp = dgram.createSocket('udp4');
      this.udp.on('message', (datagram) => this.receive(datagram));
      this.udp.on('error', () => undefined);
      return this.sendNext();
    }
    const socket = net.connect(this.options.target.port, this.options.target.host);
    socket.setNoDelay(true);
    this.socket = socket;
    this.framer = new Dc09Framer();
    socket.on('connect', () => this.resend());
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.socket !== socket || this.stopped) return;
      this.socket = undefined;
      this.counts.reconnects++;
      this.options.onEvent?.('reconnect');
      this.reconnectTimer = setTimeout(() => this.connect(), 200 + Math.random() * 300);
    });
  }

  private connected(): boolean {
    return this.options.transport === 'udp' ? !!this.udp : !!this.socket && !this.socket.connecting && !this.socket.destroyed;
  }

  private sendNext(): void {
    if (this.inFlight || this.queue.length === 0 || !this.connected()) return;
    const next = this.queue.shift()!;
    this.sequence = (this.sequence % 9999) + 1;
    const message: OutgoingMessage = {
      ...next,
      sequence: this.sequence,
      account: this.options.account,
      key: this.options.key,
      timestamp: Date.now() + this.clockOffsetMs,
    };
    this.inFlight = { message, sentAt: 0, attempts: 0 };
    this.transmit();
  }

  /** Sends the in-flight message (again) and arms the reply timeout. */
  private transmit(): void {
    const flight = this.inFlight!;
    clearTimeout(flight.timer);
    if (!this.connected()) return;
    flight.attempts++;
    flight.sentAt = Date.now();
    const frame = encodeMessage(flight.message);
    if (this.options.transport === 'udp') this.udp!.send(frame, this.options.target.port, this.options.target.host);
    else this.socket!.write(frame);
    this.counts.sent++;
    flight.timer = setTimeout(() => {
      this.counts.retransmits++;
      this.options.onEvent?.('retransmit');
      this.transmit();
    }, this.options.ackTimeoutMs);
  }

  private resend(): void {
    if (this.inFlight) this.transmit();
    else this.sendNext();
  }

  private receive(chunk: Buffer): void {
    const outputs = this.options.transport === 'udp' ? [...this.framer.push(chunk), ...this.framer.finish()] : this.framer.push(chunk);
    for (const output of outputs) {
      if (!('frame' in output)) continue;
      try {
        this.reply(output.frame.body.toString('latin1'));
      } catch {
        // A reply we cannot read counts as no reply: the timeout will resend.
      }
    }
  }

  private reply(body: string): void {
    const flight = this.inFlight;
    if (!flight) return;
    const reply = parseReply(body);
    if (reply.token === 'NAK') return this.nak(reply.timestamp);
    if (Number(reply.sequence) !== flight.message.sequence) return;
    clearTimeout(flight.timer);
    this.inFlight = undefined;
    if (reply.token === 'DUH') {
      this.counts.duhs++;
      this.options.onEvent?.('duh');
    } else {
      this.counts.acked++;
      this.options.onAck?.({
        account: this.options.account,
        sequence: String(flight.message.sequence).padStart(4, '0'),
        token: flight.message.token,
        data: flight.message.data,
        sentAt: flight.sentAt,
        ackedAt: Date.now(),
        attempts: flight.attempts,
      });
    }
    this.scheduleLinkTest();
    this.sendNext();
  }

  /** A NAK carries the receiver's clock: correct ours and send the message with a new time. */
  private nak(receiverTime: number | undefined): void {
    this.counts.naks++;
    this.options.onEvent?.('nak');
    if (receiverTime !== undefined) this.clockOffsetMs = receiverTime - Date.now();
    const flight = this.inFlight!;
    flight.message = { ...flight.message, timestamp: Date.now() + this.clockOffsetMs };
    setTimeout(() => this.transmit(), 100);
  }

  private scheduleLinkTest(): void {
    clearTimeout(this.linkTimer);
    if (this.stopped || this.options.linkTestS <= 0) return;
    this.linkTimer = setTimeout(() => {
      if (this.backlog === 0) this.queue.push({ token: 'NULL', data: '' });
      this.sendNext();
      this.scheduleLinkTest();
    }, this.options.linkTestS * 1000);
    this.linkTimer.unref();
  }
}
