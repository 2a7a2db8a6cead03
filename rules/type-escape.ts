import { defineRule } from '../src/rules/define-rule.js';
import { excuses, uncheckedFile, type Escape } from '../src/rules/escape-excuses.js';

export default defineRule({
  id: 'type-escape',
  meta: {
    category: 'type-escape',
    severity: 'warn',
    confidence: 'medium',
    description: 'New `any` types and double casts through `unknown`, one finding per file; a note when each has a visible reason or sits where the type is unknown anyway.',
    why: 'Assistants reach for `any` and `as unknown as T` to silence a type error they could not solve. The error is still there; the compiler just stops reporting it, here and everywhere the value flows.',
    fix: 'Type the value (or narrow it from `unknown` with a check); if a cast is unavoidable, cast to the precise type and say why.',
    files: 'code',
    examples: {
      fires: [{ file: 'src/user.ts', code: 'export function name(user: any) {\n  return (user as unknown as { name: string }).name;\n}\n', lines: [1] }],
      passes: [
        { file: 'src/user.ts', code: 'export function name(user: { name: string }) {\n  return user.name;\n}\n' },
        { file: 'src/user.test.ts', code: 'const user = {} as any;\n' },
        { file: 'src/globals.d.ts', code: 'declare const config: any;\n' },
        { file: 'src/api.gen.ts', code: '// @ts-nocheck\nexport const call = (x: any) => x as unknown as Response;\n' },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    if (file.isTest || file.path.endsWith('.d.ts')) return {};
    // `at` is the keyword that makes the escape: an `any` carried along a renamed or re-wrapped line is not new.
    const found: Escape[] = [];
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
        if (added.length === 0 || uncheckedFile(file)) return;
        const excuseOf = excuses(api, file);
        const more = added.length > 1 ? ` (${added.length} new type escapes in this file)` : '';
        const first = added.find((f) => excuseOf(f) === undefined);
        if (!first) return context.report({ node: added[0]!.node, severity: 'info', message: `${added[0]!.what} turns off type checking for this value; ${excuseOf(added[0]!)}${more}.` });
        context.report({ node: first.node, message: `${first.what} turns off type checking for this value${more}.`, ...(file.isAuxiliary ? { severity: 'info' as const } : {}) });
      },
    };
  },
});
