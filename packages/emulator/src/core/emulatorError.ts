/**
 * An answer the emulator gives as an Alibaba error body: `{ RequestId, HostId, Code, Message, Recommend }` with
 * `statusCode`. Handlers throw it; the server turns it into the response.
 */
export class EmulatorError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'EmulatorError';
  }
}

/** `InvalidSecurityGroupId.NotFound` and friends: 400 with a message, as ENS answers them. */
export function notFound(code: string, message: string): EmulatorError {
  return new EmulatorError(code, 400, message);
}
