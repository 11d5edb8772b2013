// A minimal npm registry on 127.0.0.1 for release drills: enough of the registry protocol for `npm publish`,
// `npm view` and `npm install` of the packages published to it. Packuments and tarballs live in memory; names it
// has not seen answer 404, so `changeset publish` treats them as unpublished. It checks the bearer token.
import { createServer } from 'node:http';
import { once } from 'node:events';

/**
 * Starts the registry. Returns its URL (with a trailing slash), the token it accepts, what was published
 * (`name -> version -> { manifest, tarball }`), and `close()`.
 */
export async function startLocalRegistry({ token = 'release-drill-token' } = {}) {
  /** name -> packument */
  const packuments = new Map();
  /** `${name}@${version}` -> Buffer */
  const tarballs = new Map();
  let url;

  const send = (response, status, body) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const server = createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const path = decodeURIComponent(new URL(request.url, 'http://registry').pathname.slice(1));
    try {
      const tarballMatch = /^(.+)\/-\/[^/]+-(\d[^/]*)\.tgz$/.exec(path);
      if (request.method === 'GET' && tarballMatch) {
        const tarball = tarballs.get(`${tarballMatch[1]}@${tarballMatch[2]}`);
        if (!tarball) return send(response, 404, { error: 'not_found' });
        return response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(tarball);
      }
      if (request.method === 'GET') {
        const packument = packuments.get(path);
        return packument ? send(response, 200, packument) : send(response, 404, { error: 'not_found' });
      }
      if (request.method === 'PUT') {
        if (request.headers.authorization !== `Bearer ${token}`) return send(response, 401, { error: 'unauthorized' });
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const existing = packuments.get(body.name) ?? {
          _id: body.name,
          name: body.name,
          'dist-tags': {},
          versions: {},
          time: {},
        };
        for (const [version, manifest] of Object.entries(body.versions ?? {})) {
          if (existing.versions[version])
            return send(response, 409, { error: `${body.name}@${version} is already published` });
          const attachment = Object.values(body._attachments ?? {})[0];
          if (!attachment) return send(response, 400, { error: 'no tarball attached' });
          const tarballName = `${body.name.split('/').pop()}-${version}.tgz`;
          tarballs.set(`${body.name}@${version}`, Buffer.from(attachment.data, 'base64'));
          existing.versions[version] = {
            ...manifest,
            dist: { ...manifest.dist, tarball: `${url}${body.name}/-/${tarballName}` },
          };
          existing.time[version] = new Date().toISOString();
        }
        Object.assign(existing['dist-tags'], body['dist-tags']);
        packuments.set(body.name, existing);
        return send(response, 201, { ok: true });
      }
      send(response, 405, { error: 'method not allowed' });
    } catch (error) {
      send(response, 500, { error: String(error) });
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${server.address().port}/`;

  return {
    url,
    token,
    /** Published versions: name -> version -> manifest. */
    published: () => new Map([...packuments].map(([name, p]) => [name, p.versions])),
    /** The tarball of one published version. */
    tarball: (name, version) => tarballs.get(`${name}@${version}`),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
