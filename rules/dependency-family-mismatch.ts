import { defineRule } from '../src/rules/define-rule.js';
import { manifestDependencies } from '../src/rules/manifest-dependencies.js';

/*
 * Families released in lockstep: every member shares the major of the framework, so a member one major
 * off is a half-done upgrade or a wrong suggestion. Unscoped heads join their scope (`storybook` with
 * `@storybook/*`). Only the packages listed for NestJS follow its major (its add-ons version on their own).
 */
const LOCKSTEP: Record<string, RegExp> = {
  '@storybook': /^(?:storybook|@storybook\/(?!testing-library$|jest$|test-runner$|addon-styling|addon-designs$|addon-coverage$|csf$|icons$|expect$)[\w.-]+)$/,
  '@babel': /^@babel\/(?!runtime-corejs2$|eslint-parser$|eslint-plugin$)[\w.-]+$/,
  '@angular': /^@angular\/(?!fire$|google-maps$|flex-layout$)[\w.-]+$/,
  '@nestjs': /^@nestjs\/(?:common|core|testing|microservices|websockets|platform-[\w-]+)$/,
  '@tiptap': /^@tiptap\/(?!extension-(?:collaboration-cursor|drag-handle)$)[\w.-]+$/,
  '@typescript-eslint': /^(?:typescript-eslint|@typescript-eslint\/[\w.-]+)$/,
  '@vitest': /^(?:vitest|@vitest\/(?!eslint-plugin$)[\w.-]+)$/,
  '@playwright': /^(?:playwright|playwright-core|@playwright\/test)$/,
  '@prisma': /^(?:prisma|@prisma\/(?:client|adapter-[\w-]+|instrumentation))$/,
  '@nx': /^(?:nx|@nx\/[\w.-]+)$/,
  '@sentry': /^@sentry\/(?!webpack-plugin$|vite-plugin$|cli$|bundler-plugin-core$|rollup-plugin$|esbuild-plugin$|wizard$)[\w.-]+$/,
  '@docusaurus': /^@docusaurus\/[\w.-]+$/,
  '@trpc': /^@trpc\/[\w.-]+$/,
  '@lexical': /^(?:lexical|@lexical\/[\w.-]+)$/,
  '@mantine': /^@mantine\/[\w.-]+$/,
  '@capacitor': /^@capacitor\/(?:core|cli|android|ios)$/,
  '@electron-forge': /^@electron-forge\/[\w.-]+$/,
  '@commitlint': /^@commitlint\/[\w.-]+$/,
  '@remix-run': /^@remix-run\/(?!router$|web-[\w-]+$)[\w.-]+$/,
  '@next': /^(?:next|@next\/(?!font$)[\w.-]+|eslint-config-next)$/,
};
const HEADS: Record<string, string> = { storybook: '@storybook', vitest: '@vitest', playwright: '@playwright', 'playwright-core': '@playwright', prisma: '@prisma', nx: '@nx', lexical: '@lexical', next: '@next', 'eslint-config-next': '@next', 'typescript-eslint': '@typescript-eslint' };
// Scopes whose packages version on their own: never compared.
const INDEPENDENT = new Set(['@types', '@radix-ui', '@tanstack', '@testing-library', '@opentelemetry', '@ai-sdk', '@langchain', '@aws-sdk', '@smithy', '@rollup', '@eslint', '@fortawesome', '@emotion', '@mui', '@vue', '@codemirror', '@lezer', '@google-cloud', '@azure', '@firebase', '@octokit', '@actions', '@vitejs', '@swc', '@esbuild', '@jest', '@floating-ui', '@dnd-kit', '@react-aria', '@react-types', '@headlessui', '@heroicons', '@svgr']);

/** The major of a version range: `^9.0.8` → 9, `~10.2` → 10, `>=7 <8` → 7; 0.x and tags give nothing. */
function majorOf(range: string): number | undefined {
  const m = /^\s*(?:[\^~]|>=?\s*)?v?(\d+)(?:\.|$|\s)/.exec(range);
  if (!m || /\|\||\s-\s|^(?:workspace|file|link|portal|npm|catalog|git|github|http|https):/.test(range)) return undefined;
  const major = Number(m[1]);
  return major === 0 ? undefined : major;
}

function familyOf(name: string): { family: string; lockstep: boolean } | undefined {
  const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : HEADS[name];
  if (!scope || INDEPENDENT.has(scope)) return undefined;
  const lockstep = LOCKSTEP[scope];
  if (lockstep) return lockstep.test(name) ? { family: scope, lockstep: true } : undefined;
  return name.startsWith('@') ? { family: scope, lockstep: false } : undefined;
}

