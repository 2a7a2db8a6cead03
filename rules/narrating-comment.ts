import { words } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';

const STOP = new Set(['the', 'a', 'an', 'to', 'of', 'and', 'or', 'for', 'in', 'on', 'with', 'from', 'by', 'is', 'it', 'this', 'that', 'we', 'our', 'new', 'if', 'into', 'be', 'as', 'at', 'all', 'each', 'then', 'now', 'here', 'value', 'variable']);
const OPENERS = /^(?:step \d+\s*[:.)-]|this (?:function|method|class|component|hook|module) (?:is used to|will|handles|is responsible for|returns|takes|creates|checks)|(?:initiali[sz]e|increment|decrement|loop (?:through|over)|iterate (?:through|over|over each)|check (?:if|whether)|create (?:a|an|the)|call (?:the|a)|set (?:the|up)|get (?:the|a)|define (?:the|a)|import (?:the|necessary|required)|declare (?:a|the)|update (?:the|a)|add (?:the|a)|return (?:the|a)|handle (?:the|a)|calculate (?:the|a))\b)/i;
const MIN_PER_FILE = 3;

/** For each 0-based line index, the index of the first line at or after it that is neither blank nor a `//` comment. */
function firstCodeLines(lines: readonly string[]): Int32Array {
  const out = new Int32Array(lines.length + 1);
  out[lines.length] = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const t = lines[i]!.trim();
    out[i] = t === '' || t.startsWith('//') ? out[i + 1]! : i;
  }
  return out;
}

export default defineRule({
  id: 'narrating-comment',
  meta: {
    category: 'maintainability',
    severity: 'info',
    confidence: 'low',
    description: 'Several new comments that restate the next line (`// Increment the counter` over `counter++`).',
    why: 'Narration is a hallmark of generated code: it doubles what a reader must scan and goes stale with the first edit. One such comment is harmless; three or more in a file are a pattern. Comments should say why.',
    fix: 'Delete comments that repeat the code; keep the ones that explain intent, constraints or links.',
    files: 'code',
    examples: {
      fires: [
        {
          file: 'src/counter.ts',
          code: '// Initialize the counter\nlet counter = 0;\n// Loop through the items\nfor (const item of items) {\n  // Increment the counter\n  counter++;\n}\n',
          lines: [1],
        },
      ],
      passes: [{ file: 'src/counter.ts', code: '// Start at 1: row 0 holds the headers.\nlet row = 1;\n// Initialize the counter\nlet counter = 0;\n' }],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    return {
      onEnd() {
        const lines = file.lines();
        const narrating: { start: number; end: number; body: string }[] = [];
        let codeAfter: Int32Array | undefined;
        // A run of comments shares its next code line: its words are computed once.
        const wordsOfLine = new Map<number, Set<string>>();
        for (const c of file.comments()) {
          if (c.kind !== 'line' || !file.isAddedLine(c.line) || /\b(?:because|since|so that|otherwise|note|why|todo|fixme|https?:)\b/i.test(c.body)) continue;
          // The first code line at or after each line, built once: a scan per comment was quadratic in a run of comments.
          codeAfter ??= firstCodeLines(lines);
          const codeLine = codeAfter[c.endLine]!;
          const said = words(c.body).filter((w) => !STOP.has(w));
          if (said.length === 0 || said.length > 8) continue;
          let present = wordsOfLine.get(codeLine);
          if (!present) wordsOfLine.set(codeLine, (present = new Set(words(lines[codeLine] ?? ''))));
          const covered = said.filter((w) => present.has(w) || present.has(w.replace(/s$/, '')) || [...present].some((p) => p.startsWith(w.slice(0, 5)) && w.length >= 5)).length;
          if (OPENERS.test(c.body) || covered / said.length >= 0.6) narrating.push({ start: c.start, end: c.end, body: c.body });
        }
        if (narrating.length < MIN_PER_FILE) return;
        const first = narrating[0]!;
        context.report({ start: first.start, end: first.end, message: `${narrating.length} new comments narrate the next line (first: "${first.body.slice(0, 50)}"); comments should say why.` });
      },
    };
  },
});
