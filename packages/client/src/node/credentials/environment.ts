import { makeCredentials } from './checkCredentials.js';
import { brokenSource, envVar, listOf, type SourceContext, type SourceResult } from './internal.js';

const ID = 'ALIBABA_CLOUD_ACCESS_KEY_ID';
const SECRET = 'ALIBABA_CLOUD_ACCESS_KEY_SECRET';
const TOKEN = 'ALIBABA_CLOUD_SECURITY_TOKEN';

/**
 * Step 1 of the chain. Applies as soon as any of the three variables is set (blank counts as unset); then both
 * the key id and the secret are required, and a missing one is an error rather than a fall-through.
 * @internal
 */
export async function environmentSource(ctx: SourceContext): Promise<SourceResult> {
  const values = [
    [ID, envVar(ctx, ID)],
    [SECRET, envVar(ctx, SECRET)],
    [TOKEN, envVar(ctx, TOKEN)],
  ] as const;
  const [[, accessKeyId], [, accessKeySecret], [, securityToken]] = values;
  const set = values.filter(([, value]) => value !== undefined).map(([name]) => name);
  if (set.length === 0) return { skipped: `environment: ${ID} is not set` };
  if (accessKeyId === undefined || accessKeySecret === undefined) {
    const missing = values
      .slice(0, 2)
      .filter(([, value]) => value === undefined)
      .map(([name]) => name);
    const verb = (names: readonly string[]): string => (names.length > 1 ? 'are' : 'is');
    throw brokenSource('environment', `${listOf(missing)} ${verb(missing)} not set, but ${listOf(set)} ${verb(set)}`);
  }
  return { credentials: makeCredentials(accessKeyId, accessKeySecret, securityToken) };
}
