#!/usr/bin/env node
// The whole test suite: checks the machine has what the tests need (PostgreSQL, Chromium),
// builds the console if its sources changed, then runs every test file with node --test.
// Options pass through: `npm test -- test/store` runs the files under that path only.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const run = (command, args, options = {}) => spawnSync(command, args, { stdio: 'inherit', ...options });

const ensure = run('bash', ['scripts/ensure-system.sh']);
if (ensure.status !== 0) process.exit(ensure.status ?? 1);
const build = run(process.execPath, ['scripts/build-web.mjs']);
if (build.status !== 0) process.exit(build.status ?? 1);

function testFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const filters = process.argv.slice(2);
const files = [...testFiles('test'), ...testFiles('web/test')]
  .filter((file) => filters.length === 0 || filters.some((f) => file.startsWith(f.replace(/^\.\//, ''))))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}
console.log(`running ${files.length} test files on SQLite and PostgreSQL`);
const result = run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files]);
process.exit(result.status ?? 1);
