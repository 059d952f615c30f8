#!/usr/bin/env node
// The `twin` CLI. Runs the TypeScript sources through tsx, so `npx twin` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../main/hosts/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
