import { api, API_BASE } from '../api/http-client';
import { connectionStore } from './connection-store';
import { dispatchEnvelope, parseEnvelope, type LiveScope } from './envelope';

const PING_EVERY_MS = 25_000;
/** No frame at all for this long means a dead path (a NAT or proxy dropped it): reconnect. */
const SILENCE_LIMIT_MS = 70_000;
const BACKOFF_FIRST_MS = 1000;
const BACKOFF_MAX_MS = 30_000;

/**
 * The console's single live connection. Opens /api/v1/ws with the session cookie, hands every
 * envelope to its store, pings to keep the session alive, and reconnects with exponential
 * backoff and jitter. Returns a function that closes it for good.
 *
 * @example const stop = startLive({ alarms: true });
 */
export function startLive(scope: LiveScope): () => void {
  let socket: WebSocket | undefined;
  let failures = 0;
  let stopped = false;
  let greeted = false;
  let lastFrameAt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;

  const open = () => {
    connectionStore.set({ status: 'connecting', retryAt: null });
    greeted = false;
    lastFrameAt = Date.now();
    socket = new WebSocket(socketUrl());
    socket.onmessage = (message) => {
      lastFrameAt = Date.now();
      const envelope = parseEnvelope(message.data);
      if (!envelope) return;

      if (envelope.type === 'hello') {
        greeted = true;
        failures = 0;
      }
      dispatchEnvelope(envelope, scope);
    };
    socket.onclose = () => closed();
    pingTimer = setInterval(keepAlive, PING_EVERY_MS);
  };

  const keepAlive = () => {
    if (Date.now() - lastFrameAt > SILENCE_LIMIT_MS) {
      socket?.close();
      return;
    }
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'ping' }));
  };

  const closed = () => {
    clearInterval(pingTimer);
    socket = undefined;
    if (stopped) return;

    failures += 1;
    // Refused before the greeting twice: perhaps the session ended. A 401 on this probe sends
    // the user to the login screen, which stops this connection.
    if (!greeted && failures >= 2) void api('/auth/me').catch(() => {});

    const delay = backoff(failures);
    connectionStore.set({ status: 'offline', retryAt: Date.now() + delay });
    retryTimer = setTimeout(open, delay);
  };

  open();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    clearInterval(pingTimer);
    socket?.close(1000, 'signed out');
  };
}

function socketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}${API_BASE}/ws`;
}

/** 1 s, 2 s, 4 s ... up to 30 s, each less up to a fifth so that consoles do not return in step. */
function backoff(failures: number): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (1 - Math.random() * 0.2));
}
