import {
  type MethodSignatureStructure,
  type OptionalKind,
  type StatementStructures,
  StructureKind,
  VariableDeclarationKind,
} from 'ts-morph';
import type { Operation, Paging, ServiceModel } from '../model/types.js';
import { clientNames } from './clientOperation.js';
import { type GeneratedFile, header, quote, type TypeScriptPrinter, typeImport } from './common.js';
import { proxyName } from './proxyNames.js';

/** Where the Node client's paginators go (one file per paged operation). */
export const CLIENT_PAGINATORS_DIR = 'packages/client/src/generated/paginators';
/** Where the browser client's paginators go. */
export const PROXY_PAGINATORS_DIR = 'packages/proxy/src/generated/paginators';

/** A paged operation of the model, with its paging. */
export type PagedOperation = Operation & { readonly paging: Paging };

/** The operations that page, in model order. */
export function pagedOperations(model: ServiceModel): PagedOperation[] {
  return model.operations.filter((op): op is PagedOperation => op.paging !== undefined);
}

/** Exported names of one paged operation's generated paginator file. */
export function paginatorNames(op: Operation) {
  return {
    paginate: `paginate${op.name}`,
    item: `${op.name}Item`,
    pageInput: `${op.name}PageInput`,
    paging: `${op.methodName}Paging`,
  };
}

/** The runtime description of how an operation pages (`Paging` of `@ensdk/client/pagination`), as source. */
export function pagingLiteral(op: PagedOperation): string {
  return JSON.stringify(pagingValue(op));
}

/** The runtime description of how an operation pages (`Paging` of `@ensdk/client/pagination`). */
export function pagingValue(op: PagedOperation): Record<string, unknown> {
  const p = op.paging;
  const common = { action: op.name, ...(p.maxPageSize === undefined ? {} : { maxPageSize: p.maxPageSize }) };
  const items = p.items.map((m) => m.name);
  const value =
    p.kind === 'pageNumber'
      ? {
          kind: p.kind,
          ...common,
          pageNumber: p.pageNumber.name,
          pageNumberType: p.pageNumber.type,
          pageSize: p.pageSize.name,
          pageSizeType: p.pageSize.type,
          ...(p.totalCount === undefined ? {} : { totalCount: p.totalCount.name }),
          ...(p.outputPageSize === undefined ? {} : { outputPageSize: p.outputPageSize.name }),
          items,
        }
      : {
          kind: p.kind,
          ...common,
          inputToken: p.inputToken.name,
          outputToken: p.outputToken.name,
          ...(p.pageSize === undefined ? {} : { pageSize: p.pageSize.name, pageSizeType: p.pageSize.type }),
          items,
        };
  return value;
}

/** The input member the paginator sets from `options.pageSize`, which its input type therefore leaves out. */
function pageSizeMember(op: PagedOperation): string | undefined {
  return op.paging.pageSize?.name;
}

function itemType(op: PagedOperation): string {
  let type = clientNames(op).output;
  for (const m of op.paging.items) type = `NonNullable<${type}[${quote(m.name)}]>`;
  return `${type}[number]`;
}

function pageInputType(op: PagedOperation): string {
  const size = pageSizeMember(op);
  return size === undefined ? clientNames(op).input : `Omit<${clientNames(op).input}, ${quote(size)}>`;
}

/** Whether the input may be left out: no required parameter besides the page size. */
function inputOptional(op: PagedOperation): boolean {
  return !op.parameters.some((p) => p.required && p.name !== pageSizeMember(op));
}

function stopsWhen(op: PagedOperation): string {
  const p = op.paging;
  if (p.kind === 'token') {
    return `until an answer has no \`${p.outputToken.name}\` (a token given twice ends in \`EnsPaginationError\`)`;
  }
  const total = p.totalCount === undefined ? '' : `once \`${p.totalCount.name}\` items arrived, `;
  return `${total}on a short or empty page`;
}

/** TSDoc of a paginator, on its standalone function and its class method alike. */
export function paginatorDoc(op: PagedOperation, where: 'node' | 'browser'): string {
  const n = paginatorNames(op);
  const size = op.paging.maxPageSize === undefined ? "the service's default" : String(op.paging.maxPageSize);
  const call = where === 'node' ? 'ens' : 'browserClient';
  const input = inputOptional(op) ? '' : 'input';
  return [
    `Walks the pages of ${op.name}: each page is one ordinary call (validated, retried, typed errors), ${stopsWhen(op)}, or after \`maxPages\`; \`signal\` stops it at once.`,
    `Page size: \`options.pageSize\`, default ${size}.`,
    `@example\n\`\`\`ts\nfor await (const page of ${n.paginate}(${call}${input === '' ? '' : `, ${input}`})) console.log(page);\nfor await (const item of ${call}.${n.paginate}(${input || '{}'}, { maxPages: 3 }).items()) console.log(item);\n\`\`\``,
    `@returns a {@link Paginator} of {@link ${clientNames(op).output}} pages; \`.items()\` yields each {@link ${n.item}}.`,
  ].join('\n\n');
}

