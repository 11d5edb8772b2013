// A fetch-standard handler: (Request) => Promise<Response>. As a Next.js route handler this file is
// app/api/ens/[action]/route.ts; Deno: Deno.serve(POST); Workers/Bun: export default { fetch: POST }.
import { EnsClient } from '@ensdk/client';
import { revokeSecurityGroupEgressOperation } from '@ensdk/client/models';
import { createEnsProxyHandler } from '@ensdk/proxy/server';

const handler = createEnsProxyHandler({
  client: new EnsClient({ endpoint: process.env['ENS_ENDPOINT'] }), // credentials from the environment
  allow: [revokeSecurityGroupEgressOperation],
});

export const POST = (request: Request): Promise<Response> => handler(request);
