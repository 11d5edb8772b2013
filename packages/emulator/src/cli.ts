#!/usr/bin/env node
import { DEMO_ACCESS_KEY, startEmulator } from './server.js';

const USAGE = `Usage: ensdk-emulator [--port 9100] [--host 127.0.0.1]

Starts a local Alibaba Cloud ENS (API 2017-11-10) on loopback. State is in memory. Ctrl-C stops it.`;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const port = Number(option('--port') ?? '9100');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be an integer from 0 to 65535\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    const emulator = await startEmulator({ port, host: option('--host') ?? '127.0.0.1' });
    console.log(`ENS emulator listening on ${emulator.url}`);
    console.log(`  access key id:     ${DEMO_ACCESS_KEY.accessKeyId}`);
    console.log(`  access key secret: ${DEMO_ACCESS_KEY.accessKeySecret}   (demo key: opens only this emulator)`);
    console.log(`  try: new EnsClient({ endpoint: '${emulator.url}', credentials: { accessKeyId, accessKeySecret } })`);
    const stop = (): void => void emulator.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
}

void main();
