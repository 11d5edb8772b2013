/** A run of 16 digits: every integer beyond `Number.MAX_SAFE_INTEGER` (16 digits) has one; most answers none. */
const LONG_DIGIT_RUN = /\d{16}/;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const DOT = 0x2e;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/**
 * Parses JSON text like `JSON.parse`, except that an integer literal outside `Number.MIN_SAFE_INTEGER` ..
 * `Number.MAX_SAFE_INTEGER` (which `JSON.parse` would round: 9007199254740993 becomes ...992) is delivered as its
 * exact decimal string, `"9007199254740993"`. Every other value is what `JSON.parse` gives: numbers with a fraction
 * or an exponent stay numbers, text inside strings is never touched. Not bigint: `JSON.stringify` throws on it, and
 * results get logged. Text that is not JSON throws `SyntaxError`, as `JSON.parse` does.
 */
export function parseJsonLossless(text: string): unknown {
  if (!LONG_DIGIT_RUN.test(text)) return JSON.parse(text);
  return JSON.parse(quoteUnsafeIntegers(text));
}

/**
 * The same JSON text with every unsafe integer literal outside strings quoted. Scans once: strings are skipped
 * with their escapes; a number token is read whole (sign, digits, fraction, exponent). A token that is not valid
 * JSON (a leading zero) is left as it is, so `JSON.parse` still refuses the text.
 */
function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i++;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === BACKSLASH) i += 2;
        else if (c === QUOTE) break;
        else i++;
      }
      i++;
      continue;
    }
    if (code !== MINUS && !isDigit(code)) {
      i++;
      continue;
    }
    const start = i;
    if (code === MINUS) i++;
    const digitsStart = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    const digits = i - digitsStart;
    let integer = true;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === DOT || c === LOWER_E || c === UPPER_E || c === MINUS || c === 0x2b || isDigit(c)) {
        integer = false;
        i++;
      } else break;
    }
    if (
      integer &&
      digits >= 16 &&
      text.charCodeAt(digitsStart) !== ZERO &&
      !Number.isSafeInteger(Number(text.slice(start, i)))
    ) {
      out += `${text.slice(copied, start)}"${text.slice(start, i)}"`;
      copied = i;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}
