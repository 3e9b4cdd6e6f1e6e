import { useT } from '../../i18n/i18n';

interface MapLegendProps {
  layers: { units: boolean; alarms: boolean; districts: boolean };
  onToggle: (layer: 'units' | 'alarms' | 'districts') => void;
  withCompliance: boolean;
  counts: { units: number; alarms: number };
}

/** Layer switches and what the colours mean, floating over the map's corner. */
export function MapLegend({ layers, onToggle, withCompliance, counts }: MapLegendProps) {
  const t = useT();
  return (
    <div className="map-legend panel">
      <label>
        <input type="checkbox" checked={layers.alarms} onChange={() => onToggle('alarms')} />
        {t('map.layer.alarms', { count: counts.alarms })}
      </label>
      {layers.alarms && (
        <div className="legend-items">
          {[1, 2, 3, 4, 5].map((priority) => (
            <span key={priority} className={`legend-alarm priority-${priority}`}>
              P{priority}
            </span>
          ))}
        </div>
      )}
      <label>
        <input type="checkbox" checked={layers.units} onChange={() => onToggle('units')} />
        {t('map.layer.units', { count: counts.units })}
      </label>
      {layers.units && (
        <div className="legend-items">
          {withCompliance ? (
            <>
              <span className="legend-dot met">{t('obligationStatus.met')}</span>
              <span className="legend-dot partial">{t('obligationStatus.partial')}</span>
              <span className="legend-dot missing">{t('obligationStatus.missing')}</span>
            </>
          ) : (
            <span className="legend-dot unknown">{t('map.noCompliance')}</span>
          )}
        </div>
      )}
      <label>
        <input type="checkbox" checked={layers.districts} onChange={() => onToggle('districts')} />
        {t('map.layer.basemap')}
      </label>
    </div>
  );
}
