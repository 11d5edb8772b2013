/**
 * Alibaba's own generated clients as the oracle of the wire format: ECS (`@alicloud/ecs20140526`, pinned: 347
 * operations, many styles) and CDN (`@alicloud/cdn20180510`, pinned: form-body parameters and GET-only operations,
 * which ECS has none of). The product's metadata from the corpus goes through the model and the generator's
 * operation emitter (the same code as `npm run generate`); the emitted operation files are written to a temporary
 * folder beside a link to @ensdk/client's `core/`, imported as they are, and sent by the built `EnsBareClient`
 * (validation, wire mapping, method, signing, undici). For every operation present in both the metadata and Alibaba's client, the same input (every
 * parameter filled: `validInput`) goes through both clients to one loopback server, with each signature (ACS3 and
 * the RPC HMAC-SHA1): method, path, query and form body must be the same parameters with the same decoded values.
 * Only Signature, SignatureNonce, Timestamp and the SDKs' own headers may differ; each product's `exceptions` list
 * the justified differences (specs/README.md, "The official clients as oracle").
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as Cdn from '@alicloud/cdn20180510';
import * as Ecs from '@alicloud/ecs20140526';
import * as Dara from '@darabonba/typescript';
import * as OpenApi from '@alicloud/openapi-core';
import { EnsBareClient, type OperationDefinition } from '@ensdk/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientNames, emitClientOperation, emitClientRuleSets } from '../src/emit/clientOperation.js';
import { TypeScriptPrinter } from '../src/emit/common.js';
import { NO_OVERLAY } from '../src/generate.js';
import { validInput } from '../src/drill/wireExpectation.js';
import { buildModel } from '../src/model/build.js';
import type { Operation, Parameter, ServiceModel, Shape } from '../src/model/types.js';
import { loadMetadata } from '../src/spec/load.js';
import { corpusMetadataFiles, type Json, readJson, REPO_ROOT } from './helpers.js';

const KEYS = { accessKeyId: 'oracle-key-id', accessKeySecret: 'oracle-key-secret' };
/**
 * What may differ between two requests carrying the same parameters: per request, or per SDK. Every other value is
 * compared exactly, decoded (so the cosmetic percent-encoding of `*!()'` does not count), except the RPC signature's
 * common parameter `Format` (not in the metadata), compared without case: ensdk sends `JSON`, as Alibaba's RPC
 * signature documentation does (../shared/REFERENCE.md, the ECS examples), openapi-core's doRPCRequest sends `json`,
 * and the gateway reads either.
 */
const VOLATILE = new Set(['Signature', 'SignatureNonce', 'Timestamp']);
/**
 * Headers that carry the operation with the V3 signature; every other header is the SDK's own. With the RPC signature
 * the query carries the operation, and Alibaba's client adds these two unsigned headers of its own: not compared.
 */
const V3_HEADERS = ['x-acs-action', 'x-acs-version'];

/** A justified difference: the lines it explains, where it applies, and the proof. */
interface Exception {
  readonly id: string;
  /** Operations it applies to; every operation when absent. */
  readonly operations?: ReadonlySet<string>;
  /** What the metadata holds that shows it: a JSON path of the file and the value found there (a test checks). */
  readonly metadata: readonly { readonly path: string; readonly value: unknown }[];
  readonly signatures: readonly ('v3' | 'rpc')[];
  /** Each must match a difference line of every operation it applies to (a stale exception fails the test). */
  readonly lines: readonly RegExp[];
  readonly why: string;
}

/**
 * ECS operations whose `Tag` items list a deprecated lower-case `key` and `value` beside `Key` and `Value`, by the
 * index of `Tag` in the operation's parameters: `#/apis/<operation>/parameters/<index>/schema/items/properties/key`.
 */
const LOWER_CASE_TAG_MEMBERS: Readonly<Record<string, number>> = {
  AddTags: 3,
  CreateDisk: 19,
  CreateImage: 13,
  CreateInstance: 61,
  CreateSecurityGroup: 8,
  CreateSnapshot: 9,
  DescribeDisks: 31,
  DescribeImages: 19,
  DescribeInstances: 43,
  DescribeResourceByTags: 4,
  DescribeSecurityGroups: 10,
  DescribeSnapshots: 23,
  DescribeTags: 6,
  RemoveTags: 3,
};

