import { useCallback } from 'react';

import { query } from '../../api/http-client';
import type { List, Unit } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { ErrorNotice } from '../../components/error-notice';
import { Pager } from '../../components/pager';
import { label, useT } from '../../i18n/i18n';
import { registryRevision } from '../../live/registry-store';
import { useStore } from '../../live/store';
import { navigate, usePath, useQuery } from '../../router/router';
import { UnitFilters, type UnitFilter } from './unit-filters';
import './registry.css';

const PAGE_SIZE = 50;

/** The registry's units, filtered by jurisdiction, category and text; filters live in the URL. */
export function UnitsScreen() {
  const t = useT();
  const path = usePath();
  const params = useQuery();
  const revision = useStore(registryRevision, (value) => value);
  const filter: UnitFilter = {
    jurisdiction: params.get('jurisdiction') ?? '',
    category: params.get('category') ?? '',
    q: params.get('q') ?? '',
  };
  const offset = Math.max(0, Number(params.get('offset')) || 0);

  const { data, error, loading, reload } = useRequest<List<Unit>>(
    `/units${query({ ...filter, limit: PAGE_SIZE, offset })}`,
    revision,
  );

  const setParams = useCallback(
    (change: Record<string, string | number>) => {
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(change)) {
        if (value === '' || value === 0) next.delete(key);
        else next.set(key, String(value));
      }
      const text = next.toString();
      navigate(`${path}${text ? `?${text}` : ''}`, { replace: true });
    },
    [path],
  );
  const changeFilter = useCallback(
    (change: Partial<UnitFilter>) => setParams({ ...change, offset: 0 }),
    [setParams],
  );

  const units = data?.items ?? [];
  return (
    <div className="screen units-page" data-testid="units-page">
      <div className="screen-title">
        <h2>{t('units.title')}</h2>
        {data?.total !== undefined && (
          <span className="dim">{t('units.total', { count: data.total })}</span>
        )}
      </div>
      <UnitFilters filter={filter} onChange={changeFilter} />
      <ErrorNotice error={error} onRetry={reload} />
      <div className="panel" aria-busy={loading}>
        <table className="grid">
          <thead>
            <tr>
              <th>{t('units.name')}</th>
              <th>{t('units.category')}</th>
              <th>{t('units.jurisdiction')}</th>
              <th>{t('units.address')}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((unit) => (
              <tr
                key={unit.id}
                className="clickable"
                data-testid="unit-row"
                data-unit-id={unit.id}
                tabIndex={0}
                onClick={() => navigate(`/units/${encodeURIComponent(unit.id)}`)}
                onKeyDown={(event) =>
                  event.key === 'Enter' && navigate(`/units/${encodeURIComponent(unit.id)}`)
                }
              >
                <td>
                  <div>{unit.name}</div>
                  <div className="faint mono">{unit.id}</div>
                </td>
                <td>{label(t, 'unitCategory', unit.category)}</td>
                <td>{unit.jurisdictionName ?? unit.jurisdiction}</td>
                <td className="dim">{unit.address}</td>
              </tr>
            ))}
            {!loading && units.length === 0 && (
              <tr>
                <td colSpan={4} className="empty">
                  {t('units.empty')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pager
        offset={offset}
        limit={PAGE_SIZE}
        total={data?.total}
        shown={units.length}
        onOffset={(next) => setParams({ offset: next })}
      />
    </div>
  );
}
