/**
 * The demo city: Nanjing (320100) with units of every category of the regulation in its real
 * districts, their systems in every state (so compliance has something to say), DC-09 accounts
 * for the units that must have intrusion alarms, vehicles, and one user per role.
 */
import type { Services } from '../services/services.ts';
import { SYSTEM } from '../services/access/principal.ts';
import type { AccountDirectory } from '../services/intake/account-directory.ts';
import { registryServicesOf } from '../services/registry/create-registry-services.ts';

export const DEMO_PASSWORD = 'vigil-demo-2026';

/** Approximate centres of Nanjing's districts (WGS84), for placing demo units. */
const DISTRICTS: Record<string, { name: string; lat: number; lon: number }> = {
  '320102': { name: '玄武区', lat: 32.049, lon: 118.797 },
  '320104': { name: '秦淮区', lat: 32.012, lon: 118.795 },
  '320105': { name: '建邺区', lat: 32.004, lon: 118.732 },
  '320106': { name: '鼓楼区', lat: 32.066, lon: 118.77 },
  '320111': { name: '浦口区', lat: 32.059, lon: 118.628 },
  '320113': { name: '栖霞区', lat: 32.096, lon: 118.909 },
  '320114': { name: '雨花台区', lat: 31.992, lon: 118.779 },
  '320115': { name: '江宁区', lat: 31.953, lon: 118.84 },
  '320116': { name: '六合区', lat: 32.323, lon: 118.841 },
  '320117': { name: '溧水区', lat: 31.651, lon: 119.028 },
  '320118': { name: '高淳区', lat: 31.327, lon: 118.892 },
};

/** [name, Art. 7 item or 'residential', district] — invented names of typical premises. */
const UNITS: [string, string, string][] = [
  ['民兵武器仓库', '1', '320116'], ['民用爆炸物品储存库', '1', '320117'],
  ['化工园危险化学品仓库', '2', '320116'], ['医院放射科', '2', '320106'], ['加油站储油区', '2', '320115'],
  ['市档案馆', '3', '320102'], ['区档案馆', '3', '320113'],
  ['商业银行营业部', '4', '320104'], ['黄金珠宝交易中心', '4', '320105'], ['银行金库', '4', '320106'],
  ['博物院', '5', '320102'], ['文物商店', '5', '320104'], ['美术馆', '5', '320106'],
  ['广播电视台', '6', '320106'], ['邮政分拣中心', '6', '320114'], ['报业集团', '6', '320102'],
  ['国家重点实验室', '7', '320113'], ['国防科研试验所', '7', '320115'],
  ['变电站', '8', '320111'], ['自来水厂', '8', '320113'], ['燃气储配站', '8', '320114'], ['集中供热站', '8', '320118'],
  ['南站进出站口', '9', '320114'], ['长途汽车客运站', '9', '320106'], ['机场航站楼通道', '9', '320115'], ['港口码头', '9', '320113'],
  ['奥体中心', '10', '320105'], ['购物中心', '10', '320104'], ['大型超市', '10', '320115'], ['酒店', '10', '320102'],
  ['人民医院', '10', '320106'], ['中学', '10', '320117'], ['幼儿园', '10', '320118'],
  ['主干道路口', '11', '320102'], ['治安卡口', '11', '320111'], ['人行天桥', '11', '320104'], ['中心广场', '11', '320105'],
  ['老旧小区', 'residential', '320104'], ['新建住宅小区', 'residential', '320115'], ['保障房小区', 'residential', '320113'],
];

const KINDS_FOR: Record<string, string[]> = {
  residential: ['building-intercom', 'anti-theft-door'],
  '10': ['video'],
  '11': ['video'],
};
const ITEMS_1_TO_9 = ['video', 'intrusion-alarm', 'access-control'];

/** A state mix: most systems count, some are missing, built-not-accepted or out of service. */
const STATES = ['in-service', 'in-service', 'in-service', 'accepted', 'built', 'out-of-service'];

