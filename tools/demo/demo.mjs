// npm run demo: RevokeSecurityGroupEgress, start to finish, against the embedded ENS emulator (no account needed).
import { EnsClient } from '@ensdk/client';
import { DEMO_ACCESS_KEY, startEmulator } from '@ensdk/emulator';
import { EnsValidationError, SecurityGroupRuleNotFoundError } from '@ensdk/errors';

const step = (n, text) => console.log(`\n${n}. ${text}`);
const emulator = await startEmulator();
let sent = 0;
const ens = new EnsClient({
  endpoint: emulator.url,
  credentials: DEMO_ACCESS_KEY,
  hooks: { onRequest: () => sent++ },
});

try {
  console.log(`Local ENS emulator on ${emulator.url} (Alibaba's wire protocol, ACS3-HMAC-SHA256 signatures checked)`);

  step(1, 'Create a security group');
  const { securityGroupId } = await ens.createSecurityGroup({
    securityGroupName: 'demo-web',
    description: 'ensdk demo',
  });
  console.log(`   created ${securityGroupId}`);

  const rule = { securityGroupId, ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' };
  step(2, 'Authorize an outbound rule: tcp 22/22 to 10.0.0.0/8');
  await ens.authorizeSecurityGroupEgress(rule);
  console.log('   authorized');

  step(3, 'Describe the group');
  const attribute = await ens.describeSecurityGroupAttribute({ securityGroupId });
  for (const p of attribute.permissions?.permission ?? []) {
    console.log(
      `   ${p.direction} ${p.ipProtocol} ${p.portRange} -> ${p.destCidrIp} policy=${p.policy} priority=${p.priority}`,
    );
  }

  step(4, 'Revoke it with RevokeSecurityGroupEgress');
  const { requestId } = await ens.revokeSecurityGroupEgress(rule);
  console.log(`   revoked (RequestId ${requestId})`);

  step(5, 'Revoke it again: the service answers SecurityGroupRule.NotFound');
  try {
    await ens.revokeSecurityGroupEgress(rule);
    throw new Error('expected SecurityGroupRule.NotFound');
  } catch (error) {
    if (!(error instanceof SecurityGroupRuleNotFoundError)) throw error;
    console.log(`   caught ${error.name}: code=${error.code} status=${error.statusCode} requestId=${error.requestId}`);
  }

  step(6, 'Try portRange "200/1": rejected before any request is sent');
  const before = sent;
  try {
    await ens.revokeSecurityGroupEgress({ ...rule, portRange: '200/1' });
    throw new Error('expected a validation error');
  } catch (error) {
    if (!(error instanceof EnsValidationError)) throw error;
    for (const issue of error.issues) console.log(`   ${issue.path} [${issue.rule}] ${issue.message}`);
    console.log(`   requests sent for it: ${sent - before}`);
    if (sent !== before) throw new Error('a request was sent for invalid input');
  }

  console.log('\nDone: every step behaved as the real service would.');
} finally {
  await ens.close();
  await emulator.close();
}
