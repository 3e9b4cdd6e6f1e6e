import pg from 'pg';

import { bindable, type Row, type SqlDriver } from '../driver.ts';

// BIGINT (epoch milliseconds, ids, counts) comes back as a JS number: every value we store
// in one fits well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));

const numbered = new Map<string, string>();

/** Rewrites `?` placeholders as `$1, $2, ...`, skipping quoted strings. */
export function numberPlaceholders(sql: string): string {
  const cached = numbered.get(sql);
  if (cached) return cached;
  let out = '';
  let n = 0;
  let quoted = false;
  for (const char of sql) {
    if (char === "'") quoted = !quoted;
    out += char === '?' && !quoted ? `$${++n}` : char;
  }
  numbered.set(sql, out);
  return out;
}

type Queryable = pg.Pool | pg.PoolClient;

async function query<T>(client: Queryable, sql: string, params: readonly unknown[]) {
  return client.query<T & pg.QueryResultRow>(numberPlaceholders(sql), params.map(bindable));
}

/** PostgreSQL through a pg pool; each transaction holds one pooled client. */
export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  readonly pool: pg.Pool;

  constructor(connectionString: string, poolSize = 10) {
    this.pool = new pg.Pool({ connectionString, max: poolSize });
    // An idle client losing its server must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  async all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await query<T>(this.pool, sql, params)).rows;
  }

  async get<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await query<T>(this.pool, sql, params)).rows[0];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await query(this.pool, sql, params)).rowCount ?? 0;
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(clientDriver(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function clientDriver(client: pg.PoolClient): SqlDriver {
  const self: SqlDriver = {
    dialect: 'postgres',
    all: async <T>(sql: string, params: readonly unknown[] = []) =>
      (await query<T>(client, sql, params)).rows,
    get: async <T>(sql: string, params: readonly unknown[] = []) =>
      (await query<T>(client, sql, params)).rows[0],
    run: async (sql: string, params: readonly unknown[] = []) =>
      (await query(client, sql, params)).rowCount ?? 0,
    exec: async (sql: string) => void (await client.query(sql)),
    transaction: async <T>(fn: (tx: SqlDriver) => Promise<T>) => fn(self),
    close: async () => {
      throw new Error('PostgreSQL: cannot close inside a transaction');
    },
  };
  return self;
}
