import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { EnsAbortError, EnsCredentialsError, EnsServiceError } from '@ensdk/errors';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { EnsClient } from '../src/index.js';
import {
  type EnsCredentials,
  fromCredentialsUri,
  fromEcsRamRole,
  fromOidcRoleArn,
  fromRamRoleArn,
} from '../src/node/credentials/index.js';
import {
  expiresIn,
  issueCredentials,
  paramsOf,
  startMetadataDouble,
  startStsDouble,
  temporaryKeys,
} from './support/credentialServers.js';
import { json, type LoopbackServer, startLoopbackServer } from './support/loopbackServer.js';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
const track = <T extends LoopbackServer>(server: T): T => {
  servers.push(server);
  return server;
};
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const ROLE_ARN = 'acs:ram::1234567890123456:role/ens-operator';
const SOURCE = { accessKeyId: 'LTAI-source', accessKeySecret: 'SeCrEt-source-key-0001' };

/** Fails when any secret text appears in the error's message, JSON, inspect output or causes. */
function expectNoSecret(error: unknown, secrets: readonly string[]): void {
  const shown = [
    error instanceof Error ? error.message : '',
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    error instanceof Error && error.cause instanceof Error ? `${error.cause.message} ${inspect(error.cause)}` : '',
  ].join('\n');
  for (const secret of secrets) expect(shown).not.toContain(secret);
  expect(shown).not.toMatch(/SeCrEt-|ToKeN-/);
}

async function failure(promise: Promise<unknown>): Promise<EnsCredentialsError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EnsCredentialsError);
  return error as EnsCredentialsError;
}

const sameKeys = (c: EnsCredentials, keys: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string }) => {
  expect(c.accessKeyId).toBe(keys.AccessKeyId);
  expect(c.accessKeySecret).toBe(keys.AccessKeySecret);
  expect(c.securityToken).toBe(keys.SecurityToken);
  expect(inspect(c)).not.toContain(keys.AccessKeySecret);
  expect(JSON.stringify(c)).not.toContain(keys.SecurityToken);
};

