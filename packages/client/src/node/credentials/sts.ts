/**
 * The two STS calls the role providers make (AssumeRole, signed; AssumeRoleWithOIDC, unsigned), from the operation
 * definitions the generator emits from Alibaba's STS metadata (`generated/sts`): action, version, parameter mapping
 * and whether the call is signed come from there; the request is sent as Alibaba's own credentials libraries send
 * it, over the client's RPC signer and undici transport. @internal
 */
import { EnsServiceError } from '@ensdk/errors/base';
import type { OperationDefinition } from '../../core/operation.js';
import { assumeRoleOperation, type AssumeRoleInput } from '../../generated/sts/AssumeRole.gen.js';
import {
  assumeRoleWithOIDCOperation,
  type AssumeRoleWithOIDCInput,
} from '../../generated/sts/AssumeRoleWithOIDC.gen.js';
import type { HttpResponse } from '../http.js';
import { acsTimestamp, canonicalQueryString, signatureNonce, signRequestRpc } from '../signing/index.js';
import { credentialsStep } from './httpRequest.js';
import { isObject, own } from './json.js';
import type { ExpiringCredentials } from './refresh.js';
import type { RoleRequest, StsTarget } from './roleOptions.js';
import { expiringCredentialsOf, jsonBody, stepError } from './temporaryCredentials.js';
import type { EnsCredentials } from './types.js';
import { toWireParameters } from '../wire.js';

const MAX_MESSAGE = 300;

/** `text` with every secret replaced, cut to a readable length. */
function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out.length > MAX_MESSAGE ? `${out.slice(0, MAX_MESSAGE)}…` : out;
}

/** STS's error answer as an `EnsServiceError` (code, request id; its message without any secret) and a line. */
function stsFailure(
  response: HttpResponse,
  step: string,
  secrets: readonly string[],
  stringToSign: string | undefined,
): Error {
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    parsed = undefined;
  }
  const field = (name: string): string | undefined => {
    const value = isObject(parsed) ? own(parsed, name) : undefined;
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const code = field('Code');
  const requestId = field('RequestId') ?? field('requestId');
  if (code === undefined) return stepError(step, `HTTP ${response.statusCode}, not an STS error answer`);
  let message = scrub(field('Message') ?? code, secrets);
  if (code === 'SignatureDoesNotMatch') {
    // STS quotes its string to sign, which holds the source's security token: never show it, compare it.
    const serverSide = field('Message')?.split('server string to sign is:')[1];
    message =
      serverSide !== undefined && serverSide === stringToSign
        ? 'the AccessKeySecret of the source credentials is wrong (STS computed the same string to sign)'
        : 'the signature does not match: the request was changed on its way to STS (a proxy?) or signed with the wrong secret';
  }
  const cause = new EnsServiceError({
    code,
    message,
    statusCode: response.statusCode,
    ...(requestId !== undefined ? { requestId } : {}),
  });
  return stepError(
    step,
    `HTTP ${response.statusCode} ${code}${requestId !== undefined ? ` (request id ${requestId})` : ''}: ${message}`,
    cause,
  );
}

/**
 * Sends one STS operation from its generated definition. The definition decides the signing: a signed one
 * (security `AK`) is signed with `signer` (RPC HMAC-SHA1, the signature covering query and body); an unsigned one
 * (`ARS_OIDC`, `Anonymous`) goes without any signature parameter, whatever `signer` is. The operation's parameters
 * travel in the form body, as Alibaba's credentials libraries send them (the metadata declares them `in: query`;
 * STS takes both); Action, Version, Format, Timestamp and the signature parameters in the query.
 */
async function callSts<Input, Output>(
  target: StsTarget,
  definition: OperationDefinition<Input, Output>,
  input: Input,
  signer: EnsCredentials | undefined,
  secrets: readonly string[],
  signal: AbortSignal,
): Promise<ExpiringCredentials> {
  const action = definition.action;
  const wire = toWireParameters(definition, input);
  const form = { ...wire.query, ...wire.form };
  const common = { Action: action, Version: definition.version, Format: 'JSON', Timestamp: acsTimestamp() };
  let query: Record<string, string> = common;
  let stringToSign: string | undefined;
  if (definition.signed !== false) {
    if (signer === undefined) throw new Error(`STS ${action} is signed: credentials to sign it with are required`);
    const signed = signRequestRpc(
      { method: 'POST', query: { ...common, SignatureNonce: signatureNonce(), ...form } },
      signer,
    );
    query = signed.query;
    stringToSign = signed.stringToSign;
    // The signature covers the form parameters; they travel in the body, as Alibaba's libraries send them.
    for (const name of Object.keys(form)) delete query[name];
  }
  const url = new URL(`/?${canonicalQueryString(query)}`, target.endpoint);
  const step = `STS ${action} at ${target.endpoint.origin}`;
  const response = await credentialsStep(step, {
    url,
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'user-agent': 'ensdk-credentials',
    },
    body: canonicalQueryString(form),
    timeoutMs: target.timeoutMs,
    signal,
  });
  if (response.statusCode !== 200) throw stsFailure(response, step, secrets, stringToSign);
  const credentials = own(jsonBody(response, step), 'Credentials');
  if (!isObject(credentials)) throw stepError(step, 'the answer has no Credentials object');
  return expiringCredentialsOf(credentials, step);
}

function roleInput(request: RoleRequest): AssumeRoleInput {
  return {
    roleArn: request.roleArn,
    roleSessionName: request.roleSessionName,
    durationSeconds: request.durationSeconds,
    ...(request.policy !== undefined ? { policy: request.policy } : {}),
  };
}

/** STS AssumeRole (security `AK`: signed with `source`, RPC HMAC-SHA1). @internal */
export function assumeRole(
  target: StsTarget,
  source: EnsCredentials,
  request: RoleRequest & { readonly externalId?: string | undefined },
  signal: AbortSignal,
): Promise<ExpiringCredentials> {
  const input: AssumeRoleInput = {
    ...roleInput(request),
    ...(request.externalId !== undefined ? { externalId: request.externalId } : {}),
  };
  const secrets = [source.accessKeySecret, source.securityToken ?? ''];
  return callSts(target, assumeRoleOperation, input, source, secrets, signal);
}

/** STS AssumeRoleWithOIDC (security `ARS_OIDC`: its definition says unsigned; the OIDC token is the proof). @internal */
export function assumeRoleWithOidc(
  target: StsTarget,
  request: RoleRequest & { readonly oidcProviderArn: string; readonly oidcToken: string },
  signal: AbortSignal,
): Promise<ExpiringCredentials> {
  const input: AssumeRoleWithOIDCInput = {
    ...roleInput(request),
    oidcProviderArn: request.oidcProviderArn,
    oidcToken: request.oidcToken,
  };
  return callSts(target, assumeRoleWithOIDCOperation, input, undefined, [request.oidcToken], signal);
}
