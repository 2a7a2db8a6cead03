import type ts from 'typescript';
import { dottedName, staticString } from '../src/rules/ast.js';
import { constantString, declarationsOf, valuesOf } from '../src/rules/constant-strings.js';
import { defineRule } from '../src/rules/define-rule.js';

const SHELL_FUNCTIONS = new Set(['exec', 'execSync']);
const SPAWN_FUNCTIONS = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);
const MODULES = new Set(['child_process', 'node:child_process', 'shelljs']);
// Programs that read their argument as a script: `spawn('sh', ['-c', script])`.
const SHELLS = /^(?:.*[/\\])?(?:sh|bash|zsh|dash|ksh|fish|cmd|powershell|pwsh)(?:\.exe)?$/i;

/** A string assembled from run-time values: a template with substitutions or a concatenation. */
function isInterpolated(api: typeof ts, node: ts.Expression): boolean {
  if (api.isTemplateExpression(node)) return true;
  if (api.isParenthesizedExpression(node)) return isInterpolated(api, node.expression);
  if (api.isBinaryExpression(node) && node.operatorToken.kind === api.SyntaxKind.PlusToken) {
    const literal = (n: ts.Expression) => api.isStringLiteral(n) || api.isNoSubstitutionTemplateLiteral(n);
    return !(literal(node.left) && literal(node.right));
  }
  return false;
}

/** The identifier's parameter in an enclosing function, if it is one (nearest scope first). */
function parameterOf(api: typeof ts, id: ts.Identifier): ts.ParameterDeclaration | undefined {
  for (let scope: ts.Node | undefined = id.parent; scope; scope = scope.parent) {
    if (api.isFunctionDeclaration(scope) || api.isFunctionExpression(scope) || api.isArrowFunction(scope) || api.isMethodDeclaration(scope)) {
      const p = scope.parameters.find((q) => api.isIdentifier(q.name) && q.name.text === id.text);
      if (p) return p;
    }
  }
  return undefined;
}

/** A value that can only be a number: a numeric literal, or a name declared `: number` (a parameter or a local). */
function isNumeric(api: typeof ts, node: ts.Expression): boolean {
  if (api.isNumericLiteral(node)) return true;
  if (api.isParenthesizedExpression(node)) return isNumeric(api, node.expression);
  if (!api.isIdentifier(node)) return false;
  const declared = parameterOf(api, node) ?? declarationsOf(api, node)?.declarations[0];
  return declared?.type?.kind === api.SyntaxKind.NumberKeyword;
}

/** A template or concatenation whose every run-time piece is a number: no shell syntax can come in through it. */
function onlyNumbers(api: typeof ts, node: ts.Expression): boolean {
  if (api.isParenthesizedExpression(node)) return onlyNumbers(api, node.expression);
  if (api.isTemplateExpression(node)) return node.templateSpans.every((span) => isNumeric(api, span.expression));
  if (api.isBinaryExpression(node) && node.operatorToken.kind === api.SyntaxKind.PlusToken) {
    const piece = (n: ts.Expression): boolean => api.isStringLiteral(n) || api.isNoSubstitutionTemplateLiteral(n) || isNumeric(api, n) || onlyNumbers(api, n);
    return piece(node.left) && piece(node.right);
  }
  return false;
}

/**
 * 'built': assembled from run-time values here (or in the local it names); 'unknown': a value whose
 * origin this file does not show; undefined: a constant, no data in it.
 */
function commandOrigin(api: typeof ts, node: ts.Expression): 'built' | 'unknown' | undefined {
  if (constantString(api, node) !== undefined) return undefined;
  if (isInterpolated(api, node)) return onlyNumbers(api, node) ? undefined : 'built';
  if (api.isIdentifier(node)) {
    const values = valuesOf(api, node);
    if (values?.some((v) => v !== 'undefined' && isInterpolated(api, v))) return 'built';
  }
  return 'unknown';
}

/** `spawn('bash', ['-c', script])`: the script argument of a shell started without `shell: true`. */
function shellScript(api: typeof ts, args: readonly ts.Expression[]): ts.Expression | undefined {
  const [program, list] = args;
  if (!program || !list || !api.isArrayLiteralExpression(list) || !SHELLS.test(constantString(api, program) ?? '')) return undefined;
  return list.elements.find((e) => !api.isSpreadElement(e) && constantString(api, e) === undefined);
}

function hasShellTrue(api: typeof ts, args: readonly ts.Expression[]): boolean {
  return args.some(
    (a) =>
      api.isObjectLiteralExpression(a) &&
      a.properties.some((p) => api.isPropertyAssignment(p) && p.name.getText() === 'shell' && p.initializer.kind !== api.SyntaxKind.FalseKeyword),
  );
}

