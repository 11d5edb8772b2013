// The definitions are values of @ensdk/client/models (the root entry exports their types only).
import * as ensClient from '@ensdk/client/models';
import type { OperationDefinition } from '@ensdk/client';

let definitions: ReadonlyMap<string, OperationDefinition<unknown, unknown>> | undefined;

/** True for an operation definition of `@ensdk/client/models` (`revokeSecurityGroupEgressOperation`, ...). */
export function isOperationDefinition(value: unknown): value is OperationDefinition<unknown, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof Reflect.get(value, 'action') === 'string' &&
    Array.isArray(Reflect.get(value, 'parameters')) &&
    'output' in value &&
    typeof Reflect.get(value, 'input') === 'function'
  );
}

/** Every operation of the ENS API that `@ensdk/client` knows, by action name; built on first use. */
export function knownOperations(): ReadonlyMap<string, OperationDefinition<unknown, unknown>> {
  if (definitions === undefined) {
    const found = new Map<string, OperationDefinition<unknown, unknown>>();
    for (const value of Object.values(ensClient) as unknown[]) {
      if (isOperationDefinition(value)) found.set(value.action, value);
    }
    definitions = found;
  }
  return definitions;
}
