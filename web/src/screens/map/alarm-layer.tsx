import { useEffect, useRef } from 'react';

import type { Alarm } from '../../api/types';
import { label, type Translate } from '../../i18n/i18n';
import { alarmStore } from '../../live/alarm-store';
import { useStore } from '../../live/store';
import { navigate } from '../../router/router';
import { L } from './leaflet-setup';
import { useLeafletMap } from './map-context';

/**
 * Draws nothing itself: a pulsing marker for every open alarm with a position, kept in step
 * with the live alarm store. Markers are added, moved and removed one by one, not redrawn.
 */
export function AlarmLayer({ t }: { t: Translate }) {
  const map = useLeafletMap();
  const alarms = useStore(alarmStore, (queue) => queue.ordered);
  const groupRef = useRef<L.LayerGroup | null>(null);
  const markersRef = useRef(new Map<number, { marker: L.Marker; key: string }>());

  useEffect(() => {
    const group = L.layerGroup().addTo(map);
    const markers = markersRef.current;
    groupRef.current = group;
    return () => {
      group.remove();
      markers.clear();
      groupRef.current = null;
    };
  }, [map]);

  useEffect(() => {
    const group = groupRef.current;
    if (!group) return;

    const markers = markersRef.current;
    const seen = new Set<number>();
    alarms.forEach((alarm, index) => {
      if (!alarm.position) return;

      seen.add(alarm.id);
      const key = `${alarm.priority}|${alarm.state}|${alarm.position.lat}|${alarm.position.lon}`;
      const existing = markers.get(alarm.id);
      if (existing?.key === key) {
        existing.marker.setTooltipContent(alarmTooltip(alarm, t));
        return;
      }

      existing?.marker.remove();
      const marker = L.marker([alarm.position.lat, alarm.position.lon], {
        icon: alarmIcon(alarm),
        // Higher priorities on top of lower ones.
        zIndexOffset: 1000 - alarm.priority * 100 - index,
        keyboard: true,
        title: `P${alarm.priority}`,
      })
        .bindTooltip(alarmTooltip(alarm, t), { direction: 'top', offset: [0, -10] })
        .on('click', () => navigate(`/alarms/${alarm.id}`))
        .addTo(group);
      markers.set(alarm.id, { marker, key });
    });

    for (const [id, { marker }] of markers) {
      if (seen.has(id)) continue;

      marker.remove();
      markers.delete(id);
    }
  }, [alarms, t]);

  return null;
}

function alarmIcon(alarm: Alarm): L.DivIcon {
  return L.divIcon({
    className: `alarm-marker priority-${alarm.priority} state-${alarm.state}`,
    html: '<span class="ring"></span><span class="core"></span>',
    iconSize: [32, 32],
    iconAnchor: [16, 16],
  });
}

function alarmTooltip(alarm: Alarm, t: Translate): HTMLElement {
  const root = document.createElement('div');
  const title = document.createElement('strong');
  title.textContent = `P${alarm.priority} ${label(t, 'alarmCategory', alarm.category)}`;
  const unit = document.createElement('div');
  unit.textContent = alarm.unitName ?? t('alarms.unknownAccount', { account: alarm.account });
  const state = document.createElement('div');
  state.textContent = label(t, 'alarmState', alarm.state);
  root.append(title, unit, state);
  return root;
}
