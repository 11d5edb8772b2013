import { SpecError } from './specError.js';

/** What an operation list uses that the RPC generator does not support, counted, for the refusal message. */
function unsupportedConstructs(doc: unknown, apis: Record<string, unknown>): string[] {
  const counts = new Map<string, number>();
  const count = (what: string): void => void counts.set(what, (counts.get(what) ?? 0) + 1);
  for (const api of Object.values(apis)) {
    if (api === null || typeof api !== 'object') continue;
    const a = api as { path?: unknown; methods?: unknown; parameters?: unknown; responses?: unknown };
    if (typeof a.path === 'string' && a.path.includes('{')) count('path templates');
    if (Array.isArray(a.methods)) {
      for (const m of a.methods) if (m !== 'get' && m !== 'post') count(`${String(m).toUpperCase()} methods`);
    }
    if (Array.isArray(a.parameters)) {
      for (const p of a.parameters as { in?: unknown; schema?: { format?: unknown } }[]) {
        if (p?.in === 'body' && p.schema?.format === 'binary') count('binary bodies (in: body, format: binary)');
        else if (p?.in !== 'query' && p?.in !== 'formData') count(`parameters in ${String(p?.in)}`);
      }
    }
  }
  const refs = (JSON.stringify(doc).match(/"\$ref"/g) ?? []).length;
  if (refs > 0) counts.set('$ref into components.schemas', refs);
  return [...counts].sort(([, a], [, b]) => b - a).map(([what, n]) => `${what} (${n})`);
}

/**
 * Refuses metadata of a style other than RPC (ROA, FC, OSS, SLS, V3 binary bodies) with one problem at
 * `#/info/style` naming the style and the constructs it uses that this generator does not support, before the
 * format check would list hundreds of field-level problems. Nothing is written.
 */
export function refuseUnsupportedStyle(json: unknown, file: string): void {
  if (json === null || typeof json !== 'object') return;
  const doc = json as { info?: { style?: unknown }; apis?: unknown };
  const style = doc.info?.style;
  if (style === undefined || style === 'RPC') return;
  const apis = doc.apis !== null && typeof doc.apis === 'object' ? (doc.apis as Record<string, unknown>) : {};
  const constructs = unsupportedConstructs(json, apis);
  throw new SpecError([
    {
      file,
      path: '#/info/style',
      expected:
        'RPC-style metadata (the only style this generator speaks: action and parameters in the query or a form)',
      found: `"${String(style)}", whose ${Object.keys(apis).length} operations use ${constructs.length > 0 ? constructs.join(', ') : 'its own request format'}`,
    },
  ]);
}
