import type { Services } from '../services.ts';
import type { Principal } from '../access/principal.ts';
import { notFound, VigilError } from '../errors.ts';
import { fieldError, oneOf } from '../registry/field-checks.ts';
import { paging } from '../registry/registry-context.ts';
import { vehicleView, type VehicleRow } from '../registry/vehicle-registry.ts';
import {
  evaluateAll,
  loadComplianceData,
  type EvaluatedUnit,
  type UnitSummary,
} from './compliance-data.ts';
import {
  evaluateVehicle,
  type Obligation,
  type ObligationStatus,
  type PendingDesignation,
} from './evaluate.ts';
import type { RuleService } from './rule-service.ts';

/** One unit's compliance, as lists and the unit page show it. */
export interface UnitCompliance {
  unit: UnitSummary;
  status: ObligationStatus;
  obligations: Obligation[];
  pendingDesignations: PendingDesignation[];
}

/** Counts over a set of units; `units` = compliant + partial + missing + noObligation. */
export interface Totals {
  units: number;
  compliant: number;
  partial: number;
  missing: number;
  /** Units no rule applies to (category `other`, no approved designation). */
  noObligation: number;
  obligations: Record<string, { met: number; partial: number; missing: number }>;
}

/** The roll-up of one district or county. */
export interface DistrictTotals extends Totals {
  jurisdiction: string;
  name: string;
}

const STATUSES = ['met', 'partial', 'missing'] as const;

/**
 * Compliance of units and vehicles with the active rule set: per unit, per district and city,
 * and as a report. Every answer names the rule version it was judged by; summaries and reports
 * are recorded in `compliance_runs`.
 */
export class ComplianceService {
  constructor(
    private readonly services: Services,
    readonly rules: RuleService,
  ) {}

  /** Units the user may see with their obligations, optionally by overall status; paged. */
  async units(
    user: Principal,
    query: { jurisdiction?: string; status?: string; limit?: number; offset?: number } = {},
  ) {
    this.require(user);
    const status = query.status ? oneOf(query.status, 'status', STATUSES) : undefined;
    const narrow = { jurisdiction: query.jurisdiction };
    const { ruleVersion, evaluated } = await this.evaluate(user, narrow);
    const matching = status
      ? evaluated.filter((entry) => entry.evaluation.status === status)
      : evaluated;
    const { limit, offset } = paging(query);
    const items = matching.slice(offset, offset + limit).map(unitCompliance);
    return { items, total: matching.length, ruleVersion };
  }

  /** One unit's compliance (registry:read or compliance:read: the unit page shows it). */
  async unit(user: Principal, id: string): Promise<UnitCompliance & { ruleVersion: string }> {
    const { access } = this.services;
    if (!access.can(user, 'compliance:read') && !access.can(user, 'registry:read')) {
      throw new VigilError('FORBIDDEN', `role ${user.role} may not compliance:read`);
    }
    const row = await this.services.store.driver.get<{ jurisdiction: string }>(
      'SELECT jurisdiction FROM units WHERE id = ?',
      [id],
    );
    if (!row) throw notFound('unit', id);
    if (!access.sees(user, { jurisdiction: row.jurisdiction, unitId: id })) {
      throw new VigilError('OUT_OF_SCOPE', `unit ${id} is outside your jurisdiction`);
    }
    const { ruleVersion, evaluated } = await this.evaluate(user, { unitId: id });
    return { ...unitCompliance(evaluated[0]!), ruleVersion };
  }

  /** Totals per district or county and for the whole scope; recorded as a run. */
  async summary(user: Principal, query: { by?: string } = {}) {
    this.require(user);
    oneOf(query.by ?? 'district', 'by', ['district']);
    const { ruleVersion, evaluated } = await this.evaluate(user, {});
    const { city, items } = this.rollUp(evaluated);
    // Every district in scope has a row, units or not: an empty district is news too.
    const listed = new Set(items.map((item) => item.jurisdiction));
    for (const node of this.services.tree.list()) {
      const isDistrict = node.level === 'district' || node.level === 'county';
      if (!isDistrict || listed.has(node.code) || !this.services.access.sees(user, { jurisdiction: node.code })) continue;
      items.push({ jurisdiction: node.code, name: node.name, ...emptyTotals() });
    }
    items.sort((a, b) => (a.jurisdiction < b.jurisdiction ? -1 : 1));
    await this.recordRun(user, ruleVersion, evaluated.length, { city, districts: items.length });
    return { ruleVersion, city, items };
  }

