#!/usr/bin/env node
import { DEMO_ACCESS_KEY, type EmulatorOptions, startEmulator } from './server.js';

const USAGE = `Usage: ensdk-emulator [--port 9100] [--host 127.0.0.1]
                      [--sts-role <role arn>]... [--oidc-token <oidc provider arn>=<token>]...
                      [--metadata-role <role name> [--imds-v2 optional|required|disabled]]

Starts a local Alibaba Cloud ENS (API 2017-11-10) on loopback. State is in memory. Ctrl-C stops it.
  --sts-role       also act as STS: AssumeRole (and AssumeRoleWithOIDC) may assume this role (repeatable)
  --oidc-token     the OIDC token AssumeRoleWithOIDC accepts for that provider (repeatable)
  --metadata-role  also act as the ECS metadata service, serving this instance RAM role`;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function options(name: string): string[] {
  return process.argv.flatMap((arg, i) =>
    arg === name && process.argv[i + 1] !== undefined ? [process.argv[i + 1] as string] : [],
  );
}

/** The STS and metadata-service options of the command line, or a usage error. */
function credentialServices(): Pick<EmulatorOptions, 'sts' | 'metadataService'> | string {
  const roles = options('--sts-role');
  const oidcTokens: Record<string, string> = {};
  for (const pair of options('--oidc-token')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return '--oidc-token must be <oidc provider arn>=<token>';
    oidcTokens[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  if (roles.length === 0 && Object.keys(oidcTokens).length > 0) return '--oidc-token needs at least one --sts-role';
  const roleName = option('--metadata-role');
  const imdsV2 = option('--imds-v2') ?? 'optional';
  if (imdsV2 !== 'optional' && imdsV2 !== 'required' && imdsV2 !== 'disabled')
    return '--imds-v2 must be optional, required or disabled';
  return {
    ...(roles.length > 0 ? { sts: { roles, oidcTokens } } : {}),
    ...(roleName !== undefined ? { metadataService: { roleName, imdsV2 } } : {}),
  };
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const port = Number(option('--port') ?? '9100');
  const services = credentialServices();
  if (!Number.isInteger(port) || port < 0 || port > 65535 || typeof services === 'string') {
    console.error(
      `${typeof services === 'string' ? services : '--port must be an integer from 0 to 65535'}\n\n${USAGE}`,
    );
    process.exitCode = 2;
  } else {
    const emulator = await startEmulator({ port, host: option('--host') ?? '127.0.0.1', ...services });
    console.log(`ENS emulator listening on ${emulator.url}`);
    console.log(`  access key id:     ${DEMO_ACCESS_KEY.accessKeyId}`);
    console.log(`  access key secret: ${DEMO_ACCESS_KEY.accessKeySecret}   (demo key: opens only this emulator)`);
    console.log(`  try: new EnsClient({ endpoint: '${emulator.url}', credentials: { accessKeyId, accessKeySecret } })`);
    for (const role of services.sts?.roles ?? [])
      console.log(`  STS role:          ${role}   (fromRamRoleArn({ ..., stsEndpoint: '${emulator.url}' }))`);
    if (services.metadataService !== undefined)
      console.log(
        `  ECS RAM role:      ${services.metadataService.roleName}   (fromEcsRamRole({ metadataEndpoint: '${emulator.url}' }))`,
      );
    const stop = (): void => void emulator.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
}

void main();
