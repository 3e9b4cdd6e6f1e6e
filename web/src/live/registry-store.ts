import { createStore } from './store';

/**
 * A counter that moves when the registry changes on the server. Screens that show registry
 * data read it as a dependency and load again. Bursts (an import) move it once per second.
 */
export const registryRevision = createStore(0);

const QUIET_MS = 1000;
let pending: ReturnType<typeof setTimeout> | undefined;

export function registryChanged(): void {
  if (pending) return;

  pending = setTimeout(() => {
    pending = undefined;
    registryRevision.set((revision) => revision + 1);
  }, QUIET_MS);
}
