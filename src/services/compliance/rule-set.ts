import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

import { invalid } from '../errors.ts';
import {
  isOneOf,
  REQUIREMENTS,
  VEHICLE_KINDS,
  type Requirement,
} from '../registry/registry-terms.ts';
import { UNIT_CATEGORIES } from '../registry/unit-categories.ts';

/** Which records a rule applies to. */
export type RuleApplies =
  | { subject: 'unit'; category: string[] }
  | { subject: 'vehicle'; kind: string[] }
  | { subject: 'designation' };

/** One provision of the regulation, as data (format: docs/rules.md). */
export interface Rule {
  id: string;
  article: string;
  summary?: string;
  applies: RuleApplies;
  /** What the provision requires; absent for designations (each names its own systems). */
  require?: Requirement[];
}

/** A versioned rule set; every compliance answer names the version it was judged by. */
export interface RuleSet {
  version: string;
  title?: string;
  rules: Rule[];
}

/** One requirement with the articles it comes from, for a category or vehicle kind. */
export interface RequirementSource {
  requirement: Requirement;
  article: string;
}

/** A rule set turned into lookups: what each unit category and vehicle kind must have. */
export interface CompiledRules {
  version: string;
  unit: ReadonlyMap<string, readonly RequirementSource[]>;
  vehicle: ReadonlyMap<string, readonly RequirementSource[]>;
  /** The article approved designations are cited under; null when the set ignores them. */
  designationArticle: string | null;
}

/** The default rule file shipped with Vigil. */
export const DEFAULT_RULES_FILE = fileURLToPath(
  new URL('../../../rules/obligations.json', import.meta.url),
);

type Report = (path: string, message: string) => void;

const RULE_KEYS = new Set(['id', 'article', 'summary', 'applies', 'require']);

/** Everything wrong with a rule set, each naming the path of the bad element. */
export function ruleSetProblems(value: unknown): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });
  if (!isObject(value)) return [{ path: '$', message: 'a rule set is a JSON object' }];
  if (typeof value.version !== 'string' || !/^[\w.:-]{1,64}$/.test(value.version)) {
    report('version', 'a version string such as "2026-12-04.1"');
  }
  if (value.title !== undefined && typeof value.title !== 'string') report('title', 'text');
  for (const key of Object.keys(value)) {
    if (!['version', 'title', 'rules'].includes(key)) report(key, 'unknown key');
  }
  if (!Array.isArray(value.rules) || value.rules.length === 0) {
    report('rules', 'a non-empty list of rules');
    return problems;
  }
  const ids = new Set<string>();
  value.rules.forEach((rule: unknown, index) => checkRule(rule, `rules[${index}]`, ids, report));
  return problems;
}

function checkRule(rule: unknown, path: string, ids: Set<string>, report: Report) {
  if (!isObject(rule)) return report(path, 'a rule is an object');
  unknownKeys(rule, RULE_KEYS, path, report);
  if (typeof rule.id !== 'string' || rule.id === '') report(`${path}.id`, 'a non-empty id');
  else if (ids.has(rule.id)) report(`${path}.id`, `duplicate id "${rule.id}"`);
  else ids.add(rule.id);
  if (typeof rule.article !== 'string' || rule.article === '') {
    report(`${path}.article`, 'the article the rule comes from, such as "Art. 7 para. 1"');
  }
  if (rule.summary !== undefined && typeof rule.summary !== 'string') {
    report(`${path}.summary`, 'text');
  }
  const subject = checkApplies(rule.applies, `${path}.applies`, report);
  checkRequire(rule.require, `${path}.require`, subject, report);
}

function unknownKeys(value: object, known: ReadonlySet<string>, path: string, report: Report) {
  for (const key of Object.keys(value)) {
    if (!known.has(key)) report(`${path}.${key}`, 'unknown key');
  }
}

