import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeDefinition } from '../../src/model/signal.ts';
import { siaFamilyCodes } from '../../src/protocols/sia-dc03/codes-families.ts';
import { siaOtherCodes } from '../../src/protocols/sia-dc03/codes-other.ts';
import { lookupSiaCode, siaCodes, siaVendorCodes } from '../../src/protocols/sia-dc03/index.ts';

const KINDS = new Set([
  'alarm', 'restore', 'trouble', 'trouble-restore', 'open', 'close', 'bypass', 'unbypass',
  'test', 'link-test', 'status',
]);
const CATEGORIES = new Set([
  'fire', 'hold-up', 'panic', 'medical', 'burglary', 'gas', 'environmental', 'tamper',
  'trouble', 'access', 'open-close', 'bypass', 'test', 'supervision', 'other',
]);
const ADDRESSES = new Set(['zone', 'user', 'area', 'door', 'device', 'none', 'unused']);

function get(code: string): CodeDefinition {
  const definition = lookupSiaCode(code);
  assert.ok(definition, `${code} should be in the table`);
  return definition;
}

describe('SIA DC-03 code table: shape', () => {
  it('holds more than 250 codes (the standard defines about 300)', () => {
    assert.ok(siaCodes.size > 250, `only ${siaCodes.size} codes`);
  });

  it('has no duplicate codes across its two sources', () => {
    const all = [...siaFamilyCodes, ...siaOtherCodes].map((row) => row.code);
    assert.equal(new Set(all).size, all.length);
    assert.equal(siaCodes.size, all.length);
  });

  it('keys every row by its own two upper-case letters', () => {
    for (const [key, definition] of siaCodes) {
      assert.match(key, /^[A-Z]{2}$/);
      assert.equal(definition.code, key);
    }
  });

  it('uses only kinds, categories and address types of the shared model (never unknown)', () => {
    for (const definition of siaCodes.values()) {
      assert.ok(KINDS.has(definition.kind), `${definition.code} kind ${definition.kind}`);
      assert.ok(CATEGORIES.has(definition.category), `${definition.code} ${definition.category}`);
      assert.ok(ADDRESSES.has(definition.address), `${definition.code} ${definition.address}`);
      assert.ok(definition.description.length > 5, `${definition.code} has no description`);
    }
  });

  it('covers every zone family with its alarm, restoral, trouble and bypass codes', () => {
    for (const family of 'BFGHKMPQSTUWZ') {
      for (const suffix of 'ABHJRTU') assert.ok(siaCodes.has(family + suffix), family + suffix);
    }
  });

  it('returns undefined for codes the standard does not define', () => {
    assert.equal(lookupSiaCode('XY'), undefined);
    assert.equal(lookupSiaCode('ba'), undefined);
    assert.equal(lookupSiaCode('JC'), undefined);
  });
});

describe('SIA DC-03 code table: meanings', () => {
  it('gives restorals kind restore or trouble-restore', () => {
    const restores = ['BR', 'FR', 'PR', 'HR', 'TR', 'MR', 'GR', 'KR', 'WR', 'ZR', 'QR', 'SR', 'UR'];
    for (const code of restores) assert.equal(get(code).kind, 'restore', code);
    for (const code of ['BH', 'FH', 'PH', 'HH', 'TH', 'DH', 'DR', 'EJ', 'XJ']) {
      assert.equal(get(code).kind, 'restore', code);
    }
    const troubleRestores = [
      'AR', 'YR', 'BJ', 'FJ', 'TJ', 'BE', 'AN', 'EN', 'ER', 'FQ', 'FV', 'IR', 'LR', 'NR', 'OV',
      'VR', 'XH', 'XR', 'YE', 'YH', 'YJ', 'YK', 'YQ',
    ];
    for (const code of troubleRestores) assert.equal(get(code).kind, 'trouble-restore', code);
  });

  it('gives every H, J and R family code a restore kind', () => {
    for (const definition of siaFamilyCodes) {
      if (!/[HJR]$/.test(definition.code)) continue;
      assert.match(definition.kind, /^(restore|trouble-restore)$/, definition.code);
    }
  });

  it('marks openings open and closings close', () => {
    for (const code of ['OP', 'OA', 'OS', 'OG', 'OQ', 'OR', 'OK', 'OJ', 'OH', 'OL', 'OZ']) {
      assert.equal(get(code).kind, 'open', code);
    }
    for (const code of ['CL', 'CA', 'CS', 'CG', 'CP', 'CQ', 'CF', 'CJ', 'CK', 'CZ', 'NL']) {
      assert.equal(get(code).kind, 'close', code);
    }
  });

  it('marks bypasses, unbypasses and tests', () => {
    assert.equal(get('BB').kind, 'bypass');
    assert.equal(get('BU').kind, 'unbypass');
    assert.equal(get('BB').category, 'bypass');
    assert.equal(get('RP').kind, 'test');
    assert.equal(get('RX').kind, 'test');
    assert.equal(get('RP').category, 'test');
    assert.equal(get('TX').kind, 'test');
  });

  it('gives alarms the category that decides their priority', () => {
    const expected: Record<string, string> = {
      FA: 'fire', HA: 'hold-up', PA: 'panic', MA: 'medical', BA: 'burglary', TA: 'tamper',
      GA: 'gas', WA: 'environmental', KA: 'environmental', ZA: 'environmental', SA: 'fire',
      JA: 'tamper', AT: 'trouble', YT: 'trouble', YC: 'trouble', LT: 'trouble', YS: 'trouble',
    };
    for (const [code, category] of Object.entries(expected)) {
      assert.equal(get(code).category, category, code);
    }
    assert.equal(get('FA').kind, 'alarm');
    assert.equal(get('JA').kind, 'alarm');
    assert.equal(get('AT').kind, 'trouble');
  });

  it('records what the address digits mean', () => {
    assert.equal(get('BA').address, 'zone');
    assert.equal(get('CL').address, 'user');
    assert.equal(get('OP').address, 'user');
    assert.equal(get('CG').address, 'area');
    assert.equal(get('DF').address, 'door');
    assert.equal(get('ET').address, 'device');
    assert.equal(get('AT').address, 'unused');
    assert.equal(get('RP').address, 'unused');
    assert.equal(get('RX').address, 'user');
  });

  it('describes codes in its own words', () => {
    assert.equal(get('BA').description, 'Burglary alarm');
    assert.equal(get('KR').description, 'Heat restoral: alarm or trouble has cleared');
    assert.equal(get('CL').description, 'Closing report: armed by a user');
  });
});

describe('SIA vendor extensions', () => {
  it('are kept apart from the standard table and never shadow a standard code', () => {
    assert.ok(siaVendorCodes.size >= 1);
    for (const code of siaVendorCodes.keys()) assert.equal(siaCodes.has(code), false, code);
    assert.equal(siaVendorCodes.get('JC')?.kind, 'restore');
    assert.equal(siaVendorCodes.get('JC')?.category, 'tamper');
  });
});
