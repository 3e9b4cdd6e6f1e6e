import { useCallback, useState } from 'react';

import type { Health } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { useT } from '../../i18n/i18n';
import { alarmStore } from '../../live/alarm-store';
import { useStore } from '../../live/store';
import { useCan } from '../../session/session-store';
import { AlarmLayer } from './alarm-layer';
import { BasemapLayer, type BasemapConfig } from './basemap-layer';
import { MapLegend } from './map-legend';
import { MapView } from './map-view';
import { UnitLayer } from './unit-layer';
import { useMapUnits } from './use-map-units';
import './map.css';

type LayerName = 'units' | 'alarms' | 'districts';

/** Units coloured by compliance and live alarms over the offline base map. */
export default function MapScreen() {
  const t = useT();
  const withCompliance = useCan('compliance:read');
  const canReadAlarms = useCan('alarms:read');
  const [layers, setLayers] = useState({ units: true, alarms: true, districts: true });
  const [basemapError, setBasemapError] = useState<string | null>(null);
  const health = useRequest<Health>('/health');
  const { units, error: unitsError } = useMapUnits(withCompliance);
  const located = useStore(
    alarmStore,
    (queue) => queue.ordered.filter((alarm) => alarm.position).length,
  );

  const toggle = useCallback(
    (name: LayerName) => setLayers((current) => ({ ...current, [name]: !current[name] })),
    [],
  );
  const basemap: BasemapConfig | undefined = health.data
    ? (health.data.basemap ?? {})
    : health.error
      ? {}
      : undefined;

  return (
    <div className="map-screen">
      <MapView>
        {basemap && layers.districts && <BasemapLayer config={basemap} onError={setBasemapError} />}
        {layers.units && <UnitLayer units={units} t={t} />}
        {canReadAlarms && layers.alarms && <AlarmLayer t={t} />}
      </MapView>
      <MapLegend
        layers={layers}
        onToggle={toggle}
        withCompliance={withCompliance}
        counts={{ units: units.length, alarms: located }}
      />
      {(basemapError || unitsError) && (
        <div className="map-error notice error" role="alert">
          {basemapError && t('map.basemapError', { message: basemapError })}
          {unitsError && t('map.unitsError', { message: unitsError })}
        </div>
      )}
    </div>
  );
}
