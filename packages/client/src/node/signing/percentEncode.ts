/** Any character outside RFC 3986's unreserved set `A-Z a-z 0-9 - _ . ~`. */
const NEEDS_ENCODING = /[^A-Za-z0-9\-_.~]/;
/** The characters `encodeURIComponent` leaves alone but RFC 3986 reserves. */
const SUB_DELIMS_LEFT_BY_ENCODE_URI_COMPONENT = /[!'()*]/g;

function encodeSubDelim(char: string): string {
  // Only ASCII `!'()*` reach here (0x21..0x2A), so two upper-case hex digits suffice.
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}

/**
 * RFC 3986 percent-encoding as Alibaba's signatures use it (space %20, * %2A, ~ kept).
 *
 * UTF-8 based: every character outside `A-Z a-z 0-9 - _ . ~` becomes `%XY` with upper-case hex.
 * Returns `value` itself when nothing needs encoding.
 *
 * @throws URIError when `value` contains a lone surrogate (it has no UTF-8 encoding).
 */
export function percentEncode(value: string): string {
  if (!NEEDS_ENCODING.test(value)) return value;
  return encodeURIComponent(value).replace(SUB_DELIMS_LEFT_BY_ENCODE_URI_COMPONENT, encodeSubDelim);
}

function compareCodeUnits(a: readonly [string, string], b: readonly [string, string]): number {
  // Encoded keys are pure ASCII, so UTF-16 code-unit order equals byte order (unlike localeCompare).
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/**
 * `enc(k)=enc(v)` pairs sorted by encoded key in byte order (not locale), joined by `&`; empty value gives `k=`.
 * An empty record gives the empty string.
 */
export function canonicalQueryString(query: Readonly<Record<string, string>>): string {
  const keys = Object.keys(query);
  const count = keys.length;
  if (count === 0) return '';
  const pairs = new Array<[string, string]>(count);
  for (let i = 0; i < count; i++) {
    const key = keys[i] as string;
    pairs[i] = [percentEncode(key), percentEncode(query[key] as string)];
  }
  pairs.sort(compareCodeUnits);
  let out = '';
  for (let i = 0; i < count; i++) {
    const pair = pairs[i] as [string, string];
    out += i === 0 ? `${pair[0]}=${pair[1]}` : `&${pair[0]}=${pair[1]}`;
  }
  return out;
}
