/**
 * Compliance at city scale: seeds 100,000 units and about 250,000 systems into a SQLite file,
 * then times loading them (two queries plus designations) and evaluating them against the
 * default rule set, separately. Prints one JSON object.
 *
 *   node --import tsx bench/compliance-bench.ts [--units N] [--keep]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { silentLogger } from '../src/log/logger.ts';
import { SYSTEM } from '../src/services/access/principal.ts';
import { evaluateAll, loadComplianceData } from '../src/services/compliance/compliance-data.ts';
import { createCoreServices } from '../src/services/core-services.ts';
import { createRegistryServices } from '../src/services/registry/create-registry-services.ts';
import { cityDivisions, seedJurisdictions } from '../src/services/registry/jurisdiction-seed.ts';
import { SYSTEM_STATES } from '../src/services/registry/registry-terms.ts';
import { UNIT_CATEGORIES } from '../src/services/registry/unit-categories.ts';
import type { SqliteDriver } from '../src/store/sqlite/sqlite-driver.ts';
import { openStore } from '../src/store/store.ts';

const KINDS_BY_CATEGORY: Record<string, string[]> = {
  residential: ['building-intercom', 'anti-theft-door', 'video'],
  other: ['video'],
};
const ART7_KINDS = ['video', 'intrusion-alarm', 'access-control', 'explosion-proof-inspection'];

/** A small deterministic generator (mulberry32), so every run seeds the same city. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bulk insert straight through better-sqlite3: one transaction, prepared statements. */
function seedUnits(driver: SqliteDriver, count: number): { units: number; systems: number } {
  const next = random(2026);
  const nodes = cityDivisions('320100');
  const districts = nodes.filter((node) => node.level === 'district').map((node) => node.code);
  const unit = driver.db.prepare(
    `INSERT INTO units (id, name, category, jurisdiction, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const system = driver.db.prepare(
    `INSERT INTO systems (id, unit_id, kind, state, networked, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  let systems = 0;
  const now = Date.now();
  driver.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = `U-${String(i).padStart(6, '0')}`;
      const category = UNIT_CATEGORIES[Math.floor(next() * UNIT_CATEGORIES.length)]!;
      unit.run(id, `Unit ${i}`, category, districts[i % districts.length], now, now);
      const kinds = KINDS_BY_CATEGORY[category] ?? ART7_KINDS;
      for (const kind of kinds) {
        if (next() < 0.3) continue;
        const state = SYSTEM_STATES[Math.floor(next() * SYSTEM_STATES.length)]!;
        system.run(`${id}:${kind}`, id, kind, state, kind === 'video' && next() < 0.7 ? 1 : 0, now);
        systems++;
      }
    }
  })();
  return { units: count, systems };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const count = Number(args[args.indexOf('--units') + 1]) || 100_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-'));
  const store = await openStore(`sqlite:${path.join(dir, 'bench.db')}`);
  try {
    await seedJurisdictions(store.driver, '320100');
    const seedStart = performance.now();
    const seeded = seedUnits(store.driver as SqliteDriver, count);
    const seedMs = performance.now() - seedStart;
    const services = await createCoreServices(store, silentLogger());
    const { compliance, rules } = createRegistryServices(services);
    const { compiled } = await rules.current();
    const scope = services.access.filter(SYSTEM, 'u.jurisdiction', 'u.id');

    const loadStart = performance.now();
    const data = await loadComplianceData(store.driver, { scope });
    const loadMs = performance.now() - loadStart;
    const evaluateStart = performance.now();
    const evaluated = evaluateAll(compiled, data);
    const evaluateMs = performance.now() - evaluateStart;
    const rollUpStart = performance.now();
    const { city } = compliance.rollUp(evaluated);
    const rollUpMs = performance.now() - rollUpStart;
    const summaryStart = performance.now();
    await compliance.summary(SYSTEM);
    const summaryMs = performance.now() - summaryStart;

    const round = (ms: number) => Math.round(ms);
    console.log(JSON.stringify({
      units: seeded.units, systems: seeded.systems, ruleVersion: compiled.version,
      seedMs: round(seedMs), loadMs: round(loadMs), evaluateMs: round(evaluateMs),
      loadAndEvaluateMs: round(loadMs + evaluateMs), rollUpMs: round(rollUpMs),
      summaryEndToEndMs: round(summaryMs), compliant: city.compliant, partial: city.partial,
      missing: city.missing, noObligation: city.noObligation, node: process.version,
    }));
  } finally {
    await store.close();
    if (!args.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
