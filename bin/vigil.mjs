#!/usr/bin/env node
// Entry point of the `vigil` command: Node 20 has no TypeScript stripping, so the sources run
// through tsx's loader, registered here before the CLI is imported.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
