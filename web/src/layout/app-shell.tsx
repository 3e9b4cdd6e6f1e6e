import type { ReactNode } from 'react';

import { AppHeader } from './app-header';

/** The signed-in frame: header on top, the screen filling the rest. */
export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="app-shell">
      <AppHeader />
      <main className="app-main">{children}</main>
    </div>
  );
}
