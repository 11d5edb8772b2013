/** The longest delay `setTimeout` keeps, in ms (2^31 − 1): a longer one, `Infinity` included, fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Checks a client's numeric option (a time limit, a retry count, a size) before anything is sent: `value` must be an
 * integer from `min` to `max` (default: a time limit, 1 to {@link MAX_TIMER_MS}). Throws a `RangeError` naming `field`,
 * the rule and what it got; returns `value`. Without it, `NaN` or a time limit beyond `MAX_TIMER_MS` would end every
 * call at once in a time-out error that names nothing.
 */
export function checkIntegerOption(field: string, value: unknown, min = 1, max = MAX_TIMER_MS): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw new RangeError(
      `${field} must be an integer from ${min} to ${max}; got ${typeof value === 'number' ? value : typeof value}`,
    );
  }
  return value as number;
}
