import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';

import type { Principal } from '../services/access/principal.ts';
import type { AlarmCentre } from '../services/alarm-centre/alarm-centre.ts';
import { eventView, type EventRow } from '../services/alarm-centre/alarm-views.ts';
import { tokenHash } from '../services/auth/auth-service.ts';
import type { Services } from '../services/services.ts';
import { requestToken } from './http-server.ts';

interface Client {
  socket: WebSocket;
  user: Principal;
  token: string;
  tokenHash: string;
  events: boolean;
}

/** How often every connection's session is checked again (sign-out closes it at once). */
const SESSION_CHECK_MS = 30_000;

/** A client that lets this much pile up unsent is too slow to keep. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * The console's one live connection. Bus notices are gathered for a moment, read from the
 * database once, and sent to each client that may see them: new alarms within ~20 ms, alarm
 * updates (more signals in a flood) at most four times a second.
 */
export class WsHub {
  private readonly clients = new Set<Client>();
  private readonly pendingAlarms = new Map<number, boolean>();
  private pendingEvents: number[] = [];
  private alarmTimer?: NodeJS.Timeout;
  private eventTimer?: NodeJS.Timeout;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly sessionTimer: NodeJS.Timeout;

  constructor(private readonly services: Services) {
    const bus = services.bus;
    this.unsubscribe.push(
      bus.subscribe('alarm.changed', ({ id, created }) => this.alarmChanged(id, created)),
      bus.subscribe('event.stored', ({ ids }) => this.eventsStored(ids)),
      bus.subscribe('registry.changed', (change) => this.broadcast({ type: 'registry', ...change }, change)),
      bus.subscribe('session.ended', ({ tokenHash: hash }) => this.endSession(hash)),
    );
    this.sessionTimer = setInterval(() => void this.checkSessions(), SESSION_CHECK_MS);
    this.sessionTimer.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Registers GET /api/v1/ws. */
  register(app: FastifyInstance): void {
    app.get('/api/v1/ws', { websocket: true, config: { permission: 'signed-in' }, schema: { hide: true } }, (socket, request) =>
      this.connect(socket, request),
    );
  }

  close(): void {
    clearInterval(this.sessionTimer);
    for (const off of this.unsubscribe) off();
    clearTimeout(this.alarmTimer);
    clearTimeout(this.eventTimer);
    for (const client of this.clients) client.socket.close(1001, 'server stopping');
  }

  private connect(socket: WebSocket, request: FastifyRequest): void {
    const token = requestToken(request) ?? '';
    if (!request.user) {
      socket.close(4401, 'sign in first');
      return;
    }
    const client: Client = { socket, user: request.user, token, tokenHash: tokenHash(token), events: false };
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', () => this.clients.delete(client));
    socket.on('message', (data) =>
      this.onMessage(client, String(data)).catch((error) => this.services.log.error({ err: error }, 'live message failed')),
    );
    send(client, { type: 'hello', user: client.user });
  }

  private async onMessage(client: Client, text: string): Promise<void> {
    let message: { type?: string; topics?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return send(client, { type: 'error', message: 'not JSON' });
    }
    if (typeof message !== 'object' || message === null) return send(client, { type: 'error', message: 'not an object' });
    if (message.type === 'subscribe' && Array.isArray(message.topics)) {
      client.events = message.topics.includes('events') && this.services.access.can(client.user, 'events:read');
      return send(client, { type: 'subscribed', topics: client.events ? ['alarms', 'events'] : ['alarms'] });
    }
    if (message.type === 'ping') {
      // A ping keeps the session's idle timer running, and ends the socket when the session has.
      try {
        client.user = await this.services.auth.authenticate(client.token);
        send(client, { type: 'pong' });
      } catch {
        client.socket.close(4401, 'session expired');
      }
    }
  }

  private endSession(hash: string): void {
    for (const client of this.clients) if (client.tokenHash === hash) client.socket.close(4401, 'signed out');
  }

  /** Closes the connections whose session has expired (idle or past its lifetime). */
  private async checkSessions(): Promise<void> {
    for (const client of this.clients) {
      try {
        client.user = await this.services.auth.authenticate(client.token, false);
      } catch {
        client.socket.close(4401, 'session expired');
        this.clients.delete(client);
      }
    }
  }

  private alarmChanged(id: number, created: boolean): void {
    if (this.clients.size === 0) return;
    this.pendingAlarms.set(id, (this.pendingAlarms.get(id) ?? false) || created);
    if (created) {
      clearTimeout(this.alarmTimer);
      this.alarmTimer = undefined;
    }
    this.alarmTimer ??= setTimeout(() => void this.flushAlarms(), created ? 20 : 250);
  }

  private async flushAlarms(): Promise<void> {
    this.alarmTimer = undefined;
    const pending = new Map(this.pendingAlarms);
    this.pendingAlarms.clear();
    try {
      const views = await (this.services.alarms as AlarmCentre).views([...pending.keys()]);
      for (const alarm of views) {
        this.broadcast({ type: 'alarm', alarm, created: pending.get(alarm.id) }, alarm, 'alarms:read');
      }
    } catch (error) {
      this.services.log.error({ err: error }, 'live alarm push failed');
    }
  }

  private eventsStored(ids: number[]): void {
    if (![...this.clients].some((c) => c.events)) return;
    this.pendingEvents.push(...ids);
    this.eventTimer ??= setTimeout(() => void this.flushEvents(), 250);
  }

  private async flushEvents(): Promise<void> {
    this.eventTimer = undefined;
    const ids = this.pendingEvents.slice(-500);
    this.pendingEvents = [];
    try {
      const rows = await this.services.store.driver.all<EventRow & { jurisdiction: string | null }>(
        `SELECT e.*, u.jurisdiction FROM events e LEFT JOIN units u ON u.id = e.unit_id
         WHERE e.id IN (${ids.map(() => '?').join(',')})`,
        ids,
      );
      for (const row of rows) {
        const { raw: _raw, ...rest } = row;
        const target = { jurisdiction: row.jurisdiction, unitId: row.unit_id };
        for (const client of this.clients) {
          if (client.events && this.services.access.sees(client.user, target)) send(client, { type: 'event', event: eventView(rest) });
        }
      }
    } catch (error) {
      this.services.log.error({ err: error }, 'live event push failed');
    }
  }

  private broadcast(
    message: Record<string, unknown>,
    target: { jurisdiction?: string | null; unitId?: string | null },
    permission: 'alarms:read' | 'registry:read' = 'registry:read',
  ): void {
    const { access } = this.services;
    for (const client of this.clients) {
      try {
        if (access.can(client.user, permission) && access.sees(client.user, target)) send(client, message);
      } catch (error) {
        this.services.log.error({ err: error }, 'live push failed');
      }
    }
  }
}

function send(client: Client, message: Record<string, unknown>): void {
  const socket = client.socket;
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
    socket.close(4408, 'client too slow');
    return;
  }
  socket.send(JSON.stringify(message));
}
