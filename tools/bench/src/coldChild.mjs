// One cold start, run by coldStart.mjs as a fresh process: `node coldChild.mjs <what> [port] [then]`.
//   ensdk-call / official-call        import the client, build it, make one RevokeSecurityGroupEgress call to the
//                                     loopback server on <port>, check the answer, exit
//   ensdk-construct / official-construct   import the client and build it, exit
// With `then` = `idle`, a call process does not exit at once: it stays, idle, until its peak memory has not grown
// for IDLE_QUIET_MS (what V8 still does in the background, e.g. compiling undici's llhttp WebAssembly with
// TurboFan, then shows in its peak, as in a serverless instance that lives on), then exits.
// Each client is imported the way a user's program imports it (the package by name, ESM). The script imports
// nothing else at module level, so the process loads only that client. Exits 1 (and says why) on a wrong answer;
// after a right one both call clients exit at once with process.exit(0).

const [what, portText, then] = process.argv.slice(2);
const port = Number(portText);
const IDLE_POLL_MS = 50;
const IDLE_QUIET_MS = 600;
const CREDENTIALS = { accessKeyId: 'bench-access-key-id', accessKeySecret: 'bench-access-key-secret' };
const INPUT = { securityGroupId: 'sg-5tz1', ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' };
const REQUEST_ID_PREFIX = '5B0D0B33-';

/** Exits at once, or (`idle`) once the peak RSS has stayed the same for IDLE_QUIET_MS. */
function done() {
  if (then !== 'idle') process.exit(0);
  let peak = process.resourceUsage().maxRSS;
  let quietSince = Date.now();
  setInterval(() => {
    const now = process.resourceUsage().maxRSS;
    if (now !== peak) {
      peak = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= IDLE_QUIET_MS) process.exit(0);
  }, IDLE_POLL_MS);
}

function check(requestId) {
  if (typeof requestId !== 'string' || !requestId.startsWith(REQUEST_ID_PREFIX)) {
    throw new Error(`${what}: unexpected answer ${JSON.stringify(requestId)}`);
  }
}

if (what === 'ensdk-call' || what === 'ensdk-construct') {
  const { EnsClient } = await import('@ensdk/client');
  const ens = new EnsClient({ endpoint: `http://127.0.0.1:${port || 9}`, credentials: CREDENTIALS, maxRetries: 0 });
  if (what === 'ensdk-call') {
    check((await ens.revokeSecurityGroupEgress(INPUT)).requestId);
    // A CLI script or a function instance ends here, as the official one below does. (Closing first would let V8's
    // background compile of undici's llhttp WebAssembly finish: about 35 MiB more peak memory, for any undici user;
    // the `idle` rows measure that.)
    done();
  }
} else if (what === 'official-call' || what === 'official-construct') {
  // What a generated Alibaba SDK does for one call: openapi-core's client, callApi with the operation's Params.
  const { default: openapi } = await import('@alicloud/openapi-core');
  const { Config, OpenApiRequest, Params } = openapi.$OpenApiUtil;
  const client = new openapi.default(
    new Config({ ...CREDENTIALS, endpoint: `127.0.0.1:${port || 9}`, protocol: 'HTTP' }),
  );
  if (what === 'official-call') {
    const { default: dara } = await import('@darabonba/typescript');
    const params = new Params({
      action: 'RevokeSecurityGroupEgress',
      version: '2017-11-10',
      protocol: 'HTTP',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      bodyType: 'json',
      reqBodyType: 'formData',
    });
    const query = { SecurityGroupId: 'sg-5tz1', IpProtocol: 'tcp', PortRange: '22/22', DestCidrIp: '10.0.0.0/8' };
    const res = await client.callApi(params, new OpenApiRequest({ query }), new dara.RuntimeOptions({}));
    if (res.statusCode !== 200) throw new Error(`official: HTTP ${res.statusCode}`);
    check(res.body?.RequestId);
    // Node's global http Agent keeps the socket alive (it has no close); a CLI script ends here.
    done();
  }
} else {
  throw new Error(`coldChild: unknown ${what}`);
}
