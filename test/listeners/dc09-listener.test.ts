/**
 * The DC-09 receiver over real TCP and UDP sockets against a running Vigil, on both databases:
 * the ACK comes after the event is stored, bad frames get NAK or DUH, retransmissions are
 * counted once, and one bad connection never stalls another.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';

import { encodeMessage } from '../../src/protocols/sia-dc09/encode.ts';
import { keyBytes } from '../../src/protocols/sia-dc09/encryption.ts';
import { buildFrame, parseReply } from '../../src/protocols/sia-dc09/reply.ts';
import { SYSTEM } from '../../src/services/access/principal.ts';
import type { AccountDirectory } from '../../src/services/intake/account-directory.ts';
import { testDialects } from '../support/stores.ts';
import { PanelConnection, startTestServer, udpExchange, type Client, type TestServer } from '../support/server.ts';

const KEY_HEX = '00112233445566778899AABBCCDDEEFF';

for (const dialect of testDialects()) {
  describe(`DC-09 listener on ${dialect}`, () => {
    let server: TestServer;
    let admin: Client;

    before(async () => {
      server = await startTestServer(dialect);
      admin = await server.as('root');
      const accounts = server.services.accounts as AccountDirectory;
      await accounts.upsert(SYSTEM, '2001', { name: 'plain panel' });
      await accounts.upsert(SYSTEM, '2002', { key: KEY_HEX, keyForm: 'hex' });
      await accounts.upsert(SYSTEM, '2003', { strict: true });
    });
    after(() => server.dispose());

    const events = async (account: string) =>
      (await admin.get(`/api/v1/events?account=${account}&limit=100`)).body.items as Record<string, any>[];

    it('ACKs a frame only once it is stored, echoing the header', async () => {
      const panel = await PanelConnection.open(server.dc09Port);
      panel.write(encodeMessage({ token: 'SIA-DCS', sequence: 7, receiver: '1', line: '2', account: '2001', data: '#2001|Nri1/BA03', timestamp: Date.now() }));
      const [reply] = await panel.waitForReplies(1);
      panel.close();
      assert.equal(reply, '"ACK"0007R1L2#2001[]');
      const [event] = await events('2001');
      assert.deepEqual(
        { sequence: event.sequence, code: event.code, zone: event.zone, kind: event.kind, duplicates: event.duplicates },
        { sequence: '0007', code: 'BA', zone: '03', kind: 'alarm', duplicates: 0 },
      );
      assert.ok(event.eventTime && event.receivedAt);
    });

    it('splits frames sent together and joins frames sent in pieces, replying in order', async () => {
      const frames = [1, 2, 3].map((n) =>
        encodeMessage({ token: 'ADM-CID', sequence: 100 + n, account: '2001', data: `#2001|1602 00 00${n}` }),
      );
      const bytes = Buffer.concat(frames);
      const panel = await PanelConnection.open(server.dc09Port);
      panel.write(bytes.subarray(0, 5));
      await new Promise((r) => setTimeout(r, 30));
      panel.write(bytes.subarray(5));
      const replies = await panel.waitForReplies(3);
      panel.close();
      assert.deepEqual(replies.map((r) => parseReply(r).sequence), ['0101', '0102', '0103']);
      const stored = await events('2001');
      assert.equal(stored.filter((e) => e.code === 'E602').length, 3);
    });

    it('counts a retransmission instead of storing it twice', async () => {
      const frame = encodeMessage({ token: 'SIA-DCS', sequence: 200, account: '2001', data: '#2001|Nri1/FA01', timestamp: Date.now() });
      const panel = await PanelConnection.open(server.dc09Port);
      panel.write(frame);
      await panel.waitForReplies(1);
      panel.write(frame);
      const replies = await panel.waitForReplies(2);
      panel.close();
      assert.equal(parseReply(replies[1]).token, 'ACK');
      const fire = (await events('2001')).filter((e) => e.code === 'FA');
      assert.equal(fire.length, 1);
      assert.equal(fire[0].duplicates, 1);
    });

    it('recognises an encrypted retransmission by its content, not its bytes', async () => {
      const key = keyBytes(KEY_HEX, 'hex');
      const message = { token: 'SIA-DCS' as const, sequence: 373, account: '2002', data: '#2002|Nri1/PA02', timestamp: Date.now(), key };
      const first = encodeMessage(message);
      const second = encodeMessage(message);
      assert.notDeepEqual(first, second);
      const panel = await PanelConnection.open(server.dc09Port);
      panel.write(first);
      await panel.waitForReplies(1);
      panel.write(second);
      const replies = await panel.waitForReplies(2);
      panel.close();
      assert.ok(replies.every((r) => r.startsWith('"*ACK"0373L0#2002[')));
      const stored = (await events('2002')).filter((e) => e.code === 'PA');
      assert.equal(stored.length, 1);
      assert.equal(stored[0].duplicates, 1);
      assert.equal(stored[0].encrypted, true);
    });

    it('NAKs a bad CRC and stores nothing', async () => {
      const good = encodeMessage({ token: 'SIA-DCS', sequence: 300, account: '2001', data: '#2001|Nri1/BA09' });
      const bad = Buffer.from(good);
      bad[1] = bad[1] === 0x30 ? 0x31 : 0x30;
      const panel = await PanelConnection.open(server.dc09Port);
      panel.write(bad);
      const [reply] = await panel.waitForReplies(1);
      panel.close();
      assert.equal(parseReply(reply).token, 'NAK');
      assert.equal((await events('2001')).filter((e) => e.sequence === '0300').length, 0);
    });

    it('answers DUH to an encrypted message from an account without a key', async () => {
      const frame = encodeMessage({ token: 'SIA-DCS', sequence: 5, account: '2001', data: '#2001|Nri1/BA01', timestamp: Date.now(), key: keyBytes(KEY_HEX, 'hex') });
      const panel = await PanelConnection.open(server.dc09Port);
      panel.write(frame);
      const [reply] = await panel.waitForReplies(1);
      panel.close();
      assert.equal(reply, '"DUH"0005L0#2001[]');
    });

    it('NAKs an encrypted message with a stale clock, with the receiver time', async () => {
      const frame = encodeMessage({ token: 'SIA-DCS', sequence: 6, account: '2002', data: '#2002|Nri1/BA01', timestamp: Date.now() - 120_000, key: keyBytes(KEY_HEX, 'hex') });
      const panel = await PanelConnection.open(server.dc09Port);
      panel.write(frame);
      const [reply] = await panel.waitForReplies(1);
      panel.close();
      const nak = parseReply(reply);
      assert.equal(nak.token, 'NAK');
      assert.ok(Math.abs(nak.timestamp! - Date.now()) < 5000);
    });

    it('refuses plain messages in the name of an account that encrypts (no spoofed link tests)', async () => {
      const panel = await PanelConnection.open(server.dc09Port);
      panel.write(encodeMessage({ token: 'NULL', sequence: 8, account: '2002', data: '' }));
      panel.write(encodeMessage({ token: 'SIA-DCS', sequence: 9, account: '2002', data: '#2002|Nri1/PA01' }));
      const replies = await panel.waitForReplies(2);
      panel.close();
      assert.deepEqual(replies.map((r) => parseReply(r).token), ['DUH', 'DUH']);
      assert.equal((await events('2002')).filter((e) => e.sequence === '0009').length, 0);
    });

    it('holds a strict account to the standard when its number is only in the data block', async () => {
      const panel = await PanelConnection.open(server.dc09Port);
      panel.write(buildFrame('"SIA-DCS"0105L0[#2003|Nri1/BA02]'));
      const [reply] = await panel.waitForReplies(1);
      panel.close();
      assert.equal(parseReply(reply).token, 'NAK');
    });

    it('refuses quirks from a strict account but takes them from a tolerant one', async () => {
      const body = (account: string) => `"NULL"0001L#${account}[]`;
      const panel = await PanelConnection.open(server.dc09Port);
      panel.write(buildFrame(body('2003')));
      panel.write(buildFrame(body('2001')));
      const replies = await panel.waitForReplies(2);
      panel.close();
      assert.equal(parseReply(replies[0]).token, 'NAK');
      assert.equal(replies[1], '"ACK"0001L#2001[]');
      const accounts = (await admin.get('/api/v1/accounts')).body.items as Record<string, any>[];
      assert.equal(accounts.find((a) => a.account === '2001')?.quirks['empty-line-prefix'], 1);
    });

    it('ACKs, stores and queues a message from an unknown account', async () => {
      const panel = await PanelConnection.open(server.dc09Port);
      panel.write(encodeMessage({ token: 'SIA-DCS', sequence: 1, account: '9F9F', data: '#9F9F|Nri1/BA01' }));
      const [reply] = await panel.waitForReplies(1);
      panel.close();
      assert.equal(reply, '"ACK"0001L0#9F9F[]');
      const alarms = (await admin.get('/api/v1/alarms')).body.items as Record<string, any>[];
      const unknown = alarms.find((a) => a.account === '9F9F');
      assert.ok(unknown);
      assert.equal(unknown.unknownAccount, true);
      assert.equal(unknown.priority, 5);
    });

    it('stores a message with control bytes in its text, escaped, next to a good panel', async () => {
      const nul = buildFrame(`"SIA-DCS"0001L0#2001[#2001|Nri1/BA01^a\u0000b^]`);
      const good = encodeMessage({ token: 'SIA-DCS', sequence: 2, account: '2001', data: '#2001|Nri1/BA02' });
      const panel = await PanelConnection.open(server.dc09Port);
      panel.write(Buffer.concat([nul, good]));
      const replies = await panel.waitForReplies(2);
      panel.close();
      assert.deepEqual(replies.map((r) => parseReply(r).token), ['ACK', 'ACK']);
      const stored = (await events('2001')).find((e) => e.sequence === '0001' && e.code === 'BA');
      assert.equal(stored?.text, 'a\\x00b');
    });

    it('caps the events one message may open', async () => {
      const block = Array.from({ length: 40 }, (_, i) => `BA${String(i + 1).padStart(2, '0')}`).join('/');
      const panel = await PanelConnection.open(server.dc09Port);
      panel.write(encodeMessage({ token: 'SIA-DCS', sequence: 3, account: '2001', data: `#2001|Nri3/${block}` }));
      await panel.waitForReplies(1);
      panel.close();
      const stored = (await events('2001')).filter((e) => e.sequence === '0003');
      assert.equal(stored.length, 32);
      assert.match(stored.find((e) => e.code === '')!.description, /9 further events/);
    });

    it('refuses a key form that would leave the stored key unusable', async () => {
      const set = await admin.put('/api/v1/accounts/2009', { key: '0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF' });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      const broken = await admin.put('/api/v1/accounts/2009', { keyForm: 'ascii' });
      assert.equal(broken.status, 400);
      assert.equal(broken.body.error.details.field, 'keyForm');
    });

    it('answers over UDP to the sender', async () => {
      const reply = await udpExchange(server.addresses.dc09Udp.port, encodeMessage({ token: 'NULL', sequence: 42, account: '2001', data: '' }));
      assert.equal(reply, '"ACK"0042L0#2001[]');
    });

    it('keeps serving other panels while one sends garbage or stalls mid-frame', async () => {
      const flood = net.connect(server.dc09Port, '127.0.0.1');
      const stalled = net.connect(server.dc09Port, '127.0.0.1');
      flood.on('error', () => undefined);
      stalled.on('error', () => undefined);
      stalled.write('\n1234002A"SIA-DCS"0001L0#2001[#20');
      for (let i = 0; i < 50; i++) flood.write(Buffer.alloc(1000, 0x41 + (i % 26)));
      const panel = await PanelConnection.open(server.dc09Port);
      const started = Date.now();
      panel.write(encodeMessage({ token: 'NULL', sequence: 77, account: '2001', data: '' }));
      const [reply] = await panel.waitForReplies(1);
      panel.close();
      assert.equal(reply, '"ACK"0077L0#2001[]');
      assert.ok(Date.now() - started < 1000);
      flood.destroy();
      stalled.destroy();
      const stats = (await admin.get('/api/v1/receiver/stats')).body;
      assert.ok(stats.discards.garbage >= 1);
    });
  });
}
