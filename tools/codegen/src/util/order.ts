/**
 * Code-unit order of two strings (`<` on JavaScript strings), independent of locale. For the ASCII names and keys
 * of Alibaba's metadata it is byte order, the order Alibaba's signatures sort parameters in; the generator uses it
 * wherever output must not depend on the machine. The generator's only comparator: the client and the emulator
 * keep their own (they may not import the codegen, and the emulator checks signatures by its own code on purpose).
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
