/** Receives ensdk's debug lines. Fields never hold a secret: signatures, secrets and STS tokens are redacted. */
export interface EnsLogger {
  debug(message: string, fields: Readonly<Record<string, unknown>>): void;
}

/** The logger used when `ENSDK_DEBUG=1` and no logger is given: one line per event on stderr. */
export const stderrLogger: EnsLogger = {
  debug(message, fields) {
    process.stderr.write(`[ensdk] ${message} ${JSON.stringify(fields)}\n`);
  },
};

const REDACTED = '[redacted]';
const SECRET_QUERY = new Set(['Signature', 'SecurityToken']);
const SECRET_HEADERS = new Set(['x-acs-security-token']);

/** Query parameters safe to log: `Signature` and `SecurityToken` redacted. */
export function redactQuery(query: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) out[key] = SECRET_QUERY.has(key) ? REDACTED : value;
  return out;
}

/** Headers safe to log: the STS token redacted, and the signature cut out of `Authorization`. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (SECRET_HEADERS.has(key)) out[key] = REDACTED;
    else if (key === 'authorization') out[key] = value.replace(/Signature=[^,\s]*/, `Signature=${REDACTED}`);
    else out[key] = value;
  }
  return out;
}
