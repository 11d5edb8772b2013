/**
 * Vitest setup: tests may connect only to loopback. Every outgoing TCP connection is checked; one to any other
 * address is refused and fails the test that made it, even when the code under test swallows the error (the ECS
 * step of the chain treats "no answer" as "not on ECS", and something answers at 100.100.100.200 on some networks).
 */
import { isIP, Socket } from 'node:net';
import { afterEach } from 'vitest';

const attempts: string[] = [];

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1' || bare === '::ffff:127.0.0.1';
}

const original = Socket.prototype.connect;
Socket.prototype.connect = function connect(this: Socket, ...args: unknown[]): Socket {
  const first = args[0];
  const options =
    typeof first === 'object' && first !== null
      ? (first as { host?: unknown; port?: unknown; path?: unknown })
      : undefined;
  if (options?.path === undefined) {
    const host = String((options === undefined ? args[1] : options.host) ?? 'localhost');
    const port = String(options === undefined ? first : options.port);
    if (!isLoopback(host)) {
      attempts.push(`${host}:${port}`);
      throw new Error(`tests may connect only to loopback; this one tried ${host}:${port}`);
    }
  }
  return (original as (...a: unknown[]) => Socket).apply(this, args);
} as typeof Socket.prototype.connect;

afterEach(() => {
  const tried = attempts.splice(0);
  if (tried.length > 0) throw new Error(`the test tried to connect beyond loopback: ${tried.join(', ')}`);
});
