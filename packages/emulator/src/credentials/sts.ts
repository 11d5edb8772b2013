import type { Authenticated } from '../core/auth.js';
import { EmulatorError } from '../core/emulatorError.js';
import type { Authenticator } from '../core/auth.js';
import { issueCredentials } from './issuer.js';

/** What the emulator's STS (API 2015-04-01) accepts. */
export interface EmulatorStsOptions {
  /** Role ARNs AssumeRole and AssumeRoleWithOIDC may assume, e.g. `acs:ram::1234567890:role/ens-operator`. */
  readonly roles: readonly string[];
  /** OIDC provider ARN → the one OIDC token AssumeRoleWithOIDC accepts for it. */
  readonly oidcTokens?: Readonly<Record<string, string>>;
  /** Longest session allowed (a role's MaxSessionDuration). Default 3600. */
  readonly maxSessionDuration?: number;
}

/** The API version of STS. */
export const STS_VERSION = '2015-04-01';

const SIGNATURE_PARAMETERS = [
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'SecurityToken',
];

/** Answers STS's AssumeRole (signed, any key the emulator accepts, issued ones too) and AssumeRoleWithOIDC (anonymous). */
export class EmulatorSts {
  readonly #options: EmulatorStsOptions;
  readonly #auth: Authenticator;

  constructor(options: EmulatorStsOptions, auth: Authenticator) {
    this.#options = options;
    this.#auth = auth;
  }

  /** True when the request is for STS: its Version parameter says so. */
  static handles(params: ReadonlyMap<string, string>): boolean {
    return params.get('Version') === STS_VERSION;
  }

  /**
   * The answer to one STS request, or the `EmulatorError` STS would give. `authenticate` checks a signed request
   * (only AssumeRole is signed).
   */
  answer(params: ReadonlyMap<string, string>, authenticate: () => Authenticated): Record<string, unknown> {
    const action = params.get('Action');
    if (action === 'AssumeRoleWithOIDC') return this.#assumeRoleWithOidc(params);
    const caller = authenticate();
    if (caller.action !== 'AssumeRole')
      throw new EmulatorError(
        'InvalidAction.NotFound',
        404,
        `Specified api is not found: ${caller.action} ${STS_VERSION}.`,
      );
    return this.#issue(params);
  }

  #assumeRoleWithOidc(params: ReadonlyMap<string, string>): Record<string, unknown> {
    const signed = SIGNATURE_PARAMETERS.filter((name) => params.has(name));
    if (signed.length > 0)
      throw new EmulatorError(
        'InvalidParameter.Anonymous',
        400,
        `AssumeRoleWithOIDC is called anonymously; the request must not carry ${signed.join(', ')}.`,
      );
    const providerArn = required(params, 'OIDCProviderArn');
    const token = required(params, 'OIDCToken');
    const expected = this.#options.oidcTokens?.[providerArn];
    if (expected === undefined)
      throw new EmulatorError('EntityNotExist.OIDCProvider', 404, `The OIDC provider does not exist: ${providerArn}.`);
    if (token !== expected)
      throw new EmulatorError('AuthenticationFail.OIDCToken.Invalid', 400, 'The OIDC token is invalid.');
    return this.#issue(params);
  }

  #issue(params: ReadonlyMap<string, string>): Record<string, unknown> {
    const roleArn = required(params, 'RoleArn');
    if (!this.#options.roles.includes(roleArn))
      throw new EmulatorError('EntityNotExist.Role', 404, `The role does not exist: ${roleArn}.`);
    const session = required(params, 'RoleSessionName');
    if (!/^[A-Za-z0-9.@_-]{2,64}$/.test(session))
      throw new EmulatorError(
        'InvalidParameter.RoleSessionName',
        400,
        'The parameter RoleSessionName must be 2-64 characters of letters, digits, ".", "@", "-" and "_".',
      );
    const max = this.#options.maxSessionDuration ?? 3600;
    const duration = Number(params.get('DurationSeconds') ?? '3600');
    if (!Number.isInteger(duration) || duration < 900 || duration > max)
      throw new EmulatorError(
        'InvalidParameter.DurationSeconds',
        400,
        `The parameter DurationSeconds must be an integer from 900 to ${max}.`,
      );
    const credentials = issueCredentials(this.#auth, duration);
    return {
      AssumedRoleUser: { Arn: `${roleArn}/${session}`, AssumedRoleId: `30000000000000000:${session}` },
      Credentials: credentials,
    };
  }
}

function required(params: ReadonlyMap<string, string>, name: string): string {
  const value = params.get(name);
  if (value === undefined || value === '')
    throw new EmulatorError(
      'MissingParameter',
      400,
      `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    );
  return value;
}
