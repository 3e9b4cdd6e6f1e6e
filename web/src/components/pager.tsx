import { useT } from '../i18n/i18n';

interface PagerProps {
  offset: number;
  limit: number;
  total: number | undefined;
  shown: number;
  onOffset: (offset: number) => void;
}

/** Previous / next with "41-60 of 312". */
export function Pager({ offset, limit, total, shown, onOffset }: PagerProps) {
  const t = useT();
  const last = offset + shown;
  const hasNext = total === undefined ? shown === limit : last < total;
  return (
    <div className="pager">
      <button
        type="button"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - limit))}
      >
        {t('pager.previous')}
      </button>
      <span className="dim">
        {total === undefined
          ? t('pager.range', { from: shown ? offset + 1 : 0, to: last })
          : t('pager.rangeOf', { from: shown ? offset + 1 : 0, to: last, total })}
      </span>
      <button type="button" disabled={!hasNext} onClick={() => onOffset(offset + limit)}>
        {t('pager.next')}
      </button>
    </div>
  );
}
