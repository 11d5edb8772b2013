// npm run bench:emulator — how many RevokeSecurityGroupEgress requests/s the emulator serves over loopback.
// The emulator runs in its own process; @ensdk/client drives it from this one at concurrency 32. Each worker
// authorizes then revokes its own rule, so every revoke is a real state change, and every answer is checked.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EnsClient } from '@ensdk/client';

if (process.argv[2] === '--serve') {
  const { startEmulator } = await import('@ensdk/emulator');
  const emulator = await startEmulator({ securityGroups: { maxRulesPerGroup: 1000 } });
  process.send({ url: emulator.url });
  process.on('disconnect', () => process.exit(0));
} else {
  const KEYS = { accessKeyId: 'ensdk-demo-key', accessKeySecret: 'ensdk-demo-secret' };
  const PAIRS = Number(process.env.BENCH_PAIRS ?? 5000);
  const CONCURRENCY = 32;
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { stdio: 'inherit' });
  const { url } = await new Promise((resolve) => child.once('message', resolve));
  const ens = new EnsClient({ endpoint: url, credentials: KEYS, maxRetries: 0 });
  const { securityGroupId } = await ens.createSecurityGroup({});
  let next = 0;
  let revokes = 0;
  const started = performance.now();
  const deadline = started + 60_000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      const rule = {
        securityGroupId,
        ipProtocol: 'tcp',
        portRange: `${worker + 1}/${worker + 1}`,
        destCidrIp: '10.0.0.0/8',
      };
      while (next++ < PAIRS && performance.now() < deadline) {
        await ens.authorizeSecurityGroupEgress(rule);
        const { requestId } = await ens.revokeSecurityGroupEgress(rule);
        if (!requestId) throw new Error('no RequestId');
        revokes++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await ens.close();
  child.disconnect();
  child.kill();
  console.log(
    `emulator served ${revokes} RevokeSecurityGroupEgress + ${revokes} AuthorizeSecurityGroupEgress in ${seconds.toFixed(2)} s`,
  );
  console.log(
    `= ${Math.round((2 * revokes) / seconds)} signed requests/s in all, ${Math.round(revokes / seconds)} revokes/s (concurrency ${CONCURRENCY}, loopback, one process each)`,
  );
}
