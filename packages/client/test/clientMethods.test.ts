import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EnsBareClient, EnsClient, type EnsRequestOptions, Paginator } from '../src/index.js';

// EnsClient's methods are made at load from one table (node/operations.ts; the generator's emit/clientClass.ts): a
// method per operation and per paginator, whose types and TSDoc are an interface merged with the class. These tests
// hold what the table must not lose: every operation's method, calling that operation; every paginator's; the
// documentation in the declarations users get (dist/index.d.cts: turbo builds the package before its tests).
const generated = new URL('../src/generated/', import.meta.url);
/** Generated files' operation names in a folder of src/generated (not the barrel). */
const operationsIn = (dir: string): string[] =>
  readdirSync(new URL(`${dir}/`, generated))
    .filter((file) => file.endsWith('.gen.ts') && file !== 'index.gen.ts')
    .map((file) => file.slice(0, -'.gen.ts'.length))
    .sort();
const OPERATIONS = operationsIn('operations');
const PAGED = operationsIn('paginators');
const methodName = (operation: string): string => operation.charAt(0).toLowerCase() + operation.slice(1);

type Sent = { action: string; input: unknown; options: unknown };
/** An EnsClient whose `send` records what each call would send and answers `{}` (no I/O). */
class RecordingClient extends EnsClient {
  readonly sent: Sent[] = [];
  override send<I, O>(definition: { action: string }, input: I, options?: unknown): Promise<O> {
    this.sent.push({ action: definition.action, input, options });
    return Promise.resolve({} as O);
  }
}
const recording = () => new RecordingClient({ credentials: { accessKeyId: 'a', accessKeySecret: 'b' } });
/** A method of the client by name, as a user's (untyped) code would call it. */
const method = (client: EnsClient, name: string) =>
  Reflect.get(client, name) as ((input?: unknown, options?: unknown) => unknown) | undefined;

describe('EnsClient made from one table', () => {
  it('has a method per operation, each sending its own operation with the input and options given', async () => {
    expect(OPERATIONS.length).toBe(231);
    const client = recording();
    for (const operation of OPERATIONS) {
      const input = { marker: operation };
      const options = { maxRetries: 0 };
      await expect(method(client, methodName(operation))?.call(client, input, options)).resolves.toEqual({});
      expect(client.sent.pop(), operation).toEqual({ action: operation, input, options });
    }
    expect(client.sent).toEqual([]);
  });

  it('has a paginator method per paged operation, paging through that operation', async () => {
    expect(PAGED.length).toBe(32);
    const client = recording();
    for (const operation of PAGED) {
      const paginator = method(client, `paginate${operation}`)?.call(client, { marker: operation }, { maxPages: 1 });
      expect(paginator, operation).toBeInstanceOf(Paginator);
      for await (const page of paginator as Paginator<unknown, unknown, EnsRequestOptions>) expect(page).toEqual({});
      expect(client.sent.map((sent) => sent.action)).toEqual([operation]);
      expect(client.sent.pop()?.input).toMatchObject({ marker: operation });
    }
  });

  it('keeps what a class body gave: instanceof, methods on the prototype chain, not enumerable, nothing else', () => {
    const client = new EnsClient({ credentials: { accessKeyId: 'a', accessKeySecret: 'b' } });
    expect(client).toBeInstanceOf(EnsClient);
    expect(client).toBeInstanceOf(EnsBareClient);
    expect(client.constructor).toBe(EnsClient);
    const expected = [...OPERATIONS.map(methodName), ...PAGED.map((operation) => `paginate${operation}`)];
    const methods = new Set<string>();
    for (let proto = Object.getPrototypeOf(client); proto !== EnsBareClient.prototype; ) {
      for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') methods.add(name);
      proto = Object.getPrototypeOf(proto);
    }
    expect([...methods].sort()).toEqual(expected.sort());
    const enumerable: string[] = [];
    for (const key in client) enumerable.push(key);
    expect(enumerable.filter((key) => methods.has(key))).toEqual([]);
    // A method is the same function on every client (on the prototype, not made per instance).
    const other = new EnsClient({ credentials: { accessKeyId: 'a', accessKeySecret: 'b' } });
    expect(client.describeInstances).toBe(other.describeInstances);
  });
});

describe("EnsClient's declarations (dist/index.d.cts)", () => {
  it('type every method and carry its TSDoc, as hover docs show it', () => {
    const entry = fileURLToPath(new URL('../dist/index.d.cts', import.meta.url));
    const program = ts.createProgram([entry], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      skipLibCheck: false,
    });
    const file = program.getSourceFile(entry)!;
    const checker = program.getTypeChecker();
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(file)!);
    const symbol = exported.find((s) => s.name === 'EnsClient')!;
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    // Declared as a class and an interface with the same name (declaration merging).
    expect(target.declarations?.map((d) => ts.SyntaxKind[d.kind]).sort()).toEqual([
      'ClassDeclaration',
      'InterfaceDeclaration',
    ]);
    const instance = checker.getDeclaredTypeOfSymbol(target);
    const docOf = (name: string): string => {
      const property = instance.getProperty(name);
      expect(property, name).toBeDefined();
      const tags = property!.getJsDocTags(checker).map((tag) => `@${tag.name} ${ts.displayPartsToString(tag.text)}`);
      return [ts.displayPartsToString(property!.getDocumentationComment(checker)), ...tags].join('\n');
    };
    for (const operation of OPERATIONS) {
      const doc = docOf(methodName(operation));
      expect(doc, operation).toContain(`@throws`);
      expect(doc, operation).toContain(`${operation}Error`);
      // One whole @throws tag naming the class, as an editor shows it (a `{` right after `@throws` split it into tags).
      const throwsTags = instance
        .getProperty(methodName(operation))!
        .getJsDocTags(checker)
        .filter((tag) => tag.name === 'throws')
        .map((tag) => ts.displayPartsToString(tag.text));
      expect(throwsTags, operation).toEqual([`\`${operation}Error\`, or a client-side \`EnsError\`.`]);
      const signature = checker.getSignaturesOfType(
        checker.getTypeOfSymbol(instance.getProperty(methodName(operation))!),
        ts.SignatureKind.Call,
      )[0]!;
      expect(checker.typeToString(signature.getReturnType()), operation).toBe(`Promise<${operation}Output>`);
    }
    for (const operation of PAGED) {
      expect(docOf(`paginate${operation}`), operation).toContain(`Walks the pages of ${operation}`);
    }
    // The class keeps its own documentation beside the interface's.
    const classDoc = target.declarations!.find(ts.isClassDeclaration)!;
    expect(
      ts
        .getJSDocCommentsAndTags(classDoc)
        .map((d) => d.getText())
        .join('\n'),
    ).toContain('one method per operation (231)');
    // And the declarations compile as users' code reads them.
    expect(
      ts.getPreEmitDiagnostics(program, file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    ).toEqual([]);
    // A TypeScript program over the package's declarations: seconds alone, more on a busy machine.
  }, 180_000);
});
