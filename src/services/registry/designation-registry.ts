import crypto from 'node:crypto';

import type { SqlDriver } from '../../store/driver.ts';
import type { Principal } from '../access/principal.ts';
import { notFound, VigilError } from '../errors.ts';
import { fieldError, isoDate, isoTime, oneOf, recordId, requiredText } from './field-checks.ts';
import type { RegistryContext } from './registry-context.ts';
import { REQUIREMENTS, type Requirement } from './registry-terms.ts';

/** A designation of Art. 7 last paragraph as the API shows it. */
export interface DesignationView {
  id: string;
  unitId: string;
  unitName: string;
  /** What the unit must establish: system kinds, or `video-networked` (Art. 9 para. 3). */
  systems: Requirement[];
  reason: string;
  designatedBy: string;
  designatedAt: string | null;
  /** `approved` once the municipal people's government's approval is recorded. */
  status: 'pending-approval' | 'approved';
  approval: Approval | null;
}

/** The municipal people's government's approval of a designation. */
export interface Approval {
  document: string;
  date: string;
  approvedBy: string;
  approvedAt: string | null;
}

/** Fields of a new designation. */
export interface DesignationInput {
  id?: string;
  unitId?: string;
  systems?: unknown;
  reason?: string;
}

/** The stored designation row (the compliance loader reads it too). */
export interface DesignationRow {
  id: string;
  unit_id: string;
  systems: string;
  reason: string;
  designated_by: string;
  designated_at: number;
  approval_document: string | null;
  approval_date: string | null;
  approved_by: string | null;
  approved_at: number | null;
}

const view = (row: DesignationRow & { unit_name: string }): DesignationView => ({
  id: row.id,
  unitId: row.unit_id,
  unitName: row.unit_name,
  systems: JSON.parse(row.systems) as Requirement[],
  reason: row.reason,
  designatedBy: row.designated_by,
  designatedAt: isoTime(row.designated_at),
  status: row.approved_at === null ? 'pending-approval' : 'approved',
  approval:
    row.approved_at === null
      ? null
      : {
        document: row.approval_document ?? '',
        date: row.approval_date ?? '',
        approvedBy: row.approved_by ?? '',
        approvedAt: isoTime(row.approved_at),
      },
});

function checkSystems(value: unknown): Requirement[] {
  if (!Array.isArray(value) || value.length === 0) {
    fieldError('systems', 'a non-empty list of system kinds');
  }
  const kinds = value.map((kind, index) => oneOf(kind, `systems[${index}]`, REQUIREMENTS));
  return [...new Set(kinds)];
}

/**
 * Art. 7 last paragraph: the municipal public-security organ may designate further units that
 * must establish systems, and reports each to the municipal people's government for approval.
 * A designation binds only once that approval is recorded.
 */
export class DesignationRegistry {
  constructor(private readonly context: RegistryContext) {}

  /** Designations of units the user may see, optionally of one unit. */
  async list(user: Principal, query: { unitId?: string } = {}): Promise<DesignationView[]> {
    this.context.require(user, 'registry:read');
    const scope = this.context.services.access.filter(user, 'u.jurisdiction', 'u.id');
    const where = query.unitId ? `${scope.sql} AND d.unit_id = ?` : scope.sql;
    const rows = await this.context.driver.all<DesignationRow & { unit_name: string }>(
      `SELECT d.*, u.name AS unit_name FROM designations d JOIN units u ON u.id = d.unit_id
       WHERE ${where} ORDER BY d.designated_at, d.id`,
      query.unitId ? [...scope.params, query.unitId] : scope.params,
    );
    return rows.map(view);
  }

  /** Designates a unit (permission designation:create, the municipal organ). */
  async designate(user: Principal, input: DesignationInput): Promise<DesignationView> {
    const { context } = this;
    context.require(user, 'designation:create');
    const id = input.id ? recordId(input.id) : `D-${crypto.randomBytes(5).toString('hex')}`;
    const unitId = recordId(input.unitId, 'unitId');
    const systems = checkSystems(input.systems);
    const reason = requiredText(input.reason, 'reason', 2000);
    return context.commit(user, async (tx) => {
      const unit = await context.unitInScope(user, unitId, tx);
      if (await tx.get('SELECT id FROM designations WHERE id = ?', [id])) {
        throw new VigilError('CONFLICT', `designation ${id} exists`);
      }
      await tx.run(
        `INSERT INTO designations (id, unit_id, systems, reason, designated_by, designated_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [id, unitId, JSON.stringify(systems), reason, user.username, Date.now()],
      );
      return {
        result: await this.read(tx, id),
        audit: { action: 'designation.create', targetType: 'designation', targetId: id,
          detail: { unitId, systems, reason } },
        event: { kind: 'designation', id, jurisdiction: unit.jurisdiction, unitId },
      };
    });
  }

  /** Records the municipal people's government's approval: document number and date. */
  async approve(
    user: Principal,
    id: string,
    input: { document?: string; date?: string },
  ): Promise<DesignationView> {
    const { context } = this;
    context.require(user, 'designation:approve');
    const document = requiredText(input.document, 'document', 200);
    const date = isoDate(input.date, 'date');
    return context.commit(user, async (tx) => {
      const row = await tx.get<DesignationRow>('SELECT * FROM designations WHERE id = ?', [id]);
      if (!row) throw notFound('designation', id);
      const unit = await context.unitInScope(user, row.unit_id, tx);
      if (row.approved_at !== null) {
        throw new VigilError('CONFLICT', `designation ${id} is approved already`);
      }
      await tx.run(
        `UPDATE designations SET approval_document = ?, approval_date = ?, approved_by = ?,
         approved_at = ? WHERE id = ?`,
        [document, date, user.username, Date.now(), id],
      );
      return {
        result: await this.read(tx, id),
        audit: { action: 'designation.approve', targetType: 'designation', targetId: id,
          detail: { unitId: row.unit_id, document, date } },
        event: { kind: 'designation', id, jurisdiction: unit.jurisdiction, unitId: row.unit_id },
      };
    });
  }

  private async read(tx: SqlDriver, id: string): Promise<DesignationView> {
    const row = await tx.get<DesignationRow & { unit_name: string }>(
      `SELECT d.*, u.name AS unit_name FROM designations d JOIN units u ON u.id = d.unit_id
       WHERE d.id = ?`,
      [id],
    );
    if (!row) throw notFound('designation', id);
    return view(row);
  }
}
