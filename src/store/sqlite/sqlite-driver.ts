import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

import { AsyncLock, bindable, type Row, type SqlDriver } from '../driver.ts';
import { WalCheckpointer } from './wal-checkpointer.ts';

type Statement = Database.Statement<unknown[]>;

/**
 * SQLite through better-sqlite3, in WAL mode with synchronous=FULL: a commit is on disk
 * (fsynced) when it returns, which is what "durable before ACK" needs.
 *
 * better-sqlite3 is synchronous, so every call completes before it returns. The lock only
 * matters while a transaction's async callback is awaiting: other callers wait for it rather
 * than slipping their statements into the open transaction.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly statements = new Map<string, Statement>();
  private readonly lock = new AsyncLock();
  private inTransaction = false;
  private checkpointer?: WalCheckpointer;

  constructor(private readonly file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${process.env.VIGIL_SQLITE_SYNC ?? 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('cache_size = -65536');
    this.db.pragma('journal_size_limit = 67108864');
  }

  /**
   * Moves WAL checkpoints to a background thread (for the long-running server; one-shot
   * commands keep SQLite's automatic checkpoints).
   */
  startCheckpointer(onError?: (message: string) => void): void {
    if (this.checkpointer || this.file === ':memory:') return;
    this.db.pragma('wal_autocheckpoint = 0');
    this.checkpointer = new WalCheckpointer(this.file, 5000, onError);
  }

  /** A cached prepared statement (hot paths use this directly). */
  prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    await this.waitOutsideTransaction();
    return this.allNow<T>(sql, params);
  }

  async get<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    await this.waitOutsideTransaction();
    return this.getNow<T>(sql, params);
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    await this.waitOutsideTransaction();
    return this.runNow(sql, params);
  }

  async exec(sql: string): Promise<void> {
    await this.waitOutsideTransaction();
    this.db.exec(sql);
  }

  async transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    const release = await this.lock.acquire();
    this.inTransaction = true;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn(this.transactionView());
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.inTransaction = false;
      release();
    }
  }

  /** Runs fn synchronously in one transaction (hot paths: no awaits inside). */
  transactionSync<T>(fn: () => T): T {
    if (this.inTransaction) throw new Error('SQLite: a transaction is already open');
    return this.db.transaction(fn).immediate();
  }

  /** True while an async transaction holds the connection. */
  get busy(): boolean {
    return this.inTransaction;
  }

  async close(): Promise<void> {
    const release = await this.lock.acquire();
    await this.checkpointer?.stop();
    this.db.close();
    release();
  }

  private async waitOutsideTransaction(): Promise<void> {
    if (!this.inTransaction) return;
    const release = await this.lock.acquire();
    release();
  }

  private allNow<T>(sql: string, params: readonly unknown[]): T[] {
    return this.prepare(sql).all(...params.map(bindable)) as T[];
  }

  private getNow<T>(sql: string, params: readonly unknown[]): T | undefined {
    return this.prepare(sql).get(...params.map(bindable)) as T | undefined;
  }

  private runNow(sql: string, params: readonly unknown[]): number {
    const statement = this.prepare(sql);
    const bound = params.map(bindable);
    if (statement.reader) {
      statement.all(...bound);
      return 0;
    }
    return statement.run(...bound).changes;
  }

  private transactionView(): SqlDriver {
    return {
      dialect: 'sqlite',
      all: async <T>(sql: string, params: readonly unknown[] = []) => this.allNow<T>(sql, params),
      get: async <T>(sql: string, params: readonly unknown[] = []) => this.getNow<T>(sql, params),
      run: async (sql: string, params: readonly unknown[] = []) => this.runNow(sql, params),
      exec: async (sql: string) => void this.db.exec(sql),
      transaction: async <T>(fn: (tx: SqlDriver) => Promise<T>) => fn(this.transactionView()),
      close: async () => {
        throw new Error('SQLite: cannot close inside a transaction');
      },
    };
  }
}