const ECS_EXCEPTIONS: readonly Exception[] = [
  {
    id: 'lower-case Tag.N.key / Tag.N.value',
    operations: new Set(Object.keys(LOWER_CASE_TAG_MEMBERS)),
    metadata: Object.entries(LOWER_CASE_TAG_MEMBERS).flatMap(([op, i]) => [
      { path: `#/apis/${op}/parameters/${i}/name`, value: 'Tag' },
      ...['key', 'Key', 'value', 'Value'].map((m) => ({
        path: `#/apis/${op}/parameters/${i}/schema/items/properties/${m}/type`,
        value: 'string',
      })),
    ]),
    signatures: ['v3', 'rpc'],
    lines: [
      /^no field for Tag\.1\.key in \w+Request$/,
      /^no field for Tag\.1\.value in \w+Request$/,
      /^ensdk only: query Tag\.1\.key=/,
      /^ensdk only: query Tag\.1\.value=/,
    ],
    why: "the metadata lists `key` and `value` (kept for compatibility, their descriptions say; prefer Tag.N.Key) beside `Key` and `Value`; Alibaba's model keeps one member per case-insensitive name, so its client cannot send Tag.N.key at all. ensdk sends it only when the caller fills it",
  },
];

/** Parameters of CDN's RefreshObjectCaches, by index: in the query in our file, in the form body in Alibaba's client. */
const REFRESH_OBJECT_CACHES_QUERY = { ObjectPath: 0, ObjectType: 1, Force: 2 } as const;

const CDN_EXCEPTIONS: readonly Exception[] = [
  {
    id: 'RefreshObjectCaches: ObjectPath, ObjectType, Force in the form body',
    operations: new Set(['RefreshObjectCaches']),
    metadata: Object.entries(REFRESH_OBJECT_CACHES_QUERY).flatMap(([name, i]) => [
      { path: `#/apis/RefreshObjectCaches/parameters/${i}/name`, value: name },
      { path: `#/apis/RefreshObjectCaches/parameters/${i}/in`, value: 'query' },
    ]),
    signatures: ['v3', 'rpc'],
    lines: Object.keys(REFRESH_OBJECT_CACHES_QUERY).flatMap((name) => [
      new RegExp(`^ensdk only: query ${name}=`),
      new RegExp(`^Alibaba only: form ${name}=`),
    ]),
    why: "our file is older than their client: it puts the three in the query (`in: query`), Alibaba's 5.0.0 sends them in the form body (ObjectPath holds many URLs, one a line). ensdk follows the file; the next file will say which",
  },
];

