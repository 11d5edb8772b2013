/**
 * What an editor shows from the published declarations (dist/index.d.cts, read by TypeScript's checker as a hover
 * does): each `EnsBrowserClient` method names its error class in one whole `@throws` tag and links to `EnsClient`'s
 * method, and each standalone function links to its method, typed by `EnsBrowserFunction`.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EnsBrowserClient } from '../src/index.js';

const ACTIONS = ['RevokeSecurityGroupEgress', 'DescribeInstances', 'AttachDisk', 'CreateLoadBalancerHTTPSListener'];
const methodName = (action: string): string => action[0]!.toLowerCase() + action.slice(1);

describe("@ensdk/proxy's declarations (dist/index.d.cts) as a hover shows them", () => {
  const entry = fileURLToPath(new URL('../dist/index.d.cts', import.meta.url));
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    strict: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!);
  const symbolOf = (name: string): ts.Symbol => {
    const symbol = exported.find((s) => s.name === name);
    expect(symbol, name).toBeDefined();
    return symbol!.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol!) : symbol!;
  };

  it("EnsBrowserClient's methods: one whole @throws tag with the error class, a link to EnsClient's method", () => {
    const instance = checker.getDeclaredTypeOfSymbol(symbolOf('EnsBrowserClient'));
    for (const action of ACTIONS) {
      const method = instance.getProperty(methodName(action));
      expect(method, action).toBeDefined();
      const tags = method!.getJsDocTags(checker).map((tag) => [tag.name, ts.displayPartsToString(tag.text)]);
      // A `{` right after `@throws` is read as a type: the tag came apart into `{`, `@link` and `@ensdk`.
      expect(tags, action).toEqual([['throws', `\`${action}Error\``]]);
      const doc = ts.displayPartsToString(method!.getDocumentationComment(checker));
      expect(doc, action).toContain(`More: {@link @ensdk/client#EnsClient.${methodName(action)}}.`);
      expect(typeof Reflect.get(EnsBrowserClient.prototype, methodName(action)), action).toBe('function');
    }
  });

  it('each standalone function is an EnsBrowserFunction linking to its method', () => {
    for (const action of ACTIONS) {
      const fn = symbolOf(methodName(action));
      const parts = fn.getDocumentationComment(checker);
      const link = parts.find((part) => part.kind === 'linkName');
      // The link resolves (a linkName part with a target), to the class's method.
      expect(link?.text, action).toBe(`EnsBrowserClient.${methodName(action)}`);
      const type = checker.getTypeOfSymbol(fn);
      expect(checker.typeToString(type), action).toBe(`EnsBrowserFunction<${action}Input, ${action}Output>`);
      const [signature] = type.getCallSignatures();
      expect(
        signature?.getParameters().map((p) => p.name),
        action,
      ).toEqual(['client', 'input', 'options']);
      expect(checker.typeToString(signature!.getReturnType()), action).toBe(`Promise<${action}Output>`);
    }
  });
});
