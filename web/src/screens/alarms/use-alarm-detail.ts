import { useCallback, useEffect, useState } from 'react';

import { api, ApiError } from '../../api/http-client';
import type { AlarmDetail } from '../../api/types';
import { alarmStore } from '../../live/alarm-store';
import { useStore } from '../../live/store';

export interface AlarmDetailState {
  detail: AlarmDetail | undefined;
  error: ApiError | undefined;
  reload: () => void;
}

/**
 * One alarm with its events, history and unit. Loads again whenever the live store sees the
 * alarm change (a new signal, a restore, another operator's action) or leave the open queue.
 */
export function useAlarmDetail(id: number): AlarmDetailState {
  const version = useStore(alarmStore, (queue) => queue.byId.get(id)?.updatedAt ?? 'not-open');
  const [detail, setDetail] = useState<AlarmDetail>();
  const [error, setError] = useState<ApiError>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api<AlarmDetail>(`/alarms/${id}`, { signal: controller.signal })
      .then((answer) => {
        setDetail(answer);
        setError(undefined);
      })
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(cause as ApiError);
      });
    return () => controller.abort();
  }, [id, version, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { detail: detail?.id === id ? detail : undefined, error, reload };
}