const pick = <T>(list: readonly T[], n: number) => list[n % list.length];

/** Seeds the demo city; does nothing when units already exist. Returns the DC-09 accounts. */
export async function seedDemoCity(services: Services): Promise<{ accounts: string[]; seeded: boolean }> {
  const { registry } = registryServicesOf(services);
  const existing = await services.store.driver.all<{ account: string }>('SELECT account FROM accounts ORDER BY account');
  const units = await services.store.driver.get<{ n: number }>('SELECT COUNT(*) AS n FROM units');
  if (Number(units?.n) > 0) return { accounts: existing.map((a) => a.account), seeded: false };

  const directory = services.accounts as AccountDirectory;
  const accounts: string[] = [];
  for (const [i, [name, category, code]] of UNITS.entries()) {
    const district = DISTRICTS[code];
    const id = `NJ-${String(i + 1).padStart(3, '0')}`;
    await registry.units.create(SYSTEM, {
      id,
      name: `${district.name}${name}`,
      category,
      jurisdiction: code,
      address: `南京市${district.name}示范路${10 + i}号`,
      lat: round(district.lat + jitter(i, 1)),
      lon: round(district.lon + jitter(i, 2)),
      contacts: [{ name: `值班员${i + 1}`, phone: `025-8${String(1000000 + i * 7919).slice(0, 7)}`, role: 'security' }],
    });
    await seedSystems(registry, id, category, i);
    if (/^[1-9]$/.test(category)) {
      const account = String(1000 + accounts.length);
      await directory.upsert(SYSTEM, account, { unitId: id, name: `${name} intrusion panel`, linkTestIntervalS: 300 });
      accounts.push(account);
    }
  }
  await seedVehicles(registry);
  await seedUsers(services);
  return { accounts, seeded: true };
}

async function seedSystems(registry: ReturnType<typeof registryServicesOf>['registry'], unitId: string, category: string, i: number) {
  const kinds = KINDS_FOR[category] ?? (category === '9' ? [...ITEMS_1_TO_9, 'explosion-proof-inspection'] : ITEMS_1_TO_9);
  for (const [k, kind] of kinds.entries()) {
    if ((i + k) % 7 === 3) continue; // missing altogether
    const state = pick(STATES, i * 3 + k);
    const networked = kind === 'video' ? (i + k) % 5 !== 2 : undefined;
    await registry.systems.add(SYSTEM, unitId, { kind, state, ...(networked === undefined ? {} : { networked }) });
  }
}

async function seedVehicles(registry: ReturnType<typeof registryServicesOf>['registry']) {
  const vehicles: [string, string, string, boolean][] = [
    ['苏A·J1234', 'cash-escort', '320104', true],
    ['苏A·J5678', 'cash-escort', '320106', false],
    ['苏A·W0921', 'dangerous-goods', '320116', true],
    ['苏A·W3307', 'dangerous-goods', '320113', false],
    ['苏A·D8888', 'other', '320102', false],
  ];
  for (const [plate, kind, jurisdiction, tracking] of vehicles) {
    await registry.vehicles.add(SYSTEM, { plate, kind, jurisdiction, tracking });
  }
}

/** One user per role; the district officer and the unit manager are limited as their roles say. */
async function seedUsers(services: Services) {
  const users: [string, string, { jurisdiction?: string; unitId?: string }][] = [
    ['admin', 'city-admin', {}],
    ['officer', 'city-officer', {}],
    ['xuanwu', 'district-officer', { jurisdiction: '320102' }],
    ['operator', 'operator', {}],
    ['viewer', 'department-viewer', {}],
    ['museum', 'unit-manager', { unitId: 'NJ-011' }],
  ];
  for (const [username, role, extra] of users) {
    await services.auth.addUser(SYSTEM, { username, password: DEMO_PASSWORD, role, ...extra }, true);
  }
}

function jitter(i: number, salt: number): number {
  const x = Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453;
  return ((x - Math.floor(x)) - 0.5) * 0.04;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
