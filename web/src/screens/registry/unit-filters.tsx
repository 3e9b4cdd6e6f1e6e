import { useEffect, useState } from 'react';

import { JurisdictionSelect } from '../../components/jurisdiction-select';
import { label, useT } from '../../i18n/i18n';
import { UNIT_CATEGORIES } from './unit-categories';

export interface UnitFilter {
  jurisdiction: string;
  category: string;
  q: string;
}

interface UnitFiltersProps {
  filter: UnitFilter;
  onChange: (change: Partial<UnitFilter>) => void;
}

const SEARCH_PAUSE_MS = 300;

/** Jurisdiction (as a tree), category and a free-text search over name and address. */
export function UnitFilters({ filter, onChange }: UnitFiltersProps) {
  const t = useT();
  const [text, setText] = useState(filter.q);

  useEffect(() => setText(filter.q), [filter.q]);

  useEffect(() => {
    if (text === filter.q) return;

    const timer = setTimeout(() => onChange({ q: text }), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, filter.q, onChange]);

  return (
    <div className="filters">
      <label>
        {t('units.jurisdiction')}
        <JurisdictionSelect
          value={filter.jurisdiction}
          onChange={(jurisdiction) => onChange({ jurisdiction })}
        />
      </label>
      <label>
        {t('units.category')}
        <select
          value={filter.category}
          onChange={(event) => onChange({ category: event.target.value })}
        >
          <option value="">{t('units.allCategories')}</option>
          {UNIT_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {label(t, 'unitCategory', category)}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        {t('units.search')}
        <input
          type="search"
          value={text}
          placeholder={t('units.searchPlaceholder')}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
    </div>
  );
}
