import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  evaluateUnit,
  evaluateVehicle,
  type SystemFacts,
} from '../../src/services/compliance/evaluate.ts';
import {
  compileRules,
  DEFAULT_RULES_FILE,
  readRuleFile,
} from '../../src/services/compliance/rule-set.ts';

const rules = compileRules(readRuleFile(DEFAULT_RULES_FILE));

const sys = (kind: string, state = 'in-service', networked = false): SystemFacts =>
  ({ kind, state, networked });
const unit = (category: string, systems: SystemFacts[] = []) =>
  evaluateUnit(rules, { category }, systems);
const required = (category: string) => unit(category).obligations.map((o) => o.requirement);
const statuses = (category: string, systems: SystemFacts[]) =>
  unit(category, systems).obligations.map((o) => `${o.requirement}:${o.status}`);

const ART7 = '(Art. 7 para. 1)';
const ART9 = '(Art. 9 para. 2)';
const VIDEO = 'video security monitoring system';

describe('default rule set: what each category requires', () => {
  test('the default file carries a version', () => {
    assert.equal(rules.version, '2026-12-04.1');
  });

  for (const item of ['1', '2', '3', '4', '5', '6', '7', '8']) {
    test(`Art. 7 item ${item}: video, networking, intrusion alarm, access control`, () => {
      assert.deepEqual(required(item),
        ['video', 'video-networked', 'intrusion-alarm', 'access-control']);
    });
  }

  test('Art. 7 item 9 adds explosion-proof security inspection', () => {
    assert.deepEqual(required('9'), ['video', 'video-networked', 'intrusion-alarm',
      'access-control', 'explosion-proof-inspection']);
  });

  for (const item of ['10', '11']) {
    test(`Art. 7 item ${item}: video and networking only`, () => {
      assert.deepEqual(required(item), ['video', 'video-networked']);
    });
  }

  test('Art. 8 residential: building intercom and anti-theft door', () => {
    assert.deepEqual(required('residential'), ['building-intercom', 'anti-theft-door']);
  });

  test('other units owe nothing and count as met', () => {
    assert.deepEqual(unit('other'), { status: 'met', obligations: [], pendingDesignations: [] });
  });
});

describe('obligation status', () => {
  test('every system in service and networked: all met, citing the article', () => {
    const result = unit('1', [sys('video', 'in-service', true), sys('intrusion-alarm', 'accepted'),
      sys('access-control')]);
    assert.equal(result.status, 'met');
    assert.deepEqual(result.obligations, [
      { requirement: 'video', status: 'met', reason: `${VIDEO} in service ${ART7}` },
      { requirement: 'video-networked', status: 'met',
        reason: `video system networked with the platform ${ART9}` },
      { requirement: 'intrusion-alarm', status: 'met',
        reason: `intrusion alarm system accepted ${ART7}` },
      { requirement: 'access-control', status: 'met',
        reason: `access control system in service ${ART7}` },
    ]);
  });

  test('nothing registered: everything missing', () => {
    const result = unit('10');
    assert.equal(result.status, 'missing');
    assert.deepEqual(result.obligations, [
      { requirement: 'video', status: 'missing', reason: `no ${VIDEO} registered ${ART7}` },
      { requirement: 'video-networked', status: 'missing',
        reason: `no accepted or in-service video system to network ${ART9}` },
    ]);
  });

  test('video in service but not networked is partial', () => {
    const result = unit('11', [sys('video', 'in-service', false)]);
    assert.equal(result.status, 'partial');
    assert.deepEqual(result.obligations[1], { requirement: 'video-networked', status: 'partial',
      reason: `video in service but not networked with the platform ${ART9}` });
  });

  test('built but not yet accepted is partial, also for networking', () => {
    assert.deepEqual(unit('10', [sys('video', 'built', true)]).obligations, [
      { requirement: 'video', status: 'partial',
        reason: `${VIDEO} built but not yet accepted ${ART7}` },
      { requirement: 'video-networked', status: 'partial',
        reason: `networked video system built but not yet accepted ${ART9}` },
    ]);
  });

  test('out of service is partial; planned is missing; the best system counts', () => {
    const out = unit('residential', [sys('building-intercom', 'out-of-service'),
      sys('anti-theft-door', 'planned')]);
    assert.deepEqual(out.obligations.map((o) => [o.status, o.reason]), [
      ['partial', 'building intercom system out of service (Art. 8 para. 1)'],
      ['missing', 'anti-theft security door planned, not yet built (Art. 8 para. 1)'],
    ]);
    assert.equal(out.status, 'missing');
    const best = unit('residential', [sys('building-intercom', 'out-of-service'),
      sys('building-intercom', 'accepted'), sys('anti-theft-door', 'in-service')]);
    assert.equal(best.status, 'met');
  });

  test('a networked video out of service does not network the one in service', () => {
    assert.deepEqual(statuses('11', [sys('video', 'out-of-service', true), sys('video')]),
      ['video:met', 'video-networked:partial']);
  });

  test('item 9 without explosion-proof inspection misses only that', () => {
    const result = unit('9', [sys('video', 'in-service', true), sys('intrusion-alarm'),
      sys('access-control')]);
    assert.deepEqual(result.obligations.filter((o) => o.status !== 'met'), [
      { requirement: 'explosion-proof-inspection', status: 'missing',
        reason: 'no explosion-proof security inspection system registered ' +
          '(Art. 7 (9); Art. 3 para. 3)' },
    ]);
  });
});