export default defineRule({
  id: 'shell-injection',
  meta: {
    category: 'insecure-api',
    severity: 'block',
    confidence: 'high',
    description: 'A shell command built by interpolation and run by `exec`, `execSync`, `spawn` with `shell: true` or `sh -c` (block); a command of unknown origin (warn).',
    why: 'A shell reads `;`, `$()` and backticks in the interpolated value as commands (CWE-78). A branch name or file name is enough to run arbitrary code.',
    fix: 'Use `execFile`/`spawn` with an argument array and no shell: `execFileSync("git", ["checkout", branch])`.',
    files: 'code',
    examples: {
      fires: [
        { file: 'src/git.ts', code: "import { execSync } from 'node:child_process';\nexport const checkout = (branch: string) => execSync(`git checkout ${branch}`);\n", lines: [2] },
        { file: 'src/run.js', code: "const cp = require('child_process');\ncp.exec('convert ' + file + ' out.png');\n", lines: [2] },
        { file: 'src/hook.ts', code: "import { spawnSync } from 'node:child_process';\nexport const runHook = (dir: string) => spawnSync('bash', ['-c', `cd ${dir} && make`]);\n", lines: [2] },
      ],
      passes: [
        { file: 'src/git.ts', code: "import { execFileSync } from 'node:child_process';\nexport const checkout = (branch: string) => execFileSync('git', ['checkout', branch]);\nconst m = /a/.exec(`${branch}`);\n" },
        { file: 'src/status.ts', code: "import { execSync } from 'node:child_process';\nconst STATUS = 'git status --porcelain';\nexport const status = () => execSync(STATUS).toString();\n" },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    const direct = new Map<string, string>(); // local name -> imported function
    const namespaces = new Set<string>();
    const noteRequire = (name: ts.BindingName, init: ts.Expression | undefined): void => {
      if (!init || !api.isCallExpression(init) || dottedName(api, init.expression) !== 'require') return;
      const spec = staticString(api, init.arguments[0]);
      if (!spec || !MODULES.has(spec)) return;
      if (api.isIdentifier(name)) namespaces.add(name.text);
      else if (api.isObjectBindingPattern(name)) for (const el of name.elements) if (api.isIdentifier(el.name)) direct.set(el.name.text, (el.propertyName ?? el.name).getText(file.sourceFile));
    };
    // `var foo = /re/; foo.exec(s)` inside a function of a file that also requires child_process as `foo`.
    const shadowed = (id: ts.Identifier): boolean => {
      const found = declarationsOf(api, id);
      return found !== undefined && found.declarations.every((d) => !d.initializer || !api.isCallExpression(d.initializer) || dottedName(api, d.initializer.expression) !== 'require');
    };
    return {
      ImportDeclaration(node) {
        const spec = staticString(api, node.moduleSpecifier);
        const clause = node.importClause;
        if (!spec || !MODULES.has(spec) || !clause) return;
        if (clause.name) namespaces.add(clause.name.text);
        const bindings = clause.namedBindings;
        if (bindings && api.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
        if (bindings && api.isNamedImports(bindings)) for (const el of bindings.elements) direct.set(el.name.text, (el.propertyName ?? el.name).text);
      },
      VariableDeclaration(node) {
        noteRequire(node.name, node.initializer);
      },
      CallExpression(node) {
        const first = node.arguments[0];
        if (!first) return;
        let fn: string | undefined;
        if (api.isIdentifier(node.expression)) fn = shadowed(node.expression) ? undefined : direct.get(node.expression.text);
        else if (api.isPropertyAccessExpression(node.expression)) {
          const target = node.expression.expression;
          const viaRequire = api.isCallExpression(target) && dottedName(api, target.expression) === 'require' && MODULES.has(staticString(api, target.arguments[0]) ?? '');
          if ((api.isIdentifier(target) && namespaces.has(target.text) && !shadowed(target)) || viaRequire) fn = node.expression.name.text;
        }
        if (!fn) return;
        const shellCommand = SHELL_FUNCTIONS.has(fn) || (SPAWN_FUNCTIONS.has(fn) && hasShellTrue(api, node.arguments.slice(1)));
        const script = shellCommand ? first : SPAWN_FUNCTIONS.has(fn) ? shellScript(api, node.arguments) : undefined;
        const origin = script && commandOrigin(api, script);
        if (origin === 'built') context.report({ node, message: `\`${fn}\` runs a shell command built from run-time values.` });
        // A parameter or a value from elsewhere: often a fixed command passed through a helper, so a warning.
        else if (origin === 'unknown') context.report({ node, severity: 'warn', message: `\`${fn}\` runs a shell command taken from a value this file does not show (a heuristic: make sure no caller puts data in it).` });
      },
    };
  },
});
