import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as models from '@ensdk/client/models';
import { toValidationIssues, type OperationDefinition } from '@ensdk/client/models';
import { Authenticator, parameters, type EmulatorAccessKey } from './core/auth.js';
import { EmulatorError } from './core/emulatorError.js';
import { EmulatorMetadataService, type EmulatorMetadataServiceOptions } from './credentials/metadataService.js';
import { EmulatorSts, type EmulatorStsOptions } from './credentials/sts.js';
import { FaultTable, type FaultSpec } from './core/faults.js';
import { SecurityGroupStore, type SecurityGroupStoreOptions } from './core/securityGroups.js';
import { readInput, toJsonText, toWireBody } from './core/wire.js';
import { exampleAsLastPage } from './core/examplePages.js';
import { examplePaging, exampleResponses } from './generated/examples.gen.js';

/** The keys the emulator accepts when none are given; printed by the CLI. Not secret: they open only the emulator. */
export const DEMO_ACCESS_KEY: EmulatorAccessKey = {
  accessKeyId: 'ensdk-demo-key',
  accessKeySecret: 'ensdk-demo-secret',
};

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 0 (any free port). */
  readonly port?: number;
  /** Keys it accepts; default {@link DEMO_ACCESS_KEY}. */
  readonly accessKeys?: readonly EmulatorAccessKey[];
  /** Region it claims to serve (in `HostId`); default `cn-hangzhou`. */
  readonly regionId?: string;
  /** Limits of the security-group state. */
  readonly securityGroups?: SecurityGroupStoreOptions;
  /** Largest request body read, in bytes (a larger one gets 413). Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /**
   * Also act as STS (API 2015-04-01, same URL: pass it as `stsEndpoint`): AssumeRole for these roles, signed by any
   * key the emulator accepts, and AssumeRoleWithOIDC (unsigned) with the configured tokens. The credentials it
   * issues open the emulator's ENS until they expire, and calls must carry their security token.
   */
  readonly sts?: EmulatorStsOptions;
  /** Also act as the ECS metadata service (`/latest/...`, same URL: pass it as `metadataEndpoint`). */
  readonly metadataService?: EmulatorMetadataServiceOptions;
}

/** A running emulator. State lives in memory and is lost on `close()`. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:9100`: pass it as the client's `endpoint`. */
  readonly url: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
  /** Forgets all state (security groups, rules, nonces, faults). */
  reset(): void;
  /** Arms a fault for an action (`'*'`: every action). */
  injectFault(action: string, fault: FaultSpec): void;
  /** Disarms every fault. */
  clearFaults(): void;
  /**
   * Answers every valid call of an action with this output (camelCase, the client's `XOutput`) instead of its
   * state or example; `undefined` forgets it (as does `reset()`). An integer field given as a decimal string is
   * sent as a bare JSON number, so an int64 beyond 2^53 (`'9007199254740993'`) travels as Alibaba sends it.
   * An action that is not an ENS operation is a `TypeError`.
   */
  setAnswer(action: string, output: Readonly<Record<string, unknown>> | undefined): void;
}

const API_VERSION = '2017-11-10';

