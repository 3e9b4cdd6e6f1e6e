import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contactIdCodeRows } from '../../src/protocols/contact-id/codes-table.ts';
import {
  contactIdCodes,
  kindForQualifier,
  lookupContactIdCode,
  siaCodeForQualifier,
  type ContactIdCodeDefinition,
} from '../../src/protocols/contact-id/index.ts';
import { siaCodes } from '../../src/protocols/sia-dc03/index.ts';

function get(event: string): ContactIdCodeDefinition {
  const definition = lookupContactIdCode(event);
  assert.ok(definition, `${event} should be in the table`);
  return definition;
}

/** The SIA codes an event maps to for qualifiers 1 and 3. */
function sia(event: string): [string | undefined, string | undefined] {
  const definition = get(event);
  return [siaCodeForQualifier(definition, '1'), siaCodeForQualifier(definition, '3')];
}

describe('Contact ID code table: shape', () => {
  it('holds more than 150 codes from every series 1xx to 9xx', () => {
    assert.ok(contactIdCodes.size > 150, `only ${contactIdCodes.size} codes`);
    for (const series of '1234569') {
      assert.ok([...contactIdCodes.keys()].some((code) => code.startsWith(series)), series);
    }
  });

  it('has no duplicate codes and keys each row by its three digits', () => {
    assert.equal(contactIdCodes.size, contactIdCodeRows.length);
    for (const [key, definition] of contactIdCodes) {
      assert.match(key, /^[1-9]\d{2}$/);
      assert.equal(definition.code, key);
    }
  });

  it('maps only to SIA codes that exist in the DC-03 table', () => {
    for (const definition of contactIdCodes.values()) {
      for (const target of [definition.siaEvent, definition.siaRestore]) {
        if (target === undefined) continue;
        assert.ok(siaCodes.has(target), `${definition.code} -> ${target}`);
      }
    }
  });

  it('never uses the unknown kind or category for a table row', () => {
    for (const definition of contactIdCodes.values()) {
      assert.notEqual(definition.kind, 'unknown', definition.code);
      assert.notEqual(definition.category, 'unknown', definition.code);
    }
  });

  it('returns undefined for codes outside the table', () => {
    assert.equal(lookupContactIdCode('000'), undefined);
    assert.equal(lookupContactIdCode('999'), undefined);
    assert.equal(lookupContactIdCode('750'), undefined);
  });
});

describe('Contact ID code table: meanings', () => {
  it('maps the standard equivalents to SIA codes per qualifier', () => {
    assert.deepEqual(sia('110'), ['FA', 'FR']);
    assert.deepEqual(sia('120'), ['PA', 'PR']);
    assert.deepEqual(sia('121'), ['HA', 'HR']);
    assert.deepEqual(sia('122'), ['HA', 'HR']);
    for (const event of ['130', '131', '132', '133', '134', '135', '136', '138', '139', '140']) {
      assert.deepEqual(sia(event), ['BA', 'BR'], event);
    }
    assert.deepEqual(sia('137'), ['TA', 'TR']);
    assert.deepEqual(sia('301'), ['AT', 'AR']);
    assert.deepEqual(sia('302'), ['YT', 'YR']);
    assert.deepEqual(sia('401'), ['OP', 'CL']);
    assert.deepEqual(sia('403'), ['OA', 'CA']);
    assert.deepEqual(sia('570'), ['BB', 'BU']);
    assert.deepEqual(sia('601'), ['RX', undefined]);
    assert.deepEqual(sia('602'), ['RP', undefined]);
    assert.deepEqual(sia('102'), [undefined, undefined]);
  });

  it('gives qualifier 6 the same SIA code as qualifier 1', () => {
    assert.equal(siaCodeForQualifier(get('130'), '6'), 'BA');
  });

  it('reads ZZZ as a user number where DC-05 says so', () => {
    for (const event of ['121', '313', '400', '401', '403', '407', '409', '441', '574', '604']) {
      assert.equal(get(event).address, 'user', event);
    }
    for (const event of ['110', '130', '137', '570', '602']) {
      assert.equal(get(event).address, 'zone', event);
    }
  });

  it('gives the families the category that decides priority', () => {
    const expected: Record<string, string> = {
      '100': 'medical', '110': 'fire', '120': 'panic', '121': 'hold-up', '130': 'burglary',
      '137': 'tamper', '151': 'gas', '154': 'environmental', '200': 'fire', '301': 'trouble',
      '351': 'trouble', '401': 'open-close', '421': 'access', '570': 'bypass', '602': 'test',
    };
    for (const [event, category] of Object.entries(expected)) {
      assert.equal(get(event).category, category, event);
    }
  });

  it('treats every 40x arm/disarm code as an opening that qualifier 3 turns into a closing', () => {
    for (const event of ['400', '401', '402', '403', '407', '408', '409', '441']) {
      assert.equal(kindForQualifier(get(event).kind, '1'), 'open', event);
      assert.equal(kindForQualifier(get(event).kind, '3'), 'close', event);
    }
  });

  it('turns alarms, troubles and bypasses into their restores on qualifier 3', () => {
    assert.equal(kindForQualifier(get('130').kind, '3'), 'restore');
    assert.equal(kindForQualifier(get('301').kind, '3'), 'trouble-restore');
    assert.equal(kindForQualifier(get('570').kind, '3'), 'unbypass');
    assert.equal(kindForQualifier(get('602').kind, '3'), 'test');
    assert.equal(kindForQualifier(get('130').kind, '6'), 'alarm');
  });

  it('describes codes in its own words', () => {
    assert.equal(get('131').description, 'Burglary, perimeter zone');
    assert.equal(get('602').description, 'Periodic test report');
  });
});
