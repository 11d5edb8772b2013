// The page's script: bundled for the browser from @ensdk/proxy's browser entry by the e2e test.
import { EnsServiceError, EnsValidationError, SecurityGroupRuleNotFoundError } from '@ensdk/errors';
import { createEnsBrowserClient } from '../../src/index.js';
import { revokeSshRule } from '../../examples/browser.js';

export interface ScenarioResult {
  readonly revoked: string | undefined;
  readonly notFound:
    | { instanceOf: boolean; byName: boolean; name: string; code: string; requestId: string | undefined }
    | undefined;
  readonly validation: { instanceOf: boolean; issues: readonly { path: string; rule: string }[] } | undefined;
}

/** What the page exposes to the test (the page runs in a browser; only these DOM bits are used). */
export interface ScenarioHost {
  runScenario(securityGroupId: string): Promise<ScenarioResult>;
  /** The README's browser example (`examples/browser.ts`), run as written. */
  revokeSshRule: typeof revokeSshRule;
}
declare const document: { getElementById(id: string): { append(text: string): void } | null };

(globalThis as unknown as ScenarioHost).revokeSshRule = revokeSshRule;

(globalThis as unknown as ScenarioHost).runScenario = async (securityGroupId) => {
  const ens = createEnsBrowserClient({ baseUrl: '/api/ens' });
  const rule = { securityGroupId, ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' } as const;
  const out = document.getElementById('out')!;
  const line = (text: string): void => void out.append(`${text}\n`);

  const { requestId } = await ens.revokeSecurityGroupEgress(rule);
  line(`revoked: RequestId ${requestId}`);

  let notFound: ScenarioResult['notFound'];
  try {
    await ens.revokeSecurityGroupEgress(rule);
  } catch (error) {
    if (error instanceof SecurityGroupRuleNotFoundError) {
      // Rebuilt by name: built by EnsServiceError and branded, the class itself not used to build it.
      const byName = error.constructor === EnsServiceError;
      notFound = { instanceOf: true, byName, name: error.name, code: error.code, requestId: error.requestId };
      line(`caught ${error.name} (${error.code}) RequestId ${error.requestId}`);
    } else throw error;
  }

  let validation: ScenarioResult['validation'];
  try {
    await ens.revokeSecurityGroupEgress({ ...rule, portRange: '200/1' });
  } catch (error) {
    if (error instanceof EnsValidationError) {
      validation = { instanceOf: true, issues: error.issues.map(({ path, rule: r }) => ({ path, rule: r })) };
      line(`refused before sending: ${error.message}`);
    } else throw error;
  }
  return { revoked: requestId, notFound, validation };
};
