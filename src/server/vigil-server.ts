import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

import type { Services } from '../services/services.ts';
import { buildHttpServer, type RouteModule } from '../api/http-server.ts';
import { accountRoutes, zoneRoutes } from '../api/routes/account-routes.ts';
import { alarmRoutes } from '../api/routes/alarm-routes.ts';
import { auditRoutes } from '../api/routes/audit-routes.ts';
import { authRoutes } from '../api/routes/auth-routes.ts';
import { eventRoutes } from '../api/routes/event-routes.ts';
import { receiverRoutes } from '../api/routes/receiver-routes.ts';
import { userRoutes } from '../api/routes/user-routes.ts';
import { WsHub } from '../api/ws-hub.ts';
import { Dc09Receiver } from '../listeners/dc09/dc09-receiver.ts';
import { Dc09TcpListener, type TcpListenerOptions } from '../listeners/dc09/dc09-tcp-listener.ts';
import { Dc09UdpListener } from '../listeners/dc09/dc09-udp-listener.ts';
import { RejectLog } from '../listeners/dc09/reject-log.ts';
import { createLogger } from '../log/logger.ts';
import { AlarmCentre } from '../services/alarm-centre/alarm-centre.ts';
import { Supervisor, type SupervisorOptions } from '../services/alarm-centre/supervisor.ts';
import { createCoreServices } from '../services/core-services.ts';
import { AccountDirectory } from '../services/intake/account-directory.ts';
import { AlarmIntake, type IntakeOptions } from '../services/intake/alarm-intake.ts';
import { openStore } from '../store/store.ts';
import { parseHostPort, type HostPort } from './host-port.ts';
import { registryExtension } from './registry-extension.ts';

/** Where the built console lives, relative to this file. */
export const DEFAULT_WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface ServeOptions {
  /** `sqlite:PATH` or `postgres://...`. */
  db: string;
  http: HostPort | string;
  dc09: HostPort | string;
  /** GB/T 2260 code of the city the platform serves; seeds the jurisdiction tree when empty. */
  city?: string;
  log?: Logger;
  webRoot?: string;
  /** DC-09 TCP: close this long after the last reply (undefined keeps connections open). */
  closeDelayMs?: number;
  /**
   * Addresses of the reverse proxy (TLS terminator) in front of the API, whose X-Forwarded-For
   * is believed: sign-in throttling then counts clients, not the proxy.
   */
  trustProxy?: string;
  /** DC-09 TCP limits and timeouts beyond the defaults (see dc09-tcp-listener.ts). */
  dc09Tcp?: Partial<TcpListenerOptions>;
  intake?: IntakeOptions;
  supervision?: SupervisorOptions;
  /**
   * The console's base map: a tile URL template on the local network, or a GeoJSON file served
   * at /basemap/custom.geojson. Default: the district outlines of the demo city in the package.
   */
  basemap?: { tileUrl?: string; file?: string };
}

/** A running Vigil: its services, bound addresses and a stop function. */
export interface VigilServer {
  services: Services;
  http: FastifyInstance;
  addresses: { http: HostPort; dc09Tcp: HostPort; dc09Udp: HostPort };
  stop(): Promise<void>;
}

/**
 * Starts everything: database (migrated), services, the DC-09 listeners on TCP and UDP, and the
 * HTTP API with the console. /health answers only once every listener is up.
 */