interface ClientFlavour {
  readonly dir: string;
  readonly clientType: string;
  readonly optionsType: string;
  readonly paginationModule: string;
  readonly clientImport: { readonly names: readonly string[]; readonly from: string };
  readonly operationImport: (op: Operation) => {
    readonly value: string;
    readonly from: string;
    readonly typesFrom?: string;
  };
  readonly call: (op: Operation) => string;
  readonly where: 'node' | 'browser';
}

const NODE: ClientFlavour = {
  dir: CLIENT_PAGINATORS_DIR,
  clientType: 'EnsBareClient',
  optionsType: 'EnsRequestOptions',
  paginationModule: '../../core/pagination.js',
  clientImport: { names: ['EnsBareClient'], from: '../../node/bareClient.js' },
  // Node: the page calls go through the standalone function, which loads the operation's module on first use.
  operationImport: (op) => ({
    value: op.methodName,
    from: `../functions/${op.name}.gen.js`,
    typesFrom: `../operations/${op.name}.gen.js`,
  }),
  call: (op) => `${op.methodName}(client, pageInput as ${clientNames(op).input}, requestOptions)`,
  where: 'node',
};

const BROWSER: ClientFlavour = {
  dir: PROXY_PAGINATORS_DIR,
  clientType: 'EnsBrowserBareClient',
  optionsType: 'EnsBrowserRequestOptions',
  paginationModule: '@ensdk/client/pagination',
  clientImport: { names: ['EnsBrowserBareClient', 'EnsBrowserRequestOptions'], from: '../../core/browserClient.js' },
  operationImport: (op) => ({ value: proxyName(op), from: `../operations/${op.name}.gen.js` }),
  call: (op) => `client.call(${proxyName(op)}, pageInput as ${clientNames(op).input}, requestOptions)`,
  where: 'browser',
};

function emitPaginator(
  model: ServiceModel,
  op: PagedOperation,
  printer: TypeScriptPrinter,
  flavour: ClientFlavour,
): GeneratedFile {
  const c = clientNames(op);
  const n = paginatorNames(op);
  const target = flavour.operationImport(op);
  const statements: (string | StatementStructures)[] = [
    header(model),
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: [
        'Paginator',
        { name: 'PaginationOptions', isTypeOnly: true },
        { name: 'Paging', isTypeOnly: true },
      ],
      moduleSpecifier: flavour.paginationModule,
    },
    typeImport([...flavour.clientImport.names], flavour.clientImport.from),
    ...(flavour.where === 'node'
      ? [
          {
            kind: StructureKind.ImportDeclaration as const,
            isTypeOnly: true,
            namedImports: ['EnsRequestOptions'],
            moduleSpecifier: '../../node/options.js',
          },
        ]
      : []),
    ...(target.typesFrom === undefined
      ? [
          {
            kind: StructureKind.ImportDeclaration as const,
            namedImports: [target.value, { name: c.input, isTypeOnly: true }, { name: c.output, isTypeOnly: true }],
            moduleSpecifier: target.from,
          },
        ]
      : [
          {
            kind: StructureKind.ImportDeclaration as const,
            namedImports: [target.value],
            moduleSpecifier: target.from,
          },
          {
            kind: StructureKind.ImportDeclaration as const,
            isTypeOnly: true,
            namedImports: [c.input, c.output],
            moduleSpecifier: target.typesFrom,
          },
        ]),
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: n.item,
      docs: [
        `One item of ${op.name}'s list (\`${op.paging.items.map((m) => m.wireName).join('.')}\`), as \`.items()\` yields it.`,
      ],
      type: itemType(op),
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: n.pageInput,
      docs: [
        pageSizeMember(op) === undefined
          ? `Input of {@link ${n.paginate}}: ${op.name}'s input.`
          : `Input of {@link ${n.paginate}}: ${op.name}'s input without \`${pageSizeMember(op)}\` (\`options.pageSize\` sets it on every page).`,
      ],
      type: pageInputType(op),
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        `How ${op.name} pages (${op.paging.decidedBy === 'overlay' ? 'decided by the overlay' : 'detected from the metadata'}).`,
      ],
      declarations: [{ name: n.paging, type: 'Paging', initializer: pagingLiteral(op) }],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: n.paginate,
      docs: [paginatorDoc(op, flavour.where)],
      parameters: [
        { name: 'client', type: flavour.clientType },
        { name: 'input', type: n.pageInput, ...(inputOptional(op) ? { initializer: '{}' } : {}) },
        { name: 'options', type: `PaginationOptions & ${flavour.optionsType}`, initializer: '{}' },
      ],
      returnType: `Paginator<${c.output}, ${n.item}, ${flavour.optionsType}>`,
      statements: [
        `return new Paginator(${n.paging}, (pageInput, requestOptions) => ${flavour.call(op)}, input, options);`,
      ],
    },
  ];
  return printer.print(`${flavour.dir}/${op.name}.gen.ts`, { statements });
}

