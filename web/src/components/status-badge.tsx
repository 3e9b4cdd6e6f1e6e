import type { ObligationStatus } from '../api/types';
import { label, useT } from '../i18n/i18n';

/** Met / partial / missing, coloured; `unknown` when the user may not read compliance. */
export function StatusBadge({ status }: { status: ObligationStatus | 'unknown' }) {
  const t = useT();
  return <span className={`badge ${status}`}>{label(t, 'obligationStatus', status)}</span>;
}