/** The value at a JSON path (`#/apis/X/parameters/0/in`) of a parsed document, `undefined` if absent. */
function at(doc: Json, path: string): unknown {
  let node: unknown = doc;
  for (const key of path.slice(2).split('/'))
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/** A generated Darabonba model class of Alibaba's client: field → wire name, field → type. */
interface DaraModelClass {
  new (map?: Record<string, unknown>): object;
  names(): Record<string, string>;
  types(): Record<string, unknown>;
}
type DaraType = string | DaraModelClass | { type: 'array'; itemType: DaraType } | { type: 'map' };

interface Received {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A product compared with Alibaba's own client of it. */
interface Product {
  readonly name: string;
  /** Its metadata file in the corpus. */
  readonly file: string;
  /** Alibaba's generated client package: the `Client` (default export) and its request models. */
  readonly sdk: Record<string, unknown>;
  readonly exceptions: readonly Exception[];
}

const PRODUCTS: readonly Product[] = [
  { name: 'ECS', file: 'ecs-2014-05-26.api-docs.json', sdk: Ecs, exceptions: ECS_EXCEPTIONS },
  { name: 'CDN', file: 'cdn-2018-05-10.api-docs.json', sdk: Cdn, exceptions: CDN_EXCEPTIONS },
];

/** A product's model and its generated definitions, imported from the emitted files. */
interface Loaded {
  readonly product: Product;
  readonly path: string;
  readonly model: ServiceModel;
  readonly definitions: ReadonlyMap<string, OperationDefinition<unknown, unknown>>;
}

function metadataPath(product: Product): string {
  const path = corpusMetadataFiles().find((f) => f.endsWith(`/${product.file}`));
  if (path === undefined) throw new Error(`${product.file} is not in the corpus`);
  return path;
}

/** Alibaba's client method for an action (its generator lower-cases the first letter). */
const officialMethod = (action: string): string => `${action.charAt(0).toLowerCase()}${action.slice(1)}WithOptions`;

/** The field of Alibaba's model class whose wire name is `wire`. */
const fieldOf = (type: DaraModelClass, wire: string): string | undefined =>
  Object.entries(type.names()).find(([, w]) => w === wire)?.[0];

/** Our value converted to Alibaba's model: each object member found by its wire name in the class's `names()`. */
function toOfficial(shape: Shape, value: unknown, type: DaraType | undefined, path: string, lost: string[]): unknown {
  if (shape.kind === 'object' && typeof type === 'function') {
    const fields: Record<string, unknown> = {};
    placeMembers(fields, type, shape, value, path, lost);
    return instantiate(type, fields);
  }
  if (shape.kind === 'array' && Array.isArray(value) && typeof type === 'object' && type.type === 'array')
    return value.map((v, i) => toOfficial(shape.items, v, type.itemType, `${path}.${i + 1}`, lost));
  return value;
}

/** The plain object (or list) under `key`, created when absent. */
function child<T extends object>(
  container: Record<string, unknown> | unknown[],
  key: string | number,
  make: () => T,
): T {
  const holder = container as Record<string | number, unknown>;
  if (holder[key] === undefined) holder[key] = make();
  return holder[key] as T;
}

/** Places each member of an object value, so that members listed elsewhere under dotted names are kept. */
function placeMembers(
  target: Record<string, unknown>,
  type: DaraModelClass,
  shape: Extract<Shape, { kind: 'object' }>,
  value: unknown,
  path: string,
  lost: string[],
): void {
  for (const m of shape.members) {
    const v = (value as Record<string, unknown>)[m.name];
    if (v !== undefined) place(target, type, [m.wireName], m.shape, v, `${path}.${m.wireName}`, lost);
  }
}

/**
 * Puts a value at its wire path in the fields of Alibaba's model: a dotted wire name (`SystemDisk.Category`,
 * `Filter.1.Key`: the metadata lists such names beside, or instead of, the object or list) is a member of an object
 * or an item (1-based) of a list there, merged with what is already placed. Plain objects on the way become model
 * instances in {@link instantiate}.
 */
function place(
  fields: Record<string, unknown>,
  type: DaraModelClass,
  segments: readonly string[],
  shape: Shape,
  value: unknown,
  path: string,
  lost: string[],
): void {
  const [head, next, ...rest] = segments as [string, ...string[]];
  const field = fieldOf(type, head);
  const fieldType = field === undefined ? undefined : (type.types()[field] as DaraType);
  if (field === undefined || fieldType === undefined) {
    lost.push(path);
  } else if (next === undefined) {
    if (shape.kind === 'object' && typeof fieldType === 'function') {
      placeMembers(
        child(fields, field, () => ({})),
        fieldType,
        shape,
        value,
        path,
        lost,
      );
    } else if (
      shape.kind === 'array' &&
      Array.isArray(value) &&
      typeof fieldType === 'object' &&
      fieldType.type === 'array'
    ) {
      const items = child(fields, field, (): unknown[] => []);
      const { itemType } = fieldType;
      value.forEach((v, i) => {
        if (shape.items.kind === 'object' && typeof itemType === 'function')
          placeMembers(
            child(items, i, () => ({})),
            itemType,
            shape.items,
            v,
            `${path}.${i + 1}`,
            lost,
          );
        else items[i] = toOfficial(shape.items, v, itemType, `${path}.${i + 1}`, lost);
      });
    } else fields[field] = toOfficial(shape, value, fieldType, path, lost);
  } else if (typeof fieldType === 'function') {
    place(
      child(fields, field, () => ({})),
      fieldType,
      [next, ...rest],
      shape,
      value,
      path,
      lost,
    );
  } else if (typeof fieldType === 'object' && fieldType.type === 'array' && /^[1-9][0-9]*$/.test(next)) {
    const items = child(fields, field, (): unknown[] => []);
    const index = Number(next) - 1;
    if (rest.length === 0) items[index] = toOfficial(shape, value, fieldType.itemType, path, lost);
    else if (typeof fieldType.itemType === 'function')
      place(
        child(items, index, () => ({})),
        fieldType.itemType,
        rest,
        shape,
        value,
        path,
        lost,
      );
    else lost.push(path);
  } else lost.push(path);
}

/** Alibaba's model instance of `type` from fields placed by {@link place} (plain objects on the way instantiated). */
function instantiate(type: DaraModelClass, fields: Record<string, unknown>): object {
  const types = type.types();
  const of = (t: DaraType | undefined, v: unknown): unknown =>
    typeof t === 'function' && v !== null && typeof v === 'object' && !(v instanceof Dara.Model)
      ? instantiate(t, v as Record<string, unknown>)
      : typeof t === 'object' && t.type === 'array' && Array.isArray(v)
        ? v.map((item) => of(t.itemType, item))
        : v;
  return new type(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, of(types[k] as DaraType, v)])));
}

