import { defineRule } from '../src/rules/define-rule.js';
import { parseConfigJson } from '../src/rules/config-json.js';

const STRICT_FLAGS = [
  'strict',
  'strictNullChecks',
  'noImplicitAny',
  'noImplicitThis',
  'noImplicitReturns',
  'noImplicitOverride',
  'alwaysStrict',
  'strictFunctionTypes',
  'strictBindCallApply',
  'strictPropertyInitialization',
  'useUnknownInCatchVariables',
  'noUncheckedIndexedAccess',
  'exactOptionalPropertyTypes',
  'noFallthroughCasesInSwitch',
];
// Flags that are on under `strict` unless set to false.
const UNDER_STRICT = new Set(['strictNullChecks', 'noImplicitAny', 'noImplicitThis', 'alwaysStrict', 'strictFunctionTypes', 'strictBindCallApply', 'strictPropertyInitialization', 'useUnknownInCatchVariables']);

type Options = Record<string, unknown>;

export default defineRule({
  id: 'tsconfig-weakened',
  meta: {
    category: 'type-escape',
    severity: 'warn',
    confidence: 'high',
    description: 'A tsconfig change that turns `strict` or a `noImplicit*` / strictness flag off.',
    why: 'Loosening the compiler for the whole project is how a batch of type errors disappears at once. Every file loses the checks, not only the one that failed.',
    fix: 'Keep the flag on and fix the errors; for a file that cannot be migrated yet, exclude it explicitly and track it.',
    files: (path) => /(?:^|\/)[jt]sconfig[^/]*\.json$/.test(path),
    examples: {
      fires: [{ file: 'tsconfig.json', old: '{\n  "compilerOptions": {\n    "strict": true\n  }\n}\n', code: '{\n  "compilerOptions": {\n    "strict": false\n  }\n}\n', lines: [3] }],
      passes: [{ file: 'tsconfig.json', old: '{\n  "compilerOptions": {\n    "strict": true\n  }\n}\n', code: '{\n  // comments are allowed here\n  "compilerOptions": {\n    "strict": true,\n    "noUncheckedIndexedAccess": true\n  }\n}\n' }],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    const options = (text: string | null): Options | undefined => {
      if (text === null) return undefined;
      const co = (parseConfigJson(api, file.path, text) as { compilerOptions?: Options } | undefined)?.compilerOptions;
      return co && typeof co === 'object' ? co : {};
    };
    const effective = (co: Options, flag: string): boolean => (co[flag] === undefined ? UNDER_STRICT.has(flag) && co.strict === true : co[flag] === true);
    return {
      onFile() {
        const now = options(file.text);
        if (!now) return;
        const before = options(file.oldText);
        for (const flag of STRICT_FLAGS) {
          const wasOn = before ? effective(before, flag) : false;
          const turnedOff = before ? wasOn && !effective(now, flag) : now[flag] === false;
          if (!turnedOff) continue;
          const at = new RegExp(`"${flag}"\\s*:`).exec(file.text);
          const where = at ? { start: at.index, end: at.index + flag.length + 2 } : { line: 1 };
          context.report({ ...where, message: before ? `\`${flag}\` was on and is now off.` : `\`${flag}\` is set to false.` });
        }
      },
    };
  },
});
