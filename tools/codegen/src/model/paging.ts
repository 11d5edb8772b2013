import type { PagingOverlay } from '../spec/overlaySchema.js';
import type { Member, ObjectShape, Paging, PagingMember, PagingValueType, Parameter, Shape } from './types.js';

/** Reports an overlay problem at a path under the operation's `paging` entry. */
export type PagingProblem = (path: readonly PropertyKey[], expected: string, found: unknown) => void;

const member = (m: Member): PagingMember => ({ name: m.name, wireName: m.wireName });

/** Every list in a response, as the chain of members leading to it (lists inside list items are not counted). */
export function responseLists(output: ObjectShape): (readonly Member[])[] {
  const lists: (readonly Member[])[] = [];
  const walk = (shape: ObjectShape, chain: readonly Member[]): void => {
    for (const m of shape.members) {
      if (m.shape.kind === 'array') lists.push([...chain, m]);
      else if (m.shape.kind === 'object') walk(m.shape, [...chain, m]);
    }
  };
  walk(output, []);
  return lists;
}

function valueType(shape: Shape): PagingValueType | undefined {
  return shape.kind === 'integer'
    ? 'integer'
    : shape.kind === 'string' && shape.enum === undefined
      ? 'string'
      : undefined;
}

function maximumOf(shape: Shape): number | undefined {
  return shape.kind === 'integer' ? shape.maximum : undefined;
}

/**
 * Detects how an operation pages. By the metadata alone: request `PageNumber` + `PageSize` with a top-level
 * `TotalCount` and exactly one list in the response (page numbers), or request `NextToken` (+ `MaxResults`) with a
 * top-level `NextToken` in the response and exactly one list (tokens). Where that does not decide (no `TotalCount`,
 * other names, several lists), the overlay's `paging` entry does: `false`, or the members to use. Anything else is
 * not paged. Overlay references that the operation lacks are reported through `problem`.
 */
export function detectPaging(
  parameters: readonly Parameter[],
  output: ObjectShape,
  overlay: PagingOverlay | undefined,
  problem: PagingProblem,
): Paging | undefined {
  if (overlay === false) return undefined;
  const param = (wire: string) => parameters.find((p) => p.wireName === wire);
  const top = (wire: string) => output.members.find((m) => m.wireName === wire);
  const lists = responseLists(output);
  if (overlay === undefined) {
    const [items, ...others] = lists;
    if (items === undefined || others.length > 0) return undefined;
    const pageNumber = param('PageNumber');
    const pageSize = param('PageSize');
    const totalCount = top('TotalCount');
    if (pageNumber !== undefined && pageSize !== undefined && totalCount !== undefined) {
      const numberType = valueType(pageNumber.shape);
      const sizeType = valueType(pageSize.shape);
      if (numberType === undefined || sizeType === undefined) return undefined;
      const maxPageSize = maximumOf(pageSize.shape);
      const outputPageSize = top('PageSize');
      return {
        kind: 'pageNumber',
        decidedBy: 'metadata',
        items: items.map(member),
        ...(maxPageSize === undefined ? {} : { maxPageSize }),
        pageNumber: { ...member(pageNumber), type: numberType },
        pageSize: { ...member(pageSize), type: sizeType },
        totalCount: member(totalCount),
        ...(outputPageSize === undefined ? {} : { outputPageSize: member(outputPageSize) }),
      };
    }
    const inputToken = param('NextToken');
    const outputToken = top('NextToken');
    if (inputToken !== undefined && outputToken !== undefined) {
      const maxResults = param('MaxResults');
      const sizeType = maxResults === undefined ? undefined : valueType(maxResults.shape);
      const maxPageSize = maxResults === undefined ? undefined : maximumOf(maxResults.shape);
      return {
        kind: 'token',
        decidedBy: 'metadata',
        items: items.map(member),
        ...(maxPageSize === undefined ? {} : { maxPageSize }),
        inputToken: member(inputToken),
        outputToken: member(outputToken),
        ...(maxResults === undefined || sizeType === undefined
          ? {}
          : { pageSize: { ...member(maxResults), type: sizeType } }),
      };
    }
    return undefined;
  }

  // The overlay decides: every name it gives must exist, with a usable type.
  let ok = true;
  const requireParam = (key: string, wire: string): (Parameter & { type: PagingValueType }) | undefined => {
    const p = param(wire);
    const type = p === undefined ? undefined : valueType(p.shape);
    if (p === undefined || type === undefined) {
      ok = false;
      problem(
        [key],
        `an integer or string request parameter (${parameters.map((x) => x.wireName).join(', ') || 'none'})`,
        wire,
      );
      return undefined;
    }
    return { ...p, type };
  };
  const requireTop = (key: string, wire: string): Member | undefined => {
    const m = top(wire);
    if (m === undefined) {
      ok = false;
      problem([key], `a top-level response member (${output.members.map((x) => x.wireName).join(', ')})`, wire);
    }
    return m;
  };
  const items = lists.find((chain) => chain.map((m) => m.wireName).join('.') === overlay.items);
  if (items === undefined) {
    ok = false;
    problem(
      ['items'],
      `the dotted path of a list in the response (${lists.map((c) => c.map((m) => m.wireName).join('.')).join(', ') || 'none'})`,
      overlay.items,
    );
  }
  const withType = (p: Parameter & { type: PagingValueType }) => ({ ...member(p), type: p.type });
  if ('pageNumber' in overlay) {
    const pageNumber = requireParam('pageNumber', overlay.pageNumber);
    const pageSize = requireParam('pageSize', overlay.pageSize);
    const totalCount = overlay.totalCount === undefined ? undefined : requireTop('totalCount', overlay.totalCount);
    if (!ok || items === undefined || pageNumber === undefined || pageSize === undefined) return undefined;
    const maxPageSize = overlay.maxPageSize ?? maximumOf(pageSize.shape);
    const outputPageSize = top(overlay.pageSize);
    return {
      kind: 'pageNumber',
      decidedBy: 'overlay',
      items: items.map(member),
      ...(maxPageSize === undefined ? {} : { maxPageSize }),
      pageNumber: withType(pageNumber),
      pageSize: withType(pageSize),
      ...(totalCount === undefined ? {} : { totalCount: member(totalCount) }),
      ...(outputPageSize === undefined ? {} : { outputPageSize: member(outputPageSize) }),
    };
  }
  const inputToken = requireParam('inputToken', overlay.inputToken);
  const outputToken = requireTop('outputToken', overlay.outputToken);
  const pageSize = overlay.pageSize === undefined ? undefined : requireParam('pageSize', overlay.pageSize);
  if (!ok || items === undefined || inputToken === undefined || outputToken === undefined) return undefined;
  const maxPageSize = overlay.maxPageSize ?? (pageSize === undefined ? undefined : maximumOf(pageSize.shape));
  return {
    kind: 'token',
    decidedBy: 'overlay',
    items: items.map(member),
    ...(maxPageSize === undefined ? {} : { maxPageSize }),
    inputToken: member(inputToken),
    outputToken: member(outputToken),
    ...(pageSize === undefined ? {} : { pageSize: withType(pageSize) }),
  };
}
