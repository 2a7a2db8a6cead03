import { defineRule } from '../src/rules/define-rule.js';

export default defineRule({
  id: 'type-escape',
  meta: {
    category: 'type-escape',
    severity: 'warn',
    confidence: 'medium',
    description: 'New `any` types (`as any`, `: any`, `<any>`) and double casts through `unknown`.',
    why: 'Assistants reach for `any` and `as unknown as T` to silence a type error they could not solve. The error is still there; the compiler just stops reporting it, here and everywhere the value flows.',
    fix: 'Type the value (or narrow it from `unknown` with a check); if a cast is unavoidable, cast to the precise type and say why.',
    files: 'code',
    examples: {
      fires: [{ file: 'src/user.ts', code: 'export function name(user: any) {\n  return (user as unknown as { name: string }).name;\n}\n', lines: [1, 2] }],
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
    return {
      AnyKeyword(node) {
        const parent = node.parent;
        const how = api.isAsExpression(parent) ? '`as any`' : api.isTypeAssertionExpression(parent) ? '`<any>`' : '`any`';
        context.report({ node: api.isAsExpression(parent) ? parent : node, message: `${how} turns off type checking for this value.` });
      },
      AsExpression(node) {
        const inner = node.expression;
        if (api.isAsExpression(inner) && inner.type.kind === api.SyntaxKind.UnknownKeyword) {
          context.report({ node, message: 'Double cast through `unknown` forces an unrelated type.' });
        }
      },
    };
  },
});
