// A signing proxy on node:http. Run it against the local emulator (npx ensdk-emulator prints its URL and keys):
//   ENS_ENDPOINT=http://127.0.0.1:9100 ALIBABA_CLOUD_ACCESS_KEY_ID=… ALIBABA_CLOUD_ACCESS_KEY_SECRET=… npx tsx examples/nodeServer.ts
// Without ENS_ENDPOINT it calls Alibaba Cloud; credentials come from the environment or the Alibaba CLI profile.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnsClient } from '@ensdk/client';
import { describeSecurityGroupAttributeOperation, revokeSecurityGroupEgressOperation } from '@ensdk/client/models';
import { createEnsProxyListener } from '@ensdk/proxy/server';

// Express: app.use('/api/ens', proxy), mounted before any body parser.
const proxy = createEnsProxyListener({
  client: new EnsClient({ regionId: 'cn-hangzhou', endpoint: process.env['ENS_ENDPOINT'] }),
  allow: [revokeSecurityGroupEgressOperation, describeSecurityGroupAttributeOperation], // required: no allow-all
  authorize: (req) => req.headers['x-session'] !== undefined, // your own auth goes here (req: IncomingMessage)
  cors: { origins: ['https://app.example.com'] },
});

const server = createServer((req, res) =>
  req.url?.startsWith('/api/ens/') ? proxy(req, res) : res.writeHead(404).end(),
);
server.listen(Number(process.env['PORT'] ?? 8080), '127.0.0.1', () => {
  console.log(`ENS proxy on http://127.0.0.1:${(server.address() as AddressInfo).port}/api/ens`);
});
