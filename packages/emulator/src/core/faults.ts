/**
 * A failure to inject for an action, for tests of retries and error handling. Several may be combined
 * (latency plus an error). `times` limits it to the next N matching requests; without it, it stays until cleared.
 */
export interface FaultSpec {
  /** Delay before answering, in ms. */
  readonly latencyMs?: number;
  /** Answer with this 5xx status and Alibaba's InternalError (500) or ServiceUnavailable (other) body. */
  readonly status?: number;
  /** Answer `Throttling.User` (HTTP 400) with `x-acs-retry-after` in ms when given. */
  readonly throttle?: { readonly retryAfterMs?: number };
  /** Destroy the connection without an answer (the client sees a reset). */
  readonly reset?: boolean;
  /** Answer HTTP 502 with an HTML page, as a gateway does. */
  readonly nonJson?: boolean;
  /** Announce a body longer than sent, send half of a JSON answer, then close. */
  readonly partialBody?: boolean;
  /** Apply to the next `times` matching requests only. */
  readonly times?: number;
}

interface ActiveFault {
  readonly spec: FaultSpec;
  remaining: number;
}

/** The faults armed on an emulator, by action (`'*'` for every action). */
export class FaultTable {
  readonly #faults = new Map<string, ActiveFault>();

  set(action: string, spec: FaultSpec): void {
    this.#faults.set(action, { spec, remaining: spec.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.#faults.clear();
  }

  /** The fault to apply to this request, consuming one of its `times`. */
  take(action: string): FaultSpec | undefined {
    for (const key of [action, '*']) {
      const fault = this.#faults.get(key);
      if (fault === undefined) continue;
      if (fault.remaining <= 0) {
        this.#faults.delete(key);
        continue;
      }
      fault.remaining--;
      return fault.spec;
    }
    return undefined;
  }
}
