/**
 * A real Vigil on ephemeral ports over a fresh database, for tests that speak HTTP, WebSocket
 * and DC-09 over real sockets.
 */
import dgram from 'node:dgram';
import net from 'node:net';

import { silentLogger } from '../../src/log/logger.ts';
import { Dc09Framer } from '../../src/protocols/sia-dc09/framer.ts';
import { startVigil, type ServeOptions, type VigilServer } from '../../src/server/vigil-server.ts';
import { SYSTEM } from '../../src/services/access/principal.ts';
import { freshDatabase } from './stores.ts';

export interface TestServer extends VigilServer {
  base: string;
  dc09Port: number;
  /** Signs in and returns a fetch bound to that user's token. */
  as(username: string, password?: string): Promise<Client>;
  addUser(username: string, role: string, extra?: { jurisdiction?: string; unitId?: string }): Promise<void>;
  dispose(): Promise<void>;
}

export interface Client {
  token: string;
  get<T = any>(path: string): Promise<{ status: number; body: T }>;
  post<T = any>(path: string, body?: unknown): Promise<{ status: number; body: T }>;
  put<T = any>(path: string, body?: unknown): Promise<{ status: number; body: T }>;
  patch<T = any>(path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export const TEST_PASSWORD = 'correct horse battery';

/** Starts Vigil on a fresh database of the dialect, with a `root` city-admin. */
export async function startTestServer(
  dialect: 'sqlite' | 'postgres',
  options: Partial<ServeOptions> = {},
): Promise<TestServer> {
  const db = await freshDatabase(dialect);
  const server = await startVigil({
    db: db.url,
    http: { host: '127.0.0.1', port: 0 },
    dc09: { host: '127.0.0.1', port: 0 },
    log: silentLogger(),
    webRoot: '/nonexistent',
    ...options,
  });
  const base = `http://127.0.0.1:${server.addresses.http.port}`;
  const addUser: TestServer['addUser'] = async (username, role, extra = {}) => {
    await server.services.auth.addUser(SYSTEM, { username, password: TEST_PASSWORD, role, ...extra });
  };
  await addUser('root', 'city-admin');
  return Object.assign(server, {
    base,
    dc09Port: server.addresses.dc09Tcp.port,
    addUser,
    as: (username: string, password = TEST_PASSWORD) => signIn(base, username, password),
    async dispose() {
      await server.stop();
      await db.drop();
    },
  });
}

async function call(base: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export async function signIn(base: string, username: string, password: string): Promise<Client> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };
  return {
    token,
    get: (path) => call(base, token, 'GET', path),
    post: (path, body = {}) => call(base, token, 'POST', path, body),
    put: (path, body = {}) => call(base, token, 'PUT', path, body),
    patch: (path, body = {}) => call(base, token, 'PATCH', path, body),
  };
}

/** A raw TCP connection to the DC-09 port that collects reply bodies. */
export class PanelConnection {
  readonly socket: net.Socket;
  private readonly framer = new Dc09Framer();
  private readonly replies: string[] = [];
  private waiters: (() => void)[] = [];

  private constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.on('data', (chunk) => {
      for (const out of this.framer.push(chunk)) if ('frame' in out) this.replies.push(out.frame.body.toString('latin1'));
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.socket.on('error', () => undefined);
  }

  static async open(port: number): Promise<PanelConnection> {
    const connection = new PanelConnection(port);
    await new Promise<void>((resolve, reject) => {
      connection.socket.once('connect', resolve);
      connection.socket.once('error', reject);
    });
    return connection;
  }

  write(bytes: Buffer | string): void {
    this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** Waits until `count` replies have arrived (or the timeout) and returns them all. */
  async waitForReplies(count: number, timeoutMs = 3000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.replies.length < count && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return [...this.replies];
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Sends one datagram and returns the reply body (or undefined after the timeout). */
export async function udpExchange(port: number, bytes: Buffer, timeoutMs = 2000): Promise<string | undefined> {
  const socket = dgram.createSocket('udp4');
  try {
    return await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      socket.on('message', (datagram) => {
        clearTimeout(timer);
        const out = new Dc09Framer().push(datagram);
        resolve(out.length && 'frame' in out[0] ? out[0].frame.body.toString('latin1') : datagram.toString('latin1'));
      });
      socket.send(bytes, port, '127.0.0.1');
    });
  } finally {
    socket.close();
  }
}