/** Every operation definition the client has, by action. */
const definitions: ReadonlyMap<string, OperationDefinition<unknown, unknown>> = new Map(
  (Object.values(models) as unknown[])
    .filter(
      (v): v is OperationDefinition<unknown, unknown> =>
        typeof v === 'object' && v !== null && 'action' in v && 'parameters' in v && 'output' in v,
    )
    .map((d) => [d.action, d]),
);

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new EmulatorError('RequestEntityTooLarge', 413, `The request body exceeds ${limit} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

/** Turns a validation failure into the error Alibaba gives: MissingParameter or InvalidParameter.<Field>. */
function validationError(
  definition: OperationDefinition<unknown, unknown>,
  issues: ReturnType<typeof toValidationIssues>,
): EmulatorError {
  const issue = issues[0]!;
  const member = issue.path.split(/[.[]/)[0] ?? '';
  const wire = definition.parameters.find((p) => p.name === member)?.wire ?? member;
  if (issue.rule === 'required') {
    return new EmulatorError(
      'MissingParameter',
      400,
      `The input parameter "${wire}" that is mandatory for processing this request is not supplied.`,
    );
  }
  return new EmulatorError(
    `InvalidParameter.${wire}`,
    400,
    `The specified field ${wire} invalid: ${issue.message} (${issue.rule}).`,
  );
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  text = JSON.stringify(body),
): void {
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

async function applyFault(fault: FaultSpec, res: ServerResponse, requestId: string): Promise<boolean> {
  if (fault.latencyMs !== undefined) await new Promise((r) => setTimeout(r, fault.latencyMs));
  if (fault.reset) {
    res.socket?.destroy();
    return true;
  }
  if (fault.nonJson) {
    const html = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
    res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(html) });
    res.end(html);
    return true;
  }
  if (fault.partialBody) {
    const text = JSON.stringify({ RequestId: requestId, SecurityGroupId: 'sg-partial' });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) * 2 });
    res.write(text.slice(0, Math.floor(text.length / 2)));
    setImmediate(() => res.socket?.destroy());
    return true;
  }
  if (fault.throttle !== undefined) {
    const headers: Record<string, string> =
      fault.throttle.retryAfterMs !== undefined ? { 'x-acs-retry-after': String(fault.throttle.retryAfterMs) } : {};
    send(
      res,
      400,
      { RequestId: requestId, Code: 'Throttling.User', Message: 'Request was denied due to user flow control.' },
      { 'x-acs-request-id': requestId, ...headers },
    );
    return true;
  }
  if (fault.status !== undefined) {
    const code = fault.status === 500 ? 'InternalError' : 'ServiceUnavailable';
    send(
      res,
      fault.status,
      { RequestId: requestId, Code: code, Message: 'Injected fault.' },
      { 'x-acs-request-id': requestId },
    );
    return true;
  }
  return false;
}

/**
 * Starts a local ENS on loopback that speaks Alibaba's protocol: `POST`/`GET /` (only the methods an operation's
 * metadata allows), parameters in the query or a form body, V3 (ACS3-HMAC-SHA256) and RPC (HMAC-SHA1) signatures checked, Alibaba's error bodies. Security
 * groups and their rules are stateful (in memory); every other operation validates its parameters from the
 * spec and answers a deterministic example built from the response schema.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const regionId = options.regionId ?? 'cn-hangzhou';
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const auth = new Authenticator(options.accessKeys ?? [DEMO_ACCESS_KEY]);
  const store = new SecurityGroupStore(options.securityGroups);
  const handlers = store.handlers() as Readonly<Record<string, (input: unknown) => Record<string, unknown>>>;
  const faults = new FaultTable();
  const answers = new Map<string, Readonly<Record<string, unknown>>>();
  const hostId = `ens.${regionId}.emulator`;
  const sts = options.sts === undefined ? undefined : new EmulatorSts(options.sts, auth);
  const metadata =
    options.metadataService === undefined ? undefined : new EmulatorMetadataService(options.metadataService, auth);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID().toUpperCase();
    try {
      const method = req.method ?? '';
      const url = new URL(req.url ?? '/', 'http://emulator');
      if (metadata !== undefined && EmulatorMetadataService.handles(url.pathname)) {
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
        );
        await readBody(req, maxBodyBytes);
        const answer = metadata.answer(method, url.pathname, headers);
        res.writeHead(answer.status, {
          'content-type': answer.contentType,
          'content-length': Buffer.byteLength(answer.body),
        });
        res.end(answer.body);
        return;
      }
      if (url.pathname !== '/')
        throw new EmulatorError(
          'InvalidAction.NotFound',
          404,
          'Specified api is not found, please check your url and method.',
        );
      if (method !== 'POST' && method !== 'GET')
        throw new EmulatorError('UnsupportedHTTPMethod', 400, `Specified HTTP method ${method} is not supported.`);
      const body = await readBody(req, maxBodyBytes);
      const rawQuery = url.search.slice(1);
      const params = parameters(rawQuery, body, req.headers['content-type']);
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
      );
      const received = { method, host: req.headers.host ?? '', rawQuery, headers, body, params };
      if (sts !== undefined && EmulatorSts.handles(params)) {
        const output = sts.answer(params, () => auth.authenticate(received));
        send(res, 200, { RequestId: requestId, ...output }, { 'x-acs-request-id': requestId });
        return;
      }
      const caller = auth.authenticate(received);
      const definition = definitions.get(caller.action);
      if (definition === undefined || caller.version !== API_VERSION) {
        throw new EmulatorError(
          'InvalidAction.NotFound',
          404,
          `Specified api is not found, please check your url and method: ${caller.action} ${caller.version}.`,
        );
      }
      if (!(definition.methods as readonly string[]).includes(method))
        throw new EmulatorError(
          'UnsupportedHTTPMethod',
          400,
          `Specified HTTP method ${method} is not supported by ${caller.action}: use ${definition.methods.join(' or ')}.`,
        );
      const fault = faults.take(caller.action);
      if (fault !== undefined && (await applyFault(fault, res, requestId))) return;
      const parsed = definition.input().safeParse(readInput(definition, params), { reportInput: true });
      if (!parsed.success) throw validationError(definition, toValidationIssues(parsed.error.issues));
      const handler = handlers[caller.action];
      const example = exampleResponses[caller.action] ?? {};
      const paging = examplePaging[caller.action];
      const answer = answers.get(caller.action);
      const output =
        answer !== undefined
          ? toWireBody(definition.output, answer)
          : handler !== undefined
            ? toWireBody(definition.output, handler(parsed.data))
            : paging !== undefined
              ? exampleAsLastPage(example, paging, parsed.data as Record<string, unknown>)
              : example;
      const answerBody = { ...output, RequestId: requestId };
      send(res, 200, answerBody, { 'x-acs-request-id': requestId }, toJsonText(answerBody));
    } catch (error) {
      if (res.headersSent || res.destroyed) return;
      const known =
        error instanceof EmulatorError
          ? error
          : new EmulatorError('InternalError', 500, 'The request processing has failed due to some unknown error.');
      send(
        res,
        known.statusCode,
        {
          RequestId: requestId,
          HostId: hostId,
          Code: known.code,
          Message: known.message,
          Recommend: `https://api.aliyun.com/troubleshoot?q=${known.code}`,
        },
        { 'x-acs-request-id': requestId, ...known.headers },
      );
    }
  };

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => void handle(req, res));
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
    reset: () => {
      store.reset();
      auth.reset();
      metadata?.reset();
      faults.clear();
      answers.clear();
    },
    injectFault: (action, fault) => faults.set(action, fault),
    clearFaults: () => faults.clear(),
    setAnswer: (action, output) => {
      if (!definitions.has(action)) throw new TypeError(`setAnswer: ${JSON.stringify(action)} is not an ENS operation`);
      if (output === undefined) answers.delete(action);
      else answers.set(action, output);
    },
  };
}
