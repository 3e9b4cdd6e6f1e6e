import type { JurisdictionTree } from '../registry/jurisdiction-tree.ts';
import type { Principal } from './principal.ts';
import { roleGrants, type Permission } from './roles.ts';

/** Where a record lives, for scope checks. */
export interface ScopeTarget {
  jurisdiction?: string | null;
  unitId?: string | null;
}

/** A WHERE fragment (with its parameters) that limits a list query to what a user may see. */
export interface ScopeFilter {
  sql: string;
  params: unknown[];
}

/**
 * Who may do what, where. Permissions come from the role; the limit comes from the user:
 * a unit manager sees one unit, a user with a jurisdiction sees that subtree, others all.
 */
export class AccessPolicy {
  constructor(private readonly tree: JurisdictionTree) {}

  /** True when the user's role grants the permission. */
  can(user: Principal, permission: Permission): boolean {
    return roleGrants(user.role, permission);
  }

  /** True when the record is inside the user's limit. */
  sees(user: Principal, target: ScopeTarget): boolean {
    if (user.role === 'unit-manager') return !!user.unitId && target.unitId === user.unitId;
    if (!user.jurisdiction) return true;
    if (!target.jurisdiction) return this.isRoot(user.jurisdiction);
    return this.tree.contains(user.jurisdiction, target.jurisdiction);
  }

  /** True when the user is limited to nothing narrower than the whole city. */
  isCityWide(user: Principal): boolean {
    return user.role !== 'unit-manager' && (!user.jurisdiction || this.isRoot(user.jurisdiction));
  }

  /**
   * SQL that keeps only rows the user may see. Columns are given by the caller, e.g.
   * `filter(user, 'u.jurisdiction', 'u.id')`.
   */
  filter(user: Principal, jurisdictionColumn: string, unitColumn: string): ScopeFilter {
    if (user.role === 'unit-manager') return { sql: `${unitColumn} = ?`, params: [user.unitId ?? ''] };
    if (!user.jurisdiction || this.isRoot(user.jurisdiction)) return { sql: '1 = 1', params: [] };
    return {
      sql: `${jurisdictionColumn} IN (SELECT code FROM jurisdictions WHERE path LIKE ?)`,
      params: [`%/${user.jurisdiction}/%`],
    };
  }

  private isRoot(code: string): boolean {
    return this.tree.root()?.code === code;
  }
}
