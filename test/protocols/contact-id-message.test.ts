import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  ADM_CID_EMPTY_BODY,
  encodeAdmCidBody,
  encodeContactIdMessage,
  parseAdmCidBody,
  parseBracketedContactId,
  parseContactId,
  parseContactIdMessage,
  type ContactIdMessage,
  type ContactIdResult,
} from '../../src/protocols/contact-id/index.ts';

interface Vector {
  id: string;
  digits?: string | null;
  raw?: string;
  admcid_body?: string;
  meaning: string;
  checksum_ok?: boolean;
  checksum_char?: string;
  account?: string;
  mt?: string;
  qualifier?: string;
  event?: string;
  group?: string;
  zone_or_user?: string;
}

/** What the body vectors mean; their lines only give the body and a sentence (`meaning`). */
const BODY_EXPECTATIONS: Record<string, Required<Pick<Vector, 'qualifier' | 'event' | 'group'
  | 'zone_or_user'>> & { kind?: string }> = {
  'admcid-body-3401-01-057': { qualifier: '3', event: '401', group: '01', zone_or_user: '057',
    kind: 'close' },
  'admcid-body-1602-99-999': { qualifier: '1', event: '602', group: '99', zone_or_user: '999',
    kind: 'test' },
  'admcid-body-1110-00-129': { qualifier: '1', event: '110', group: '00', zone_or_user: '129',
    kind: 'alarm' },
  'admcid-body-0000-00-000': { qualifier: '0', event: '000', group: '00', zone_or_user: '000' },
};

