/**
 * Nothing acknowledged is ever lost: simulated panels send 2,000 messages a second while the
 * server is killed with SIGKILL and started again. Every message that got an ACK must be in
 * the database exactly once afterwards (the panels retransmit what was not acknowledged, and
 * the retransmissions of what was stored but not acknowledged are recognised as duplicates).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { PanelFleet } from '../../src/simulators/panels/panel-fleet.ts';
import { openStore } from '../../src/store/store.ts';
import { freshDatabase, testDialects } from '../support/stores.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function serve(db: string, http: number, dc09: number): ChildProcess {
  return spawn(process.execPath, ['bin/vigil.mjs', 'serve', '--db', db, '--http', `127.0.0.1:${http}`, '--dc09', `127.0.0.1:${dc09}`], {
    cwd: root,
    env: { ...process.env, VIGIL_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function healthy(http: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${http}/api/v1/health`)).status === 200) return;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error('server did not come up');
}

const exited = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));

for (const dialect of testDialects()) {
  describe(`SIGKILL during 2,000 frames/s on ${dialect}`, () => {
    it('stores every acknowledged message exactly once', { timeout: 120_000 }, async () => {
      const db = await freshDatabase(dialect);
      const [http, dc09] = [await freePort(), await freePort()];
      let server = serve(db.url, http, dc09);
      await healthy(http);

      const fleet = new PanelFleet({
        target: { host: '127.0.0.1', port: dc09 },
        accounts: Array.from({ length: 40 }, (_, i) => String(7000 + i)),
        rate: 2000,
        transport: 'tcp',
        linkTestS: 0,
        ackTimeoutMs: 1000,
        restoreAfterMs: 300,
      });
      fleet.keepAcks = true;
      fleet.start();
      await sleep(3000);
      const before = fleet.acks.length;
      server.kill('SIGKILL');
      await exited(server);
      await sleep(300);
      server = serve(db.url, http, dc09);
      await healthy(http);
      await sleep(3000);
      fleet.pause();
      for (let i = 0; i < 100 && fleet.totals().backlog > 0; i++) await sleep(100);
      const totals = fleet.totals();
      await fleet.stop();
      server.kill('SIGTERM');
      await exited(server);

      const store = await openStore(db.url);
      const rows = await store.driver.all<{ account: string; sequence: string; n: number; dups: number }>(
        'SELECT account, sequence, COUNT(*) AS n, SUM(duplicates) AS dups FROM events GROUP BY account, sequence',
      );
      await store.close();
      await db.drop();

      const stored = new Map(rows.map((r) => [`${r.account}/${r.sequence}`, Number(r.n)]));
      const missing = fleet.acks.filter((a) => !stored.has(`${a.account}/${a.sequence}`));
      const twice = rows.filter((r) => Number(r.n) !== 1);
      const retransmitted = rows.reduce((sum, r) => sum + Number(r.dups), 0);
      console.log(JSON.stringify({ dialect, ...totals, acked: fleet.acks.length, ackedBeforeKill: before, rows: rows.length, duplicatesCounted: retransmitted }));

      assert.ok(before > 3000, `only ${before} messages acknowledged in 3 s before the kill`);
      assert.ok(fleet.acks.length > before + 3000, 'too few messages after the restart');
      assert.ok(totals.reconnects >= 40, 'every panel should have lost its connection');
      assert.deepEqual(missing.slice(0, 5), [], `${missing.length} acknowledged messages are missing`);
      assert.deepEqual(twice.slice(0, 5), [], `${twice.length} messages are stored more than once`);
      assert.equal(totals.backlog, 0, 'panels still hold unacknowledged messages');
    });
  });
}
