import openapiTS, { astToString } from 'openapi-typescript';
import type { Member, ObjectShape, Parameter, ServiceModel, Shape } from '../model/types.js';
import type { GeneratedFile } from './common.js';

/** Where the OpenAPI document of the model is written (committed, reviewable). */
export const OPENAPI_PATH = 'specs/ens/2017-11-10/generated/openapi.gen.json';
/**
 * Where openapi-typescript's types of that document go: type-checked with the client's sources (`npm run typecheck`)
 * but imported by no entry point, so they are not shipped (they were 590 KB of every copy of the client's declarations).
 */
export const WIRE_TYPES_PATH = 'packages/client/src/generated/wire.gen.ts';

type JsonSchema = Record<string, unknown>;

function schemaOf(shape: Shape, doc?: Member['doc']): JsonSchema {
  const base: JsonSchema = {};
  if (doc?.text) base['description'] = doc.text;
  if (doc?.example !== undefined) base['examples'] = [doc.example];
  if (doc?.deprecated) base['deprecated'] = true;
  switch (shape.kind) {
    case 'string':
      return {
        ...base,
        type: 'string',
        ...(shape.enum ? { enum: shape.enum } : {}),
        ...(shape.minLength !== undefined ? { minLength: shape.minLength } : {}),
        ...(shape.maxLength !== undefined ? { maxLength: shape.maxLength } : {}),
        ...(shape.pattern !== undefined ? { pattern: shape.pattern } : {}),
        ...(shape.format !== undefined ? { format: shape.format } : {}),
        ...(shape.caseSensitive !== undefined ? { 'x-ensdk-case-sensitive': shape.caseSensitive } : {}),
      };
    case 'integer':
      return {
        ...base,
        type: 'integer',
        format: shape.bits === 32 ? 'int32' : 'int64',
        ...(shape.enum ? { enum: shape.enum } : {}),
        ...(shape.minimum !== undefined ? { minimum: shape.minimum } : {}),
        ...(shape.maximum !== undefined ? { maximum: shape.maximum } : {}),
      };
    case 'number':
      return {
        ...base,
        type: 'number',
        ...(shape.minimum !== undefined ? { minimum: shape.minimum } : {}),
        ...(shape.maximum !== undefined ? { maximum: shape.maximum } : {}),
      };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'array':
      return {
        ...base,
        type: 'array',
        items: schemaOf(shape.items),
        ...(shape.minItems !== undefined ? { minItems: shape.minItems } : {}),
        ...(shape.maxItems !== undefined ? { maxItems: shape.maxItems } : {}),
      };
    case 'unknown':
      return base;
    case 'freeform':
      return { ...base, type: 'object', additionalProperties: true };
    case 'object':
      return { ...base, ...objectSchema(shape) };
  }
}

function objectSchema(shape: ObjectShape): JsonSchema {
  const required = shape.members.filter((m) => m.required).map((m) => m.wireName);
  return {
    type: 'object',
    properties: Object.fromEntries(shape.members.map((m) => [m.wireName, schemaOf(m.shape, m.doc)])),
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

/**
 * The metadata's `formData` parameters as what they are on the wire, a form body (query parameters stay in
 * `parameters`), so that openapi-typescript's types tell the two places apart; a structured member's Alibaba style is
 * said in its `encoding`.
 */
function formBody(form: readonly Parameter[]): JsonSchema {
  const styled = form.filter((p) => p.style !== 'simple');
  return {
    required: form.some((p) => p.required),
    content: {
      'application/x-www-form-urlencoded': {
        schema: objectSchema({ kind: 'object', members: form }),
        ...(styled.length > 0
          ? { encoding: Object.fromEntries(styled.map((p) => [p.wireName, { 'x-alibaba-style': p.style }])) }
          : {}),
      },
    },
  };
}

/** Builds the OpenAPI 3.1 document of the model: one path per action, wire (PascalCase) schemas in components. */
export function buildOpenApiDocument(model: ServiceModel): Record<string, unknown> {
  const schemas: Record<string, JsonSchema> = {
    ErrorResponse: {
      type: 'object',
      description: "Alibaba Cloud's error body.",
      properties: {
        RequestId: { type: 'string' },
        HostId: { type: 'string' },
        Code: { type: 'string' },
        Message: { type: 'string' },
        Recommend: { type: 'string' },
        AccessDeniedDetail: { type: 'string' },
      },
      required: ['Code'],
    },
  };
  const paths: Record<string, unknown> = {};
  for (const op of model.operations) {
    const form = op.parameters.filter((p) => p.location === 'formData');
    const query = op.parameters.filter((p) => p.location !== 'formData');
    schemas[`${op.name}Request`] = objectSchema({ kind: 'object', members: op.parameters });
    schemas[`${op.name}Response`] = objectSchema(op.output);
    const [summary, ...rest] = op.doc.text.split('\n\n');
    paths[`/${op.name}`] = {
      post: {
        operationId: op.name,
        summary,
        ...(rest.length > 0 ? { description: rest.join('\n\n') } : {}),
        ...(op.doc.deprecated ? { deprecated: true } : {}),
        'x-acs-action': op.name,
        'x-ensdk-methods': op.methods,
        parameters: query.map((p) => ({
          name: p.wireName,
          in: 'query',
          required: p.required,
          ...(p.style !== 'simple' ? { 'x-alibaba-style': p.style } : {}),
          schema: schemaOf(p.shape, p.doc),
        })),
        ...(form.length > 0 ? { requestBody: formBody(form) } : {}),
        ...(op.rules.length > 0
          ? {
              'x-ensdk-rules': op.rules.map((r) => {
                const wire = (member: string): string =>
                  op.parameters.find((p) => p.name === member)?.wireName ?? member;
                return {
                  name: r.name,
                  description: r.description,
                  when: { parameter: wire(r.when.member), in: r.when.in },
                  then: { parameters: r.then.members.map(wire), constraint: r.then.constraint },
                };
              }),
            }
          : {}),
        responses: {
          '200': {
            description: 'Success',
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${op.name}Response` } } },
          },
          default: {
            description: `Error; codes: ${op.errorCodes.map((c) => c.code).join(', ') || 'none listed'}`,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
          },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `Alibaba Cloud ${model.product} API`,
      version: model.apiVersion,
      description:
        'Generated by ensdk tools/codegen; DO NOT EDIT. An RPC API: on the wire every action is `POST /` with the action in ' +
        '`x-acs-action` (V3) or the `Action` parameter (RPC signature); paths here are one per action so that tools can read it.',
      'x-ensdk-spec': model.specFingerprint,
    },
    servers: [...new Set(model.endpoints.map((e) => e.endpoint))].map((host) => ({ url: `https://${host}` })),
    paths,
    components: { schemas },
  };
}

/** Emits the OpenAPI document as committed JSON. */
export function emitOpenApi(document: Record<string, unknown>): GeneratedFile {
  return { path: OPENAPI_PATH, text: `${JSON.stringify(document, null, 2)}\n` };
}

/** Runs openapi-typescript on the document and emits the wire types. */
export async function emitWireTypes(document: Record<string, unknown>, headerText: string): Promise<GeneratedFile> {
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], {
    alphabetize: true,
    additionalProperties: false,
  });
  const text = astToString(ast);
  return {
    path: WIRE_TYPES_PATH,
    text: `${headerText}\n/* eslint-disable */\n${text.endsWith('\n') ? text : `${text}\n`}`,
  };
}
