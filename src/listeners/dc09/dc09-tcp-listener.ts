import fs from 'node:fs';
import net from 'node:net';

import type { Logger } from 'pino';

import { Dc09Framer } from '../../protocols/sia-dc09/framer.ts';
import type { Dc09Receiver, FrameSource } from './dc09-receiver.ts';
import { LogThrottle } from './log-throttle.ts';

export interface TcpListenerOptions {
  host: string;
  port: number;
  /** Close a connection this long after its last reply; undefined keeps it open (default). */
  closeDelayMs?: number;
  /** Close a connection that sends nothing for this long. Panels reconnect to poll. */
  idleTimeoutMs?: number;
  /** Close a connection that leaves a frame half-sent for this long (slow senders). */
  partialFrameTimeoutMs?: number;
  /** Stop reading a connection while this many of its frames await their replies. */
  maxPendingPerConnection?: number;
  /** Close a connection after this many discards without one good frame (garbage floods). */
  maxDiscardsWithoutFrame?: number;
  /** Close a connection that has not sent one good frame this long after connecting. */
  firstFrameTimeoutMs?: number;
  /** Connections at once; by default what the process's file limit leaves room for. */
  maxConnections?: number;
  /** Connections at once from one address (a panel needs one; a carrier NAT may hold many). */
  maxConnectionsPerAddress?: number;
}

type ResolvedOptions = Required<Omit<TcpListenerOptions, 'closeDelayMs'>> & { closeDelayMs?: number };

const DEFAULTS = {
  idleTimeoutMs: 15 * 60_000,
  partialFrameTimeoutMs: 10_000,
  maxPendingPerConnection: 64,
  maxDiscardsWithoutFrame: 16,
  firstFrameTimeoutMs: 60_000,
  maxConnections: connectionBudget(),
  maxConnectionsPerAddress: 1000,
};

/**
 * Connections the DC-09 port may hold: the process's open-file limit less room for the HTTP
 * API, the database and logs, so that a connection flood cannot starve the rest of Vigil.
 */
export function connectionBudget(): number {
  try {
    const limits = fs.readFileSync('/proc/self/limits', 'utf8');
    const soft = Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1]);
    if (Number.isFinite(soft) && soft > 0) return Math.max(64, Math.min(50_000, soft - 1024));
  } catch {
    // not Linux: fall through
  }
  return 4000;
}

/**
 * DC-09 over TCP. Many frames may share a connection, a segment may carry several frames or
 * part of one; replies go out in the order the frames came in. Each connection holds a framer
 * and a reply chain, nothing more.
 */
export class Dc09TcpListener {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly perAddress = new Map<string, number>();
  private readonly closeLog: LogThrottle;
  private readonly options: ResolvedOptions;

  constructor(
    private readonly receiver: Dc09Receiver,
    private readonly log: Logger,
    options: TcpListenerOptions,
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.closeLog = new LogThrottle(log);
  }

  /** The bound address (useful when the port was 0). */
  address(): net.AddressInfo {
    return this.server!.address() as net.AddressInfo;
  }

  async start(): Promise<void> {
    const server = net.createServer({ noDelay: true }, (socket) => this.accept(socket));
    server.maxConnections = this.options.maxConnections;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => this.log.error({ err: error }, 'dc09 tcp server error'));
    this.log.info({ address: this.address() }, 'dc09 tcp listening');
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(socket: net.Socket): void {
    const stats = this.receiver.stats;
    const address = socket.remoteAddress ?? '?';
    const fromHere = (this.perAddress.get(address) ?? 0) + 1;
    if (fromHere > this.options.maxConnectionsPerAddress) {
      stats.closed('too-many-from-address');
      socket.destroy();
      return;
    }
    this.perAddress.set(address, fromHere);
    stats.connectionsOpen++;
    stats.connectionsTotal++;
    this.sockets.add(socket);
    const source: FrameSource = { transport: 'tcp', remote: `${socket.remoteAddress}:${socket.remotePort}` };
    const connection = new Connection(socket, source, this.receiver, this.options, this.closeLog);
    socket.on('data', (chunk) => connection.receive(chunk));
    socket.on('error', (error) => this.log.debug({ remote: source.remote, err: error.message }, 'dc09 socket error'));
    socket.on('close', () => {
      stats.connectionsOpen--;
      this.sockets.delete(socket);
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
      connection.dispose();
    });
  }
}

