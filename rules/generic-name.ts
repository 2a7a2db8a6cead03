import type ts from 'typescript';
import { hasModifier } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';

const GENERIC = new Set(['data', 'result', 'results', 'item', 'items', 'value', 'values', 'obj', 'object', 'info', 'temp', 'tmp', 'stuff', 'thing', 'things', 'handleData', 'processData', 'handleStuff', 'doStuff', 'doSomething', 'helper', 'helpers', 'utils', 'util', 'manager', 'handler', 'process', 'execute', 'run', 'foo', 'bar', 'baz', 'myFunction', 'func', 'fn', 'callback', 'cb', 'main2', 'newFunction', 'processItems', 'handleClick2']);

export default defineRule({
  id: 'generic-name',
  meta: {
    category: 'maintainability',
    severity: 'info',
    confidence: 'low',
    description: 'New exported names that say nothing: `data`, `result`, `handleData`, `processData`, `utils`.',
    why: 'An exported name is the API other files read. Generic names are frequent in generated code and force every reader to open the definition.',
    fix: 'Name it for what it holds or does in this domain (`unpaidInvoices`, `parseInvoiceCsv`).',
    files: 'code',
    examples: {
      fires: [{ file: 'src/api.ts', code: 'export const data = await load();\nexport function processData(x: unknown) {\n  return x;\n}\n', lines: [1] }],
      passes: [{ file: 'src/api.ts', code: 'export const invoices = await load();\nconst data = 1;\n' }],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    const found: { node: ts.Node; name: string }[] = [];
    const note = (node: ts.Node, name: string | undefined): void => {
      if (name && GENERIC.has(name) && file.isAddedLine(file.lineOf(node.getStart(file.sourceFile)))) found.push({ node, name });
    };
    const exported = (node: ts.Node) => hasModifier(api, node, api.SyntaxKind.ExportKeyword);
    return {
      FunctionDeclaration(node) {
        if (exported(node)) note(node.name ?? node, node.name?.text);
      },
      ClassDeclaration(node) {
        if (exported(node)) note(node.name ?? node, node.name?.text);
      },
      VariableStatement(node) {
        if (!exported(node)) return;
        for (const d of node.declarationList.declarations) if (api.isIdentifier(d.name)) note(d.name, d.name.text);
      },
      onEnd() {
        if (found.length === 0) return;
        const names = [...new Set(found.map((f) => f.name))];
        context.report({ node: found[0]!.node, message: `Generic exported name${names.length > 1 ? 's' : ''}: ${names.map((n) => `\`${n}\``).join(', ')}.` });
      },
    };
  },
});
