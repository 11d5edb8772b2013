import { isEnsError } from '@ensdk/errors';
export function h(e: unknown) { if (isEnsError(e, 'SecurityGroupRule.NotFound')) { const x: 'SecurityGroupRule.NotFound' = e.code; return e.field; } return x; }
