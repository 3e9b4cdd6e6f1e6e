import type { DistrictCompliance } from '../../api/types';
import { useT } from '../../i18n/i18n';

interface DistrictChartProps {
  districts: readonly DistrictCompliance[];
  onSelect: (jurisdiction: string) => void;
}

const ROW = 30;
const BAR = 20;
const LABEL_WIDTH = 150;
const COUNT_WIDTH = 60;
const WIDTH = 900;
const SEGMENTS = [
  { key: 'compliant', className: 'met' },
  { key: 'partial', className: 'partial' },
  { key: 'missing', className: 'missing' },
  { key: 'noObligation', className: 'none' },
] as const;

/**
 * Units per district as horizontal stacked bars: compliant, partial, missing. Bars share one
 * scale, the largest district's unit count, so districts compare by length.
 */
export function DistrictChart({ districts, onSelect }: DistrictChartProps) {
  const t = useT();
  const largest = Math.max(1, ...districts.map((district) => district.units));
  const scale = (WIDTH - LABEL_WIDTH - COUNT_WIDTH) / largest;
  const height = districts.length * ROW + 8;

  return (
    <figure className="district-chart panel" data-testid="compliance-chart">
      <figcaption>
        <h3>{t('compliance.chartTitle')}</h3>
        <span className="legend">
          <span className="swatch met" /> {t('compliance.compliant')}
          <span className="swatch partial" /> {t('compliance.partial')}
          <span className="swatch missing" /> {t('compliance.missing')}
          <span className="swatch none" /> {t('compliance.noObligation')}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={t('compliance.chartTitle')}>
        {districts.map((district, index) => {
          const y = index * ROW + 4;
          let x = LABEL_WIDTH;
          return (
            <g
              key={district.jurisdiction}
              className="chart-row"
              tabIndex={0}
              onClick={() => onSelect(district.jurisdiction)}
              onKeyDown={(event) => event.key === 'Enter' && onSelect(district.jurisdiction)}
            >
              <text
                x={LABEL_WIDTH - 10}
                y={y + BAR / 2}
                className="chart-label"
                textAnchor="end"
                dominantBaseline="central"
              >
                {district.name}
              </text>
              <rect x={LABEL_WIDTH} y={y} width={largest * scale} height={BAR} className="track" />
              {SEGMENTS.map(({ key, className }) => {
                const count = district[key] ?? 0;
                const width = count * scale;
                const rect = (
                  <rect
                    key={key}
                    x={x}
                    y={y}
                    width={width}
                    height={BAR}
                    className={`segment ${className}`}
                  >
                    <title>{`${district.name}: ${t(`compliance.${key}`)} ${count}`}</title>
                  </rect>
                );
                x += width;
                return rect;
              })}
              <text x={x + 8} y={y + BAR / 2} className="chart-count" dominantBaseline="central">
                {district.units}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
