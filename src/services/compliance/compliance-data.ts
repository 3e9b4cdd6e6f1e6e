import type { SqlDriver } from '../../store/driver.ts';
import type { ScopeFilter } from '../access/access-policy.ts';
import {
  evaluateUnit,
  type DesignationFacts,
  type SystemFacts,
  type UnitEvaluation,
} from './evaluate.ts';
import type { CompiledRules } from './rule-set.ts';

/** The unit fields compliance answers carry (the report's `unit`). */
export interface UnitSummary {
  id: string;
  name: string;
  category: string;
  jurisdiction: string;
  /** WGS84 position, for the map (the report leaves it out). */
  lat: number | null;
  lon: number | null;
}

/** Everything the evaluator needs for a set of units, grouped by unit id. */
export interface ComplianceData {
  units: UnitSummary[];
  systems: Map<string, SystemFacts[]>;
  designations: Map<string, DesignationFacts[]>;
}

/** A unit with its evaluation. */
export interface EvaluatedUnit {
  unit: UnitSummary;
  evaluation: UnitEvaluation;
}

/** Which units to load: the user's scope, narrowed to a jurisdiction subtree or one unit. */
export interface ComplianceFilter {
  scope: ScopeFilter;
  jurisdiction?: string;
  unitId?: string;
}

interface DesignationRow {
  id: string;
  unit_id: string;
  systems: string;
  approved_at: number | null;
  approval_document: string | null;
}

interface Where {
  sql: string;
  params: unknown[];
  /** True when nothing is filtered: every row of the city. */
  everything: boolean;
}

function whereClause(filter: ComplianceFilter): Where {
  const where = [filter.scope.sql];
  const params = [...filter.scope.params];
  if (filter.jurisdiction) {
    where.push('u.jurisdiction IN (SELECT code FROM jurisdictions WHERE path LIKE ?)');
    params.push(`%/${filter.jurisdiction}/%`);
  }
  if (filter.unitId) (where.push('u.id = ?'), params.push(filter.unitId));
  const everything = where.length === 1 && filter.scope.sql === '1 = 1';
  return { sql: where.join(' AND '), params, everything };
}

// Kind, state and networking come back as one text ("video in-service 1"): a city has only a
// few dozen combinations, so each is parsed once and shared, and rows stay small to read.
const FACTS = "s.kind || ' ' || s.state || ' ' || s.networked AS facts";

/**
 * Loads units, their systems and designations with one query each and groups them in memory:
 * a city of 100,000 units is read in well under a second this way (bench/compliance-bench.ts).
 */
export async function loadComplianceData(
  driver: SqlDriver,
  filter: ComplianceFilter,
): Promise<ComplianceData> {
  const where = whereClause(filter);
  const units = await driver.all<UnitSummary>(
    `SELECT u.id, u.name, u.category, u.jurisdiction, u.lat, u.lon FROM units u WHERE ${where.sql}
     ORDER BY u.id`,
    where.params,
  );
  // Without a filter, skip the join: every system belongs to some unit anyway.
  const systemRows = await driver.all<{ unit_id: string; facts: string }>(
    where.everything
      ? `SELECT s.unit_id, ${FACTS} FROM systems s`
      : `SELECT s.unit_id, ${FACTS} FROM systems s JOIN units u ON u.id = s.unit_id
         WHERE ${where.sql}`,
    where.params,
  );
  const designationRows = await driver.all<DesignationRow>(
    `SELECT d.id, d.unit_id, d.systems, d.approved_at, d.approval_document FROM designations d
     JOIN units u ON u.id = d.unit_id WHERE ${where.sql} ORDER BY d.id`,
    where.params,
  );
  const designations = groupDesignations(designationRows);
  return { units, systems: groupSystems(systemRows), designations };
}

function groupSystems(rows: readonly { unit_id: string; facts: string }[]) {
  const parsed = new Map<string, SystemFacts>();
  const systems = new Map<string, SystemFacts[]>();
  for (const row of rows) {
    let facts = parsed.get(row.facts);
    if (!facts) {
      const [kind = '', state = '', networked] = row.facts.split(' ');
      facts = Object.freeze({ kind, state, networked: networked === '1' });
      parsed.set(row.facts, facts);
    }
    const list = systems.get(row.unit_id);
    if (list) list.push(facts);
    else systems.set(row.unit_id, [facts]);
  }
  return systems;
}

function groupDesignations(rows: readonly DesignationRow[]): Map<string, DesignationFacts[]> {
  const designations = new Map<string, DesignationFacts[]>();
  for (const row of rows) {
    const list = designations.get(row.unit_id) ?? [];
    list.push({
      id: row.id,
      systems: JSON.parse(row.systems) as string[],
      approved: row.approved_at !== null,
      document: row.approval_document,
    });
    designations.set(row.unit_id, list);
  }
  return designations;
}

const NONE: readonly never[] = [];

/** Evaluates every loaded unit. */
export function evaluateAll(rules: CompiledRules, data: ComplianceData): EvaluatedUnit[] {
  return data.units.map((unit) => {
    const systems = data.systems.get(unit.id) ?? NONE;
    const designations = data.designations.get(unit.id) ?? NONE;
    return { unit, evaluation: evaluateUnit(rules, unit, systems, designations) };
  });
}