function checkApplies(applies: unknown, path: string, report: Report) {
  if (!isObject(applies)) return void report(path, 'an object {subject, ...}');
  const subject = applies.subject;
  const lists = { unit: ['category', UNIT_CATEGORIES], vehicle: ['kind', VEHICLE_KINDS] } as const;
  if (subject === 'designation') {
    unknownKeys(applies, new Set(['subject']), path, report);
    return subject;
  }
  if (subject !== 'unit' && subject !== 'vehicle') {
    return void report(`${path}.subject`, 'one of unit, vehicle, designation');
  }
  const [key, allowed] = lists[subject];
  unknownKeys(applies, new Set(['subject', key]), path, report);
  const values = applies[key];
  if (!Array.isArray(values) || values.length === 0) {
    return void report(`${path}.${key}`, 'a non-empty list');
  }
  values.forEach((item: unknown, index) => {
    if (!isOneOf(allowed, item)) report(`${path}.${key}[${index}]`, `one of ${allowed.join(', ')}`);
  });
  return subject;
}

function checkRequire(value: unknown, path: string, subject: string | undefined, report: Report) {
  if (subject === 'designation') {
    if (value !== undefined) report(path, 'a designation rule takes each designation\'s systems');
    return;
  }
  if (!Array.isArray(value) || value.length === 0) {
    return report(path, 'a non-empty list of requirements');
  }
  value.forEach((item: unknown, index) => {
    if (!isOneOf(REQUIREMENTS, item)) {
      report(`${path}[${index}]`, `one of ${REQUIREMENTS.join(', ')}`);
    } else if (subject === 'vehicle' && item !== 'vehicle-tracking') {
      report(`${path}[${index}]`, 'a vehicle rule can only require vehicle-tracking');
    } else if (subject === 'unit' && item === 'vehicle-tracking') {
      report(`${path}[${index}]`, 'vehicle-tracking applies to vehicles, not units');
    }
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The rule set, checked; a VALIDATION error lists every problem with its path. */
export function checkRuleSet(value: unknown): RuleSet {
  const problems = ruleSetProblems(value);
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    throw invalid(`rule set: ${list}`, { field: problems[0]!.path, problems });
  }
  return value as RuleSet;
}

/** Reads and checks a rule file; errors name the file. */
export function readRuleFile(file: string): RuleSet {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw invalid(`rule file ${file}: ${(error as Error).message}`, { field: 'file' });
  }
  return checkRuleSet(value);
}

/** Turns a checked rule set into per-category and per-kind lookups, in report order. */
export function compileRules(ruleSet: RuleSet): CompiledRules {
  const unit = new Map<string, Map<Requirement, string[]>>();
  const vehicle = new Map<string, Map<Requirement, string[]>>();
  let designationArticle: string | null = null;
  for (const rule of ruleSet.rules) {
    const { applies } = rule;
    if (applies.subject === 'designation') {
      designationArticle = rule.article;
      continue;
    }
    const [target, keys] = applies.subject === 'unit'
      ? [unit, applies.category]
      : [vehicle, applies.kind];
    for (const key of keys) {
      const needs = target.get(key) ?? new Map<Requirement, string[]>();
      target.set(key, needs);
      for (const requirement of rule.require ?? []) {
        const articles = needs.get(requirement) ?? [];
        if (!articles.includes(rule.article)) articles.push(rule.article);
        needs.set(requirement, articles);
      }
    }
  }
  const version = ruleSet.version;
  return { version, unit: sources(unit), vehicle: sources(vehicle), designationArticle };
}

function sources(map: Map<string, Map<Requirement, string[]>>): Map<string, RequirementSource[]> {
  const out = new Map<string, RequirementSource[]>();
  for (const [key, needs] of map) {
    const list = [...needs].map(([requirement, articles]) => ({
      requirement,
      article: articles.join('; '),
    }));
    list.sort((a, b) => REQUIREMENTS.indexOf(a.requirement) - REQUIREMENTS.indexOf(b.requirement));
    out.set(key, list);
  }
  return out;
}
