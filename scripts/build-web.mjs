#!/usr/bin/env node
/**
 * Builds the web console (web/) into web/dist with Vite. Runs from npm's `prepare` after
 * `npm install`, so it skips when web/dist is newer than every source file; `--force` builds
 * anyway. Prints one line; exits non-zero with the reason when the build fails, so a broken
 * console never passes an install unnoticed.
 *
 *   node scripts/build-web.mjs [--force]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB = path.join(ROOT, 'web');
const OUT = path.join(WEB, 'dist');
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json'].map((name) =>
  path.join(WEB, name),
);

await main();

async function main() {
  const force = process.argv.includes('--force');
  const builtAt = mtime(path.join(OUT, 'index.html'));
  if (!force && builtAt > 0 && builtAt > newestSource()) {
    console.log('build-web: console is up to date (web/dist); use --force to rebuild');
    return;
  }

  const vite = await loadVite();
  const started = Date.now();
  try {
    await vite.build({
      configFile: path.join(WEB, 'vite.config.ts'),
      logLevel: 'error',
      mode: 'production',
    });
  } catch (error) {
    fail(`console build failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  const { files, bytes } = measure(OUT);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `build-web: built web/dist in ${seconds} s (${files} files, ${(bytes / 1024).toFixed(0)} KiB)`,
  );
}

async function loadVite() {
  try {
    return await import('vite');
  } catch (error) {
    fail(
      `cannot load vite (${error instanceof Error ? error.message : error}); ` +
        'install the dev dependencies (npm install) to build the console',
    );
  }
}

function fail(message) {
  console.error(`build-web: ${message}`);
  process.exit(1);
}

/** Modification time in ms, 0 when the path does not exist. */
function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** The newest modification time among the sources, folders walked recursively. */
function newestSource() {
  let newest = 0;
  const visit = (entry) => {
    let stat;
    try {
      stat = fs.statSync(entry);
    } catch {
      return;
    }
    newest = Math.max(newest, stat.mtimeMs);
    if (!stat.isDirectory()) return;

    for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
  };
  SOURCES.forEach(visit);
  return newest;
}

function measure(folder) {
  let files = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;

    files += 1;
    bytes += fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return { files, bytes };
}
