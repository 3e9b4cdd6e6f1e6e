import type { Services } from '../services.ts';
import type { BusMessages } from '../../bus/bus.ts';
import type { SqlDriver } from '../../store/driver.ts';
import type { ScopeTarget } from '../access/access-policy.ts';
import type { Principal } from '../access/principal.ts';
import type { Permission } from '../access/roles.ts';
import type { AuditInput } from '../audit/audit-log.ts';
import { notFound, VigilError } from '../errors.ts';
import { fieldError } from './field-checks.ts';
import type { Jurisdiction } from './jurisdiction-tree.ts';

/** What one registry change records and announces. */
export interface Change<T> {
  result: T;
  audit: AuditInput;
  event: BusMessages['registry.changed'];
}

/** The unit a record hangs under, as scope checks need it. */
export interface UnitScope {
  id: string;
  name: string;
  jurisdiction: string;
}

/**
 * The steps every registry write shares: permission, scope, one transaction with its audit
 * entry, then the bus announcement. Each entity's registry builds on it.
 */
export class RegistryContext {
  constructor(readonly services: Services) {}

  get driver(): SqlDriver {
    return this.services.store.driver;
  }

  /** Throws FORBIDDEN unless the user's role grants the permission. */
  require(user: Principal, permission: Permission): void {
    if (!this.services.access.can(user, permission)) {
      throw new VigilError('FORBIDDEN', `role ${user.role} may not ${permission}`);
    }
  }

  /** Throws OUT_OF_SCOPE unless the record lies inside the user's jurisdiction or unit. */
  checkScope(user: Principal, target: ScopeTarget, what: string): void {
    if (!this.services.access.sees(user, target)) {
      throw new VigilError('OUT_OF_SCOPE', `${what} is outside your jurisdiction`);
    }
  }

  /** The jurisdiction a code names; a VALIDATION error on `field` when the tree lacks it. */
  jurisdiction(code: unknown, field = 'jurisdiction'): Jurisdiction {
    const node = typeof code === 'string' ? this.services.tree.get(code) : undefined;
    if (!node) fieldError(field, `unknown jurisdiction code ${String(code)}`);
    return node;
  }

  /** Loads a unit and checks the user may reach it (NOT_FOUND, then OUT_OF_SCOPE). */
  async unitInScope(
    user: Principal,
    unitId: string,
    tx: SqlDriver = this.driver,
  ): Promise<UnitScope> {
    const sql = 'SELECT id, name, jurisdiction FROM units WHERE id = ?';
    const unit = await tx.get<UnitScope>(sql, [unitId]);
    if (!unit) throw notFound('unit', unitId);
    this.checkScope(user, { jurisdiction: unit.jurisdiction, unitId: unit.id }, `unit ${unitId}`);
    return unit;
  }

  /** Runs a change in one transaction with its audit entry, then announces it on the bus. */
  async commit<T>(user: Principal, work: (tx: SqlDriver) => Promise<Change<T>>): Promise<T> {
    const change = await this.driver.transaction(async (tx) => {
      const done = await work(tx);
      await this.services.audit.append(user, done.audit, tx);
      return done;
    });
    this.services.bus.publish('registry.changed', change.event);
    return change.result;
  }
}

/** Pages a list: limit 1..1000 (default 100), offset from 0. */
export function paging(query: { limit?: number; offset?: number }): {
  limit: number;
  offset: number;
} {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100), 1), 1000);
  const offset = Math.max(Math.trunc(query.offset ?? 0), 0);
  return { limit, offset };
}

/** A LIKE pattern matching `text` anywhere, with % _ and \ taken literally (use ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
