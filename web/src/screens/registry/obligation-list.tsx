import type { Obligation } from '../../api/types';
import { StatusBadge } from '../../components/status-badge';
import { label, useT } from '../../i18n/i18n';

/** What the rules ask of the unit, each with met / partial / missing and the reason. */
export function ObligationList({ obligations }: { obligations: readonly Obligation[] }) {
  const t = useT();
  if (obligations.length === 0) return <p className="faint">{t('units.noObligations')}</p>;

  return (
    <ul className="obligations">
      {obligations.map((obligation) => (
        <li key={obligation.requirement} className={`obligation ${obligation.status}`}>
          <StatusBadge status={obligation.status} />
          <div>
            <div className="requirement">{label(t, 'requirement', obligation.requirement)}</div>
            {obligation.reason && <div className="dim">{obligation.reason}</div>}
          </div>
        </li>
      ))}
    </ul>
  );
}
