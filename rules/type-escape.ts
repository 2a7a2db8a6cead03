import { defineRule } from '../src/rules/define-rule.js';

export default defineRule({
  id: 'type-escape',
  meta: {
    category: 'type-escape',
    severity: 'warn',
    confidence: 'medium',
    description: 'New `any` types (`as any`, `: any`, `<any>`) and double casts through `unknown`; one finding per file, at the first.',
    why: 'Assistants reach for `any` and `as unknown as T` to silence a type error they could not solve. The error is still there; the compiler just stops reporting it, here and everywhere the value flows.',
    fix: 'Type the value (or narrow it from `unknown` with a check); if a cast is unavoidable, cast to the precise type and say why.',
    files: 'code',
    examples: {
      fires: [{ file: 'src/user.ts', code: 'export function name(user: any) {\n  return (user as unknown as { name: string }).name;\n}\n', lines: [1] }],
      passes: [
        { file: 'src/user.ts', code: 'export function name(user: { name: string }) {\n  return user.name;\n}\n' },
        { file: 'src/user.test.ts', code: 'const user = {} as any;\n' },
        { file: 'src/globals.d.ts', code: 'declare const config: any;\n' },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    if (file.isTest || file.path.endsWith('.d.ts')) return {};
    // `at` is the keyword that makes the escape: an `any` carried along a renamed or re-wrapped line is not new.
    const found: { node: import('typescript').Node; at: import('typescript').Node; what: string }[] = [];
    return {
      AnyKeyword(node) {
        const parent = node.parent;
        const what = api.isAsExpression(parent) ? '`as any`' : api.isTypeAssertionExpression(parent) ? '`<any>`' : '`any`';
        found.push({ node: api.isAsExpression(parent) ? parent : node, at: node, what });
      },
      AsExpression(node) {
        const inner = node.expression;
        if (api.isAsExpression(inner) && inner.type.kind === api.SyntaxKind.UnknownKeyword) found.push({ node, at: inner.type, what: 'a double cast through `unknown`' });
      },
      onEnd() {
        // One finding per file: a file typed loosely on purpose should not flood the report.
        const added = found.filter((f) => file.isNew(f.at.getStart(file.sourceFile), f.at.end)).sort((a, b) => a.node.pos - b.node.pos);
        const first = added[0];
        if (!first) return;
        const more = added.length > 1 ? ` (${added.length} new type escapes in this file)` : '';
        context.report({ node: first.node, message: `${first.what} turns off type checking for this value${more}.`, ...(file.isAuxiliary ? { severity: 'info' as const } : {}) });
      },
    };
  },
});
