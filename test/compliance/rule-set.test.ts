import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';

import {
  checkRuleSet,
  compileRules,
  DEFAULT_RULES_FILE,
  readRuleFile,
  ruleSetProblems,
} from '../../src/services/compliance/rule-set.ts';

const base = () => JSON.parse(fs.readFileSync(DEFAULT_RULES_FILE, 'utf8'));

describe('rule file validation', () => {
  test('the default rule file is valid and every rule cites an article', () => {
    const ruleSet = readRuleFile(DEFAULT_RULES_FILE);
    assert.deepEqual(ruleSetProblems(ruleSet), []);
    assert.ok(ruleSet.rules.every((rule) => /^Art\. \d/.test(rule.article)));
    assert.equal(compileRules(ruleSet).designationArticle, 'Art. 7 last paragraph');
  });

  test('each bad element is named by its path', () => {
    const bad = base();
    bad.version = '';
    bad.rules[0].require = ['video', 'vidio'];
    bad.rules[1].applies.category = ['1', '12'];
    bad.rules[2].id = bad.rules[0].id;
    bad.rules[3].applies.subject = 'building';
    bad.rules[5].require = ['video'];
    bad.rules[6].require = ['video'];
    bad.rules[4].categroy = ['1'];
    delete bad.rules[4].article;
    assert.deepEqual(ruleSetProblems(bad).map((problem) => problem.path), [
      'version',
      'rules[0].require[1]',
      'rules[1].applies.category[1]',
      'rules[2].id',
      'rules[3].applies.subject',
      'rules[4].categroy',
      'rules[4].article',
      'rules[5].require[0]',
      'rules[6].require',
    ]);
  });

  test('checkRuleSet throws VALIDATION with every problem listed', () => {
    const bad = base();
    bad.rules[0].require = ['vehicle-tracking'];
    type Failure = Error & { code?: string; details?: { field?: string } };
    assert.throws(() => checkRuleSet(bad), (error: Failure) => {
      assert.equal(error.code, 'VALIDATION');
      assert.equal(error.details?.field, 'rules[0].require[0]');
      assert.equal(error.message,
        'rule set: rules[0].require[0]: vehicle-tracking applies to vehicles, not units');
      return true;
    });
    assert.deepEqual(ruleSetProblems([]), [{ path: '$', message: 'a rule set is a JSON object' }]);
    assert.deepEqual(ruleSetProblems({ version: '1', rules: [] }), [
      { path: 'rules', message: 'a non-empty list of rules' },
    ]);
  });

  test('a file that is not JSON is named in the error', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-rules-')), 'broken.json');
    fs.writeFileSync(file, '{ "version": ');
    assert.throws(() => readRuleFile(file),
      (error: Error) => error.message.startsWith(`rule file ${file}:`));
  });
});
