// Bootstrap of the SQLite event-writer thread: Node 20 runs no TypeScript by itself, so the
// thread registers tsx before loading its module (the main thread may have started without it).
import { register } from 'tsx/esm/api';

register();
await import('./event-writer-thread.ts');