describe('fromEcsRamRole against a loopback metadata service', () => {
  it('takes an IMDSv2 token, asks the role name, then the credentials, with the token on every GET', async () => {
    const imds = track(await startMetadataDouble('ens-role', 'required'));
    const provider = fromEcsRamRole({ timeoutMs: 10_000, metadataEndpoint: imds.url });
    sameKeys(await provider(), imds.credentials);
    expect(imds.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'PUT /latest/api/token',
      'GET /latest/meta-data/ram/security-credentials/',
      'GET /latest/meta-data/ram/security-credentials/ens-role',
    ]);
    for (const get of imds.requests.slice(1)) expect(get.headers['x-aliyun-ecs-metadata-token']).toMatch(/^imds-/);
    expect(imds.problems).toEqual([]);
    // Six-hour credentials are fresh: the next call sends nothing.
    await provider();
    expect(imds.requests).toHaveLength(3);
  });

  it('skips the role-name request when the role is given', async () => {
    const imds = track(await startMetadataDouble('given', 'optional'));
    sameKeys(
      await fromEcsRamRole({ timeoutMs: 10_000, metadataEndpoint: imds.url, roleName: 'given' })(),
      imds.credentials,
    );
    expect(imds.requests.map((r) => r.url.pathname)).toEqual([
      '/latest/api/token',
      '/latest/meta-data/ram/security-credentials/given',
    ]);
  });

  it('falls back to IMDSv1 when the token is refused and v1 is allowed', async () => {
    const imds = track(await startMetadataDouble('v1-role', 'refused'));
    sameKeys(await fromEcsRamRole({ timeoutMs: 10_000, metadataEndpoint: imds.url })(), imds.credentials);
    expect(imds.requests).toHaveLength(3);
    for (const get of imds.requests.slice(1)) expect(get.headers['x-aliyun-ecs-metadata-token']).toBeUndefined();
  });

  it('stops at the refused token when IMDSv1 is disabled', async () => {
    const imds = track(await startMetadataDouble('v1-role', 'refused'));
    const error = await failure(
      fromEcsRamRole({ timeoutMs: 10_000, metadataEndpoint: imds.url, disableImdsV1: true })(),
    );
    expect(error.message).toMatch(/IMDSv2 token.*HTTP 403, and IMDSv1 is disabled/);
    expect(imds.requests).toHaveLength(1);
  });

  it('refreshes an hour before expiry, and 100 concurrent callers share one refresh', async () => {
    const imds = track(await startMetadataDouble('r', 'optional'));
    imds.credentials = temporaryKeys('ecs', 50 * 60_000);
    const provider = fromEcsRamRole({ timeoutMs: 10_000, metadataEndpoint: imds.url, roleName: 'r' });
    await provider();
    expect(imds.requests).toHaveLength(2);
    const fresh = temporaryKeys('ecs', 6 * 3600_000);
    imds.credentials = fresh;
    const all = await Promise.all(Array.from({ length: 100 }, () => provider()));
    for (const credentials of all) expect(credentials.accessKeyId).toBe(fresh.AccessKeyId);
    expect(imds.requests).toHaveLength(4);
  });

  it('is bounded by its timeout when the service hangs, and the caller can abort', async () => {
    const hung = track(await startLoopbackServer(() => undefined));
    const started = Date.now();
    const error = await failure(fromEcsRamRole({ metadataEndpoint: hung.url, timeoutMs: 200 })());
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.message).toMatch(/did not answer.*timed out after 200 ms/);
    const controller = new AbortController();
    const waiting = fromEcsRamRole({ metadataEndpoint: hung.url, timeoutMs: 20_000 })({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(waiting).rejects.toBeInstanceOf(EnsAbortError);
  });

  it('explains a refused connection, a Code other than Success and a body that is not JSON, without secrets', async () => {
    const closed = track(await startLoopbackServer(() => undefined));
    const url = closed.url;
    await closed.close();
    expect((await failure(fromEcsRamRole({ metadataEndpoint: url })())).message).toMatch(/ECONNREFUSED/);
    const keys = temporaryKeys('ecs');
    const broken = track(
      await startLoopbackServer((request, res) => {
        if (request.url.pathname === '/latest/api/token') res.writeHead(200).end('t');
        else if (request.url.pathname.endsWith('/bad-code')) json(res, 200, { Code: 'Failed', ...keys });
        else res.writeHead(200).end(`{"AccessKeySecret":"${keys.AccessKeySecret}",`);
      }),
    );
    const badCode = await failure(
      fromEcsRamRole({ timeoutMs: 10_000, metadataEndpoint: broken.url, roleName: 'bad-code' })(),
    );
    expect(badCode.message).toMatch(/Code is "Failed", not "Success"/);
    const notJson = await failure(
      fromEcsRamRole({ timeoutMs: 10_000, metadataEndpoint: broken.url, roleName: 'cut' })(),
    );
    expect(notJson.message).toMatch(/not JSON/);
    for (const error of [badCode, notJson]) expectNoSecret(error, [keys.AccessKeySecret, keys.SecurityToken]);
  });

  it('rejects bad options before any request', () => {
    expect(() => fromEcsRamRole({ metadataEndpoint: 'http://127.0.0.1:1/latest' })).toThrow(
      /metadataEndpoint.*without path/,
    );
    expect(() => fromEcsRamRole({ timeoutMs: 0 })).toThrow(/timeoutMs must be a positive integer/);
  });
});

