import type { Alarm, UnitSummary } from '../../api/types';
import { label, useT } from '../../i18n/i18n';
import { Link } from '../../router/link';
import { useCan } from '../../session/session-store';

/** Who the alarm is about: the unit, its address and whom to call. */
export function AlarmUnit({ alarm, unit }: { alarm: Alarm; unit: UnitSummary | null }) {
  const t = useT();
  const canOpenUnits = useCan('registry:read');

  if (!unit) {
    return (
      <section className="detail-section">
        <h3>{t('alarms.detail.unit')}</h3>
        {alarm.unknownAccount ? (
          <>
            <p className="unknown-account">
              {t('alarms.unknownAccount', { account: alarm.account })}
            </p>
            <p className="faint">{t('alarms.detail.unknownAccountHint')}</p>
          </>
        ) : (
          <p className="faint">{t('alarms.detail.noUnit', { account: alarm.account })}</p>
        )}
      </section>
    );
  }

  return (
    <section className="detail-section">
      <h3>{t('alarms.detail.unit')}</h3>
      <dl className="definition">
        <dt>{t('units.name')}</dt>
        <dd>
          {canOpenUnits ? (
            <Link to={`/units/${encodeURIComponent(unit.id)}`}>{unit.name}</Link>
          ) : (
            unit.name
          )}
        </dd>
        {unit.category && (
          <>
            <dt>{t('units.category')}</dt>
            <dd>{label(t, 'unitCategory', unit.category)}</dd>
          </>
        )}
        {unit.address && (
          <>
            <dt>{t('units.address')}</dt>
            <dd>{unit.address}</dd>
          </>
        )}
        {unit.jurisdictionName && (
          <>
            <dt>{t('units.jurisdiction')}</dt>
            <dd>{unit.jurisdictionName}</dd>
          </>
        )}
        <dt>{t('alarms.detail.account')}</dt>
        <dd className="mono">{alarm.account}</dd>
      </dl>
      <h3 className="subhead">{t('units.contacts')}</h3>
      {!unit.contacts?.length && <p className="faint">{t('units.noContacts')}</p>}
      <ul className="contacts">
        {unit.contacts?.map((contact, index) => (
          <li key={`${contact.phone}-${index}`}>
            <strong>{contact.name}</strong> <span className="dim">{contact.role}</span>{' '}
            <a className="mono" href={`tel:${contact.phone}`}>
              {contact.phone}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
