/**
 * What simulated panels report, weighted like a real city's traffic: mostly openings,
 * closings and tests, some alarms (each followed by its restore), a few troubles.
 */
import { encodeAdmCidBody } from '../../protocols/contact-id/index.ts';

export interface PanelReport {
  token: 'SIA-DCS' | 'ADM-CID';
  data: string;
}

interface Pick {
  weight: number;
  sia: string;
  cid: { qualifier: '1' | '3'; event: string };
  /** A restore that follows some seconds later. */
  restore?: { sia: string; cid: string };
  address: 'zone' | 'user';
}

const MIX: Pick[] = [
  { weight: 30, sia: 'OP', cid: { qualifier: '1', event: '401' }, address: 'user' },
  { weight: 30, sia: 'CL', cid: { qualifier: '3', event: '401' }, address: 'user' },
  { weight: 15, sia: 'RP', cid: { qualifier: '1', event: '602' }, address: 'zone' },
  { weight: 10, sia: 'BA', cid: { qualifier: '1', event: '130' }, restore: { sia: 'BR', cid: '130' }, address: 'zone' },
  { weight: 4, sia: 'TA', cid: { qualifier: '1', event: '137' }, restore: { sia: 'TR', cid: '137' }, address: 'zone' },
  { weight: 4, sia: 'AT', cid: { qualifier: '1', event: '301' }, restore: { sia: 'AR', cid: '301' }, address: 'zone' },
  { weight: 3, sia: 'FA', cid: { qualifier: '1', event: '110' }, restore: { sia: 'FR', cid: '110' }, address: 'zone' },
  { weight: 2, sia: 'HA', cid: { qualifier: '1', event: '122' }, address: 'zone' },
  { weight: 2, sia: 'PA', cid: { qualifier: '1', event: '120' }, address: 'zone' },
];

const TOTAL = MIX.reduce((sum, p) => sum + p.weight, 0);

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A random report for a panel speaking SIA (or Contact ID), and its restore if it has one. */
export function randomReport(contactId: boolean, random = Math.random): { report: PanelReport; restore?: PanelReport } {
  let r = random() * TOTAL;
  const pick = MIX.find((p) => (r -= p.weight) < 0) ?? MIX[0];
  const zone = 1 + Math.floor(random() * 16);
  const area = 1 + Math.floor(random() * 2);
  if (contactId) {
    const body = (qualifier: '1' | '3', event: string) =>
      encodeAdmCidBody({ qualifier, event, group: pad(area, 2), zoneOrUser: pad(zone, 3) });
    return {
      report: { token: 'ADM-CID', data: body(pick.cid.qualifier, pick.cid.event) },
      restore: pick.restore && { token: 'ADM-CID', data: body('3', pick.restore.cid) },
    };
  }
  const block = (code: string) => `Nri${area}/${code}${pad(zone, pick.address === 'user' ? 3 : 2)}`;
  return {
    report: { token: 'SIA-DCS', data: block(pick.sia) },
    restore: pick.restore && { token: 'SIA-DCS', data: block(pick.restore.sia) },
  };
}
