import type { Services } from '../services.ts';
import type { Principal } from '../access/principal.ts';
import { VigilError } from '../errors.ts';
import { csvLine } from '../import/csv.ts';
import { registryServicesOf } from '../registry/create-registry-services.ts';
import { oneOf } from '../registry/field-checks.ts';
import type { EvaluatedUnit } from './compliance-data.ts';

/** Formats of the compliance report. */
export const REPORT_FORMATS = ['json', 'csv'] as const;

/** One report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const CSV_HEADER = ['unit_id', 'unit_name', 'category', 'jurisdiction', 'requirement', 'status',
  'reason', 'rule_version'];

/** The report as JSON: `[{unit: {id, name, category, jurisdiction}, obligations: [...]}]`. */
export function reportJson(evaluated: readonly EvaluatedUnit[]): string {
  const entries = evaluated.map(({ unit: { id, name, category, jurisdiction }, evaluation }) => ({
    unit: { id, name, category, jurisdiction },
    obligations: evaluation.obligations.map(({ requirement, status, reason }) => ({
      requirement,
      status,
      reason,
    })),
  }));
  return JSON.stringify(entries, null, 2);
}

/** The report as CSV: a header, then one row per unit and obligation, CRLF line ends. */
export function reportCsv(evaluated: readonly EvaluatedUnit[], ruleVersion: string): string {
  const lines = [csvLine(CSV_HEADER)];
  for (const { unit, evaluation } of evaluated) {
    const { id, name, category, jurisdiction } = unit;
    for (const { requirement, status, reason } of evaluation.obligations) {
      const row = [id, name, category, jurisdiction, requirement, status, reason, ruleVersion];
      lines.push(csvLine(row));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The compliance report of every unit the user may see, as JSON or CSV. The run is recorded in
 * `compliance_runs` with the rule version it used.
 */
export async function complianceReport(
  services: Services,
  user: Principal,
  format: ReportFormat,
): Promise<string> {
  const checked = oneOf(format, 'format', REPORT_FORMATS);
  if (!services.access.can(user, 'compliance:read')) {
    throw new VigilError('FORBIDDEN', `role ${user.role} may not compliance:read`);
  }
  const { compliance } = registryServicesOf(services);
  const { ruleVersion, evaluated } = await compliance.evaluate(user, {});
  const { city } = compliance.rollUp(evaluated);
  await compliance.recordRun(user, ruleVersion, evaluated.length, { city, report: checked });
  return checked === 'json' ? reportJson(evaluated) : reportCsv(evaluated, ruleVersion);
}

/** `vigil compliance report`: the report text; the CLI writes it to stdout unchanged. */
export async function runComplianceReport(
  services: Services,
  user: Principal,
  format: string,
): Promise<string> {
  return complianceReport(services, user, oneOf(format, 'format', REPORT_FORMATS));
}
