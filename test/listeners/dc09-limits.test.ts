/**
 * The DC-09 port's defences against connections that only hold resources: too many from one
 * address, connections that never send a frame, and senders that trickle a frame byte by byte.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';

import { encodeMessage } from '../../src/protocols/sia-dc09/encode.ts';
import { PanelConnection, startTestServer, type TestServer } from '../support/server.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function open(port: number): Promise<{ socket: net.Socket; closed: Promise<void> }> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return new Promise((resolve) => socket.once('connect', () => resolve({ socket, closed })));
}

describe('DC-09 connection limits', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer('sqlite', {
      dc09Tcp: { maxConnectionsPerAddress: 5, firstFrameTimeoutMs: 400, partialFrameTimeoutMs: 400 },
    });
  });
  after(() => server.dispose());

  it('refuses connections beyond the per-address limit and still serves the ones it holds', async () => {
    const held = await Promise.all(Array.from({ length: 5 }, () => open(server.dc09Port)));
    const extra = await open(server.dc09Port);
    await Promise.race([extra.closed, sleep(1000).then(() => assert.fail('the sixth connection stayed open'))]);
    held[0].socket.write(encodeMessage({ token: 'NULL', sequence: 1, account: '4444', data: '' }));
    const reply = await new Promise<string>((resolve) => held[0].socket.once('data', (d) => resolve(d.toString('latin1'))));
    assert.match(reply, /"ACK"0001L0#4444\[\]/);
    for (const h of held) h.socket.destroy();
  });

  it('closes a connection that never sends a frame', async () => {
    const { closed } = await open(server.dc09Port);
    const started = Date.now();
    await Promise.race([closed, sleep(3000).then(() => assert.fail('idle connection not closed'))]);
    assert.ok(Date.now() - started < 2000);
  });

  it('closes a sender that trickles half a frame, byte by byte, past the partial-frame limit', async () => {
    const { socket, closed } = await open(server.dc09Port);
    socket.write(encodeMessage({ token: 'NULL', sequence: 2, account: '4444', data: '' }));
    const frame = encodeMessage({ token: 'SIA-DCS', sequence: 3, account: '4444', data: '#4444|Nri1/BA01' });
    let sent = 0;
    const trickle = setInterval(() => socket.write(frame.subarray(sent, ++sent)), 100);
    const started = Date.now();
    await Promise.race([closed, sleep(3000).then(() => assert.fail('trickling sender not closed'))]);
    clearInterval(trickle);
    assert.ok(Date.now() - started < 1500, `closed after ${Date.now() - started} ms`);
  });

  it('keeps a busy connection whose chunks often end mid-frame', async () => {
    const panel = await PanelConnection.open(server.dc09Port);
    const frames = Buffer.concat(Array.from({ length: 12 }, (_, i) => encodeMessage({ token: 'NULL', sequence: 10 + i, account: '4444', data: '' })));
    const step = Math.floor(frames.length / 12) + 7;
    for (let at = 0; at < frames.length; at += step) {
      panel.write(frames.subarray(at, at + step));
      await sleep(100);
    }
    const replies = await panel.waitForReplies(12, 3000);
    panel.close();
    assert.equal(replies.length, 12);
  });
});