describe('designations (Art. 7 last paragraph)', () => {
  const pending = { id: 'D-1', systems: ['intrusion-alarm', 'video'], approved: false };
  const approved = { ...pending, approved: true, document: '宁政复〔2026〕12号' };
  const cite = '(Art. 7 last paragraph, designation D-1 approved by 宁政复〔2026〕12号)';

  test('pending: listed apart, no obligation', () => {
    const result = evaluateUnit(rules, { category: 'other' }, [], [pending]);
    assert.deepEqual([result.status, result.obligations], ['met', []]);
    assert.deepEqual(result.pendingDesignations, [{ id: 'D-1',
      systems: ['intrusion-alarm', 'video'],
      reason: 'designation D-1 pending approval by the municipal people\'s government ' +
        '(Art. 7 last paragraph)' }]);
  });

  test('approved: its systems become obligations citing the approval', () => {
    const result = evaluateUnit(rules, { category: 'other' }, [sys('video')], [approved]);
    assert.deepEqual(result.obligations, [
      { requirement: 'video', status: 'met', reason: `${VIDEO} in service ${cite}` },
      { requirement: 'intrusion-alarm', status: 'missing',
        reason: `no intrusion alarm system registered ${cite}` },
    ]);
    assert.deepEqual(result.pendingDesignations, []);
  });

  test('a requirement the category already has cites both sources', () => {
    const result = evaluateUnit(rules, { category: '10' }, [], [approved]);
    assert.deepEqual(result.obligations.map((o) => o.requirement),
      ['video', 'video-networked', 'intrusion-alarm']);
    assert.match(result.obligations[0]!.reason,
      /\(Art\. 7 para\. 1; Art\. 7 last paragraph, designation D-1/);
  });
});

describe('vehicles (Art. 8 para. 2)', () => {
  test('cash-escort and dangerous-goods vehicles need tracking; others owe nothing', () => {
    assert.deepEqual(evaluateVehicle(rules, { kind: 'cash-escort', tracking: true }), {
      status: 'met',
      obligations: [{ requirement: 'vehicle-tracking', status: 'met',
        reason: 'tracking and positioning system fitted (Art. 8 para. 2)' }],
    });
    assert.deepEqual(evaluateVehicle(rules, { kind: 'dangerous-goods', tracking: false }), {
      status: 'missing',
      obligations: [{ requirement: 'vehicle-tracking', status: 'missing',
        reason: 'no tracking and positioning system fitted (Art. 8 para. 2)' }],
    });
    assert.deepEqual(evaluateVehicle(rules, { kind: 'other', tracking: false }),
      { status: 'met', obligations: [] });
  });
});
