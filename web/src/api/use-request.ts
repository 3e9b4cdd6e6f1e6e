import { useCallback, useEffect, useState } from 'react';

import { api, ApiError } from './http-client';

export interface RequestState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Fetches again, keeping the current data on screen until the answer comes. */
  reload: () => void;
}

/**
 * Loads `path` when it or `refreshKey` changes (nothing when the path is null) and drops answers
 * that arrive after a newer request started.
 *
 * @example const { data } = useRequest<List<Unit>>(`/units${query({ q })}`, registryRevision);
 */
export function useRequest<T>(path: string | null, refreshKey?: unknown): RequestState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(path !== null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (path === null) return;

    const controller = new AbortController();
    setLoading(true);
    api<T>(path, { signal: controller.signal })
      .then((answer) => {
        setData(answer);
        setError(undefined);
      })
      .catch((cause: unknown) => {
        if (controller.signal.aborted) return;
        setError(cause instanceof ApiError ? cause : new ApiError(0, 'CLIENT', String(cause)));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [path, generation, refreshKey]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data, error, loading, reload };
}
