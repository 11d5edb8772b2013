import type { KnownFormat } from '../spec/overlaySchema.js';
import type { Repair } from './repairs.js';

/** The shape of a value, normalised from Alibaba's schema objects. */
export type Shape =
  | StringShape
  | IntegerShape
  | NumberShape
  | BooleanShape
  | ArrayShape
  | ObjectShape
  | FreeformShape
  | UnknownShape;

/** A string value, with the constraints the metadata and overlay state. */
export interface StringShape {
  readonly kind: 'string';
  readonly enum?: readonly string[];
  readonly caseSensitive?: boolean;
  readonly format?: KnownFormat;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}
/** An integer value; `bits` tells int32 from int64. */
export interface IntegerShape {
  readonly kind: 'integer';
  readonly bits: 32 | 64;
  readonly enum?: readonly number[];
  readonly minimum?: number;
  readonly maximum?: number;
}
/** A floating-point value. */
export interface NumberShape {
  readonly kind: 'number';
  readonly minimum?: number;
  readonly maximum?: number;
}
/** A boolean value. */
export interface BooleanShape {
  readonly kind: 'boolean';
}
/** A list of values. */
export interface ArrayShape {
  readonly kind: 'array';
  readonly items: Shape;
  readonly minItems?: number;
  readonly maxItems?: number;
}
/**
 * A response value the metadata does not describe (`type: "any"`, no `type`, an array without `items`, an object
 * without properties): passed
 * through exactly as received, typed `unknown`. Never in a request (there such values are strings).
 */
export interface UnknownShape {
  readonly kind: 'unknown';
}
/**
 * A request object the metadata gives no members (`"type": "object"` without `properties`), in a `json`-style
 * parameter: any keys, sent JSON-encoded exactly as given (KMS `EncryptionContext`, ECS `RunCommand` `Parameters`).
 * Never in a response (there such values are `unknown`, passed through as received).
 */
export interface FreeformShape {
  readonly kind: 'freeform';
}
/** An object with named members. */
export interface ObjectShape {
  readonly kind: 'object';
  readonly members: readonly Member[];
}

/** A named member of an object (a request parameter, a nested property or a response field). */
export interface Member {
  /** camelCase name used in ensdk's TypeScript API. */
  readonly name: string;
  /** Name on the wire, as Alibaba spells it. */
  readonly wireName: string;
  readonly required: boolean;
  readonly doc: Doc;
  readonly shape: Shape;
}

/** Documentation of a member or operation: English from the overlay where present. */
export interface Doc {
  readonly text: string;
  readonly example?: string;
  readonly defaultValue?: string;
  readonly deprecated?: boolean;
}

/** How an array or object parameter travels in the query string. */
export type WireStyle = 'simple' | 'repeatList' | 'json' | 'flat';

/** A request parameter of an operation. */
export interface Parameter extends Member {
  readonly location: 'query' | 'formData';
  readonly style: WireStyle;
}

/** A cross-field rule: when `when` holds, each `then.members` value (if present) must satisfy the constraint. */
export interface CrossFieldRule {
  readonly name: string;
  /** The overlay fragment the rule comes from, when it is shared by several operations. */
  readonly fragment?: string;
  readonly description: string;
  readonly when: { readonly member: string; readonly in: readonly string[] };
  readonly then: {
    readonly members: readonly string[];
    readonly constraint:
      | { readonly kind: 'equals'; readonly value: string }
      | { readonly kind: 'oneOf'; readonly values: readonly string[] }
      | { readonly kind: 'portRange'; readonly minimum: number; readonly maximum: number };
  };
}

/** One error code an operation can return, as listed by the metadata. */
export interface OperationErrorCode {
  readonly code: string;
  readonly httpStatus: number;
  readonly message: string;
}

/** A request parameter or response member that paging reads, by both of its names. */
export interface PagingMember {
  readonly name: string;
  readonly wireName: string;
}

