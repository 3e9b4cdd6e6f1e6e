/**
 * The thread that commits received events to SQLite. It owns a connection of its own, so the
 * main thread goes on reading sockets and parsing frames while a commit waits for its fsync.
 *
 * Batches arrive as JSON text (cheaper for the busy main thread to produce than a structured
 * clone) and results go back packed in a transferred Float64Array, three numbers per record.
 */
import { parentPort, workerData } from 'node:worker_threads';

import type { CommitResult, SignalRecord } from '../event-writer.ts';
import { SqliteDriver } from './sqlite-driver.ts';
import { SqliteEventWriter } from './sqlite-event-writer.ts';

export interface CommitRequest {
  id: number;
  /** JSON of SignalRecord[]. */
  batch: string;
}

const DUPLICATE = 1;
const CREATED = 2;
const RESTORED = 4;

/** Packs results as [eventId, alarmId or -1, flags] per record. */
export function packResults(results: readonly CommitResult[]): Float64Array {
  const packed = new Float64Array(results.length * 3);
  results.forEach((r, i) => {
    packed[i * 3] = r.eventId;
    packed[i * 3 + 1] = r.alarmId ?? -1;
    packed[i * 3 + 2] = (r.duplicate ? DUPLICATE : 0) | (r.alarmCreated ? CREATED : 0) | (r.restoredAlarmId !== undefined ? RESTORED : 0);
  });
  return packed;
}

/** The inverse of packResults. */
export function unpackResults(packed: Float64Array): CommitResult[] {
  const results: CommitResult[] = [];
  for (let i = 0; i < packed.length; i += 3) {
    const alarmId = packed[i + 1] >= 0 ? packed[i + 1] : undefined;
    const flags = packed[i + 2];
    results.push({
      eventId: packed[i],
      duplicate: (flags & DUPLICATE) !== 0,
      alarmId,
      alarmCreated: (flags & CREATED) !== 0,
      restoredAlarmId: flags & RESTORED ? alarmId : undefined,
    });
  }
  return results;
}

if (parentPort && workerData?.file) {
  const port = parentPort;
  const driver = new SqliteDriver((workerData as { file: string }).file);
  const writer = new SqliteEventWriter(driver);

  // Batches that arrive while a commit runs are written together in the next one: one fsync for
  // all of them. A batch that fails with others is written again alone (see GroupCommit).
  let queue: CommitRequest[] = [];
  let scheduled = false;

  const commitQueued = async () => {
    scheduled = false;
    const requests = queue;
    queue = [];
    const batches = requests.map((request) => JSON.parse(request.batch) as SignalRecord[]);
    try {
      const results = await writer.commit(batches.flat());
      let at = 0;
      requests.forEach((request, i) => {
        const packed = packResults(results.slice(at, (at += batches[i].length)));
        port.postMessage({ id: request.id, results: packed }, [packed.buffer as ArrayBuffer]);
      });
    } catch (error) {
      if (requests.length === 1) {
        port.postMessage({ id: requests[0].id, error: (error as Error).message });
        return;
      }
      for (const request of requests) await commitAlone(request);
    }
  };

  const commitAlone = async (request: CommitRequest) => {
    try {
      const packed = packResults(await writer.commit(JSON.parse(request.batch) as SignalRecord[]));
      port.postMessage({ id: request.id, results: packed }, [packed.buffer as ArrayBuffer]);
    } catch (error) {
      port.postMessage({ id: request.id, error: (error as Error).message });
    }
  };

  port.on('message', async (message: CommitRequest | 'stop') => {
    if (message === 'stop') {
      if (queue.length > 0) await commitQueued();
      await driver.close();
      port.postMessage({ stopped: true });
      return;
    }
    queue.push(message);
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void commitQueued());
  });
  port.postMessage({ ready: true });
}
