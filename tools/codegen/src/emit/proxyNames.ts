import type { Operation } from '../model/types.js';

/** Exported name of an operation's proxy descriptor (`revokeSecurityGroupEgressProxyOperation`). */
export function proxyName(op: Operation): string {
  return `${op.methodName}ProxyOperation`;
}