  /** Vehicles the user may see and their tracking obligation (Art. 8 para. 2). */
  async vehicles(user: Principal) {
    this.require(user);
    const { compiled } = await this.rules.current();
    const scope = this.services.access.filter(user, 'v.jurisdiction', 'v.owner_unit_id');
    const rows = await this.services.store.driver.all<VehicleRow>(
      `SELECT v.* FROM vehicles v WHERE ${scope.sql} ORDER BY v.id`,
      scope.params,
    );
    const items = rows.map((row) => {
      const vehicle = vehicleView(row);
      return { vehicle, ...evaluateVehicle(compiled, vehicle) };
    });
    return { items, total: items.length, ruleVersion: compiled.version };
  }

  /** Evaluates every unit in the user's scope (optionally narrowed); no paging. */
  async evaluate(
    user: Principal,
    narrow: { jurisdiction?: string; unitId?: string },
  ): Promise<{ ruleVersion: string; evaluated: EvaluatedUnit[] }> {
    if (narrow.jurisdiction && !this.services.tree.get(narrow.jurisdiction)) {
      fieldError('jurisdiction', `unknown jurisdiction code ${narrow.jurisdiction}`);
    }
    const { compiled } = await this.rules.current();
    const scope = this.services.access.filter(user, 'u.jurisdiction', 'u.id');
    const data = await loadComplianceData(this.services.store.driver, { scope, ...narrow });
    return { ruleVersion: compiled.version, evaluated: evaluateAll(compiled, data) };
  }

  /** Records one evaluation run: which rules, whose scope, how many units, the totals. */
  async recordRun(
    user: Principal,
    ruleVersion: string,
    units: number,
    summary: unknown,
  ): Promise<void> {
    const scope = user.role === 'unit-manager'
      ? `unit:${user.unitId}`
      : (user.jurisdiction ?? 'city');
    await this.services.store.driver.run(
      `INSERT INTO compliance_runs (rule_version, scope, evaluated_at, evaluated_by, units, summary)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [ruleVersion, scope, Date.now(), user.username, units, JSON.stringify(summary)],
    );
  }

  /** Totals per district or county (units above district level count under the city). */
  rollUp(evaluated: readonly EvaluatedUnit[]): { city: Totals; items: DistrictTotals[] } {
    const { tree } = this.services;
    const city = emptyTotals();
    const districts = new Map<string, DistrictTotals>();
    const districtOf = new Map<string, string>();
    for (const { unit, evaluation } of evaluated) {
      let code = districtOf.get(unit.jurisdiction);
      if (code === undefined) {
        code = tree.districtOf(unit.jurisdiction)?.code ?? tree.root()?.code ?? unit.jurisdiction;
        districtOf.set(unit.jurisdiction, code);
      }
      let district = districts.get(code);
      if (!district) {
        district = { jurisdiction: code, name: tree.get(code)?.name ?? code, ...emptyTotals() };
        districts.set(code, district);
      }
      addUnit(city, evaluation.status, evaluation.obligations);
      addUnit(district, evaluation.status, evaluation.obligations);
    }
    const items = [...districts.values()];
    items.sort((a, b) => (a.jurisdiction < b.jurisdiction ? -1 : 1));
    return { city, items };
  }

  private require(user: Principal): void {
    if (!this.services.access.can(user, 'compliance:read')) {
      throw new VigilError('FORBIDDEN', `role ${user.role} may not compliance:read`);
    }
  }
}

function unitCompliance({ unit, evaluation }: EvaluatedUnit): UnitCompliance {
  return { unit, status: evaluation.status, obligations: evaluation.obligations,
    pendingDesignations: evaluation.pendingDesignations };
}

function emptyTotals(): Totals {
  const obligations: Totals['obligations'] = {};
  return { units: 0, compliant: 0, partial: 0, missing: 0, noObligation: 0, obligations };
}

function addUnit(
  totals: Totals,
  status: ObligationStatus,
  obligations: readonly Obligation[],
): void {
  totals.units++;
  if (obligations.length === 0) totals.noObligation++;
  else if (status === 'met') totals.compliant++;
  else totals[status]++;
  for (const obligation of obligations) {
    const counts = (totals.obligations[obligation.requirement] ??= {
      met: 0,
      partial: 0,
      missing: 0,
    });
    counts[obligation.status]++;
  }
}
