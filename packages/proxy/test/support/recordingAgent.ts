import { Agent, type Dispatcher } from 'undici';

/** An undici Agent that keeps every signing header value the client sent (Authorization, x-acs-*). */
export class RecordingAgent extends Agent {
  readonly signed = new Set<string>();

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const headers = options.headers;
    if (
      headers !== null &&
      headers !== undefined &&
      typeof headers === 'object' &&
      !Array.isArray(headers) &&
      !(Symbol.iterator in headers)
    ) {
      for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
        if (typeof value !== 'string') continue;
        if (name.toLowerCase() === 'authorization') this.signed.add(value);
        // Values that are specific to one signed request (the date and the nonce are too short-lived to matter).
        if (/^x-acs-(signature-nonce|content-sha256|security-token)$/i.test(name)) this.signed.add(value);
      }
    }
    return super.dispatch(options, handler);
  }
}
