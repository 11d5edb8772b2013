#!/usr/bin/env node
// npm run test:product -- FILE...: the product drill (src/drill/productDrill.ts), through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/drill/productDrill.ts');
process.exitCode = await main(process.argv.slice(2));