/** The request's parameters as one sorted list of `where name=value` (decoded), without the volatile ones. */
function wireOf(request: Received, headers: readonly string[]): string[] {
  const out: string[] = [`method ${request.method}`, `path ${request.url.pathname}`];
  for (const [k, v] of request.url.searchParams)
    if (!VOLATILE.has(k)) out.push(`query ${k}=${k === 'Format' ? v.toUpperCase() : v}`);
  const type = String(request.headers['content-type'] ?? '');
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(request.body)) if (!VOLATILE.has(k)) out.push(`form ${k}=${v}`);
  } else if (request.body.length > 0) out.push(`body (${type}) ${request.body}`);
  for (const h of headers) if (request.headers[h] !== undefined) out.push(`header ${h}=${String(request.headers[h])}`);
  return out.sort();
}

/** Lines of one list that the other lacks, each side named. */
function difference(ours: readonly string[], theirs: readonly string[]): string[] {
  const count = (list: readonly string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const x of list) m.set(x, (m.get(x) ?? 0) + 1);
    return m;
  };
  const a = count(ours);
  const b = count(theirs);
  const out: string[] = [];
  for (const [x, n] of a) if ((b.get(x) ?? 0) < n) out.push(`ensdk only: ${x}`);
  for (const [x, n] of b) if ((a.get(x) ?? 0) < n) out.push(`Alibaba only: ${x}`);
  return out;
}

let temporary: string;
const requests: Received[] = [];
let server: import('node:http').Server;
let endpoint: string;

/**
 * Builds the product's model (no overlay) and emits its operation files as `npm run generate` does (unformatted),
 * beside a link to @ensdk/client's `core/` so that their imports resolve to the real runtime; imports them.
 */
async function load(product: Product): Promise<Loaded> {
  const path = metadataPath(product);
  const model = buildModel(loadMetadata(path, product.file), NO_OVERLAY);
  const root = join(temporary, product.name);
  const printer = new TypeScriptPrinter();
  const files = [
    emitClientRuleSets(model, printer),
    ...model.operations.map((op) => emitClientOperation(model, op, printer)),
  ];
  for (const f of files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.text);
  }
  symlinkSync(join(REPO_ROOT, 'packages/client/src/core'), join(root, 'packages/client/src/core'), 'dir');
  const definitions = new Map<string, OperationDefinition<unknown, unknown>>();
  for (const op of model.operations) {
    const module = (await import(
      join(root, 'packages/client/src/generated/operations', `${op.name}.gen.ts`)
    )) as Record<string, unknown>;
    definitions.set(op.name, module[clientNames(op).definition] as OperationDefinition<unknown, unknown>);
  }
  return { product, path, model, definitions };
}

beforeAll(async () => {
  temporary = mkdtempSync(join(tmpdir(), 'ensdk-official-oracle-'));
  const { createServer } = await import('node:http');
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"RequestId":"oracle"}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  endpoint = `127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise<void>((done) => server?.close(() => done()));
  if (temporary !== undefined) rmSync(temporary, { recursive: true, force: true });
});

/** What one signature's run found. */
interface OracleRun {
  readonly compared: string[];
  readonly notInOfficial: string[];
  /** Operations whose wire differed in nothing. */
  readonly identical: string[];
  /** Operations whose differences are all explained by the product's exceptions, with the exceptions' ids. */
  readonly excepted: Map<string, string[]>;
  /** Differences no exception explains, and exceptions that no longer occur. */
  readonly unexplained: string[];
  readonly parametersByStyle: Map<string, number>;
  /** Requests ensdk sent, by method and where parameters went. */
  readonly sent: Map<string, number>;
}

/** The two clients of one product, with one signature. */
interface Clients {
  readonly loaded: Loaded;
  readonly signature: 'v3' | 'rpc';
  readonly ours: EnsBareClient;
  readonly theirs: Record<string, (request: object, runtime: object) => Promise<unknown>>;
}

function createClients(loaded: Loaded, signature: 'v3' | 'rpc'): Clients {
  const ours = new EnsBareClient({
    endpoint: `http://${endpoint}`,
    credentials: KEYS,
    signatureVersion: signature,
    maxRetries: 0,
  });
  const OfficialClient = (loaded.product.sdk as { default: new (config: object) => Clients['theirs'] }).default;
  const config = { ...KEYS, endpoint, protocol: 'http', regionId: 'cn-hangzhou' };
  const theirs = new OfficialClient(
    new OpenApi.$OpenApiUtil.Config(signature === 'rpc' ? { ...config, signatureAlgorithm: 'v2' } : config),
  );
  return { loaded, signature, ours, theirs };
}

