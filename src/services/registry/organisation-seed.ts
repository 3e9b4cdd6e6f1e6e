import type { SqlDriver } from '../../store/driver.ts';
import { fieldError } from './field-checks.ts';
import type { Jurisdiction } from './jurisdiction-tree.ts';
import type { SeedResult } from './jurisdiction-seed.ts';

/** The kinds of organisation Art. 5 names. */
export type OrganisationKind =
  | 'municipal-police'
  | 'district-police'
  | 'technical-defence-office'
  | 'department';

/** One organisation as the API shows it. */
export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  /** For departments: which of the Art. 5 para. 4 administrations it is. */
  department: string | null;
  jurisdiction: string;
  parentId: string | null;
}

/**
 * The administrative departments that cooperate in technical-defence management (Art. 5
 * para. 4), with the usual Chinese name of the bureau after the city's name.
 */
export const COOPERATING_DEPARTMENTS: readonly { key: string; en: string; zh: string }[] = [
  { key: 'quality-technical-supervision', en: 'Quality and technical supervision', zh: '质量技术监督局' },
  { key: 'planning', en: 'Planning', zh: '规划局' },
  { key: 'construction', en: 'Construction', zh: '建设局' },
  { key: 'real-estate', en: 'Real estate', zh: '房产管理局' },
  { key: 'urban-management', en: 'Urban management', zh: '城市管理局' },
  { key: 'transport', en: 'Transport', zh: '交通运输局' },
  { key: 'culture', en: 'Culture', zh: '文化局' },
  { key: 'finance', en: 'Finance', zh: '财政局' },
];

/** 玄武区 → 南京市公安局玄武分局; a county or county-level city keeps its own 县/市公安局. */
export function districtPoliceName(cityName: string, area: Jurisdiction): string {
  if (area.level === 'district' && area.name.length > 2) {
    return `${cityName}公安局${area.name.slice(0, -1)}分局`;
  }
  return `${area.name}公安局`;
}

/**
 * The organisations of Art. 5 for a city already in the tree: the municipal public-security
 * organ (competent department, para. 1), one organ per district or county (para. 2), the
 * technical-defence management institution (para. 3) and the cooperating departments (para. 4).
 */
export function cityOrganisations(nodes: readonly Jurisdiction[]): Organisation[] {
  const city = nodes.find((node) => node.level === 'city');
  if (!city) fieldError('city', 'seed the jurisdictions first');
  const police = `ORG-${city.code}-police`;
  const organisations: Organisation[] = [
    { id: police, name: `${city.name}公安局`, kind: 'municipal-police', department: null,
      jurisdiction: city.code, parentId: null },
    { id: `ORG-${city.code}-technical-defence`, name: `${city.name}公安局技术防范管理办公室`,
      kind: 'technical-defence-office', department: null, jurisdiction: city.code,
      parentId: police },
  ];
  for (const area of nodes.filter((node) => node.parent === city.code)) {
    if (area.level !== 'district' && area.level !== 'county') continue;
    organisations.push({ id: `ORG-${area.code}-police`, name: districtPoliceName(city.name, area),
      kind: 'district-police', department: null, jurisdiction: area.code, parentId: police });
  }
  for (const department of COOPERATING_DEPARTMENTS) {
    organisations.push({ id: `ORG-${city.code}-${department.key}`,
      name: `${city.name}${department.zh}`, kind: 'department', department: department.key,
      jurisdiction: city.code, parentId: null });
  }
  return organisations;
}

/** Writes the Art. 5 organisations of the city in the tree; present ones are left alone. */
export async function seedOrganisations(driver: SqlDriver, cityCode: string): Promise<SeedResult> {
  const root = `${cityCode.slice(0, 4)}00`;
  const nodes = await driver.all<Jurisdiction>(
    'SELECT code, name, parent, level, path FROM jurisdictions WHERE path LIKE ? ORDER BY path',
    [`/${root}/%`],
  );
  const organisations = cityOrganisations(nodes);
  const added = await driver.transaction(async (tx) => {
    let count = 0;
    for (const org of organisations) {
      count += await tx.run(
        `INSERT INTO organisations (id, name, kind, department, jurisdiction, parent_id)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
        [org.id, org.name, org.kind, org.department, org.jurisdiction, org.parentId],
      );
    }
    return count;
  });
  return { added, total: organisations.length };
}

/** Every organisation, the municipal organ first. */
export async function listOrganisations(driver: SqlDriver): Promise<Organisation[]> {
  const rows = await driver.all<{
    id: string; name: string; kind: OrganisationKind; department: string | null;
    jurisdiction: string; parent_id: string | null;
  }>(
    `SELECT * FROM organisations ORDER BY CASE kind WHEN 'municipal-police' THEN 0
     WHEN 'technical-defence-office' THEN 1 WHEN 'district-police' THEN 2 ELSE 3 END, id`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    department: row.department,
    jurisdiction: row.jurisdiction,
    parentId: row.parent_id,
  }));
}
