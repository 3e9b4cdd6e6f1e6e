import { useMemo } from 'react';

import { API_BASE } from '../../api/http-client';
import type { ComplianceSummary } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { ErrorNotice } from '../../components/error-notice';
import { useT } from '../../i18n/i18n';
import { registryRevision } from '../../live/registry-store';
import { useStore } from '../../live/store';
import { navigate } from '../../router/router';
import { DistrictChart } from './district-chart';
import { complianceRate, DistrictTable } from './district-table';
import './compliance.css';

/** The requirements in the order the regulation names them; others follow alphabetically. */
const REQUIREMENT_ORDER = [
  'video',
  'video-networked',
  'intrusion-alarm',
  'access-control',
  'explosion-proof-inspection',
  'building-intercom',
  'anti-theft-door',
  'vehicle-tracking',
];

/** Compliance with the regulation by district, for the city's technical-defence officers. */
export function ComplianceScreen() {
  const t = useT();
  const revision = useStore(registryRevision, (value) => value);
  const { data, error, reload } = useRequest<ComplianceSummary>(
    '/compliance/summary?by=district',
    revision,
  );
  const requirements = useMemo(() => (data ? requirementsOf(data) : []), [data]);
  const drill = (jurisdiction: string) =>
    navigate(`/units?jurisdiction=${encodeURIComponent(jurisdiction)}`);

  return (
    <div className="screen compliance-page" data-testid="compliance-page">
      <div className="screen-title">
        <h2>{t('compliance.title')}</h2>
        {data && (
          <span className="dim">{t('compliance.ruleVersion', { version: data.ruleVersion })}</span>
        )}
        <a
          className="download"
          href={`${API_BASE}/compliance/report?format=csv`}
          download="vigil-compliance.csv"
        >
          {t('compliance.downloadCsv')}
        </a>
      </div>
      <ErrorNotice error={error} onRetry={reload} />
      {data && (
        <>
          <CityTotals summary={data} />
          <DistrictChart districts={data.items} onSelect={drill} />
          <DistrictTable
            districts={data.items}
            city={data.city}
            requirements={requirements}
            onSelect={drill}
          />
          <p className="faint">{t('compliance.drillHint')}</p>
        </>
      )}
    </div>
  );
}

function CityTotals({ summary }: { summary: ComplianceSummary }) {
  const t = useT();
  const { city } = summary;
  const rate = complianceRate(city);
  return (
    <div className="city-totals">
      <Figure value={city.units} caption={t('compliance.units')} />
      <Figure value={city.compliant} caption={t('compliance.compliant')} className="met-text" />
      <Figure value={city.partial} caption={t('compliance.partial')} className="partial-text" />
      <Figure value={city.missing} caption={t('compliance.missing')} className="missing-text" />
      <Figure value={rate === null ? '—' : `${rate}%`} caption={t('compliance.rate')} />
    </div>
  );
}

function Figure({
  value,
  caption,
  className,
}: {
  value: number | string;
  caption: string;
  className?: string;
}) {
  return (
    <div className="figure panel">
      <div className={`figure-value ${className ?? ''}`}>{value}</div>
      <div className="dim">{caption}</div>
    </div>
  );
}

function requirementsOf(summary: ComplianceSummary): string[] {
  const found = new Set(Object.keys(summary.city.obligations ?? {}));
  for (const item of summary.items)
    for (const key of Object.keys(item.obligations ?? {})) found.add(key);

  const rank = (requirement: string) => {
    const index = REQUIREMENT_ORDER.indexOf(requirement);
    return index < 0 ? REQUIREMENT_ORDER.length : index;
  };
  return [...found].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
