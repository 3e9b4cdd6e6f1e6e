/**
 * The console's dictionaries stay complete: both languages hold the same keys with the same
 * placeholders, and every key the components name exists.
 *
 *   node --import tsx --test web/test/i18n-keys.test.ts
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { en } from '../src/i18n/en.ts';
import { zhCN } from '../src/i18n/zh-CN.ts';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');
const DICTIONARIES: Record<string, Record<string, string>> = { en, 'zh-CN': zhCN };
const KEYS = new Set(Object.keys(en));
const NAMESPACES = new Set([...KEYS].map((key) => key.split('.')[0]));

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !full.includes(`${path.sep}i18n${path.sep}`) ? [full] : [];
  });
}

/** Every match of `pattern` in the sources, with the file and line it was found on. */
function findAll(pattern: RegExp): { value: string; where: string }[] {
  return sourceFiles(SRC).flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return [...text.matchAll(pattern)].map((match) => ({
      value: match[1],
      where: `${path.relative(SRC, file)}:${text.slice(0, match.index).split('\n').length}`,
    }));
  });
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

test('both languages hold the same keys', () => {
  for (const [language, dictionary] of Object.entries(DICTIONARIES)) {
    for (const [other, otherDictionary] of Object.entries(DICTIONARIES)) {
      const missing = Object.keys(otherDictionary).filter((key) => !(key in dictionary));
      assert.deepEqual(missing, [], `${language} lacks keys that ${other} has`);
    }
  }
});

test('translations are not empty and keep the placeholders', () => {
  for (const key of KEYS) {
    for (const [language, dictionary] of Object.entries(DICTIONARIES)) {
      assert.ok(dictionary[key]?.trim(), `${language} ${key} is empty`);
      assert.deepEqual(
        placeholders(dictionary[key]),
        placeholders(en[key as keyof typeof en]),
        `${language} ${key}`,
      );
    }
  }
});

test("every t('key') in the components is in the dictionaries", () => {
  const calls = findAll(/\bt\(\s*['"]([^'"]+)['"]/g);
  assert.ok(calls.length > 50, 'the scan found the t() calls');
  const unknown = calls
    .filter((call) => !KEYS.has(call.value))
    .map((call) => `${call.value} (${call.where})`);
  assert.deepEqual(unknown, []);
});

test('every key named as a string literal (menus, dialogs) is in the dictionaries', () => {
  const literals = findAll(/['"]([a-z][\w-]*\.[\w.-]+)['"]/g).filter((found) =>
    NAMESPACES.has(found.value.split('.')[0]),
  );
  const unknown = literals
    .filter((found) => !KEYS.has(found.value))
    .map((found) => `${found.value} (${found.where})`);
  assert.deepEqual(unknown, []);
});

test('every key built from a prefix has keys under that prefix', () => {
  const prefixes = [
    ...findAll(/\bt\(\s*`([\w.-]+)\.\$\{/g),
    ...findAll(/\blabel\(\s*t,\s*['"]([\w-]+)['"]/g),
  ];
  assert.ok(prefixes.length > 0, 'the scan found the built keys');
  const empty = prefixes
    .filter((found) => ![...KEYS].some((key) => key.startsWith(`${found.value}.`)))
    .map((found) => `${found.value}.* (${found.where})`);
  assert.deepEqual(empty, []);
});
