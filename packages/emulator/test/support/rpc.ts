import { acsTimestamp, signatureNonce, signRequestRpc } from '@ensdk/client';
import { DEMO_ACCESS_KEY } from '../../src/index.js';

/** The query of a GET signed the RPC way (HMAC-SHA1) with the demo key: the operation's parameters plus the common ones. */
export function rpcSignedQuery(action: string, extra: Record<string, string>): Record<string, string> {
  return signRequestRpc(
    {
      method: 'GET',
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
