import { randomBytes, randomUUID } from 'node:crypto';
import type { Authenticator } from '../core/auth.js';

/** Temporary credentials as STS and the metadata service spell them. */
export interface IssuedCredentials {
  readonly AccessKeyId: string;
  readonly AccessKeySecret: string;
  readonly SecurityToken: string;
  readonly Expiration: string;
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the form Alibaba answers. */
export function utcSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/**
 * Issues temporary credentials that the emulator's ENS then accepts until they expire: requests signed with them
 * must carry their security token (`x-acs-security-token` for V3, `SecurityToken` for RPC).
 */
export function issueCredentials(auth: Authenticator, lifetimeSeconds: number, now = Date.now()): IssuedCredentials {
  // Whole seconds, as Expiration says: the key stops working exactly when the client is told it does.
  const expiresAt = Math.floor(now / 1000) * 1000 + lifetimeSeconds * 1000;
  const credentials: IssuedCredentials = {
    AccessKeyId: `STS.emu${randomBytes(9).toString('hex')}`,
    AccessKeySecret: randomBytes(24).toString('base64url'),
    SecurityToken: `CAIS${randomBytes(48).toString('base64url')}`,
    Expiration: utcSeconds(expiresAt),
  };
  auth.issue({
    accessKeyId: credentials.AccessKeyId,
    accessKeySecret: credentials.AccessKeySecret,
    securityToken: credentials.SecurityToken,
    expiresAt,
  });
  return credentials;
}

/** A request id in Alibaba's form. */
export function requestId(): string {
  return randomUUID().toUpperCase();
}
