import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// The worker runs as CommonJS from a string, so it is given the resolved path of the driver.
const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 2000');
const tick = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error)); } };
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(TRUNCATE)'); } catch {}
  db.close();
  parentPort.postMessage('stopped');
});
`;

/**
 * Copies the write-ahead log back into the database file from a worker thread, so the thread
 * that commits received alarms never pays for a checkpoint (SQLite would otherwise run one
 * inside whichever commit crossed the WAL size limit). PASSIVE never blocks writers.
 */
export class WalCheckpointer {
  private readonly worker: Worker;

  constructor(file: string, intervalMs = 1000, onError: (message: string) => void = () => undefined) {
    this.worker = new Worker(WORKER, { eval: true, workerData: { driver: DRIVER, file, intervalMs } });
    this.worker.on('message', (message) => message !== 'stopped' && onError(String(message)));
    this.worker.on('error', (error) => onError(error.message));
    this.worker.unref();
  }

  /** Stops the worker after a final checkpoint that also truncates the log. */
  async stop(): Promise<void> {
    const stopped = new Promise<void>((resolve) => {
      this.worker.once('message', () => resolve());
      this.worker.once('exit', () => resolve());
    });
    // The worker is unref'd while it runs; waiting for its goodbye must keep the process alive.
    this.worker.ref();
    this.worker.postMessage('stop');
    await stopped;
    await this.worker.terminate();
  }
}
