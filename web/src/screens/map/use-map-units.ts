import { useEffect, useState } from 'react';

import { api } from '../../api/http-client';
import type { List, Obligation, ObligationStatus, Unit, UnitCompliance } from '../../api/types';
import { registryRevision } from '../../live/registry-store';
import { useStore } from '../../live/store';

/** A unit on the map: where it is and, when the user may read compliance, its status. */
export interface MapUnit {
  unit: Unit;
  status: ObligationStatus | 'unknown';
}

const PAGE = 500;
const MAX_UNITS = 10_000;

/**
 * Every unit the user may see that has a position, with its compliance status when the user
 * holds compliance:read (operators see units without it).
 */
export function useMapUnits(withCompliance: boolean): { units: MapUnit[]; error: string | null } {
  const revision = useStore(registryRevision, (value) => value);
  const [units, setUnits] = useState<MapUnit[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    loadAll(withCompliance, controller.signal)
      .then((loaded) => {
        setUnits(loaded.filter((item) => item.unit.lat != null && item.unit.lon != null));
        setError(null);
      })
      .catch((cause: Error) => {
        if (!controller.signal.aborted) setError(cause.message);
      });
    return () => controller.abort();
  }, [withCompliance, revision]);

  return { units, error };
}

async function loadAll(withCompliance: boolean, signal: AbortSignal): Promise<MapUnit[]> {
  const all: MapUnit[] = [];
  for (let offset = 0; offset < MAX_UNITS; offset += PAGE) {
    const page = withCompliance
      ? await compliancePage(offset, signal)
      : await unitPage(offset, signal);
    all.push(...page.items);
    const done = page.total === undefined ? page.items.length < PAGE : offset + PAGE >= page.total;
    if (done) break;
  }
  return all;
}

async function compliancePage(offset: number, signal: AbortSignal) {
  const answer = await api<List<UnitCompliance>>(
    `/compliance/units?limit=${PAGE}&offset=${offset}`,
    { signal },
  );
  const items = answer.items.map((item) => ({
    unit: item.unit,
    status: item.status ?? statusOf(item.obligations),
  }));
  return { items, total: answer.total };
}

async function unitPage(offset: number, signal: AbortSignal) {
  const answer = await api<List<Unit>>(`/units?limit=${PAGE}&offset=${offset}`, { signal });
  const items = answer.items.map((unit) => ({ unit, status: 'unknown' as const }));
  return { items, total: answer.total };
}

/** A unit is compliant when every obligation is met, missing when any is missing, else partial. */
export function statusOf(obligations: readonly Obligation[]): ObligationStatus {
  if (obligations.some((obligation) => obligation.status === 'missing')) return 'missing';
  if (obligations.some((obligation) => obligation.status === 'partial')) return 'partial';
  return 'met';
}
