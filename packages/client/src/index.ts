/**
 * `@ensdk/client`: typed operations of Alibaba Cloud ENS 2017-11-10. This release carries the generated
 * surface (types, input validation, wire mappings); the signing HTTP runtime (`EnsClient`) lands next.
 */
export * from './models.js';