describe('fromCredentialsUri against a loopback server', () => {
  /** A URI double whose next answers the test queues; it falls back to 500. */
  async function uriDouble() {
    const answers: ((res: import('node:http').ServerResponse) => void)[] = [];
    const server = track(
      await startLoopbackServer((request, res) => {
        expect(request.method).toBe('GET');
        const answer = answers.shift();
        if (answer === undefined) json(res, 500, { Code: 'InternalError', RequestId: 'uri-500' });
        else answer(res);
      }),
    );
    const serve = (keys: ReturnType<typeof temporaryKeys>) =>
      answers.push((res) => json(res, 200, { Code: 'Success', ...keys }));
    return { server, answers, serve };
  }

  it('gets credentials with a plain GET of the URI as given, query included', async () => {
    const { server, serve } = await uriDouble();
    const keys = temporaryKeys('uri');
    serve(keys);
    sameKeys(await fromCredentialsUri({ uri: `${server.url}/creds?role=a&sig=x%2By` })(), keys);
    expect(server.requests[0]?.url.search).toBe('?role=a&sig=x%2By');
  });

  it('uses credentials until 15 minutes before expiry, then refreshes', async () => {
    const { server, serve } = await uriDouble();
    const lasting = temporaryKeys('uri', 16 * 60_000);
    serve(lasting);
    const provider = fromCredentialsUri({ uri: `${server.url}/c` });
    sameKeys(await provider(), lasting);
    sameKeys(await provider(), lasting);
    expect(server.requests).toHaveLength(1);

    const { server: other, serve: serveOther } = await uriDouble();
    const closeToExpiry = temporaryKeys('uri', 14 * 60_000);
    const next = temporaryKeys('uri');
    serveOther(closeToExpiry);
    serveOther(next);
    const refreshing = fromCredentialsUri({ uri: `${other.url}/c` });
    sameKeys(await refreshing(), closeToExpiry);
    sameKeys(await refreshing(), next);
    expect(other.requests).toHaveLength(2);
  });

  it('sends one request for 100 concurrent callers', async () => {
    const { server, serve } = await uriDouble();
    const keys = temporaryKeys('uri');
    serve(keys);
    const provider = fromCredentialsUri({ uri: `${server.url}/c` });
    const all = await Promise.all(Array.from({ length: 100 }, () => provider()));
    expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set([keys.AccessKeyId]));
    expect(server.requests).toHaveLength(1);
  });

  it('keeps still-valid credentials when a refresh fails, and backs off before trying again', async () => {
    const { server, serve } = await uriDouble();
    const closeToExpiry = temporaryKeys('uri', 10 * 60_000);
    serve(closeToExpiry);
    const provider = fromCredentialsUri({ uri: `${server.url}/c` });
    await provider();
    // The refresh gets a 500: the cached credentials still work and are returned.
    sameKeys(await provider(), closeToExpiry);
    expect(server.requests).toHaveLength(2);
    // Within the backoff (at most 1 s after one failure) no request is sent.
    sameKeys(await provider(), closeToExpiry);
    expect(server.requests).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    const next = temporaryKeys('uri');
    serve(next);
    sameKeys(await provider(), next);
    expect(server.requests).toHaveLength(3);
  });

  it('never returns expired credentials: a failed refresh after expiry is an EnsCredentialsError', async () => {
    const { server, serve } = await uriDouble();
    const shortLived = temporaryKeys('uri', 2_000);
    serve(shortLived);
    const provider = fromCredentialsUri({ uri: `${server.url}/c` });
    sameKeys(await provider(), shortLived);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(shortLived.Expiration) - Date.now() + 50));
    const error = await failure(provider());
    expect(error.message).toMatch(/expired at .* could not be refreshed: GET http:\/\/127\.0\.0\.1:\d+\/c: HTTP 500/);
    expectNoSecret(error, [shortLived.AccessKeySecret, shortLived.SecurityToken]);
    // Credentials that expired before they arrived are refused too.
    serve({ ...temporaryKeys('uri'), Expiration: expiresIn(-60_000) });
    expect((await failure(provider())).message).toMatch(/had expired already/);
  });

  it("an ENS call waiting on a hung refresh honours the call's AbortSignal, and sends nothing to ENS", async () => {
    const hung = track(await startLoopbackServer(() => undefined));
    const ensServer = track(await startLoopbackServer((_r, res) => json(res, 200, { RequestId: 'r' })));
    const ens = new EnsClient({
      endpoint: ensServer.url,
      credentials: fromCredentialsUri({ uri: `${hung.url}/c`, timeoutMs: 20_000 }),
    });
    const started = Date.now();
    const error = await ens
      .revokeSecurityGroupEgress(
        { securityGroupId: 'sg-1', ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' },
        { signal: AbortSignal.timeout(200) },
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EnsAbortError);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(ensServer.requests).toHaveLength(0);
    await ens.close();
  });

  it('names a missing field and a malformed Expiration, and shows the URI without its query', async () => {
    const { server, answers } = await uriDouble();
    const keys = temporaryKeys('uri');
    answers.push((res) => json(res, 200, { ...keys, SecurityToken: undefined }));
    answers.push((res) => json(res, 200, { ...keys, Expiration: '2030-01-01 00:00:00' }));
    const uri = `${server.url}/c?token=QuErYsEcReT`;
    const missing = await failure(fromCredentialsUri({ uri })());
    expect(missing.message).toMatch(/has no SecurityToken/);
    const badTime = await failure(fromCredentialsUri({ uri })());
    expect(badTime.message).toMatch(/Expiration must be a UTC time/);
    for (const error of [missing, badTime]) {
      expectNoSecret(error, [keys.AccessKeySecret, keys.SecurityToken]);
      expect(inspect(error)).not.toContain('QuErYsEcReT');
    }
    expect(() => fromCredentialsUri({ uri: 'ftp://x' })).toThrow(/uri must use http or https/);
  });
});

