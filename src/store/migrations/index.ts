import * as foundation from './001-foundation.ts';
import * as registry from './002-registry.ts';
import * as receiverWrites from './003-receiver-writes.ts';

/** One versioned migration: shared SQL plus optional per-dialect SQL run after it. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  sqlite?: string;
  postgres?: string;
}

/** Every migration, oldest first. Append only: never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  { version: 1, ...foundation },
  { version: 2, ...registry },
  { version: 3, ...receiverWrites },
];