export async function startVigil(options: ServeOptions): Promise<VigilServer> {
  const log = options.log ?? createLogger();
  const store = await openStore(options.db);
  log.info({ db: store.location, migrations: store.migrations.filter((m) => m.status === 'applied').length }, 'database ready');

  store.startMaintenance((message) => log.error({ err: message }, 'database upkeep failed'));
  const services = await createCoreServices(store, log);
  const registry = await registryExtension(services, options.city ?? '320100');
  const accounts = await new AccountDirectory(store.driver, services.audit).load();
  accounts.startRefresh(2000, (error) => log.error({ err: error }, 'could not refresh DC-09 accounts'));
  const intake = new AlarmIntake(accounts, store.events, services.bus, options.intake);
  const alarms = new AlarmCentre(services);
  Object.assign(services, { accounts, intake, alarms });
  services.bus.subscribe('session.ended', ({ username }) => {
    alarms.releaseHeldBy(username).catch((error) => log.error({ err: error, username }, 'could not release alarms'));
  });

  const rejects = new RejectLog(store.driver, log.child({ module: 'dc09' }));
  const receiver = new Dc09Receiver(accounts, intake, rejects, log.child({ module: 'dc09' }));
  const supervisor = new Supervisor(accounts, alarms, services.bus, store.driver, log.child({ module: 'supervision' }), options.supervision);
  const dc09 = typeof options.dc09 === 'string' ? parseHostPort(options.dc09) : options.dc09;
  const tcp = new Dc09TcpListener(receiver, log.child({ module: 'dc09-tcp' }), {
    ...options.dc09Tcp,
    ...dc09,
    closeDelayMs: options.closeDelayMs,
  });
  const udp = new Dc09UdpListener(receiver, log.child({ module: 'dc09-udp' }), dc09);
  Object.assign(services, { receiver });

  const hub = new WsHub(services);
  const routes: RouteModule[] = [
    authRoutes, userRoutes, alarmRoutes, eventRoutes, accountRoutes, zoneRoutes, auditRoutes,
    (app) => receiverRoutes(app, services, () => ({ ...receiver.stats.snapshot(), intake: intake.stats, liveClients: hub.size })),
    (app) => hub.register(app),
    ...registry.routes,
  ];
  const listening = { dc09Tcp: false, dc09Udp: false };
  const http = await buildHttpServer({
    services,
    routes,
    webRoot: options.webRoot ?? DEFAULT_WEB_ROOT,
    health: () => ({ listeners: listening, basemap: basemapInfo(options.basemap) }),
    trustProxy: options.trustProxy,
    tileOrigin: options.basemap?.tileUrl ? new URL(options.basemap.tileUrl.replace(/[{}]/g, '')).origin : undefined,
  });
  if (options.basemap?.file) {
    const file = options.basemap.file;
    http.get('/basemap/custom.geojson', { schema: { hide: true } }, (_request, reply) =>
      reply.type('application/geo+json').send(fs.createReadStream(file)),
    );
  }

  // The audit chain's head, logged on start and hourly: an anchor outside the database that
  // `vigil audit verify --head SEQ:HASH` can check, so cutting entries off the end shows.
  const logAuditHead = () =>
    services.audit
      .list({ limit: 1 })
      .then(([head]) => head && log.info({ auditHead: `${head.seq}:${head.hash}` }, 'audit head'))
      .catch((error) => log.error({ err: error }, 'could not read the audit head'));
  const auditTimer = setInterval(logAuditHead, 3600_000);
  auditTimer.unref();
  // Alarms held by operators whose sessions expired (browser closed, shift over) go back.
  const releaseTimer = setInterval(
    () => void alarms.releaseAbandoned().catch((error) => log.error({ err: error }, 'could not release abandoned alarms')),
    60_000,
  );
  releaseTimer.unref();
  void logAuditHead();

  const stop = async () => {
    clearInterval(auditTimer);
    clearInterval(releaseTimer);
    supervisor.stop();
    accounts.stopRefresh();
    hub.close();
    await tcp.stop();
    await udp.stop();
    await http.close();
    await rejects.stop();
    await services.bus.close();
    await store.close();
  };

  try {
    rejects.start();
    await supervisor.start();
    await tcp.start();
    listening.dc09Tcp = true;
    await udp.start();
    listening.dc09Udp = true;
    const httpAddress = typeof options.http === 'string' ? parseHostPort(options.http) : options.http;
    await http.listen({ host: httpAddress.host, port: httpAddress.port });
    const bound = http.server.address() as { address: string; port: number };
    log.info({ http: `${httpAddress.host}:${bound.port}` }, 'vigil is up');
    return {
      services,
      http,
      addresses: {
        http: { host: httpAddress.host, port: bound.port },
        dc09Tcp: { host: dc09.host, port: tcp.address().port },
        dc09Udp: { host: dc09.host, port: udp.address().port },
      },
      stop,
    };
  } catch (error) {
    // A half-started platform must not go on acknowledging alarms nobody can see.
    log.error({ err: error }, 'vigil could not start');
    await stop().catch(() => undefined);
    throw error;
  }
}

/** What /health tells the console about its base map. */
function basemapInfo(basemap: ServeOptions['basemap']) {
  if (basemap?.tileUrl) return { tileUrl: basemap.tileUrl };
  if (basemap?.file) return { geojson: '/basemap/custom.geojson' };
  return { geojson: '/basemap/320100.geojson' };
}
