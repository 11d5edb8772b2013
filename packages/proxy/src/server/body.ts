/** Internal: how the body reader reports an over-long body. Shared by the handler and the Node adapter. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body exceeds ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Outcome of reading a request body with a size limit. */
export type BodyReadResult =
  | { readonly kind: 'ok'; readonly bytes: Uint8Array }
  | { readonly kind: 'tooLarge' }
  | { readonly kind: 'failed'; readonly error: unknown };

/** Reads at most `limit` bytes of `body`; stops reading (and cancels the stream) as soon as the limit is passed. */
export async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<BodyReadResult> {
  if (body === null) return { kind: 'ok', bytes: new Uint8Array(0) };
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = body.getReader();
  } catch (error) {
    return { kind: 'failed', error };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        reader.cancel().catch(() => undefined);
        return { kind: 'tooLarge' };
      }
      chunks.push(value);
    }
  } catch (error) {
    return error instanceof BodyTooLargeError ? { kind: 'tooLarge' } : { kind: 'failed', error };
  } finally {
    try {
      reader.releaseLock();
    } catch {
      // already released or errored
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { kind: 'ok', bytes };
}

/** A declared `content-length`, when it is a plain decimal number; anything else is left to the streaming check. */
export function declaredLength(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  return /^\d{1,16}$/.test(text) ? Number(text) : undefined;
}

/** Where the handler created by `createEnsProxyHandler` keeps its body limit, so `toNodeListener` can default to it. */
export const handlerBodyLimits = new WeakMap<object, number>();

/** Default largest request body, in bytes. */
export const DEFAULT_MAX_BODY_BYTES = 65_536;
