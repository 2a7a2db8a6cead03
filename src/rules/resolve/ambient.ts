import type { ChangeView, ProjectView } from '../context.js';

interface Ambient {
  prefix: string;
  suffix: string | undefined;
  file: string;
}

const DECLARE_MODULE = /\bdeclare\s+module\s+['"]([^'"\n]+)['"]/g;

/** `declare module "x"` in a declaration file of the repository, which TypeScript accepts without resolving anything. */
export function ambientDeclaration(project: ProjectView, change: ChangeView, spec: string): string | undefined {
  const list = change.memo('ambient-modules', () => {
    const out: Ambient[] = [];
    for (const file of project.files()) {
      if (!file.endsWith('.d.ts') || file.includes('node_modules/')) continue;
      for (const match of (project.readText(file) ?? '').matchAll(DECLARE_MODULE)) {
        const [prefix, suffix] = match[1]!.split('*', 2) as [string, string | undefined];
        out.push({ prefix, suffix, file });
      }
    }
    return out;
  });
  const hit = list.find((a) => (a.suffix === undefined ? spec === a.prefix : spec.length >= a.prefix.length + a.suffix.length && spec.startsWith(a.prefix) && spec.endsWith(a.suffix)));
  return hit?.file;
}
