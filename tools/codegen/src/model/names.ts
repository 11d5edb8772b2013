/** Splits an identifier into words at separators and case changes (`KMSKeyId` → KMS, Key, Id). */
function words(identifier: string): string[] {
  return identifier
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .flatMap((part) => part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+[a-z]*/g) ?? [part]);
}

/** Wire name to the camelCase name of ensdk's API: `IpProtocol` → `ipProtocol`, `KMSKeyId` → `kmsKeyId`, `DataDisk.1.Size` → `dataDisk1Size`. */
export function toCamelCase(wireName: string): string {
  const parts = words(wireName).map((w) => w.toLowerCase());
  return parts.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

/** Upper-cases the first letter: `revoke` → `Revoke`. */
export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lower-cases the first letter: `RevokeSecurityGroupEgress` → `revokeSecurityGroupEgress`. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Error code to class name: PascalCase of the code's segments plus `Error`, unless it already ends in `Error`.
 * All-caps segments are title-cased. `%s` (a pattern's variable part) is dropped.
 * `InvalidSecurityGroupId.NotFound` → `InvalidSecurityGroupIdNotFoundError`; `ens.interface.error` → `EnsInterfaceError`;
 * `PARAM_NOT_ENOUGH` → `ParamNotEnoughError`; `InvalidParameter.%s` → `InvalidParameterError`.
 * With `keepSeparators`, each run of separators becomes `_` (used to resolve collisions).
 */
export function errorClassName(code: string, keepSeparators = false): string {
  const segments = code
    .trim()
    .replace(/%s/g, '')
    .split(/([^A-Za-z0-9]+)/)
    .filter(Boolean);
  let name = '';
  for (const segment of segments) {
    if (/^[^A-Za-z0-9]+$/.test(segment)) {
      if (keepSeparators && name !== '') name += '_';
      continue;
    }
    name += /^[A-Z0-9]{2,}$/.test(segment) ? upperFirst(segment.toLowerCase()) : upperFirst(segment);
  }
  name = name.replace(/_+$/, '');
  if (/^[0-9]/.test(name)) name = `E${name}`;
  return name.endsWith('Error') ? name : `${name}Error`;
}

/** A pattern code's literal part, which is also the bare code that joins the pattern's class: `InvalidParameter.%s` → `InvalidParameter`. */
export function patternStem(code: string): string {
  return code.replace(/[^A-Za-z0-9]*%s.*$/, '');
}
