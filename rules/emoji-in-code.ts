import { dottedName } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';

const EMOJI = /\p{Extended_Pictographic}/u;
const LOG_CALL = /^(?:console|logger|log)\.(?:log|info|warn|error|debug|trace)$/;

export default defineRule({
  id: 'emoji-in-code',
  meta: {
    category: 'maintainability',
    severity: 'info',
    confidence: 'low',
    description: 'Emoji in new comments or log messages (`// 🚀 Init app`, `console.log("✅ Saved")`).',
    why: 'Decorative emoji in comments and logs are a common trace of generated code; in logs they also break grep, alignment and some terminals. UI text is not flagged.',
    fix: 'Write the word instead of the pictogram.',
    files: 'code',
    examples: {
      fires: [{ file: 'src/server.ts', code: "// 🚀 Start the server\nconsole.log('✅ Listening');\n", lines: [1] }],
      passes: [{ file: 'src/Banner.tsx', code: "export const Banner = () => <p>Welcome 👋</p>;\nconsole.log('Listening on', port);\n" }],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    const hits: { start: number; end: number }[] = [];
    return {
      onComment(comment) {
        if (EMOJI.test(comment.body)) hits.push({ start: comment.start, end: comment.end });
      },
      CallExpression(node) {
        if (!LOG_CALL.test(dottedName(api, node.expression) ?? '')) return;
        for (const arg of node.arguments) if (EMOJI.test(arg.getText(file.sourceFile))) hits.push({ start: arg.getStart(file.sourceFile), end: arg.end });
      },
      onEnd() {
        const added = hits.filter((h) => file.isAddedLine(file.lineOf(h.start))).sort((a, b) => a.start - b.start);
        if (added.length === 0) return;
        context.report({ ...added[0]!, message: `Emoji in ${added.length} new comment${added.length === 1 ? '' : 's'} or log message${added.length === 1 ? '' : 's'}.` });
      },
    };
  },
});