describe('fromRamRoleArn against a loopback STS', () => {
  it('signs AssumeRole with the source keys (signature recomputed from the received bytes)', async () => {
    const sts = track(await startStsDouble({ [SOURCE.accessKeyId]: { secret: SOURCE.accessKeySecret } }));
    const provider = fromRamRoleArn({
      credentials: SOURCE,
      roleArn: ROLE_ARN,
      roleSessionName: 'ensdk-test',
      durationSeconds: 900,
      externalId: 'ext-1',
      policy: '{"Version":"1","Statement":[]}',
      stsEndpoint: sts.url,
    });
    const credentials = await provider();
    expect(credentials.accessKeyId).toMatch(/^STS\.sts\./);
    expect(credentials.securityToken).toMatch(/^ToKeN-/);
    expect(sts.problems).toEqual([]);
    const params = paramsOf(sts.requests[0]!);
    expect(Object.fromEntries(params)).toMatchObject({
      Action: 'AssumeRole',
      RoleArn: ROLE_ARN,
      RoleSessionName: 'ensdk-test',
      DurationSeconds: '900',
      ExternalId: 'ext-1',
      Policy: '{"Version":"1","Statement":[]}',
      AccessKeyId: SOURCE.accessKeyId,
    });
    expect(params.has('SecurityToken')).toBe(false);
  });

  it('chains roles: the second AssumeRole is signed with the first role credentials and their token', async () => {
    const sts = track(await startStsDouble({ [SOURCE.accessKeyId]: { secret: SOURCE.accessKeySecret } }));
    sts.answer = (params, res) => {
      const keys = temporaryKeys(params.get('RoleArn')?.endsWith('/first') ? 'first' : 'second');
      sts.signers.set(keys.AccessKeyId, { secret: keys.AccessKeySecret, token: keys.SecurityToken });
      json(res, 200, { RequestId: 'r', Credentials: keys });
    };
    const first = fromRamRoleArn({ credentials: SOURCE, roleArn: 'acs:ram::1:role/first', stsEndpoint: sts.url });
    const second = fromRamRoleArn({ credentials: first, roleArn: 'acs:ram::1:role/second', stsEndpoint: sts.url });
    expect((await second()).accessKeyId).toMatch(/^STS\.second\./);
    expect(sts.problems).toEqual([]);
    const secondCall = paramsOf(sts.requests[1]!);
    expect(secondCall.get('AccessKeyId')).toMatch(/^STS\.first\./);
    expect(secondCall.get('SecurityToken')).toMatch(/^ToKeN-first/);
  });

  it("reports STS's code and request id, with the STS error as cause, and no secret", async () => {
    const sts = track(await startStsDouble({ [SOURCE.accessKeyId]: { secret: SOURCE.accessKeySecret } }));
    sts.answer = (_params, res) =>
      json(res, 403, {
        RequestId: 'REQ-42',
        Code: 'NoPermission',
        Message: 'You are not authorized to do this action.',
      });
    const error = await failure(fromRamRoleArn({ credentials: SOURCE, roleArn: ROLE_ARN, stsEndpoint: sts.url })());
    expect(error.message).toMatch(
      /STS AssumeRole at http:\/\/127\.0\.0\.1:\d+: HTTP 403 NoPermission \(request id REQ-42\)/,
    );
    const cause = error.cause instanceof EnsCredentialsError ? error.cause.cause : undefined;
    expect(cause).toBeInstanceOf(EnsServiceError);
    expect(cause).toMatchObject({ code: 'NoPermission', requestId: 'REQ-42', statusCode: 403 });
    expectNoSecret(error, [SOURCE.accessKeySecret]);
  });

  it('explains a wrong secret from the string to sign STS echoes, without showing the token it holds', async () => {
    const token = 'ToKeN-source-sts-token-xyz';
    const sts = track(await startStsDouble({ [SOURCE.accessKeyId]: { secret: 'the-right-one', token } }));
    const error = await failure(
      fromRamRoleArn({ credentials: { ...SOURCE, securityToken: token }, roleArn: ROLE_ARN, stsEndpoint: sts.url })(),
    );
    expect(error.message).toMatch(/SignatureDoesNotMatch.*the AccessKeySecret of the source credentials is wrong/);
    expectNoSecret(error, [SOURCE.accessKeySecret, token]);
  });

  it('names the source when the source fails', async () => {
    const sts = track(await startStsDouble());
    const error = await failure(
      fromRamRoleArn({
        credentials: async () => {
          throw new Error('vault sealed');
        },
        roleArn: ROLE_ARN,
        stsEndpoint: sts.url,
      })(),
    );
    expect(error.message).toMatch(/the source credentials: vault sealed/);
    expect(sts.requests).toHaveLength(0);
  });

  it('checks its options before any request, naming the field and the rule', () => {
    const base = { credentials: SOURCE, roleArn: ROLE_ARN, stsEndpoint: 'http://127.0.0.1:1' };
    expect(() => fromRamRoleArn({ ...base, roleArn: 'role/x' })).toThrow(/roleArn must look like acs:ram::/);
    expect(() => fromRamRoleArn({ ...base, durationSeconds: 899 })).toThrow(
      /durationSeconds must be an integer of at least 900/,
    );
    expect(() => fromRamRoleArn({ ...base, roleSessionName: 'a b' })).toThrow(/roleSessionName must be 2 to 64/);
    expect(() => fromRamRoleArn({ ...base, externalId: 'x' })).toThrow(/externalId must be 2 to 1224/);
    expect(() => fromRamRoleArn({ ...base, stsEndpoint: 'http://h/p' })).toThrow(
      /stsEndpoint must be a host or an origin/,
    );
    expect(() => fromRamRoleArn({ ...base, credentials: { accessKeyId: 'x', accessKeySecret: '' } })).toThrow(
      /accessKeySecret must be a non-empty string/,
    );
  });

  it('a hung STS is bounded by timeoutMs', async () => {
    const hung = track(await startLoopbackServer(() => undefined));
    const error = await failure(
      fromRamRoleArn({ credentials: SOURCE, roleArn: ROLE_ARN, stsEndpoint: hung.url, timeoutMs: 200 })(),
    );
    expect(error.message).toMatch(/STS AssumeRole at .*: Request timed out after 200 ms/);
  });
});

