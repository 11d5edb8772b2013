/**
 * The page the size budget measures: what a browser app that revokes one egress rule through its proxy ships.
 * It validates in the browser, calls the proxy, and tells a missing rule and a validation error apart by class.
 */
import { EnsValidationError, SecurityGroupRuleNotFoundError } from '@ensdk/errors';
import { EnsBrowserBareClient, revokeSecurityGroupEgress } from '@ensdk/proxy';

const ens = new EnsBrowserBareClient({ baseUrl: '/api/ens', timeoutMs: 10_000 });
const output = document.querySelector('output')!;

document.querySelector('form')!.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target as HTMLFormElement);
  try {
    const { requestId } = await revokeSecurityGroupEgress(ens, {
      securityGroupId: String(form.get('securityGroupId')),
      ipProtocol: 'tcp',
      portRange: String(form.get('portRange')),
      destCidrIp: String(form.get('destCidrIp')),
    });
    output.textContent = `Revoked (request ${requestId})`;
  } catch (error) {
    if (error instanceof SecurityGroupRuleNotFoundError)
      output.textContent = `No such rule (request ${error.requestId})`;
    else if (error instanceof EnsValidationError)
      output.textContent = error.issues.map((i) => `${i.path}: ${i.message}`).join('\n');
    else throw error;
  }
});
