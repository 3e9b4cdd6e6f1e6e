import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  computeContactIdChecksum,
  contactIdDigitValue,
  verifyContactIdChecksum,
} from '../../src/protocols/contact-id/index.ts';

// The four complete messages of test/vectors/alarm/contactid.jsonl (spandsp fields, check
// digit computed with the DTMF weights 0=10, *=11, #=12, A=13, B=14, C=15).
const VECTORS = ['1234181131010158', '1234183131010156', '1234181401020035', '123418340103005C'];

describe('Contact ID checksum', () => {
  it('gives each DTMF digit its DC-05 value', () => {
    assert.equal(contactIdDigitValue('0'), 10);
    assert.equal(contactIdDigitValue('1'), 1);
    assert.equal(contactIdDigitValue('9'), 9);
    assert.equal(contactIdDigitValue('*'), 11);
    assert.equal(contactIdDigitValue('#'), 12);
    assert.equal(contactIdDigitValue('A'), 13);
    assert.equal(contactIdDigitValue('B'), 14);
    assert.equal(contactIdDigitValue('C'), 15);
    assert.equal(contactIdDigitValue('D'), undefined);
    assert.equal(contactIdDigitValue('x'), undefined);
    assert.equal(contactIdDigitValue('b'), undefined);
    assert.equal(contactIdDigitValue('12'), undefined);
  });

  it('gives each hex digit its DC-05 value in the hex alphabet', () => {
    assert.equal(contactIdDigitValue('0', 'hex'), 10);
    assert.equal(contactIdDigitValue('B', 'hex'), 11);
    assert.equal(contactIdDigitValue('C', 'hex'), 12);
    assert.equal(contactIdDigitValue('D', 'hex'), 13);
    assert.equal(contactIdDigitValue('E', 'hex'), 14);
    assert.equal(contactIdDigitValue('F', 'hex'), 15);
    assert.equal(contactIdDigitValue('A', 'hex'), undefined);
    assert.equal(contactIdDigitValue('*', 'hex'), undefined);
  });

  for (const digits of VECTORS) {
    it(`verifies and recomputes the vector ${digits}`, () => {
      assert.equal(verifyContactIdChecksum(digits), true);
      assert.equal(computeContactIdChecksum(digits.slice(0, 15)), digits[15]);
    });
  }

  it('rejects a message with one digit changed', () => {
    assert.equal(verifyContactIdChecksum('1234181131010159'), false);
    assert.equal(verifyContactIdChecksum('1234181131010148'), false);
  });

  it('rejects digits outside the alphabet and the empty string', () => {
    assert.equal(verifyContactIdChecksum('12341811310101X8'), false);
    assert.equal(verifyContactIdChecksum(''), false);
    assert.throws(() => computeContactIdChecksum('12341811310101X'), /^Error: Contact ID: /);
  });

  it('uses the digit worth 15 when the sum is already a multiple of 15', () => {
    // 1234 18 3401 03 005 sums to 75: the check digit is C in DTMF and F in hex.
    assert.equal(computeContactIdChecksum('123418340103005'), 'C');
    assert.equal(computeContactIdChecksum('123418340103005', 'hex'), 'F');
    assert.equal(verifyContactIdChecksum('123418340103005F', 'hex'), true);
    assert.equal(verifyContactIdChecksum('123418340103005F'), false);
  });

  it('writes 10 as 0 and 11..14 in the chosen alphabet', () => {
    assert.equal(computeContactIdChecksum('5'), '0');
    assert.equal(computeContactIdChecksum('4'), '*');
    assert.equal(computeContactIdChecksum('4', 'hex'), 'B');
    assert.equal(computeContactIdChecksum('1'), 'B');
    assert.equal(computeContactIdChecksum('1', 'hex'), 'E');
  });
});
