import { acsTimestamp, signatureNonce, signRequestRpc } from '@ensdk/client';
import { DEMO_ACCESS_KEY } from '../../src/index.js';

/** Parameters signed the RPC way (HMAC-SHA1) with the demo key for `method`: the operation's plus the common ones. */
export function rpcSignedQuery(
  action: string,
  extra: Record<string, string>,
  method: 'GET' | 'POST' = 'GET',
): Record<string, string> {
  return signRequestRpc(
    {
      method,
      query: {
        ...extra,
        Action: action,
        Version: '2017-11-10',
        Format: 'JSON',
        SignatureNonce: signatureNonce(),
        Timestamp: acsTimestamp(),
      },
    },
    DEMO_ACCESS_KEY,
  ).query;
}
