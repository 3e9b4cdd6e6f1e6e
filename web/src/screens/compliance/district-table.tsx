import type { ComplianceTotals, DistrictCompliance, RequirementCounts } from '../../api/types';
import { label, useT } from '../../i18n/i18n';

interface DistrictTableProps {
  districts: readonly DistrictCompliance[];
  city: ComplianceTotals;
  requirements: readonly string[];
  onSelect: (jurisdiction: string) => void;
}

/** Per district: units by status, compliant share, each requirement's met / partial / missing. */
export function DistrictTable({ districts, city, requirements, onSelect }: DistrictTableProps) {
  const t = useT();
  return (
    <div className="panel table-scroll">
      <table className="grid compliance-table">
        <thead>
          <tr>
            <th>{t('compliance.district')}</th>
            <th className="number">{t('compliance.units')}</th>
            <th className="number">{t('compliance.compliant')}</th>
            <th className="number">{t('compliance.partial')}</th>
            <th className="number">{t('compliance.missing')}</th>
            <th className="number">{t('compliance.noObligation')}</th>
            <th className="number">{t('compliance.rate')}</th>
            {requirements.map((requirement) => (
              <th
                key={requirement}
                className="number requirement-head"
                title={t('compliance.countsHint')}
              >
                {label(t, 'requirement', requirement)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {districts.map((district) => (
            <tr
              key={district.jurisdiction}
              className="clickable"
              data-testid="compliance-district-row"
              data-jurisdiction={district.jurisdiction}
              tabIndex={0}
              onClick={() => onSelect(district.jurisdiction)}
              onKeyDown={(event) => event.key === 'Enter' && onSelect(district.jurisdiction)}
            >
              <td>
                {district.name} <span className="faint mono">{district.jurisdiction}</span>
              </td>
              <TotalsCells totals={district} requirements={requirements} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="city-total">
            <td>{t('compliance.cityTotal')}</td>
            <TotalsCells totals={city} requirements={requirements} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function TotalsCells({
  totals,
  requirements,
}: {
  totals: ComplianceTotals;
  requirements: readonly string[];
}) {
  const rate = complianceRate(totals);
  return (
    <>
      <td className="number">{totals.units}</td>
      <td className="number met-text">{totals.compliant}</td>
      <td className="number partial-text">{totals.partial}</td>
      <td className="number missing-text">{totals.missing}</td>
      <td className="number faint">{totals.noObligation ?? 0}</td>
      <td className="number">{rate === null ? '—' : `${rate}%`}</td>
      {requirements.map((requirement) => (
        <td key={requirement} className="number">
          <Counts counts={totals.obligations?.[requirement]} />
        </td>
      ))}
    </>
  );
}

/** `12 / 3 / 1` in the status colours; a dash when the requirement does not apply. */
function Counts({ counts }: { counts: RequirementCounts | undefined }) {
  if (!counts || counts.met + counts.partial + counts.missing === 0)
    return <span className="faint">—</span>;

  return (
    <span className="counts">
      <span className="met-text">{counts.met}</span>/
      <span className="partial-text">{counts.partial}</span>/
      <span className="missing-text">{counts.missing}</span>
    </span>
  );
}

/** Share of the units under obligations that meet all of them, in whole percent. */
export function complianceRate(totals: ComplianceTotals): number | null {
  const bound = totals.compliant + totals.partial + totals.missing;
  return bound ? Math.round((totals.compliant / bound) * 100) : null;
}
