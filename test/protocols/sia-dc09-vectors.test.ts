/**
 * Every DC-09 frame in test/vectors/alarm (captured from real panels or taken from the bug
 * reports named in SOURCES.md) is judged here with the outcome its vector expects.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';

import { crc16, crcHex } from '../../src/protocols/sia-dc09/crc16.ts';
import { keyBytes, type KeyForm } from '../../src/protocols/sia-dc09/encryption.ts';
import { Dc09Framer, type RawFrame } from '../../src/protocols/sia-dc09/framer.ts';
import { judgeFrame, type AccountPolicy, type Verdict } from '../../src/protocols/sia-dc09/judge.ts';
import { decodePayload } from '../../src/protocols/sia-dc09/payload.ts';
import { buildNak } from '../../src/protocols/sia-dc09/reply.ts';

const dir = new URL('../vectors/alarm/', import.meta.url);
const jsonl = (name: string) =>
  fs.readFileSync(new URL(name, dir), 'utf8').trim().split('\n').map((line) => JSON.parse(line));

/** Frames one vector (stored without LF/CR) the way it arrives on the wire. */
function frameOf(text: string): RawFrame {
  const out = new Dc09Framer().push(Buffer.from(`\n${text}\r`, 'latin1'));
  assert.equal(out.length, 1, `one frame expected, got ${JSON.stringify(out)}`);
  assert.ok('frame' in out[0]);
  return out[0].frame;
}

const lenient = (key?: Buffer): AccountPolicy => ({ key, strict: false, windowPastS: 1e12, windowFutureS: 1e12 });

function accepted(verdict: Verdict) {
  assert.equal(verdict.action, 'accept', `expected accept, got ${JSON.stringify(verdict)}`);
  return (verdict as Extract<Verdict, { action: 'accept' }>).message;
}

describe('CRC-16/ARC', () => {
  const check = JSON.parse(fs.readFileSync(new URL('crc16_check.json', dir), 'utf8'));

  it('has the check value of the standard', () => {
    assert.equal(crcHex(crc16(Buffer.from(check.check_input_ascii))), check.check_value_hex);
  });

  it('reproduces the NAK an ioBroker receiver logged (CRC 3C3B)', () => {
    const nak = buildNak(Date.UTC(2019, 4, 7, 15, 39, 35));
    assert.equal(nak.toString('latin1'), '\n3C3B0025"NAK"0000R0L0A0[]_15:39:35,05-07-2019\r');
  });
});

describe('dc09_frames.jsonl', () => {
  for (const vector of jsonl('dc09_frames.jsonl')) {
    it(`${vector.id}: ${vector.expect}`, () => {
      const verdict = judgeFrame(frameOf(vector.frame), () => undefined, Date.now());
      if (!vector.crc_ok && !vector.crc_ok_if_cr_included) {
        assert.equal(verdict.action, 'nak');
        assert.match((verdict as { reason: string }).reason, /^SIA DC-09: CRC mismatch/);
        return;
      }
      const message = accepted(verdict);
      if (vector.crc_ok_if_cr_included && !vector.crc_ok) assert.ok(message.quirks.includes('crc-includes-cr'));
      if (!vector.len_ok) {
        assert.ok(
          message.quirks.includes('wrong-length') || message.quirks.includes('decimal-length'),
          `length quirk expected in ${message.quirks}`,
        );
      } else {
        assert.ok(!message.quirks.includes('wrong-length'));
      }
    });
  }

  const byId = new Map(jsonl('dc09_frames.jsonl').map((v) => [v.id, v.frame as string]));
  const decode = (id: string) => {
    const message = accepted(judgeFrame(frameOf(byId.get(id)!), () => undefined, Date.now()));
    return { message, events: decodePayload(message.header.token, message.content.data).events };
  };

  it('reads the closing of issue #11 with its padded text', () => {
    const { events } = decode('issue11-closing-text-restored');
    assert.equal(events.length, 1);
    assert.deepEqual(
      { code: events[0].code, partition: events[0].partition, user: events[0].user, text: events[0].text },
      { code: 'CL', partition: '1', user: '0', text: 'VX FRONTE' },
    );
  });

  it('reads the ELDES ADM-CID closing with a decimal length: user 057, partition 01', () => {
    const { message, events } = decode('eldes-admcid-declen');
    assert.deepEqual(message.quirks, ['decimal-length']);
    assert.equal(events[0].code, 'R401');
    assert.equal(events[0].kind, 'close');
    assert.equal(events[0].user, '057');
    assert.equal(events[0].partition, '01');
  });

  it('takes the NULL with an ADM-CID body for a link test, not an event', () => {
    const { message, events } = decode('pysia-null-admbody');
    assert.equal(message.account, '7890');
    assert.deepEqual(events.map((e) => e.kind), ['link-test']);
  });

  it('accepts the Lupusec empty line prefix and counts it', () => {
    const { message } = decode('lupusec-null-emptyL');
    assert.equal(message.header.line, '');
    assert.equal(message.account, '1234567890');
    assert.deepEqual(message.quirks, ['empty-line-prefix']);
  });

  it('reads the extended data blocks (MAC, longitude, latitude)', () => {
    assert.deepEqual(decode('pysia-xdata-M-badlen').message.content.xdata, ['M0026B9E4268B']);
    assert.deepEqual(decode('pysia-xdata-XY-badlen').message.content.xdata, ['X006E07.7777777', 'Y49N06.6666666']);
  });

  it('takes the account from the data block when the header has none', () => {
    const { message } = decode('pysia-cl-badlen');
    assert.equal(message.account, 'AAA');
  });

  it('refuses a strict account its quirks', () => {
    const strict: AccountPolicy = { strict: true, windowPastS: 1e12, windowFutureS: 1e12 };
    const verdict = judgeFrame(frameOf(byId.get('eldes-admcid-declen')!), () => strict, Date.now());
    assert.equal(verdict.action, 'nak');
    assert.match((verdict as { reason: string }).reason, /strict account 1A2B/);
  });
});