const inOfficialClient = (clients: Clients, op: Operation): boolean =>
  clients.loaded.product.sdk[`${op.name}Request`] !== undefined &&
  typeof clients.theirs[officialMethod(op.name)] === 'function';

/**
 * Sends one operation's input (every parameter filled) through `definition` with our client and through Alibaba's;
 * returns the differences (`ensdk only: …`, `Alibaba only: …`, `no field for …`), the parameters sent and our request.
 */
async function compareOperation(
  clients: Clients,
  op: Operation,
  definition: OperationDefinition<unknown, unknown>,
): Promise<{ found: string[]; sent: readonly Parameter[]; ours: Received }> {
  const requestClass = clients.loaded.product.sdk[`${op.name}Request`] as DaraModelClass;
  const { input, unfilled } = validInput(op);
  const found = unfilled.map((wire) => `no value could be built for ${wire}`);
  const lost: string[] = [];
  const fields: Record<string, unknown> = {};
  const sent = op.parameters.filter((p) => input[p.name] !== undefined);
  for (const p of sent) place(fields, requestClass, p.wireName.split('.'), p.shape, input[p.name], p.wireName, lost);
  const start = requests.length;
  await clients.ours.send(definition, input);
  await clients.theirs[officialMethod(op.name)]!(instantiate(requestClass, fields), new Dara.RuntimeOptions({}));
  const [a, b] = [requests[start], requests[start + 1]];
  if (a === undefined || b === undefined || requests.length !== start + 2)
    throw new Error(`${op.name}: ${requests.length - start} requests received, 2 expected`);
  const headers = clients.signature === 'v3' ? V3_HEADERS : [];
  found.push(
    ...lost.map((path) => `no field for ${path} in ${op.name}Request`),
    ...difference(wireOf(a, headers), wireOf(b, headers)),
  );
  return { found, sent, ours: a };
}

/** Sends every operation present in both through both clients with one signature, and compares. */
async function runOracle(loaded: Loaded, signature: 'v3' | 'rpc'): Promise<OracleRun> {
  const clients = createClients(loaded, signature);
  const run: OracleRun = {
    compared: [],
    notInOfficial: [],
    identical: [],
    excepted: new Map(),
    unexplained: [],
    parametersByStyle: new Map(),
    sent: new Map(),
  };
  try {
    for (const op of loaded.model.operations) {
      if (!inOfficialClient(clients, op)) {
        run.notInOfficial.push(op.name);
        continue;
      }
      run.compared.push(op.name);
      const { found, sent, ours } = await compareOperation(clients, op, loaded.definitions.get(op.name)!);
      for (const p of sent) {
        const style = p.style === 'simple' && p.shape.kind === 'array' ? 'simple list' : p.style;
        run.parametersByStyle.set(style, (run.parametersByStyle.get(style) ?? 0) + 1);
      }
      const kind = `${ours.method}${ours.body.length > 0 ? ' with a form body' : ''}`;
      run.sent.set(kind, (run.sent.get(kind) ?? 0) + 1);
      const applicable = loaded.product.exceptions.filter(
        (e) => e.signatures.includes(signature) && (e.operations === undefined || e.operations.has(op.name)),
      );
      for (const e of applicable)
        for (const line of e.lines)
          if (!found.some((d) => line.test(d)))
            run.unexplained.push(`${op.name}: exception "${e.id}" no longer occurs (${line})`);
      const left = found.filter((d) => !applicable.some((e) => e.lines.some((line) => line.test(d))));
      if (found.length === 0) run.identical.push(op.name);
      else if (left.length === 0)
        run.excepted.set(
          op.name,
          applicable.map((e) => e.id),
        );
      for (const d of left) run.unexplained.push(`${op.name}: ${d}`);
    }
  } finally {
    await clients.ours.close();
  }
  return run;
}

