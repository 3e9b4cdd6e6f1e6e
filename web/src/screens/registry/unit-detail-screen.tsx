import type { UnitDetail } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { ErrorNotice } from '../../components/error-notice';
import { formatDateTime } from '../../i18n/format';
import { label, useLanguage, useT } from '../../i18n/i18n';
import { registryRevision } from '../../live/registry-store';
import { useStore } from '../../live/store';
import { Link } from '../../router/link';
import { ObligationList } from './obligation-list';
import './registry.css';

/** One unit: where it is, whom to call, its places, systems, alarm accounts and obligations. */
export function UnitDetailScreen({ unitId }: { unitId: string }) {
  const t = useT();
  const language = useLanguage();
  const revision = useStore(registryRevision, (value) => value);
  const {
    data: unit,
    error,
    reload,
  } = useRequest<UnitDetail>(`/units/${encodeURIComponent(unitId)}`, revision);

  if (!unit) {
    return (
      <div className="screen" data-testid="unit-detail">
        <Link to="/units">← {t('units.back')}</Link>
        {error ? (
          <ErrorNotice error={error} onRetry={reload} />
        ) : (
          <p className="faint">{t('common.loading')}</p>
        )}
      </div>
    );
  }

  const places = new Map(unit.places?.map((place) => [place.id, place.name]));
  return (
    <div className="screen unit-detail" data-testid="unit-detail">
      <Link to="/units">← {t('units.back')}</Link>
      <div className="screen-title">
        <h2>{unit.name}</h2>
        <span className="mono faint">{unit.id}</span>
      </div>
      <div className="unit-grid">
        <section className="panel card">
          <h3>{t('units.general')}</h3>
          <dl className="definition">
            <dt>{t('units.category')}</dt>
            <dd>{label(t, 'unitCategory', unit.category)}</dd>
            <dt>{t('units.jurisdiction')}</dt>
            <dd>
              {unit.jurisdictionName ?? unit.jurisdiction}{' '}
              <span className="faint mono">{unit.jurisdiction}</span>
            </dd>
            <dt>{t('units.address')}</dt>
            <dd>{unit.address || '—'}</dd>
            <dt>{t('units.position')}</dt>
            <dd className="mono">
              {unit.lat != null && unit.lon != null ? `${unit.lat}, ${unit.lon}` : '—'}
            </dd>
            <dt>{t('units.updated')}</dt>
            <dd>{formatDateTime(unit.updatedAt, language)}</dd>
          </dl>
          <h3 className="subhead">{t('units.contacts')}</h3>
          {!unit.contacts?.length && <p className="faint">{t('units.noContacts')}</p>}
          <ul className="plain">
            {unit.contacts?.map((contact, index) => (
              <li key={`${contact.phone}-${index}`}>
                <strong>{contact.name}</strong> <span className="dim">{contact.role}</span>{' '}
                <span className="mono">{contact.phone}</span>
              </li>
            ))}
          </ul>
        </section>
        <section className="panel card">
          <h3>{t('units.obligations')}</h3>
          <ObligationList obligations={unit.obligations ?? []} />
        </section>
        <section className="panel card">
          <h3>{t('units.systems')}</h3>
          <table className="grid compact">
            <thead>
              <tr>
                <th>{t('units.systemKind')}</th>
                <th>{t('units.systemState')}</th>
                <th>{t('units.networked')}</th>
                <th>{t('units.place')}</th>
              </tr>
            </thead>
            <tbody>
              {unit.systems?.map((system) => (
                <tr key={system.id}>
                  <td>{label(t, 'systemKind', system.kind)}</td>
                  <td>
                    <span className={`system-state ${system.state}`}>
                      {label(t, 'systemState', system.state)}
                    </span>
                  </td>
                  <td>{system.networked ? t('common.yes') : t('common.no')}</td>
                  <td className="dim">{(system.placeId && places.get(system.placeId)) || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!unit.systems?.length && <p className="faint">{t('units.noSystems')}</p>}
        </section>
        <section className="panel card">
          <h3>{t('units.places')}</h3>
          {!unit.places?.length && <p className="faint">{t('units.noPlaces')}</p>}
          <ul className="plain">
            {unit.places?.map((place) => (
              <li key={place.id}>
                {place.name} {place.kind && <span className="faint">({place.kind})</span>}
                {place.description && <div className="dim">{place.description}</div>}
              </li>
            ))}
          </ul>
          <h3 className="subhead">{t('units.accounts')}</h3>
          {!unit.accounts?.length && <p className="faint">{t('units.noAccounts')}</p>}
          <ul className="plain">
            {unit.accounts?.map((account) => (
              <li key={account.account}>
                <span className="mono">{account.account}</span> {account.name}{' '}
                {account.commLost && <span className="badge missing">{t('units.commLost')}</span>}
                {account.lastSeenAt && (
                  <span className="faint">
                    {' '}
                    · {t('units.lastSeen', { time: formatDateTime(account.lastSeenAt, language) })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
