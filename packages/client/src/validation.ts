/**
 * `@ensdk/client/validation`: every operation's input constraints as plain data, and the checker that applies
 * them, without zod. For browsers and other places where bytes count: it reports the same issues as the zod
 * schemas of `@ensdk/client` and `@ensdk/client/models`. No Node built-ins, no signing, no credentials. Also the
 * clients' lossless JSON parser (`parseJsonLossless`: int64 beyond 2^53 as exact decimal strings).
 *
 * ```ts
 * import { revokeSecurityGroupEgressInputConstraints, validateWithConstraints } from '@ensdk/client/validation';
 * const input = validateWithConstraints('RevokeSecurityGroupEgress', revokeSecurityGroupEgressInputConstraints, data);
 * ```
 */
export * from './generated/constraints.gen.js';
export * from './core/validation/plain.js';
export { parseJsonLossless } from './core/json.js';
