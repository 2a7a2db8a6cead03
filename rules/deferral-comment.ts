import { defineRule } from '../src/rules/define-rule.js';
import { addedComments } from '../src/rules/comment-lines.js';
import { TICKET } from '../src/rules/ast.js';

const DEFERRALS = [
  /\bin a real (?:app(?:lication)?|implementation|world|scenario|project|system|environment)\b/i,
  /\bin (?:a )?production(?: environment| code)?,? you(?:'d| would| should)\b/i,
  /\byou (?:would|should|might|will) (?:typically |probably |likely )?(?:want to |need to )?(?:replace|implement|use a real|add proper|hook (?:this )?up)\b/i,
  /\breplace (?:this|it|with) (?:with )?(?:a |your )?(?:real|actual|proper)\b/i,
  /\b(?:this is a |a )?simplified (?:version|implementation|example|approach|logic)\b/i,
  /\b(?:placeholder|mock|dummy|fake) (?:implementation|logic|data|response|value)s?\b.*\b(?:for now|until|replace)\b/i,
  /\bhard-?coded for now\b/i,
  /\bfor (?:demo(?:nstration)?|example) purposes\b/i,
  /\b(?:just )?return (?:a )?(?:mock|dummy|fake|hard-?coded) (?:value|data|response)\b/i,
];

export default defineRule({
  id: 'deferral-comment',
  meta: {
    category: 'stub',
    severity: 'warn',
    confidence: 'medium',
    description: 'A comment that defers the real work: "in a real app you would…", "simplified version", "hardcoded for now".',
    why: 'Assistants write demo code and say so in a comment. The comment is the only sign that the code beneath it is not meant to ship: mock data, a fake check, a missing edge case.',
    fix: 'Write the real implementation, or track the gap with a ticket reference in the comment (`// TODO(ABC-123): …`).',
    files: 'text',
    examples: {
      fires: [
        { file: 'src/auth.ts', code: '// In a real app you would verify the JWT signature here\nexport const verify = (token: string) => token.length > 0;\n', lines: [1] },
        { file: 'src/rates.ts', code: 'export function rate(): number {\n  return 0.2; // hardcoded for now\n}\n', lines: [2] },
      ],
      passes: [
        { file: 'src/rates.ts', code: '// Simplified version of the tax rule; the full one lands with TAX-881.\nexport const rate = 0.2;\n' },
        { file: 'src/cache.ts', code: '// Keep entries for a day: upstream data changes nightly.\nexport const TTL = 86_400;\n' },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    return {
      onEnd() {
        if (file.isTest) return;
        for (const comment of addedComments(file)) {
          if (TICKET.test(comment.body)) continue;
          if (!DEFERRALS.some((p) => p.test(comment.body))) continue;
          const quote = comment.body.trim().slice(0, 70);
          // Scripts, examples and demos are simplified on purpose and do not ship: a note there.
          if (file.isAuxiliary)
            context.report({ start: comment.start, end: comment.end, severity: 'info', message: `Deferral comment in a script or example: "${quote}"; check that nothing shipped depends on it.` });
          else context.report({ start: comment.start, end: comment.end, message: `Deferral comment: "${quote}"; the code here is not the real implementation.` });
        }
      },
    };
  },
});
