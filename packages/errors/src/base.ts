/**
 * `@ensdk/errors/base`: the error base classes and the functions that resolve an answer against a class list you
 * give, without the 214 generated service classes and their registry. `EnsError`, `EnsServiceError`,
 * `EnsPatternServiceError`, the client-side errors (`EnsValidationError`, `EnsNetworkError`, ...), `parseErrorBody`,
 * `serviceErrorFromResponse` and `errorFromJSONWith`. The root entry `@ensdk/errors` re-exports these very objects
 * (one shared module), so `instanceof` and identity hold whichever entry a program imports them from. The Node client
 * imports this entry when it loads and the root (every class, `errorFromResponse`) on its first service error answer.
 */
export * from './runtime/index.js';