describe('fromOidcRoleArn against a loopback STS', () => {
  it('calls AssumeRoleWithOIDC unsigned, reading the token file again at every refresh', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensdk-oidc-'));
    dirs.push(dir);
    const tokenFile = path.join(dir, 'token');
    fs.writeFileSync(tokenFile, 'eyJ.first-oidc-token');
    const sts = track(await startStsDouble());
    sts.answer = issueCredentials(10 * 60_000);
    const provider = fromOidcRoleArn({
      roleArn: ROLE_ARN,
      oidcProviderArn: 'acs:ram::1234567890123456:oidc-provider/ack-rrsa',
      oidcTokenFile: tokenFile,
      roleSessionName: 'pod-a',
      stsEndpoint: sts.url,
    });
    await provider();
    fs.writeFileSync(tokenFile, 'eyJ.second-oidc-token');
    await provider();
    expect(sts.problems).toEqual([]);
    expect(sts.requests.map((r) => paramsOf(r).get('OIDCToken'))).toEqual([
      'eyJ.first-oidc-token',
      'eyJ.second-oidc-token',
    ]);
    expect(Object.fromEntries(paramsOf(sts.requests[0]!))).toMatchObject({
      Action: 'AssumeRoleWithOIDC',
      OIDCProviderArn: 'acs:ram::1234567890123456:oidc-provider/ack-rrsa',
      RoleArn: ROLE_ARN,
      RoleSessionName: 'pod-a',
      DurationSeconds: '3600',
    });
  });

  it('explains a missing token file and an STS refusal without the token', async () => {
    const sts = track(await startStsDouble());
    const options = {
      roleArn: ROLE_ARN,
      oidcProviderArn: 'acs:ram::1:oidc-provider/p',
      oidcTokenFile: '/nonexistent/ensdk/token',
      stsEndpoint: sts.url,
    };
    expect((await failure(fromOidcRoleArn(options)())).message).toMatch(
      /reading the OIDC token file \/nonexistent\/ensdk\/token: ENOENT/,
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensdk-oidc-'));
    dirs.push(dir);
    const token = 'ToKeN-oidc-secret-value';
    fs.writeFileSync(path.join(dir, 't'), token);
    sts.answer = (_params, res) =>
      json(res, 400, {
        RequestId: 'REQ-7',
        Code: 'AuthenticationFail.OIDCToken.Invalid',
        Message: `bad token ${token}`,
      });
    const error = await failure(fromOidcRoleArn({ ...options, oidcTokenFile: path.join(dir, 't') })());
    expect(error.message).toMatch(
      /HTTP 400 AuthenticationFail\.OIDCToken\.Invalid \(request id REQ-7\): bad token \[redacted\]/,
    );
    expectNoSecret(error, [token]);
    expect(() => fromOidcRoleArn({ ...options, oidcProviderArn: ' ' })).toThrow(/oidcProviderArn is required/);
  });
});
