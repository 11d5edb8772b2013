// Service error classes written exactly as the code generator emits them.
import {
  EnsAbortError,
  EnsCredentialsError,
  EnsError,
  type EnsErrorClass,
  EnsNetworkError,
  EnsPatternServiceError,
  EnsResponseParseError,
  EnsServiceError,
  EnsTimeoutError,
  EnsValidationError,
  type ServiceErrorClassList,
} from '../../src/runtime/index.js';

export class SecurityGroupRuleNotFoundError extends EnsServiceError {
  static override readonly errorName = 'SecurityGroupRuleNotFoundError';
  static override readonly code = 'SecurityGroupRule.NotFound';
  static override readonly fault = 'client';
  static override readonly retryable = false;
  static override readonly httpStatus = 400;
  declare readonly code: 'SecurityGroupRule.NotFound';
}

export class ThrottlingUserError extends EnsServiceError {
  static override readonly errorName = 'ThrottlingUserError';
  static override readonly code = 'Throttling.User';
  static override readonly fault = 'client';
  static override readonly retryable = true;
  static override readonly httpStatus = 400;
  declare readonly code: 'Throttling.User';
}

/** The metadata spells this code with a stray tab; the runtime trims it. */
export class NoPermissionError extends EnsServiceError {
  static override readonly errorName = 'NoPermissionError';
  static override readonly code = 'NoPermission\t';
  static override readonly fault = 'client';
  static override readonly retryable = false;
  static override readonly httpStatus = 403;
  declare readonly code: 'NoPermission';
}

/** An exact code that also matches the `InvalidParameter.%s` pattern. */
export class InvalidParameterKeyPairNameError extends EnsServiceError {
  static override readonly errorName = 'InvalidParameterKeyPairNameError';
  static override readonly code = 'InvalidParameter.KeyPairName';
  static override readonly fault = 'client';
  static override readonly retryable = false;
  static override readonly httpStatus = 400;
  declare readonly code: 'InvalidParameter.KeyPairName';
}

export class InvalidParameterError extends EnsPatternServiceError {
  static override readonly errorName = 'InvalidParameterError';
  static override readonly codePattern = 'InvalidParameter.%s';
  static override readonly fault = 'client';
  static override readonly retryable = false;
  static override readonly httpStatus = 400;
  declare readonly code: 'InvalidParameter' | `InvalidParameter.${string}`;
}

export class InvalidError extends EnsPatternServiceError {
  static override readonly errorName = 'InvalidError';
  static override readonly codePattern = 'Invalid%s';
  static override readonly fault = 'client';
  static override readonly retryable = false;
  static override readonly httpStatus = 400;
  declare readonly code: `Invalid${string}`;
}

/** Pattern classes first: list order must not decide between exact and pattern matches. */
export const serviceClasses: ServiceErrorClassList = [
  InvalidError,
  InvalidParameterError,
  SecurityGroupRuleNotFoundError,
  ThrottlingUserError,
  NoPermissionError,
  InvalidParameterKeyPairNameError,
];

export const allClasses: readonly EnsErrorClass[] = [
  ...serviceClasses,
  EnsError,
  EnsServiceError,
  EnsPatternServiceError,
  EnsValidationError,
  EnsNetworkError,
  EnsTimeoutError,
  EnsAbortError,
  EnsResponseParseError,
  EnsCredentialsError,
];
