import dgram from 'node:dgram';

import type { Logger } from 'pino';

import { Dc09Framer, MAX_FRAME_BYTES } from '../../protocols/sia-dc09/framer.ts';
import type { Dc09Receiver, FrameSource } from './dc09-receiver.ts';

/**
 * DC-09 over UDP: one frame per datagram (a frame without CR ends with the datagram), the
 * reply goes to the address the datagram came from. Panels resend on a lost reply, so
 * duplicates are expected and counted by the intake, not here.
 */
export class Dc09UdpListener {
  private socket?: dgram.Socket;

  constructor(
    private readonly receiver: Dc09Receiver,
    private readonly log: Logger,
    private readonly options: { host: string; port: number },
  ) {}

  address() {
    return this.socket!.address();
  }

  async start(): Promise<void> {
    const type = this.options.host.includes(':') ? 'udp6' : 'udp4';
    const socket = dgram.createSocket({ type, reuseAddr: false });
    this.socket = socket;
    socket.on('message', (datagram, rinfo) => this.receive(datagram, rinfo));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.options.port, this.options.host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('error', (error) => this.log.error({ err: error }, 'dc09 udp socket error'));
    this.log.info({ address: this.address() }, 'dc09 udp listening');
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.socket ? this.socket.close(() => resolve()) : resolve()));
  }

  /** Replies to the sender; a source the reply cannot go to (port 0, spoofed) gets none. */
  private reply(frame: Buffer, rinfo: dgram.RemoteInfo): void {
    if (!this.socket || rinfo.port <= 0 || rinfo.port > 65535) return;
    try {
      this.socket.send(frame, rinfo.port, rinfo.address, (error) => {
        if (error) this.log.debug({ err: error.message, remote: rinfo.address }, 'dc09 udp reply not sent');
      });
    } catch (error) {
      this.log.debug({ err: (error as Error).message, remote: rinfo.address }, 'dc09 udp reply not sent');
    }
  }

  private receive(datagram: Buffer, rinfo: dgram.RemoteInfo): void {
    this.receiver.stats.datagrams++;
    const source: FrameSource = { transport: 'udp', remote: `${rinfo.address}:${rinfo.port}` };
    if (datagram.length > MAX_FRAME_BYTES) {
      this.receiver.discarded({ reason: 'oversized', bytes: datagram.subarray(0, 64) }, source);
      return;
    }
    const framer = new Dc09Framer();
    for (const output of [...framer.push(datagram), ...framer.finish()]) {
      if ('discard' in output) {
        this.receiver.discarded(output.discard, source);
        continue;
      }
      this.receiver
        .handle(output.frame, source)
        .then(({ reply }) => reply && this.reply(reply, rinfo))
        .catch((error) => this.log.error({ err: error, remote: source.remote }, 'dc09 datagram handling failed'));
    }
  }
}