const count = (map: ReadonlyMap<string, number>): string => [...map].map(([k, n]) => `${k} ${n}`).join(', ');

for (const product of PRODUCTS) {
  describe(`${product.name}: ensdk's generated client sends what Alibaba's own client sends`, () => {
    let loaded: Loaded;
    beforeAll(async () => {
      loaded = await load(product);
    }, 180_000);

    for (const signature of ['v3', 'rpc'] as const) {
      it(`every operation in both, ${signature} signature: method, query and form identical`, async () => {
        const run = await runOracle(loaded, signature);
        const exceptions = product.exceptions
          .filter((e) => e.signatures.includes(signature))
          .map((e) => `${e.id}: ${[...run.excepted.values()].filter((ids) => ids.includes(e.id)).length}`)
          .join('; ');
        const getOnly = loaded.model.operations.filter(
          (op) => run.compared.includes(op.name) && !op.methods.includes('POST'),
        );
        console.log(
          `${product.name} oracle (${signature}): ${run.compared.length} operations in both (of ${loaded.model.operations.length} in the metadata), ` +
            `${run.identical.length + run.excepted.size}/${run.compared.length} identical: ` +
            `${run.identical.length} in every parameter, ${run.excepted.size} apart from listed exceptions (${exceptions || 'none'}); ` +
            `GET-only in the metadata: ${getOnly.length}; sent: ${count(run.sent)}; parameters by style: ${count(run.parametersByStyle)}; ` +
            `not in Alibaba's client: ${run.notInOfficial.join(', ') || 'none'}`,
        );
        expect(run.unexplained).toEqual([]);
        expect(run.identical.length + run.excepted.size).toBe(run.compared.length);
        // The oracle compares most of the product, not a handful of operations that happened to match.
        expect(run.compared.length).toBeGreaterThan(loaded.model.operations.length * 0.8);
        expect(run.identical.length).toBeGreaterThan(run.compared.length / 2);
      }, 600_000);
    }

    it('each exception names what the metadata holds that shows it', () => {
      const doc = readJson(loaded.path);
      for (const e of product.exceptions) {
        expect(e.metadata.length, e.id).toBeGreaterThan(0);
        for (const { path, value } of e.metadata) expect(at(doc, path), `${e.id}: ${path}`).toBe(value);
      }
    });

    if (product.name === 'ECS') {
      it('sees a wrong method, style or wire name: a definition changed on purpose differs', async () => {
        const clients = createClients(loaded, 'v3');
        const op = loaded.model.operations.find((o) => o.name === 'DescribeInstances')!;
        const definition = loaded.definitions.get(op.name)!;
        const changed = (change: Partial<OperationDefinition<unknown, unknown>>) => ({ ...definition, ...change });
        try {
          const unchanged = (await compareOperation(clients, op, definition)).found;
          expect(unchanged.filter((d) => !/Tag\.1\.(key|value)/.test(d))).toEqual([]);
          expect((await compareOperation(clients, op, changed({ methods: ['GET'] }))).found).toContain(
            'ensdk only: method GET',
          );
          const tagAsJson = definition.parameters.map((p) => (p.wire === 'Tag' ? { ...p, style: 'json' as const } : p));
          const asJson = (await compareOperation(clients, op, changed({ parameters: tagAsJson }))).found;
          expect(asJson.some((d) => d.startsWith('ensdk only: query Tag=['))).toBe(true);
          expect(asJson).toContain('Alibaba only: query Tag.1.Key=TestKey');
          const renamed = definition.parameters.map((p) => (p.wire === 'VpcId' ? { ...p, wire: 'VpcID' } : p));
          const wrongName = (await compareOperation(clients, op, changed({ parameters: renamed }))).found;
          expect(wrongName.filter((d) => d.includes('Vpc'))).toEqual([
            expect.stringMatching(/^ensdk only: query VpcID=/),
            expect.stringMatching(/^Alibaba only: query VpcId=/),
          ]);
        } finally {
          await clients.ours.close();
        }
      });
    }
  });
}
