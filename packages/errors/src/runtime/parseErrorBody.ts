import { jsonReader, type JsonReader } from './internal.js';

/**
 * An error response's body in any form a caller may hold it: its text; its bytes (`Uint8Array`, `Buffer`, any other
 * `ArrayBufferView`, or an `ArrayBuffer`); the value `JSON.parse` or `await response.json()` made of it; or nothing.
 */
export type ErrorResponseBody = string | ArrayBufferView | ArrayBuffer | object | null | undefined;

/** The fields of an ENS error body. All optional; values are trimmed and never empty. */
export interface ParsedErrorBody {
  code?: string;
  message?: string;
  requestId?: string;
  hostId?: string;
  recommend?: string;
  /** Raw detail; when the service sends it as a JSON object, this is that object's JSON text. */
  accessDeniedDetail?: string;
}

type Field = keyof ParsedErrorBody;

/** Body element / JSON key of each field (JSON also accepts the camelCase key). */
const KEYS: Readonly<Record<Field, string>> = {
  code: 'Code',
  message: 'Message',
  requestId: 'RequestId',
  hostId: 'HostId',
  recommend: 'Recommend',
  accessDeniedDetail: 'AccessDeniedDetail',
};
/**
 * The fields, in KEYS' order. A function, not a constant: `Object.keys` at the top level is a call a bundler must keep,
 * and the minified build joins it with KEYS and the limits below into one statement, which then lands in every browser
 * page that imports anything of this module's chunk (about 0.1 KB min+gzip of `npm run size`'s pages).
 */
const fields = (): Field[] => Object.keys(KEYS) as Field[];

/** Only this many leading characters of a text body are examined. */
const MAX_CHARS = 64 * 1024;
/** Only this many leading bytes of a binary body are decoded. */
const MAX_BYTES = 64 * 1024;

/**
 * A body, read: its text (for a value already parsed: that value) and the error fields found in it. `null` and
 * `undefined` are empty text; bytes are decoded (their first 64 KiB); numbers, booleans and bigints are their text;
 * symbols and functions are empty text. Throws only when reading a hostile object throws (a Proxy trap, a detached
 * buffer). @internal
 */
export function readErrorBody(
  body: unknown,
): ({ readonly text: string } | { readonly parsed: object }) & { readonly fields: ParsedErrorBody | undefined } {
  if (typeof body === 'object' && body !== null) {
    const bytes = ArrayBuffer.isView(body)
      ? new Uint8Array(body.buffer, body.byteOffset, Math.min(body.byteLength, MAX_BYTES))
      : body instanceof ArrayBuffer
        ? new Uint8Array(body, 0, Math.min(body.byteLength, MAX_BYTES))
        : undefined;
    if (bytes === undefined) return { parsed: body, fields: fieldsOfValue(body) };
    const text = new TextDecoder().decode(bytes);
    return { text, fields: fieldsOfText(text) };
  }
  const text =
    typeof body === 'string'
      ? body
      : typeof body === 'number' || typeof body === 'boolean' || typeof body === 'bigint'
        ? `${body}`
        : '';
  return { text, fields: fieldsOfText(text) };
}

/**
 * Extracts the error fields from an error body: JSON text (`{"Code": …}`, `{"code": …}` or `{"Error": {…}}`), XML
 * text (`<Error><Code>…</Code>…</Error>`, any root element), either as bytes, or a value already parsed from JSON.
 *
 * @returns The fields found, or `undefined` when the body is none of these or holds none of them. Never throws, on
 * any input; only the first 64 KiB (characters of text, bytes of binary) are looked at.
 */
export function parseErrorBody(body: ErrorResponseBody): ParsedErrorBody | undefined {
  try {
    return readErrorBody(body).fields;
  } catch {
    return undefined; // reading a hostile object threw
  }
}

function fieldsOfText(body: string): ParsedErrorBody | undefined {
  const text = body
    .slice(0, MAX_CHARS)
    .replace(/^\uFEFF/, '')
    .trim();
  return text.startsWith('{') ? fromJson(text) : text.startsWith('<') ? nonEmpty(fromXml(text)) : undefined;
}

function fieldsOfValue(value: unknown): ParsedErrorBody | undefined {
  const top = jsonReader(value);
  const readers = [jsonReader(top.get('Error')), top];
  const result: ParsedErrorBody = {};
  for (const field of fields()) {
    const found = firstValue(readers, [KEYS[field], field], field === 'accessDeniedDetail');
    if (found !== undefined) result[field] = found;
  }
  return nonEmpty(result);
}

function nonEmpty(result: ParsedErrorBody): ParsedErrorBody | undefined {
  return Object.keys(result).length > 0 ? result : undefined;
}

function fromJson(text: string): ParsedErrorBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return fieldsOfValue(parsed);
}

/** The first usable value among `keys` of `readers`, as a trimmed non-empty string. */
function firstValue(readers: JsonReader[], keys: string[], allowObject: boolean): string | undefined {
  for (const reader of readers) {
    for (const key of keys) {
      const raw = reader.get(key);
      const value =
        typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean'
          ? String(raw).trim()
          : allowObject && typeof raw === 'object' && raw !== null
            ? jsonText(raw)
            : undefined;
      if (value !== undefined && value !== '') return value;
    }
  }
  return undefined;
}

/** `value` as JSON text, or `undefined` when it has none (a cycle, a bigint, a throwing `toJSON`). @internal */
export function jsonText(value: unknown): string | undefined {
  try {
    return JSON.stringify(value) ?? undefined;
  } catch {
    return undefined;
  }
}

function fromXml(text: string): ParsedErrorBody {
  const result: ParsedErrorBody = {};
  for (const field of fields()) {
    const value = xmlElementText(text, KEYS[field]);
    if (value !== undefined && value !== '') result[field] = value;
  }
  return result;
}

/**
 * Text of the first `<name>` element, trimmed. Character data and CDATA are decoded; content holding
 * child elements is returned as raw markup so nothing is lost. Linear time in the input.
 */
function xmlElementText(xml: string, name: string): string | undefined {
  const open = new RegExp(`<${name}(?:\\s[^<>]*)?/?>`).exec(xml);
  if (open === null) return undefined;
  if (open[0].endsWith('/>')) return '';
  const start = open.index + open[0].length;
  const close = new RegExp(`</${name}\\s*>`, 'g');
  close.lastIndex = start;
  const end = close.exec(xml)?.index;
  if (end === undefined) return undefined;
  const inner = xml.slice(start, end);
  return (characterData(inner) ?? inner).trim();
}

/** Decoded text of element content, or `undefined` if it holds markup other than CDATA sections. */
function characterData(content: string): string | undefined {
  let text = '';
  for (let i = 0; i < content.length; ) {
    const lt = content.indexOf('<', i);
    text += decodeEntities(content.slice(i, lt < 0 ? undefined : lt));
    if (lt < 0) break;
    const cdataEnd = content.startsWith('<![CDATA[', lt) ? content.indexOf(']]>', lt + 9) : -1;
    if (cdataEnd < 0) return undefined;
    text += content.slice(lt + 9, cdataEnd);
    i = cdataEnd + 3;
  }
  return text;
}

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined XML entities and numeric character references, in one pass. */
function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d{1,7})|#x([\da-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g,
    (ref: string, dec: unknown, hex: unknown, named: unknown) => {
      if (typeof named === 'string') return NAMED[named] ?? ref;
      const cp = typeof dec === 'string' ? Number.parseInt(dec, 10) : Number.parseInt(String(hex), 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : ref;
    },
  );
}
