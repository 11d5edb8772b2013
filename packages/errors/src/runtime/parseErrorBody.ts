import { jsonReader, type JsonReader } from './internal.js';

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
const FIELDS = Object.keys(KEYS) as Field[];

/** Only this many leading characters of a body are examined. */
const MAX_CHARS = 64 * 1024;

/**
 * Extracts the error fields from a JSON (`{"Code": …}`, `{"code": …}` or `{"Error": {…}}`) or XML
 * (`<Error><Code>…</Code>…</Error>`, any root element) error body.
 *
 * @returns The fields found, or `undefined` when the body is neither or holds none of them. Never throws;
 * only the first 64 KiB characters are looked at.
 */
export function parseErrorBody(body: string): ParsedErrorBody | undefined {
  const text = body
    .slice(0, MAX_CHARS)
    .replace(/^\uFEFF/, '')
    .trim();
  const result = text.startsWith('{') ? fromJson(text) : text.startsWith('<') ? fromXml(text) : undefined;
  return result !== undefined && Object.keys(result).length > 0 ? result : undefined;
}

function fromJson(text: string): ParsedErrorBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const top = jsonReader(parsed);
  const readers = [jsonReader(top.get('Error')), top];
  const result: ParsedErrorBody = {};
  for (const field of FIELDS) {
    const value = firstValue(readers, [KEYS[field], field], field === 'accessDeniedDetail');
    if (value !== undefined) result[field] = value;
  }
  return result;
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
            ? JSON.stringify(raw)
            : '';
      if (value !== '') return value;
    }
  }
  return undefined;
}

function fromXml(text: string): ParsedErrorBody {
  const result: ParsedErrorBody = {};
  for (const field of FIELDS) {
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
