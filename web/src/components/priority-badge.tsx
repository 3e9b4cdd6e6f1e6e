import type { Priority } from '../api/types';
import { useT } from '../i18n/i18n';

/** The priority as a coloured pill: `P1` red ... `P5` violet, with the meaning on hover. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const t = useT();
  return (
    <span className={`badge priority priority-${priority}`} title={t(`priority.${priority}`)}>
      P{priority}
    </span>
  );
}
