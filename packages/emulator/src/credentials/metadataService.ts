import { randomBytes } from 'node:crypto';
import type { Authenticator } from '../core/auth.js';
import { type IssuedCredentials, issueCredentials, utcSeconds } from './issuer.js';

/** What the emulator's ECS instance metadata service serves. */
export interface EmulatorMetadataServiceOptions {
  /** The instance's RAM role. */
  readonly roleName: string;
  /**
   * IMDSv2 session tokens: `optional` (default; requests with or without a token), `required` (a GET without a
   * valid token gets 401) or `disabled` (`PUT /latest/api/token` gets 403, so clients fall back to IMDSv1).
   */
  readonly imdsV2?: 'optional' | 'required' | 'disabled';
  /** Lifetime of the role's credentials. Default 21600 (6 h, as on ECS). */
  readonly durationSeconds?: number;
}

/** A plain-text or JSON answer of the metadata service. */
export interface MetadataAnswer {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
}

const CREDENTIALS_PATH = '/latest/meta-data/ram/security-credentials/';
const text = (status: number, body: string): MetadataAnswer => ({ status, body, contentType: 'text/plain' });

/** The ECS metadata service's paths that serve credentials: IMDSv2 tokens, the role name, the role's credentials. */
export class EmulatorMetadataService {
  readonly #options: EmulatorMetadataServiceOptions;
  readonly #auth: Authenticator;
  readonly #tokens = new Map<string, number>();
  #current: { credentials: IssuedCredentials; expiresAt: number } | undefined;

  constructor(options: EmulatorMetadataServiceOptions, auth: Authenticator) {
    this.#options = options;
    this.#auth = auth;
  }

  /** True for the metadata service's paths. */
  static handles(path: string): boolean {
    return path.startsWith('/latest/');
  }

  /** Forgets tokens and credentials. */
  reset(): void {
    this.#tokens.clear();
    this.#current = undefined;
  }

  answer(method: string, path: string, headers: Readonly<Record<string, string | undefined>>): MetadataAnswer {
    const mode = this.#options.imdsV2 ?? 'optional';
    const now = Date.now();
    if (path === '/latest/api/token') {
      if (method !== 'PUT') return text(405, 'Method Not Allowed');
      if (mode === 'disabled') return text(403, 'Forbidden');
      const ttl = Number(headers['x-aliyun-ecs-metadata-token-ttl-seconds']);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21600) return text(400, 'Bad Request');
      const token = randomBytes(24).toString('base64url');
      this.#tokens.set(token, now + ttl * 1000);
      return text(200, token);
    }
    if (method !== 'GET') return text(405, 'Method Not Allowed');
    const token = headers['x-aliyun-ecs-metadata-token'];
    const tokenValid = token !== undefined && (this.#tokens.get(token) ?? 0) > now;
    if ((token !== undefined && !tokenValid) || (mode === 'required' && !tokenValid)) return text(401, 'Unauthorized');
    const { roleName } = this.#options;
    if (path === CREDENTIALS_PATH) return text(200, roleName);
    if (path !== `${CREDENTIALS_PATH}${roleName}`) return text(404, 'Not Found');
    // ECS rotates the role's credentials well before they expire; the emulator rotates in their last hour.
    if (this.#current === undefined || this.#current.expiresAt - now < 3600_000) {
      const credentials = issueCredentials(this.#auth, this.#options.durationSeconds ?? 21600, now);
      this.#current = { credentials, expiresAt: Date.parse(credentials.Expiration) };
    }
    const body = { Code: 'Success', LastUpdated: utcSeconds(now), ...this.#current.credentials };
    return { status: 200, body: JSON.stringify(body), contentType: 'application/json' };
  }
}
