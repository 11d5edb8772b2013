import type * as z from 'zod/mini';
import { zod } from '../zod.js';

/** A parsed `start/end` port range. */
export interface PortRange {
  readonly start: number;
  readonly end: number;
}

const PORT_RANGE = /^(-?\d{1,5})\/(-?\d{1,5})$/;

/** Parses `start/end` (`22/22`, `-1/-1`); undefined when the text is not of that form. */
export function parsePortRange(value: string): PortRange | undefined {
  const match = PORT_RANGE.exec(value);
  if (match === null) return undefined;
  return { start: Number(match[1]), end: Number(match[2]) };
}

/** Why a port range breaks `start/end` with `minimum <= start <= end <= maximum`, or undefined when it holds. */
export function portRangeProblem(value: string, minimum: number, maximum: number): string | undefined {
  const range = parsePortRange(value);
  if (range === undefined) return `must be "start/end", e.g. "22/22"; got "${value}"`;
  if (range.start > range.end) return `start ${range.start} > end ${range.end}`;
  if (range.start < minimum) return `start ${range.start} is below ${minimum}`;
  if (range.end > maximum) return `end ${range.end} is above ${maximum}`;
  return undefined;
}

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
const PREFIX = /^(3[0-2]|[12]?\d)$/;

/** True for a dotted-quad IPv4 address without leading zeros (`192.168.1.1`). */
export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

/** True for an IPv4 CIDR block (`10.0.0.0/8`). */
export function isIpv4Cidr(value: string): boolean {
  const slash = value.indexOf('/');
  return slash > 0 && isIpv4(value.slice(0, slash)) && PREFIX.test(value.slice(slash + 1));
}

/** A documented string format: the rule name its issues carry, and what is wrong with a value (undefined when valid). */
export interface StringFormat {
  /** Rule name of the issue, e.g. `'format:port-range'`. */
  readonly rule: string;
  /** Why `value` breaks the format, or undefined when it holds. */
  readonly problem: (value: string) => string | undefined;
}

/** Format `port-range`: `start/end` integers with start <= end (`-1/-1` allowed; protocol rules narrow it). */
export const portRangeStringFormat: StringFormat = {
  rule: 'format:port-range',
  problem: (v) => portRangeProblem(v, -1, 65535),
};

/** Format `ipv4`: a dotted-quad IPv4 address. */
export const ipv4StringFormat: StringFormat = {
  rule: 'format:ipv4',
  problem: (v) => (isIpv4(v) ? undefined : `must be an IPv4 address such as 192.168.1.1; got "${v}"`),
};

/** Format `ipv4-cidr`: an IPv4 CIDR block. */
export const ipv4CidrStringFormat: StringFormat = {
  rule: 'format:ipv4-cidr',
  problem: (v) => (isIpv4Cidr(v) ? undefined : `must be an IPv4 CIDR block such as 10.0.0.0/8; got "${v}"`),
};

/** Format `ipv4-or-cidr`: an IPv4 address or an IPv4 CIDR block. */
export const ipv4OrCidrStringFormat: StringFormat = {
  rule: 'format:ipv4-or-cidr',
  problem: (v) =>
    isIpv4(v) || isIpv4Cidr(v) ? undefined : `must be an IPv4 address or CIDR block such as 10.0.0.0/8; got "${v}"`,
};

/** The zod check of a format, built on first call (zod/mini is provided lazily, see `core/zod.ts`). */
function formatCheck(format: StringFormat): () => z.core.$ZodCheck<string> {
  let check: z.core.$ZodCheck<string> | undefined;
  return () =>
    (check ??= zod().superRefine((value: string, ctx) => {
      const message = format.problem(value);
      if (message !== undefined) ctx.addIssue({ code: 'custom', message, input: value, params: { rule: format.rule } });
    }));
}

/** zod check of format `port-range` ({@link portRangeStringFormat}). Built on first call. */
export const portRangeFormat: () => z.core.$ZodCheck<string> = /* @__PURE__ */ formatCheck(portRangeStringFormat);

/** zod check of format `ipv4` ({@link ipv4StringFormat}). Built on first call. */
export const ipv4Format: () => z.core.$ZodCheck<string> = /* @__PURE__ */ formatCheck(ipv4StringFormat);

/** zod check of format `ipv4-cidr` ({@link ipv4CidrStringFormat}). Built on first call. */
export const ipv4CidrFormat: () => z.core.$ZodCheck<string> = /* @__PURE__ */ formatCheck(ipv4CidrStringFormat);

/** zod check of format `ipv4-or-cidr` ({@link ipv4OrCidrStringFormat}). Built on first call. */
export const ipv4OrCidrFormat: () => z.core.$ZodCheck<string> = /* @__PURE__ */ formatCheck(ipv4OrCidrStringFormat);
