import type { Dialect, SqlDriver } from './driver.ts';
import { migrate, type MigrationResult } from './migrate.ts';
import { PostgresEventWriter } from './postgres/postgres-event-writer.ts';
import { PostgresDriver } from './postgres/postgres-driver.ts';
import type { EventWriter } from './event-writer.ts';
import { SqliteDriver } from './sqlite/sqlite-driver.ts';
import { SqliteEventWriter } from './sqlite/sqlite-event-writer.ts';
import { ThreadedEventWriter } from './sqlite/threaded-event-writer.ts';

/** An open database: the shared SQL driver plus the dialect's hot-path writer. */
export interface Store {
  readonly dialect: Dialect;
  readonly driver: SqlDriver;
  /** Group-commits received alarm messages (the only hot write path). */
  readonly events: EventWriter;
  /** Human-readable location without credentials, for logs. */
  readonly location: string;
  /** Starts background upkeep a long-running server wants (SQLite: WAL checkpoints). */
  startMaintenance(onError: (message: string) => void): void;
  close(): Promise<void>;
}

/** Parses `sqlite:PATH`, `sqlite::memory:` or `postgres://...` / `postgresql://...`. */
export function parseDatabaseUrl(url: string): { dialect: Dialect; target: string } {
  if (url.startsWith('sqlite:')) return { dialect: 'sqlite', target: url.slice('sqlite:'.length) };
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', target: url };
  throw new Error(`store: unsupported database URL "${url}" (use sqlite:PATH or postgres://...)`);
}

/** Opens (and by default migrates) the database named by `url`. */
export async function openStore(
  url: string,
  options: { migrate?: boolean } = {},
): Promise<Store & { migrations: MigrationResult[] }> {
  const { dialect, target } = parseDatabaseUrl(url);
  const store =
    dialect === 'sqlite' ? openSqlite(target) : openPostgres(target);
  let migrations: MigrationResult[] = [];
  if (options.migrate !== false) {
    migrations = await migrate(store.driver);
    const failed = migrations.find((m) => m.status === 'failed');
    if (failed) {
      await store.close();
      throw new Error(`store: migration ${failed.version} (${failed.name}) failed: ${failed.error}`);
    }
  }
  return Object.assign(store, { migrations });
}

function openSqlite(file: string): Store {
  const driver = new SqliteDriver(file);
  // Received events are committed on a thread of their own (see sqlite/event-writer-thread.ts).
  // An in-memory database cannot be shared with another thread: it writes inline.
  let events: EventWriter | undefined = file === ':memory:' ? new SqliteEventWriter(driver) : undefined;
  return {
    dialect: 'sqlite',
    driver,
    get events() {
      return (events ??= new ThreadedEventWriter(file));
    },
    location: `sqlite:${file}`,
    startMaintenance: (onError) => driver.startCheckpointer(onError),
    close: async () => {
      if (events instanceof ThreadedEventWriter) await events.close();
      await driver.close();
    },
  };
}

function openPostgres(url: string): Store {
  const driver = new PostgresDriver(url);
  return {
    dialect: 'postgres',
    driver,
    events: new PostgresEventWriter(driver),
    location: url.replace(/\/\/[^@/]*@/, '//***@'),
    startMaintenance: () => undefined,
    close: () => driver.close(),
  };
}
