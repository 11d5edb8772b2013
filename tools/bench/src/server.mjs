// Loopback ENS-like server, run as a child process (child_process.fork) by run.mjs.
// Answers every request `200 {"RequestId":"..."}` (application/json, content-length, keep-alive).
// It does not verify signatures: the client's speed is what is measured. It only counts requests,
// connections and requests that do not look like a signed RevokeSecurityGroupEgress call, and on
// request keeps one full sample so the parent can check the signature outside the timed part.
import http from 'node:http';

const ACTION = 'RevokeSecurityGroupEgress';
const REQUEST_ID_PREFIX = '5B0D0B33-ENS0-4B1C-9E1A-';

let requests = 0;
let connections = 0;
let malformed = 0;
let firstMalformed;
let sampleArmed = false;
let sample;

function looksRight(req) {
  const auth = req.headers.authorization;
  return (
    req.method === 'POST' &&
    req.url.startsWith('/?') &&
    req.headers['x-acs-action'] === ACTION &&
    req.headers['x-acs-version'] === '2017-11-10' &&
    typeof auth === 'string' &&
    auth.startsWith('ACS3-HMAC-SHA256 Credential=')
  );
}

const server = http.createServer((req, res) => {
  requests++;
  if (!looksRight(req)) {
    malformed++;
    firstMalformed ??= { method: req.method, url: req.url, headers: req.headers };
  }
  if (sampleArmed) {
    sampleArmed = false;
    sample = { method: req.method, url: req.url, headers: { ...req.headers }, body: '' };
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      sample.body += chunk;
    });
  } else {
    req.resume();
  }
  req.on('end', () => {
    const body = `{"RequestId":"${REQUEST_ID_PREFIX}${String(requests).padStart(12, '0')}"}`;
    res.writeHead(200, {
      'content-type': 'application/json;charset=utf-8',
      'content-length': Buffer.byteLength(body),
      connection: 'keep-alive',
    });
    res.end(body);
  });
});
server.keepAliveTimeout = 120_000;
server.headersTimeout = 125_000;
server.requestTimeout = 0;
server.on('connection', () => {
  connections++;
});

process.on('message', (message) => {
  switch (message?.type) {
    case 'stats':
      process.send({ type: 'stats', id: message.id, requests, connections, malformed, firstMalformed, sample });
      sample = undefined;
      return;
    case 'arm-sample':
      sampleArmed = true;
      sample = undefined;
      process.send({ type: 'armed', id: message.id });
      return;
    case 'stop':
      server.close();
      server.closeAllConnections();
      process.exit(0);
  }
});
// The parent going away (crash, Ctrl-C) ends the server too.
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  process.send({ type: 'listening', port: server.address().port });
});
