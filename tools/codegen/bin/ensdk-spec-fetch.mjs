#!/usr/bin/env node
// Runs the TypeScript sources of `spec:fetch` through tsx (no build step needed).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/spec/fetchCli.ts');
process.exitCode = await main(process.argv.slice(2));
