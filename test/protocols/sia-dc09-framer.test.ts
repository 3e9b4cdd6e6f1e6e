/** Framing a DC-09 byte stream the way real panels send it, and building the replies. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { decrypt, decryptedContent, keyBytes } from '../../src/protocols/sia-dc09/encryption.ts';
import { encodeMessage } from '../../src/protocols/sia-dc09/encode.ts';
import { Dc09Framer, MAX_FRAME_BYTES, type FramerOutput } from '../../src/protocols/sia-dc09/framer.ts';
import { judgeFrame } from '../../src/protocols/sia-dc09/judge.ts';
import { parseMessage } from '../../src/protocols/sia-dc09/message.ts';
import { buildAck, buildDuh, parseReply } from '../../src/protocols/sia-dc09/reply.ts';

const bodies = (out: FramerOutput[]) =>
  out.flatMap((o) => ('frame' in o ? [o.frame.body.toString('latin1')] : []));
const discards = (out: FramerOutput[]) => out.flatMap((o) => ('discard' in o ? [o.discard.reason] : []));

const frame = (seq: number, account = '1234') =>
  encodeMessage({ token: 'SIA-DCS', sequence: seq, account, data: `#${account}|Nri1/BA0${seq % 10}` });

describe('Dc09Framer', () => {
  it('splits several frames arriving in one segment', () => {
    const out = new Dc09Framer().push(Buffer.concat([frame(1), frame(2), frame(3)]));
    assert.equal(bodies(out).length, 3);
  });

  it('joins a frame split across segments, byte by byte', () => {
    const framer = new Dc09Framer();
    const bytes = Buffer.concat([frame(1), frame(2)]);
    const out: FramerOutput[] = [];
    for (const b of bytes) out.push(...framer.push(Buffer.from([b])));
    assert.deepEqual(bodies(out), bodies(new Dc09Framer().push(bytes)));
    assert.equal(framer.pending, 0);
  });

  it('splits Ajax frames that share a segment without CR between them (pysiaalarm PR #90)', () => {
    const first = frame(1);
    const bytes = Buffer.concat([first.subarray(0, first.length - 1), frame(2)]);
    const out = new Dc09Framer().push(bytes);
    assert.equal(bodies(out).length, 2);
    assert.ok('frame' in out[0] && out[0].frame.quirks.includes('missing-cr'));
  });

  it('eats the NULs Lupusec sends after CR', () => {
    const out = new Dc09Framer().push(Buffer.concat([frame(1), Buffer.from([0, 0]), frame(2)]));
    assert.equal(bodies(out).length, 2);
    assert.ok('frame' in out[0] && out[0].frame.quirks.includes('trailing-nul'));
    assert.deepEqual(discards(out), []);
  });

  it('drops garbage before a frame and still reads the frame', () => {
    const out = new Dc09Framer().push(Buffer.concat([Buffer.from('GET / HTTP/1.1\r\n'), frame(7)]));
    assert.deepEqual(discards(out), ['garbage', 'bad-header']);
    assert.equal(bodies(out).length, 1);
  });

  it('gives up on a frame that never ends and recovers on the next', () => {
    const framer = new Dc09Framer();
    const junk = Buffer.concat([Buffer.from('\n00000010"SIA-DCS"'), Buffer.alloc(MAX_FRAME_BYTES, 0x41)]);
    const out = [...framer.push(junk), ...framer.push(frame(3))];
    assert.ok(discards(out).includes('oversized'));
    assert.equal(bodies(out).length, 1);
    assert.ok(framer.pending < MAX_FRAME_BYTES);
  });

  it('ends a datagram frame without CR at the end of the datagram', () => {
    const f = frame(5);
    const framer = new Dc09Framer();
    const out = [...framer.push(f.subarray(0, f.length - 1)), ...framer.finish()];
    assert.equal(bodies(out).length, 1);
  });
});

describe('replies', () => {
  it('ACK echoes sequence, receiver, line and account exactly (Pyronix, HA #180511)', () => {
    const { header } = parseMessage('"SIA-DCS"0042R12L0#1409[#1409|Nri1/BA01]');
    assert.equal(buildAck(header, Date.now()).toString('latin1').slice(9, -1), '"ACK"0042R12L0#1409[]');
  });

  it('ACK keeps a bare L as the panel sent it', () => {
    const { header } = parseMessage('"NULL"0001L#1234567890[]');
    assert.match(buildAck(header, Date.now()).toString('latin1'), /"ACK"0001L#1234567890\[\]\r$/);
  });

  it('*ACK of an encrypted message carries a padded, encrypted receiver timestamp', () => {
    const key = keyBytes('00112233445566778899AABBCCDDEEFF', 'hex');
    const now = Date.UTC(2026, 11, 4, 12, 0, 0);
    const sent = encodeMessage({ token: 'SIA-DCS', sequence: 9, account: '1234', data: '#1234|Nri1/BA01', timestamp: now, key });
    const framed = new Dc09Framer().push(sent)[0];
    assert.ok('frame' in framed);
    const verdict = judgeFrame(framed.frame, () => ({ key, strict: false, windowPastS: 40, windowFutureS: 20 }), now);
    assert.ok(verdict.action === 'accept');
    const ack = buildAck(verdict.message.header, now, key);
    const body = ack.toString('latin1').slice(9, -1);
    assert.ok(body.startsWith('"*ACK"0009L0#1234['));
    const plain = decrypt(body.slice(body.indexOf('[') + 1), key);
    assert.equal(plain.length % 16, 0);
    const pad = plain.subarray(0, plain.indexOf(0x7c));
    assert.ok(pad.length >= 1 && pad.length <= 16);
    assert.ok(![...pad].some((b) => b === 0x7c || b === 0x5b || b === 0x5d));
    assert.equal(decryptedContent(plain).timestampText, '_12:00:00,12-04-2026');
    assert.equal(parseReply(body).token, 'ACK');
  });

  it('DUH echoes the header', () => {
    const { header } = parseMessage('"ADM-CID"0003L0#ABCD[]');
    assert.equal(parseReply(buildDuh(header).toString('latin1').slice(9, -1)).token, 'DUH');
  });
});