const VECTORS: Vector[] = readFileSync(
  new URL('../vectors/alarm/contactid.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Vector);

function ok(result: ContactIdResult): ContactIdMessage {
  assert.equal(result.ok, true, result.ok ? '' : result.error);
  return (result as { ok: true; message: ContactIdMessage }).message;
}

function error(result: ContactIdResult): string {
  assert.equal(result.ok, false, 'expected the message to be rejected');
  return (result as { ok: false; error: string }).error;
}

/** The event fields every vector lists. */
function expectFields(message: ContactIdMessage, vector: Vector): void {
  assert.ok(vector.qualifier && vector.event && vector.group && vector.zone_or_user);
  assert.equal(message.qualifier, vector.qualifier);
  assert.equal(message.event, vector.event);
  assert.equal(message.group, vector.group);
  assert.equal(message.zoneOrUser, vector.zone_or_user);
}

/** The normalised event: partition = GG, ZZZ as sent in zone or user, code = letter + EEE. */
function expectNormalised(message: ContactIdMessage, vector: Vector): void {
  const event = message.normalised;
  assert.ok(event);
  const letters: Record<string, string> = { '1': 'E', '3': 'R', '6': 'P' };
  assert.equal(event.code, `${letters[vector.qualifier ?? '']}${vector.event}`);
  assert.equal(event.codeSystem, 'cid');
  assert.equal(event.partition, vector.group);
  if (vector.event?.startsWith('4')) {
    assert.equal(event.user, vector.zone_or_user);
    assert.equal(event.zone, undefined);
  } else {
    assert.equal(event.zone, vector.zone_or_user);
    assert.equal(event.user, undefined);
  }
}

describe('Contact ID vectors (test/vectors/alarm/contactid.jsonl)', () => {
  it('has the ten vectors this suite was written for', () => {
    assert.equal(VECTORS.length, 10);
  });

  for (const vector of VECTORS) {
    it(vector.id, () => {
      if (vector.mt === '56') {
        // Negative vector: rebuild the 16 characters from its fields; it must be rejected.
        const digits = `${vector.account}${vector.mt}${vector.qualifier}${vector.event}` +
          `${vector.group}${vector.zone_or_user}0`;
        assert.equal(error(parseContactIdMessage(digits)),
          'Contact ID: message type 56 is not 18 or 98, so this is not a Contact ID event');
      } else if (typeof vector.digits === 'string') {
        const message = ok(parseContactIdMessage(vector.digits));
        assert.equal(message.form, 'message');
        assert.equal(message.account, vector.account);
        assert.equal(message.messageType, vector.mt);
        assert.equal(message.checksum, vector.digits[15]);
        assert.equal(message.checksumOk, vector.checksum_ok);
        assert.deepEqual(message.flags, []);
        expectFields(message, vector);
        expectNormalised(message, vector);
      } else if (vector.raw !== undefined) {
        const message = ok(parseBracketedContactId(vector.raw));
        assert.equal(message.form, 'bracketed');
        assert.equal(message.account, vector.account);
        assert.equal(message.messageType, vector.mt);
        assert.equal(message.checksum, vector.checksum_char);
        assert.equal(message.checksumOk, undefined);
        assert.deepEqual(message.flags, ['checksum-unverifiable']);
        expectFields(message, vector);
        expectNormalised(message, vector);
      } else if (vector.admcid_body !== undefined) {
        const expected = { ...vector, ...BODY_EXPECTATIONS[vector.id] };
        assert.ok(BODY_EXPECTATIONS[vector.id], `no expectation written for ${vector.id}`);
        const message = ok(parseAdmCidBody(vector.admcid_body));
        assert.equal(message.form, 'adm-cid-body');
        assert.equal(message.account, undefined);
        assert.equal(message.messageType, undefined);
        assert.equal(message.checksumOk, undefined);
        expectFields(message, expected);
        if (vector.admcid_body === '0000 00 000') {
          assert.deepEqual(message.flags, ['no-event']);
          assert.equal(message.normalised, undefined);
        } else {
          assert.deepEqual(message.flags, []);
          expectNormalised(message, expected);
          assert.equal(message.normalised?.kind, BODY_EXPECTATIONS[vector.id].kind);
        }
      } else {
        assert.fail(`vector ${vector.id} has a shape this suite does not know`);
      }
    });
  }
});

describe('Contact ID normalised events', () => {
  it('E131 from the 16-digit form', () => {
    assert.deepEqual(ok(parseContactIdMessage('1234181131010158')).normalised, {
      codeSystem: 'cid',
      code: 'E131',
      siaCode: 'BA',
      description: 'Burglary, perimeter zone',
      kind: 'alarm',
      category: 'burglary',
      known: true,
      zone: '015',
      partition: '01',
    });
  });

  it('R401 is a closing by the user, E401 an opening', () => {
    const closing = ok(parseAdmCidBody('3401 01 057')).normalised;
    assert.deepEqual(closing, {
      codeSystem: 'cid',
      code: 'R401',
      siaCode: 'CL',
      description: 'Open/close by user - closing (armed)',
      kind: 'close',
      category: 'open-close',
      known: true,
      user: '057',
      partition: '01',
    });
    const opening = ok(parseAdmCidBody('1401 01 057')).normalised;
    assert.equal(opening?.kind, 'open');
    assert.equal(opening?.siaCode, 'OP');
  });

  it('E602 and E110 bodies', () => {
    const test = ok(parseAdmCidBody('1602 99 999')).normalised;
    assert.equal(test?.kind, 'test');
    assert.equal(test?.siaCode, 'RP');
    assert.equal(test?.zone, '999');
    assert.equal(test?.partition, '99');
    const fire = ok(parseAdmCidBody('1110 00 129')).normalised;
    assert.equal(fire?.code, 'E110');
    assert.equal(fire?.siaCode, 'FA');
    assert.equal(fire?.category, 'fire');
    assert.equal(fire?.zone, '129');
  });

  it('qualifier 6 is a previous, still-present condition', () => {
    const event = ok(parseAdmCidBody('6130 02 004')).normalised;
    assert.equal(event?.code, 'P130');
    assert.equal(event?.kind, 'alarm');
    assert.equal(event?.description, 'Burglary alarm - still present (status report)');
  });

  it('trouble restores and unbypasses', () => {
    assert.equal(ok(parseAdmCidBody('3301 00 000')).normalised?.kind, 'trouble-restore');
    assert.equal(ok(parseAdmCidBody('3301 00 000')).normalised?.siaCode, 'AR');
    assert.equal(ok(parseAdmCidBody('3570 01 007')).normalised?.kind, 'unbypass');
  });

  it('keeps an unknown event verbatim', () => {
    assert.deepEqual(ok(parseAdmCidBody('1777 01 003')).normalised, {
      codeSystem: 'cid',
      code: 'E777',
      description: 'Unknown Contact ID event 777',
      kind: 'unknown',
      category: 'unknown',
      known: false,
      zone: '003',
      partition: '01',
    });
  });
});

describe('Contact ID parsing: forms and rejections', () => {
  it('tolerates spaces between the fields of the 16-digit form', () => {
    const message = ok(parseContactIdMessage('1234 18 1131 01 015 8'));
    assert.equal(message.event, '131');
    assert.equal(message.checksumOk, true);
  });

  it('rejects a wrong check digit', () => {
    assert.equal(error(parseContactIdMessage('1234181131010159')),
      'Contact ID: checksum mismatch in 1234181131010159 (digit sum is not a multiple of 15)');
  });

  it('rejects a wrong length, a bad digit and a bad qualifier', () => {
    assert.equal(error(parseContactIdMessage('123418113101015')),
      'Contact ID: expected 16 digits, got 15');
    assert.equal(error(parseContactIdMessage('12341811310101X8')),
      'Contact ID: "X" at 14 is not a dtmf digit');
    assert.equal(error(parseAdmCidBody('7130 01 001')),
      'Contact ID: qualifier 7 is not 1 (new), 3 (restore) or 6 (still present)');
    assert.equal(error(parseAdmCidBody('1130 01')),
      'Contact ID: ADM-CID body must be "QEEE GG ZZZ", got "1130 01"');
  });

  it('verifies the check digit of a bracketed message with a numeric account', () => {
    const good = ok(parseBracketedContactId('[1234 181131010158]'));
    assert.equal(good.checksumOk, true);
    assert.deepEqual(good.flags, []);
    assert.match(error(parseBracketedContactId('[1234 181131010159]')), /checksum mismatch/);
  });

  it('tells the forms apart', () => {
    assert.equal(ok(parseContactId('1234181131010158')).form, 'message');
    assert.equal(ok(parseContactId('1131 01 015')).form, 'adm-cid-body');
    assert.equal(ok(parseContactId('[test 18160201010B]')).form, 'bracketed');
  });
});

describe('Contact ID encoders', () => {
  it('encodes the ADM-CID body, padding numbers', () => {
    assert.equal(encodeAdmCidBody({ qualifier: '3', event: 401, group: 1, zoneOrUser: 57 }),
      '3401 01 057');
    assert.equal(encodeAdmCidBody({ qualifier: '1', event: '602', group: '99', zoneOrUser: '999' }),
      '1602 99 999');
    assert.equal(ADM_CID_EMPTY_BODY, '0000 00 000');
  });

  it('encodes the 16-digit vectors with their check digits', () => {
    assert.equal(encodeContactIdMessage({ account: '1234', qualifier: '1', event: 131, group: 1,
      zoneOrUser: 15 }), '1234181131010158');
    assert.equal(encodeContactIdMessage({ account: '1234', qualifier: '3', event: 401, group: 3,
      zoneOrUser: 5 }), '123418340103005C');
    assert.equal(encodeContactIdMessage({ account: '1234', messageType: '98', qualifier: '1',
      event: 130, group: 0, zoneOrUser: 0 }, 'hex').slice(0, 15), '123498113000000');
  });

  it('round-trips through the parsers', () => {
    const input = {
      account: '5678',
      qualifier: '6',
      event: '137',
      group: '02',
      zoneOrUser: '011',
    } as const;
    const message = ok(parseContactIdMessage(encodeContactIdMessage(input)));
    assert.equal(message.account, '5678');
    assert.equal(message.normalised?.code, 'P137');
    assert.equal(ok(parseAdmCidBody(encodeAdmCidBody(input))).normalised?.code, 'P137');
  });

  it('throws on fields of the wrong width', () => {
    assert.throws(() => encodeAdmCidBody({ qualifier: '1', event: 1300, group: 1, zoneOrUser: 1 }),
      { message: 'Contact ID: event must be 3 digits, got 1300' });
    assert.throws(() => encodeContactIdMessage({ account: '123', qualifier: '1', event: 130,
      group: 1, zoneOrUser: 1 }), { message: 'Contact ID: account must be 4 digits, got "123"' });
  });
});
