import { createStore } from './store';

/** The live connection as the header shows it. */
export interface Connection {
  status: 'connecting' | 'live' | 'offline';
  /** When the next reconnect attempt starts (epoch ms), while offline. */
  retryAt: number | null;
}

export const connectionStore = createStore<Connection>({ status: 'connecting', retryAt: null });