describe('dc09_binary_crc.jsonl', () => {
  for (const vector of jsonl('dc09_binary_crc.jsonl')) {
    it(`${vector.id}: a 2-byte binary CRC is accepted as a quirk`, () => {
      const out = new Dc09Framer().push(Buffer.from(vector.hex, 'hex'));
      assert.ok('frame' in out[0]);
      assert.equal(out[0].frame.body.toString('latin1'), vector.body);
      const message = accepted(judgeFrame(out[0].frame, () => undefined, Date.now()));
      assert.deepEqual(message.quirks, ['binary-crc']);
      assert.equal(message.account, '5678');
      assert.equal(message.header.token, 'NULL');
    });
  }
});

describe('dc09_encrypted.jsonl', () => {
  for (const vector of jsonl('dc09_encrypted.jsonl')) {
    const key = vector.key ? keyBytes(vector.key, vector.key_form as KeyForm) : undefined;
    it(`${vector.id}: ${key ? 'decrypts with its key' : 'no key: DUH, never ACK'}`, () => {
      const verdict = judgeFrame(frameOf(vector.frame), () => (key ? lenient(key) : undefined), Date.now());
      if (!key) {
        assert.equal(verdict.action, 'duh');
        return;
      }
      const message = accepted(verdict);
      const plain = vector.plaintext_escaped as string;
      const afterPad = plain.includes('|') ? plain.slice(plain.indexOf('|') + 1) : plain.slice(plain.indexOf(']'));
      const [data] = afterPad.split(']');
      assert.equal(message.content.data, data);
      assert.equal(message.content.timestampText, afterPad.slice(afterPad.lastIndexOf('_')));
    });
  }

  it('NAKs an encrypted message whose timestamp is outside the window', () => {
    const vector = jsonl('dc09_encrypted.jsonl').find((v) => v.id === 'constructed-siadcs-hex-key');
    const key = keyBytes(vector.key, 'hex');
    const policy: AccountPolicy = { key, strict: false, windowPastS: 40, windowFutureS: 20 };
    const verdict = judgeFrame(frameOf(vector.frame), () => policy, Date.UTC(2024, 0, 1, 12, 1, 0));
    assert.equal(verdict.action, 'nak');
    assert.match((verdict as { reason: string }).reason, /timestamp -60 s off/);
    const inside = judgeFrame(frameOf(vector.frame), () => policy, Date.UTC(2024, 0, 1, 12, 0, 30));
    assert.equal(inside.action, 'accept');
  });

  it('answers a key in the wrong form with DUH (cannot decrypt), not ACK', () => {
    const vector = jsonl('dc09_encrypted.jsonl').find((v) => v.id === 'constructed-siadcs-hex-key');
    const wrong = keyBytes('BBBBBBBBBBBBBBBB', 'ascii');
    const verdict = judgeFrame(frameOf(vector.frame), () => lenient(wrong), Date.now());
    assert.equal(verdict.action, 'duh');
  });
});
