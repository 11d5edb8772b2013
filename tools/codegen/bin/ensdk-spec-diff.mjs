#!/usr/bin/env node
// Runs the TypeScript sources of `spec:diff` through tsx (no build step needed).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/diff/specDiffCli.ts');
process.exitCode = main(process.argv.slice(2));
