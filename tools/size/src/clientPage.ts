/**
 * The page the README shows first: the same app as page.ts, written with `createEnsBrowserClient` (a method per
 * operation). The class loads each operation on its first call, so the bundler puts RevokeSecurityGroupEgress in a
 * chunk of its own; the budget counts the page's chunk plus the chunks that one call loads.
 */
import { EnsValidationError, SecurityGroupRuleNotFoundError } from '@ensdk/errors';
import { createEnsBrowserClient } from '@ensdk/proxy';

const ens = createEnsBrowserClient({ baseUrl: '/api/ens', timeoutMs: 10_000 });
const output = document.querySelector('output')!;

document.querySelector('form')!.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target as HTMLFormElement);
  try {
    const { requestId } = await ens.revokeSecurityGroupEgress({
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