function emitIndex(model: ServiceModel, printer: TypeScriptPrinter, dir: string): GeneratedFile {
  const statements: (string | StatementStructures)[] = [header(model)];
  for (const op of pagedOperations(model)) {
    const n = paginatorNames(op);
    statements.push({
      kind: StructureKind.ExportDeclaration,
      namedExports: [n.paginate, n.paging, { name: n.item, isTypeOnly: true }, { name: n.pageInput, isTypeOnly: true }],
      moduleSpecifier: `./${op.name}.gen.js`,
    });
  }
  return printer.print(`${dir}/index.gen.ts`, { statements });
}

/** Emits `paginators/<Operation>.gen.ts` of `@ensdk/client`: `paginateX(client, input, options)`. */
export function emitClientPaginator(
  model: ServiceModel,
  op: PagedOperation,
  printer: TypeScriptPrinter,
): GeneratedFile {
  return emitPaginator(model, op, printer, NODE);
}

/** Emits `paginators/<Operation>.gen.ts` of `@ensdk/proxy`: the same paginator over the browser client. */
export function emitProxyPaginator(model: ServiceModel, op: PagedOperation, printer: TypeScriptPrinter): GeneratedFile {
  return emitPaginator(model, op, printer, BROWSER);
}

/** Emits the barrel of the Node client's paginators. */
export function emitClientPaginatorsIndex(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  return emitIndex(model, printer, CLIENT_PAGINATORS_DIR);
}

/** Emits the barrel of the browser client's paginators. */
export function emitProxyPaginatorsIndex(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  return emitIndex(model, printer, PROXY_PAGINATORS_DIR);
}

/** What a class client's file needs to page: the paginators' imports and one method signature per paged operation. */
export interface ClassPaging {
  /** Imports to put before the class (and its interface). */
  readonly imports: StatementStructures[];
  /** One `paginateX(input, options)` signature per paged operation, for the class's interface. */
  readonly signatures: OptionalKind<MethodSignatureStructure>[];
}

/**
 * Paging of a class client (`EnsClient`, `EnsBrowserClient`; its file sits beside `paginators/`): the imports, one
 * `paginateX(input, options)` signature per paged operation. The methods themselves are made by each class's
 * `withOperations`: at load, calling the standalone paginator (Node); on first use, paging through the class's own
 * (lazily loaded) method with the paging its group holds (browser: an `EnsBrowserPaginator` whose `PageWalk` is made
 * when the walk starts, once the group and `@ensdk/client/page-walk` have loaded, so the class imports only types of
 * the paginators).
 */
export function classPaging(model: ServiceModel, where: 'node' | 'browser'): ClassPaging {
  const ops = pagedOperations(model);
  const flavour = where === 'node' ? NODE : BROWSER;
  // The browser class pages through its own methods with the pagings of its groups, so it imports only types of the
  // paginators (neither the standalone paginator, which holds the operation's descriptor, nor the paging).
  const imports: StatementStructures[] = ops.map((op) => {
    const n = paginatorNames(op);
    return where === 'node'
      ? {
          kind: StructureKind.ImportDeclaration,
          namedImports: [n.paginate, { name: n.item, isTypeOnly: true }, { name: n.pageInput, isTypeOnly: true }],
          moduleSpecifier: `./paginators/${op.name}.gen.js`,
        }
      : typeImport([n.item, n.pageInput], `./paginators/${op.name}.gen.js`);
  });
  if (ops.length > 0) {
    imports.push(
      where === 'node'
        ? typeImport(['Paginator', 'PaginationOptions'], '../core/pagination.js')
        : typeImport(['PaginationOptions'], '@ensdk/client/pagination'),
    );
    if (where === 'browser') imports.push(typeImport(['EnsBrowserPaginator'], '../core/paginator.js'));
  }
  const signatures = ops.map((op) => {
    const n = paginatorNames(op);
    return {
      name: n.paginate,
      // Said once, on the standalone paginator.
      // The browser's return type, `EnsBrowserPaginator`, says once when its options are checked.
      docs: [`Walks the pages of ${op.name}, as {@link ${n.paginate}} (which documents it) does with this client.`],
      parameters: [
        { name: 'input', type: n.pageInput, hasQuestionToken: inputOptional(op) },
        { name: 'options', type: `PaginationOptions & ${flavour.optionsType}`, hasQuestionToken: true },
      ],
      returnType:
        where === 'node'
          ? `Paginator<${clientNames(op).output}, ${n.item}, ${flavour.optionsType}>`
          : `EnsBrowserPaginator<${clientNames(op).output}, ${n.item}>`,
    };
  });
  return { imports, signatures };
}