/** One panel connection: framing, in-order replies, timers, back-pressure. */
class Connection {
  private readonly framer = new Dc09Framer();
  private replies: Promise<void> = Promise.resolve();
  private pending = 0;
  private discardsWithoutFrame = 0;
  private partialTimer?: NodeJS.Timeout;
  private closeTimer?: NodeJS.Timeout;
  private firstFrameTimer?: NodeJS.Timeout;

  constructor(
    private readonly socket: net.Socket,
    private readonly source: FrameSource,
    private readonly receiver: Dc09Receiver,
    private readonly options: ResolvedOptions,
    private readonly log: LogThrottle,
  ) {
    socket.setTimeout(options.idleTimeoutMs, () => this.close('idle'));
    // A connection that never sends a frame only holds a file descriptor: let it go early.
    this.firstFrameTimer = setTimeout(() => this.close('no-frame'), options.firstFrameTimeoutMs);
  }

  receive(chunk: Buffer): void {
    clearTimeout(this.closeTimer);
    let completed = false;
    for (const output of this.framer.push(chunk)) {
      if ('discard' in output) {
        this.receiver.discarded(output.discard, this.source);
        if (++this.discardsWithoutFrame >= this.options.maxDiscardsWithoutFrame) return this.close('garbage');
        continue;
      }
      completed = true;
      this.queueReply(this.receiver.handle(output.frame, this.source));
    }
    this.watchPartialFrame(completed);
  }

  dispose(): void {
    clearTimeout(this.partialTimer);
    clearTimeout(this.closeTimer);
    clearTimeout(this.firstFrameTimer);
  }

  private queueReply(handled: Promise<{ reply?: Buffer; accepted: boolean }>): void {
    this.pending++;
    if (this.pending >= this.options.maxPendingPerConnection) this.socket.pause();
    this.replies = this.replies.then(async () => {
      const outcome = await handled.catch((error) => {
        this.log.error({ err: error, remote: this.source.remote }, 'dc09 frame handling failed');
        return { reply: undefined, accepted: false };
      });
      this.judged(outcome.accepted);
      const frame = outcome.reply;
      this.pending--;
      if (this.socket.isPaused() && this.pending < this.options.maxPendingPerConnection / 2) this.socket.resume();
      if (frame && !this.socket.destroyed) this.socket.write(frame);
      if (this.pending === 0) this.scheduleClose();
    });
  }

  /**
   * Only an accepted frame shows the peer is a panel: refused frames (bad CRC, unknown id) count
   * with the garbage, and do not stop the first-frame clock.
   */
  private judged(accepted: boolean): void {
    if (accepted) {
      this.discardsWithoutFrame = 0;
      clearTimeout(this.firstFrameTimer);
    } else if (++this.discardsWithoutFrame >= this.options.maxDiscardsWithoutFrame) {
      this.close('garbage');
    }
  }

  /** Some panels (Ajax Hub 2) miss the ACK when the receiver hangs up at once: wait first. */
  private scheduleClose(): void {
    const delay = this.options.closeDelayMs;
    if (delay === undefined) return;
    clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(() => this.close('close-delay'), delay);
  }

  /**
   * The clock starts when a frame is begun and restarts only when a frame completes: a sender
   * trickling one byte at a time does not keep a half frame open.
   */
  private watchPartialFrame(progressed: boolean): void {
    if (this.framer.pending === 0 || progressed) {
      clearTimeout(this.partialTimer);
      this.partialTimer = undefined;
      if (this.framer.pending === 0) return;
    }
    this.partialTimer ??= setTimeout(() => this.close('partial-frame-timeout'), this.options.partialFrameTimeoutMs);
  }

  /**
   * Ends the connection: gracefully (FIN, then a destroy if the panel lingers) when it simply
   * went quiet or its close delay ran out; at once when it misbehaved.
   */
  private close(reason: string): void {
    if (this.socket.destroyed) return;
    this.receiver.stats.closed(reason);
    if (reason !== 'close-delay') this.log.info({ remote: this.source.remote, reason }, 'dc09 connection closed');
    if (reason !== 'close-delay' && reason !== 'idle') {
      this.socket.destroy();
      return;
    }
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }
}
