/**
 * The console in a real browser (Debian's Chromium through playwright-core) against the real
 * server: an operator signs in, sees an alarm that a simulated panel sent over DC-09 appear
 * live, acknowledges and closes it; an officer opens the compliance page.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium, type Browser, type Page } from 'playwright-core';

import { SYSTEM } from '../../src/services/access/principal.ts';
import type { AccountDirectory } from '../../src/services/intake/account-directory.ts';
import { registryServicesOf } from '../../src/services/registry/create-registry-services.ts';
import { SimulatedPanel } from '../../src/simulators/panels/simulated-panel.ts';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../support/server.ts';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
const CHROMIUM = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium';

describe('console in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    assert.ok(fs.existsSync(path.join(webRoot, 'index.html')), 'build the console first (scripts/build-web.mjs)');
    server = await startTestServer('sqlite', { webRoot });
    await server.addUser('op', 'operator');
    await server.addUser('officer', 'city-officer');
    const { registry } = registryServicesOf(server.services);
    await registry.units.create(SYSTEM, {
      id: 'E2E-1', name: '玄武区博物院', category: '5', jurisdiction: '320102',
      address: '南京市玄武区中山东路321号', lat: 32.041, lon: 118.823,
    });
    await registry.systems.add(SYSTEM, 'E2E-1', { kind: 'video', state: 'in-service', networked: false });
    await (server.services.accounts as AccountDirectory).upsert(SYSTEM, '4321', { unitId: 'E2E-1' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  async function signIn(page: Page, username: string) {
    await page.goto(server.base + '/');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
  }

  it('shows a DC-09 alarm live, and the operator acknowledges and closes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await signIn(page, 'op');
    await page.getByTestId('nav-alarms').click();

    let ackedAt = 0;
    let onAck!: () => void;
    const acked = new Promise<void>((resolve) => (onAck = resolve));
    const panel = new SimulatedPanel({
      account: '4321', target: { host: '127.0.0.1', port: server.dc09Port }, transport: 'tcp',
      linkTestS: 0, ackTimeoutMs: 2000,
      onAck: () => {
        ackedAt = Date.now();
        onAck();
      },
    });
    panel.start();
    panel.report('SIA-DCS', 'Nri1/BA12');
    await acked;
    panel.stop();

    const row = page.locator('[data-testid="alarm-row"][data-account="4321"]');
    await row.waitFor({ timeout: 5000 });
    const shownAfterMs = Date.now() - ackedAt;
    assert.equal(await row.getAttribute('data-state'), 'new');
    assert.equal(await row.getAttribute('data-priority'), '2');

    await row.click();
    const detail = page.getByTestId('alarm-detail');
    await detail.waitFor();
    await page.getByTestId('alarm-acknowledge').click();
    await page.getByTestId('alarm-note-input').fill('called the museum guard room');
    await page.getByTestId('dialog-confirm').click();
    await page.locator('[data-testid="alarm-state"][data-state="acknowledged"]').waitFor();

    await page.getByTestId('alarm-close').click();
    await page.getByTestId('alarm-disposition').selectOption('false');
    await page.getByTestId('dialog-confirm').click();
    await page.locator('[data-testid="alarm-state"][data-state="closed"]').waitFor();
    await page.screenshot({ path: path.join(process.env.VIGIL_SHOTS ?? '/tmp', 'vigil-e2e-alarm.png') });
    await page.close();

    const closed = (await (await server.as('op')).get('/api/v1/alarms?state=closed')).body.items;
    const alarm = closed.find((a: { account: string }) => a.account === '4321');
    assert.equal(alarm.disposition, 'false');
    assert.equal(alarm.acknowledgedBy, 'op');
    assert.ok(shownAfterMs < 5000);
  });

  it('opens the compliance page with its chart for an officer', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await signIn(page, 'officer');
    await page.getByTestId('nav-compliance').click();
    await page.getByTestId('compliance-page').waitFor();
    await page.getByTestId('compliance-chart').waitFor();
    const rows = page.getByTestId('compliance-district-row');
    await rows.first().waitFor();
    assert.ok((await rows.count()) >= 11, 'one row per Nanjing district');
    assert.match(await page.getByTestId('compliance-page').innerText(), /玄武区/);
    await page.close();
  });
});
