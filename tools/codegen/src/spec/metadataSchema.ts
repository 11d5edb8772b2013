import { z } from 'zod';

/** A decimal number written as a string, as Alibaba's metadata writes bounds (`"maximum": "100"`). */
const numericString = z.string().regex(/^-?\d+(\.\d+)?$/, { error: 'a numeric string such as "100"' });

/** The schema object used by Alibaba's metadata for parameters, properties and responses. */
export interface MetadataSchema {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'any' | undefined;
  format?: string | undefined;
  title?: string | undefined;
  description?: string | undefined;
  required?: boolean | undefined;
  /** What the documentation page shows; the model reads `required` (policy in specs/README.md). */
  docRequired?: boolean | undefined;
  enum?: string[] | undefined;
  default?: string | undefined;
  example?: string | undefined;
  minimum?: string | undefined;
  maximum?: string | undefined;
  minLength?: number | undefined;
  maxLength?: number | undefined;
  pattern?: string | undefined;
  minItems?: number | undefined;
  maxItems?: number | undefined;
  deprecated?: boolean | undefined;
  items?: MetadataSchema | undefined;
  properties?: Record<string, MetadataSchema> | undefined;
  /** A reference into `components.schemas` (ROA products); kept for the model to refuse by path. */
  $ref?: string | undefined;
  /** A map's value schema; kept for the model to decide on by path. */
  additionalProperties?: unknown;
}

const schemaObject: z.ZodType<MetadataSchema> = z.lazy(() =>
  z.looseObject({
    type: z.optional(z.enum(['string', 'integer', 'number', 'boolean', 'array', 'object', 'any'])),
    format: z.optional(z.string()),
    title: z.optional(z.string()),
    description: z.optional(z.string()),
    required: z.optional(z.boolean()),
    docRequired: z.optional(z.boolean()),
    enum: z.optional(z.array(z.string())),
    default: z.optional(z.string()),
    example: z.optional(z.string()),
    minimum: z.optional(numericString),
    maximum: z.optional(numericString),
    minLength: z.optional(z.int().check(z.nonnegative())),
    maxLength: z.optional(z.int().check(z.nonnegative())),
    pattern: z.optional(z.string()),
    minItems: z.optional(z.int().check(z.nonnegative())),
    maxItems: z.optional(z.int().check(z.nonnegative())),
    deprecated: z.optional(z.boolean()),
    items: z.optional(schemaObject),
    properties: z.optional(z.record(z.string(), schemaObject)),
  }),
);

const parameter = z.looseObject({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_.]*$/, { error: 'a parameter name such as "PortRange"' }),
  in: z.enum(['query', 'formData', 'body']),
  style: z.optional(z.enum(['json', 'repeatList', 'flat', 'simple'])),
  schema: schemaObject,
});

const errorCode = z.looseObject({
  errorCode: z.string().min(1),
  errorMessage: z.optional(z.string()),
  description: z.optional(z.string()),
});

const api = z.looseObject({
  summary: z.optional(z.string()),
  title: z.optional(z.string()),
  description: z.optional(z.string()),
  deprecated: z.optional(z.boolean()),
  /** Alternative security requirements, each a map of scheme name (`AK`, `Anonymous`, `ARS_OIDC`, ...) → scopes. */
  security: z.optional(z.array(z.record(z.string().min(1), z.array(z.string())))),
  methods: z.array(z.enum(['get', 'post', 'put', 'delete'])).min(1),
  parameters: z.array(parameter),
  // An operation may list no responses at all, and status keys that are not HTTP statuses: the model repairs both
  // (policy in specs/README.md), so the loader only checks the structure.
  responses: z.looseObject({ '200': z.optional(z.looseObject({ schema: schemaObject })) }),
  errorCodes: z.optional(z.record(z.string(), z.array(errorCode))),
});

/** Zod schema of Alibaba's API metadata document (`api-docs.json`), for the parts the generator reads. */
export const metadataDocumentSchema = z.looseObject({
  version: z.string(),
  info: z.looseObject({
    style: z.literal('RPC'),
    product: z.string().min(1),
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  apis: z.record(
    z.string().regex(/^[A-Z][A-Za-z0-9]*$/, { error: 'an operation name such as "RevokeSecurityGroupEgress"' }),
    api,
  ),
  endpoints: z.array(z.looseObject({ regionId: z.string().min(1), endpoint: z.string().min(1) })),
});

/** Alibaba's API metadata document, as validated. */
export type MetadataDocument = z.infer<typeof metadataDocumentSchema>;
/** One operation of the metadata. */
export type MetadataApi = z.infer<typeof api>;
/** One request parameter of the metadata. */
export type MetadataParameter = z.infer<typeof parameter>;
