import type ts from 'typescript';
import { walk } from './ast.js';
import type { ProjectView } from './context.js';

type TS = typeof ts;

const EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'];

/** Names a test file imports from relative modules: local name -> [exported name, module path on disk or null]. */
export function relativeImports(api: TS, sf: ts.SourceFile, path: string, project: ProjectView): Map<string, [string, string | null]> {
  const out = new Map<string, [string, string | null]>();
  const dir = path.slice(0, path.lastIndexOf('/') + 1);
  for (const statement of sf.statements) {
    if (!api.isImportDeclaration(statement) || !api.isStringLiteral(statement.moduleSpecifier)) continue;
    const specifier = statement.moduleSpecifier.text;
    if (!specifier.startsWith('.')) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !api.isNamedImports(bindings)) continue;
    const target = resolveRelative(dir, specifier, project);
    for (const element of bindings.elements) out.set(element.name.text, [(element.propertyName ?? element.name).text, target]);
  }
  return out;
}

function normalise(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** The file a relative import names, by the usual extension and index candidates; null when none exists. */
function resolveRelative(dir: string, specifier: string, project: ProjectView): string | null {
  const base = normalise(dir + specifier);
  const stem = base.replace(/\.[cm]?[jt]sx?$/, '');
  const candidates = [base, ...EXTENSIONS.map((e) => `${stem}.${e}`), ...EXTENSIONS.map((e) => `${base}/index.${e}`)];
  return candidates.find((c) => project.exists(c)) ?? null;
}

/**
 * True when `node` (a test's callback) uses a name imported from a relative module that no longer has it:
 * the module was deleted, or its new text does not mention the name. The test went with the code it tested.
 */
export function testsRemovedCode(api: TS, node: ts.Node, imports: Map<string, [string, string | null]>, project: ProjectView): boolean {
  let gone = false;
  // walk keeps an explicit stack: the test's nesting depth is the change's choice.
  walk(api, node, (n) => {
    if (gone || !api.isIdentifier(n)) return;
    const entry = imports.get(n.text);
    if (entry) gone = entry[1] === null || !mentions(project.readText(entry[1]) ?? '', entry[0]);
  });
  return gone;
}

function mentions(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + name.length] ?? ' ';
    if (!/[\w$]/.test(before) && !/[\w$]/.test(after)) return true;
  }
  return false;
}
