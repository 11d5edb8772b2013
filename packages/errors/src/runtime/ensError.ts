import { jsonReader } from './internal.js';

/** Who is to blame for an error: the caller (`'client'`) or the service / the network (`'server'`). */
export type EnsFault = 'client' | 'server';

/** Options accepted by every ensdk error constructor. */
export interface EnsErrorOptions {
  /** The underlying error. Kept on `cause`, never serialized. */
  cause?: unknown;
  /** How many HTTP attempts were made. */
  attempts?: number;
}

/** The JSON form of a plain {@link EnsError}; every other error JSON extends it. */
export interface EnsBaseErrorJSON {
  /** The `errorName` of the error's class. */
  name: string;
  message: string;
  attempts?: number;
}

const BRAND = Symbol.for('@ensdk/errors.brand');
const brands = new WeakMap<object, readonly string[]>();

/** The `errorName`s of `ctor` and its ancestors, most derived first. */
function brandOf(ctor: typeof EnsError): readonly string[] {
  let names = brands.get(ctor);
  if (names === undefined) {
    const found: string[] = [];
    for (let c: unknown = ctor; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
      const name: unknown = Object.hasOwn(c, 'errorName') ? Reflect.get(c, 'errorName') : undefined;
      if (typeof name === 'string') found.push(name);
    }
    names = Object.freeze(found);
    brands.set(ctor, names);
  }
  return names;
}

/**
 * Base class of every error thrown by ensdk.
 *
 * `instanceof` also recognizes errors created by another copy of this package (e.g. the ESM and
 * the CJS build loaded side by side): instances carry a brand listing the `errorName` of each class
 * in their chain.
 */
export class EnsError extends Error {
  /** Stable class identifier (unlike the class name, it survives minification). Overridden by every subclass. */
  static readonly errorName: string = 'EnsError';

  /** How many HTTP attempts were made, when known. Set by the client once retries are over. */
  attempts?: number;
  /** Who is to blame. */
  readonly fault: EnsFault = 'client';
  /** Whether sending the same request again may succeed. */
  readonly retryable: boolean = false;

  /** @param message - Human-readable description. */
  constructor(message: string, options?: EnsErrorOptions) {
    super(message, options !== undefined && 'cause' in options ? { cause: options.cause } : undefined);
    this.name = new.target.errorName;
    this.attempts = options?.attempts;
    Object.defineProperty(this, BRAND, { value: brandOf(new.target) });
  }

  /** True for instances of this class, including instances created by another copy of the package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    if (Object.prototype.isPrototypeOf.call(this.prototype, value)) return true;
    if (!Object.hasOwn(this, 'errorName')) return false;
    const brand: unknown = Reflect.get(value, BRAND);
    return Array.isArray(brand) && brand.includes(this.errorName);
  }

  /** Rebuilds an error of this class from its {@link EnsError.toJSON} output; invalid fields are ignored. */
  static fromJSON(json: unknown): EnsError {
    const r = jsonReader(json);
    return new this(r.str('message') ?? '', { attempts: r.num('attempts') });
  }

  /**
   * Plain-data form (never includes `cause` or `stack`); `undefined` fields are left out. Each subclass returns its
   * own, wider JSON type; `EnsErrorJSON` is the union of them all.
   */
  toJSON(): EnsBaseErrorJSON {
    const json: EnsBaseErrorJSON = { name: this.name, message: this.message };
    if (this.attempts !== undefined) json.attempts = this.attempts;
    return json;
  }
}
