#!/usr/bin/env node
// DC-09 receiver benchmark: Vigil (SQLite and/or PostgreSQL, every frame stored durably before
// its ACK) against the anchor, pysiaalarm (stores nothing), on the same load in the same run.
//
// The load is ../shared/bench/dc09-load.mjs: N panels on TCP, each sends a SIA-DCS burglary
// frame and waits for its ACK before the next. Runs alternate between the receivers so a noisy
// machine hurts both alike; the medians and their ratio are printed as JSON and as a table.
//
// Usage: node bench/dc09-bench.mjs [--db sqlite,postgres] [--panels 25,250,1000] [--runs 3]
//          [--frames 50000] [--load PATH] [--pysia PATH-TO-pysiaalarm-clone] [--shim PATH]
// pysiaalarm runs only when --pysia is given (see docs/benchmarks.md for its set-up).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite,postgres' },
    panels: { type: 'string', default: '25,250,1000' },
    runs: { type: 'string', default: '3' },
    frames: { type: 'string', default: '50000' },
    load: { type: 'string', default: path.resolve(root, '../shared/bench/dc09-load.mjs') },
    pysia: { type: 'string' },
    shim: { type: 'string', default: '/tmp/pyshim' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`nothing listens on ${port}`);
}

function load(port, panels, first) {
  const perPanel = Math.max(1, Math.round(Number(values.frames) / panels));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [values.load, String(port), String(panels), String(perPanel), String(first)]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`load exited ${code}`))));
  });
}

async function freshPostgres() {
  const { default: pg } = await import('pg');
  const name = `vigil_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: values['pg-url'] });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(values['pg-url']);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: values['pg-url'] });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Starts a receiver; resolves to { port, stop }. */
async function startVigil(dialect) {
  const [http, port] = [await freePort(), await freePort()];
  let db;
  let drop = async () => undefined;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-'));
    db = `sqlite:${path.join(dir, 'bench.db')}`;
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const fresh = await freshPostgres();
    db = fresh.url;
    drop = fresh.drop;
  }
  const child = spawn(process.execPath, ['bin/vigil.mjs', 'serve', '--db', db, '--http', `127.0.0.1:${http}`, '--dc09', `127.0.0.1:${port}`], {
    cwd: root,
    env: { ...process.env, VIGIL_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForPort(http);
  return { port, stop: async () => (child.kill('SIGTERM'), await new Promise((r) => child.once('exit', r)), await drop()) };
}

async function startPysia() {
  const port = await freePort();
  const child = spawn('/usr/bin/python3', [path.resolve(root, '../shared/bench/pysia-server.py'), String(port), '100000', '5000'], {
    env: { ...process.env, PYTHONPATH: `${values.shim}:${path.join(values.pysia, 'src')}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForPort(port);
  return { port, stop: async () => (child.kill('SIGTERM'), await new Promise((r) => child.once('exit', r))) };
}

const receivers = [
  ...values.db.split(',').filter(Boolean).map((dialect) => ({ name: `vigil-${dialect}`, start: () => startVigil(dialect) })),
  ...(values.pysia ? [{ name: 'pysiaalarm', start: startPysia }] : []),
];
const panelCounts = values.panels.split(',').map(Number);
const runs = Number(values.runs);
const results = {};

for (const panels of panelCounts) {
  const running = [];
  for (const receiver of receivers) running.push({ receiver, server: await receiver.start() });
  // Accounts 100000... are unknown to Vigil (stored as "unknown account") and listed for pysiaalarm.
  for (const { server } of running) await load(server.port, panels, 100000); // warm-up
  for (let run = 0; run < runs; run++) {
    for (const { receiver, server } of running) {
      (results[`${receiver.name}@${panels}`] ??= []).push(await load(server.port, panels, 100000));
    }
  }
  for (const { server } of running) await server.stop();
}

const rows = [];
for (const panels of panelCounts) {
  const anchor = results[`pysiaalarm@${panels}`];
  const anchorRate = anchor ? median(anchor.map((r) => r.framesPerSecond)) : undefined;
  for (const receiver of receivers) {
    const list = results[`${receiver.name}@${panels}`];
    const rate = median(list.map((r) => r.framesPerSecond));
    rows.push({
      receiver: receiver.name,
      panels,
      framesPerSecond: rate,
      p50ms: median(list.map((r) => Number(r.p50ms))),
      p99ms: median(list.map((r) => Number(r.p99ms))),
      ratioToAnchor: anchorRate && receiver.name !== 'pysiaalarm' ? +(rate / anchorRate).toFixed(2) : undefined,
      runs: list.map((r) => r.framesPerSecond),
    });
  }
}
console.log(JSON.stringify({ date: new Date().toISOString(), host: os.hostname(), cpus: os.cpus().length, rows }, null, 1));
console.log('\n| receiver | panels | frames/s (median) | reply p50 ms | reply p99 ms | x anchor | runs |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.receiver} | ${r.panels} | ${r.framesPerSecond} | ${r.p50ms} | ${r.p99ms} | ${r.ratioToAnchor ?? ''} | ${r.runs.join(', ')} |`);
}
