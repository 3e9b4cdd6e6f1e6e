import { useEffect } from 'react';

import { label, type Translate } from '../../i18n/i18n';
import { navigate } from '../../router/router';
import { L } from './leaflet-setup';
import { useLeafletMap } from './map-context';
import type { MapUnit } from './use-map-units';

/** Colours of the compliance statuses, the same as the CSS variables --met, --partial ... */
export const STATUS_COLOURS = {
  met: '#3ecf8e',
  partial: '#f0b429',
  missing: '#ef5350',
  unknown: '#7d8a99',
} as const;

/** Draws nothing itself: one circle per unit, coloured by compliance, with a popup. */
export function UnitLayer({ units, t }: { units: readonly MapUnit[]; t: Translate }) {
  const map = useLeafletMap();

  useEffect(() => {
    const group = L.layerGroup();
    for (const item of units) {
      const { unit } = item;
      L.circleMarker([unit.lat as number, unit.lon as number], {
        radius: 5,
        weight: 1.5,
        color: '#0d1217',
        fillColor: STATUS_COLOURS[item.status],
        fillOpacity: 0.95,
      })
        .bindPopup(() => unitPopup(item, t))
        .addTo(group);
    }
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, units, t]);

  return null;
}

/** Popup content built as DOM nodes: unit names are data, never markup. */
function unitPopup({ unit, status }: MapUnit, t: Translate): HTMLElement {
  const root = document.createElement('div');
  root.className = 'map-popup';

  const name = document.createElement('a');
  name.href = `/units/${encodeURIComponent(unit.id)}`;
  name.textContent = unit.name;
  name.addEventListener('click', (event) => {
    event.preventDefault();
    navigate(name.pathname);
  });

  const category = document.createElement('div');
  category.textContent = label(t, 'unitCategory', unit.category);

  const state = document.createElement('div');
  state.className = `status ${status}`;
  state.textContent = label(t, 'obligationStatus', status);

  const address = document.createElement('div');
  address.className = 'dim';
  address.textContent = unit.address;

  root.append(name, category, state, address);
  return root;
}
