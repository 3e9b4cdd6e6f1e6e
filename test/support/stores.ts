/**
 * Runs a test body against every database: a fresh SQLite file and a fresh PostgreSQL
 * database (on VIGIL_TEST_PG, default postgres://postgres@127.0.0.1:5432/postgres). The storage
 * suites use this so both implementations answer the same assertions.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

import { openStore, type Store } from '../../src/store/store.ts';

export const PG_ADMIN_URL = process.env.VIGIL_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Which databases to run: VIGIL_TEST_DB=sqlite or =postgres limits it to one. */
export function testDialects(): ('sqlite' | 'postgres')[] {
  const only = process.env.VIGIL_TEST_DB;
  if (only === 'sqlite' || only === 'postgres') return [only];
  return ['sqlite', 'postgres'];
}

/** A database URL for a new empty database of that dialect, and how to drop it. */
export async function freshDatabase(dialect: 'sqlite' | 'postgres') {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-test-'));
    return {
      url: `sqlite:${path.join(dir, 'vigil.db')}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `vigil_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Opens a migrated store on a fresh database; `close` also drops the database. */
export async function freshStore(dialect: 'sqlite' | 'postgres'): Promise<Store & { dispose(): Promise<void> }> {
  const db = await freshDatabase(dialect);
  const store = await openStore(db.url);
  return Object.assign(store, {
    async dispose() {
      await store.close();
      await db.drop();
    },
  });
}
