import { z } from 'zod';

/** Value formats the generator knows how to check; an overlay may name only these. */
export const knownFormats = ['port-range', 'ipv4', 'ipv4-cidr', 'ipv4-or-cidr'] as const;
/** A value format an overlay can put on a string parameter. */
export type KnownFormat = (typeof knownFormats)[number];

const wireName = z.string().regex(/^[A-Za-z][A-Za-z0-9_.]*$/, { error: 'a wire parameter name such as "PortRange"' });

const parameterOverlay = z.strictObject({
  description: z.optional(z.string().min(1)),
  format: z.optional(z.enum(knownFormats)),
  caseSensitive: z.optional(z.boolean()),
});

const thenConstraint = z
  .strictObject({
    parameters: z.array(wireName).min(1),
    equals: z.optional(z.string()),
    oneOf: z.optional(z.array(z.string()).min(1)),
    portRange: z.optional(
      z.strictObject({ minimum: z.int(), maximum: z.int() }).refine((r) => r.minimum <= r.maximum, {
        error: 'minimum <= maximum',
      }),
    ),
  })
  .refine((t) => [t.equals, t.oneOf, t.portRange].filter((c) => c !== undefined).length === 1, {
    error: 'exactly one of "equals", "oneOf", "portRange"',
  });

const rule = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'a kebab-case rule name' }),
  description: z.string().min(1),
  when: z.strictObject({ parameter: wireName, in: z.array(z.string()).min(1) }),
  then: thenConstraint,
});

const fragment = z.strictObject({
  parameters: z.optional(z.record(wireName, parameterOverlay)),
  rules: z.optional(z.array(rule)),
});

const pageSizeOverlay = {
  pageSize: z.optional(wireName),
  maxPageSize: z.optional(z.int().check(z.gte(1))),
};

/** `paging`: `false` (not paged), or how the operation pages, where the metadata alone does not say. */
const pagingOverlay = z.union([
  z.literal(false),
  z.strictObject({
    items: z.string().min(1),
    pageNumber: wireName,
    pageSize: wireName,
    totalCount: z.optional(wireName),
    maxPageSize: pageSizeOverlay.maxPageSize,
  }),
  z.strictObject({ items: z.string().min(1), inputToken: wireName, outputToken: wireName, ...pageSizeOverlay }),
]);

const operationOverlay = z.strictObject({
  use: z.optional(z.array(z.string())),
  summary: z.optional(z.string().min(1)),
  description: z.optional(z.string().min(1)),
  parameters: z.optional(z.record(wireName, parameterOverlay)),
  response: z.optional(z.record(z.string(), z.strictObject({ description: z.string().min(1) }))),
  rules: z.optional(z.array(rule)),
  paging: z.optional(pagingOverlay),
});

const commonError = z.strictObject({
  httpStatus: z.int().check(z.gte(400), z.lte(599)),
  fault: z.enum(['client', 'server']),
  retryable: z.boolean(),
  description: z.string().min(1),
});

/** Zod schema of ensdk's overlay file (`overlay.json`); see `specs/README.md` for the format. */
export const overlayDocumentSchema = z.strictObject({
  $schema: z.optional(z.string()),
  $comment: z.optional(z.string()),
  /** Generate only these operations of the metadata (all when absent). */
  select: z.optional(z.array(z.string().min(1)).min(1)),
  commonErrors: z.record(z.string().min(1), commonError),
  fragments: z.optional(z.record(z.string(), fragment)),
  operations: z.record(z.string(), operationOverlay),
});

/** ensdk's overlay document, as validated. */
export type OverlayDocument = z.infer<typeof overlayDocumentSchema>;
/** A cross-field rule of the overlay. */
export type OverlayRule = z.infer<typeof rule>;
/** What the overlay says about how an operation pages. */
export type PagingOverlay = z.infer<typeof pagingOverlay>;
/** What the overlay says about one parameter. */
export type ParameterOverlay = z.infer<typeof parameterOverlay>;
