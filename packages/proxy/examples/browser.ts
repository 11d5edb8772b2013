// The browser side: no AccessKey, no signing code. Inputs are checked here before anything is sent, and errors
// arrive as the @ensdk/errors classes. Bundle it with your app (the proxy above serves /api/ens). The bare client
// and one standalone function per operation you call make the smallest page (npm run size: under 6 KB min+gzip).
import { EnsValidationError, SecurityGroupRuleNotFoundError } from '@ensdk/errors';
import { EnsBrowserBareClient, revokeSecurityGroupEgress } from '@ensdk/proxy';

const ens = new EnsBrowserBareClient({ baseUrl: '/api/ens', headers: { 'x-session': 'your-session-token' } });

/** Revokes a group's outbound SSH rule and says what happened. */
export async function revokeSshRule(securityGroupId: string, portRange = '22/22'): Promise<string> {
  try {
    const { requestId } = await revokeSecurityGroupEgress(
      ens,
      { securityGroupId, ipProtocol: 'tcp', portRange, destCidrIp: '10.0.0.0/8' },
      { signal: AbortSignal.timeout(10_000) },
    );
    return `revoked (request ${requestId})`;
  } catch (error) {
    if (error instanceof EnsValidationError)
      return `not sent: ${error.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`;
    if (error instanceof SecurityGroupRuleNotFoundError) return `no such rule (request ${error.requestId})`;
    throw error;
  }
}
