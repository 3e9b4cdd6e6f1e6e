/**
 * The one way the console calls the API: same-origin fetch with the session cookie, JSON in and
 * out, and every error turned into an ApiError carrying the server's stable code.
 */

export const API_BASE = '/api/v1';

/** An error answer from the API, or `NETWORK` when no answer came. */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds to wait, from `Retry-After` on 429 answers. */
    readonly retryAfterS?: number,
  ) {
    super(message);
  }
}

let unauthorizedHandler: (error: ApiError) => void = () => {};

/** Called for every 401 except a failed login: the session layer sends the user back to login. */
export function onUnauthorized(handler: (error: ApiError) => void): void {
  unauthorizedHandler = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Calls `/api/v1{path}` and returns the parsed JSON answer.
 *
 * @example const { items } = await api<List<Alarm>>('/alarms?state=open');
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal } = options;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(API_BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : String(cause));
  }

  if (response.ok) return (await readJson(response)) as T;

  const error = await toApiError(response);
  if (error.status === 401 && path !== '/auth/login') unauthorizedHandler(error);
  throw error;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterS = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  try {
    const body = (await readJson(response)) as {
      error?: { code?: string; message?: string; details?: unknown };
    };
    const error = body?.error ?? {};
    return new ApiError(
      response.status,
      error.code ?? `HTTP_${response.status}`,
      error.message ?? response.statusText,
      error.details,
      retryAfterS,
    );
  } catch {
    return new ApiError(
      response.status,
      `HTTP_${response.status}`,
      response.statusText,
      undefined,
      retryAfterS,
    );
  }
}

/** Builds a query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
