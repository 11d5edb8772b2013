import type { OperationDefinition } from '../core/operation.js';
import { validateWithConstraints } from '../core/validation/constraints.js';
import { validateInput } from '../core/validation/issues.js';

/**
 * Inputs `validateOperationInput` produced, each with the operation it was validated for. Module-private: nothing
 * outside this module can add an entry, so an input is only ever trusted because this module checked it.
 */
const validatedInputs = new WeakMap<object, OperationDefinition<unknown, unknown>>();

/** Freezes `root` and every object and array it holds (a parsed input: plain data, no cycles). */
function deepFreeze(root: object): void {
  const pending: object[] = [root];
  for (let value = pending.pop(); value !== undefined; value = pending.pop()) {
    if (Object.isFrozen(value)) continue;
    Object.freeze(value);
    for (const key of Object.keys(value)) {
      const child: unknown = Reflect.get(value, key);
      if (typeof child === 'object' && child !== null) pending.push(child);
    }
  }
}

/**
 * Validates `input` for `definition` ahead of the call, as `send` would: returns the parsed input or throws an
 * `EnsValidationError` naming every field and rule, with no I/O. The result is deeply frozen and recorded as
 * validated for this operation, so `send(definition, result)` on a client of this package does not validate it a
 * second time (a server that checks what it received before forwarding it, such as `@ensdk/proxy/server`, pays for
 * one validation, not two). Anything else `send` receives (a copy, an object validated for another operation, an
 * input from another copy of this package) is validated as usual.
 */
export function validateOperationInput<I, O>(definition: OperationDefinition<I, O>, input: unknown): I {
  const valid = validateInput(definition.action, definition.input(), input);
  if (typeof valid === 'object' && valid !== null) {
    deepFreeze(valid);
    validatedInputs.set(valid, definition as OperationDefinition<unknown, unknown>);
  }
  return valid;
}

/**
 * The input `send` may sign: `input` itself when `validateOperationInput` produced it for `definition`, else validated
 * now by the operation's constraints (the same issues as its zod schema, without loading zod on a call).
 */
export function inputToSend<I, O>(definition: OperationDefinition<I, O>, input: I): I {
  if (typeof input === 'object' && input !== null && validatedInputs.get(input) === definition) return input;
  return validateWithConstraints(definition.action, definition.constraints, input);
}
