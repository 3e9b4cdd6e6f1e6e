#!/usr/bin/env node
// Entry point of the `vigil` command: Node 20 has no TypeScript stripping, so the sources run
// through tsx's loader, registered here before the CLI is imported.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
// When the command is done, so is the process: nothing it started may keep it alive.
process.exit(await main(process.argv.slice(2)));