export default defineRule({
  id: 'dependency-family-mismatch',
  meta: {
    category: 'dependency',
    severity: 'warn',
    confidence: 'medium',
    description: 'A package added or changed with a major version its family\'s other packages in the manifest do not have (`@storybook/addon-x@9` next to `storybook@10`).',
    why: 'Framework families (Storybook, Babel, Angular, NestJS, Tiptap…) release all their packages under one major. Assistants suggest the version they were trained on, so a new add-on lands one major behind its siblings: peer-dependency conflicts, two copies of the core, or an add-on that silently does nothing.',
    fix: 'Use the major the family\'s other packages use (or upgrade the whole family together).',
    files: (path) => /(?:^|\/)package\.json$/.test(path) && !path.includes('node_modules/'),
    examples: {
      fires: [
        {
          file: 'package.json',
          old: '{\n  "devDependencies": {\n    "@storybook/react-vite": "^10.2.19",\n    "storybook": "^10.2.19"\n  }\n}\n',
          code: '{\n  "devDependencies": {\n    "@storybook/addon-actions": "^9.0.8",\n    "@storybook/react-vite": "^10.2.19",\n    "storybook": "^10.2.19"\n  }\n}\n',
          lines: [3],
        },
      ],
      passes: [
        {
          file: 'package.json',
          old: '{\n  "dependencies": {\n    "@nestjs/common": "^10.0.0",\n    "@nestjs/core": "^10.0.0"\n  }\n}\n',
          code: '{\n  "dependencies": {\n    "@nestjs/common": "^10.0.0",\n    "@nestjs/core": "^10.0.0",\n    "@nestjs/schedule": "^4.0.0",\n    "@tanstack/react-query": "^5.0.0",\n    "@tanstack/react-table": "^8.0.0"\n  }\n}\n',
        },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    return {
      onFile() {
        const now = manifestDependencies(file.text, 'first');
        const before = manifestDependencies(file.oldText, 'first');
        if (!now || !before) return;
        const families = new Map<string, { name: string; major: number }[]>();
        const lockstep = new Set<string>();
        for (const [name, range] of now) {
          const family = familyOf(name);
          const major = majorOf(range);
          if (!family || major === undefined) continue;
          families.set(family.family, [...(families.get(family.family) ?? []), { name, major }]);
          if (family.lockstep) lockstep.add(family.family);
        }
        const lines = file.lines();
        for (const [family, members] of families) {
          const touched = members.filter((m) => before.get(m.name) !== now.get(m.name));
          // Scopes not known to release together need three siblings agreeing before one odd major stands out.
          const needed = lockstep.has(family) ? 2 : 3;
          for (const member of touched) {
            const others = members.filter((m) => m !== member);
            const majors = new Set(others.map((m) => m.major));
            if (others.length < needed || majors.size !== 1 || majors.has(member.major)) continue;
            const siblings = others.slice(0, 3).map((m) => `${m.name}@${m.major}`).join(', ') + (others.length > 3 ? `, +${others.length - 3}` : '');
            const line = lines.findIndex((l) => l.includes(`"${member.name}"`)) + 1;
            context.report({
              line: line > 0 ? line : 1,
              severity: lockstep.has(family) ? 'warn' : 'info',
              message: `"${member.name}" is at major ${member.major} while its family is at ${[...majors][0]} (${siblings})${lockstep.has(family) ? ': these packages are released together' : ''}.`,
            });
          }
          // The change moved the family but left one member behind: reported at the first moved member.
          const first = touched[0];
          const behind = members.filter((m) => !touched.includes(m) && members.filter((o) => o !== m).every((o) => o.major !== m.major));
          const rest = new Set(members.filter((m) => !behind.includes(m)).map((m) => m.major));
          if (first && behind.length === 1 && rest.size === 1 && members.length > needed && touched.every((m) => rest.has(m.major))) {
            const line = lines.findIndex((l) => l.includes(`"${first.name}"`)) + 1;
            context.report({
              line: line > 0 ? line : 1,
              severity: lockstep.has(family) ? 'warn' : 'info',
              message: `The change puts ${family} packages at major ${first.major} but leaves "${behind[0]!.name}" at ${behind[0]!.major}${lockstep.has(family) ? ': these packages are released together' : ''}.`,
            });
          }
        }
      },
    };
  },
});