/** A page size or page number, as the operation types it (some ENS operations take them as strings). */
export type PagingValueType = 'integer' | 'string';

/** How a paged operation pages, detected from the metadata or decided by the overlay (`paging`). */
export type Paging = PageNumberPaging | TokenPaging;

interface PagingCommon {
  /** `metadata`: the detection rule matched; `overlay`: the overlay's `paging` entry decided. */
  readonly decidedBy: 'metadata' | 'overlay';
  /** Response members from the top of the body to the list of items. */
  readonly items: readonly PagingMember[];
  /** Largest page size (the metadata's `maximum`, or the overlay's `maxPageSize`): the paginators' default. */
  readonly maxPageSize?: number;
}

/** Paging by `PageNumber` (from 1) and `PageSize`; the answer has one list and usually `TotalCount`. */
export interface PageNumberPaging extends PagingCommon {
  readonly kind: 'pageNumber';
  readonly pageNumber: PagingMember & { readonly type: PagingValueType };
  readonly pageSize: PagingMember & { readonly type: PagingValueType };
  readonly totalCount?: PagingMember;
  /** The answer's echo of the page size, when it has one. */
  readonly outputPageSize?: PagingMember;
}

/** Paging by continuation token (`NextToken` in, `NextToken` out), with an optional page size (`MaxResults`). */
export interface TokenPaging extends PagingCommon {
  readonly kind: 'token';
  readonly inputToken: PagingMember;
  readonly outputToken: PagingMember;
  readonly pageSize?: PagingMember & { readonly type: PagingValueType };
}

/** One operation of the service. */
export interface Operation {
  /** PascalCase action name, e.g. `RevokeSecurityGroupEgress`. */
  readonly name: string;
  /** camelCase method name, e.g. `revokeSecurityGroupEgress`. */
  readonly methodName: string;
  readonly doc: Doc;
  readonly methods: readonly ('GET' | 'POST')[];
  /**
   * Whether the call is signed with an AccessKey: the metadata's `security` names `AK` (or says nothing, Alibaba's
   * default). `false` for operations whose proof is elsewhere (`Anonymous`, `ARS_OIDC`: STS AssumeRoleWithSAML,
   * AssumeRoleWithOIDC), which are sent without any signature parameter or header.
   */
  readonly signed: boolean;
  readonly parameters: readonly Parameter[];
  readonly rules: readonly CrossFieldRule[];
  readonly output: ObjectShape;
  readonly errorCodes: readonly OperationErrorCode[];
  /** Names of the error classes this operation can raise (its own codes and the common ones), sorted. */
  readonly errorClassNames: readonly string[];
  /** How the operation pages, when it does (`model/paging.ts`). */
  readonly paging?: Paging;
}

/** One error class of `@ensdk/errors`, covering one code or one code pattern. */
export interface ErrorClassModel {
  readonly className: string;
  /** The code, or for a pattern class the pattern such as `InvalidParameter.%s`. */
  readonly code: string;
  readonly isPattern: boolean;
  readonly httpStatus: number;
  readonly fault: 'client' | 'server';
  readonly retryable: boolean;
  readonly description: string;
  /** True for codes every Alibaba API can return (from the overlay's `commonErrors`). */
  readonly common: boolean;
  readonly operations: readonly string[];
}

/** The normalised model of one service version: everything the emitters read. */
export interface ServiceModel {
  readonly product: string;
  readonly apiVersion: string;
  /** `sha256:<first 12 hex>` of metadata and overlay, for the generated headers. */
  readonly specFingerprint: string;
  readonly specFiles: readonly string[];
  readonly endpoints: readonly { readonly regionId: string; readonly endpoint: string }[];
  readonly operations: readonly Operation[];
  readonly errorClasses: readonly ErrorClassModel[];
  /** The quirks of the metadata the model repaired, each with its JSON path (empty in a strict build). */
  readonly repairs: readonly Repair[];
}
