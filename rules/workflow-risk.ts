import type * as YAML from 'yaml';
import { defineRule } from '../src/rules/define-rule.js';
import { loadYaml } from '../src/util/optional-modules.js';

let yaml: typeof YAML | undefined;

// Expressions an outsider controls; in `run:` they are script injection (GitHub Security Lab).
const UNTRUSTED = /\$\{\{\s*github\.(?:event\.(?:issue\.(?:title|body)|pull_request\.(?:title|body|head\.(?:ref|label|repo\.default_branch))|comment\.body|review\.body|review_comment\.body|pages\.[^}]*page_name|commits\.[^}]*\.(?:message|author\.(?:email|name))|head_commit\.(?:message|author\.(?:email|name))|workflow_run\.(?:head_branch|display_title|head_commit\.message)|discussion\.(?:title|body))|head_ref)\s*\}\}/;
const SECRET_ECHO = /\b(?:echo|printf|print|cat\s*<<)[^\n]*\$\{\{\s*secrets\.(?!GITHUB_TOKEN\b)[\w-]+\s*\}\}/;
const PR_HEAD_REF = /github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref|refs\/pull\/|github\.event\.workflow_run\.head[._](?:sha|branch)/;

interface Located {
  start: number;
  end: number;
}

/** The step around a `with:` key uses actions/github-script. */
function inGithubScript(Y: typeof YAML, path: readonly unknown[]): boolean {
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i];
    if (Y.isMap(node) && node.has('uses')) return /^actions\/github-script@/.test(String(node.get('uses')));
  }
  return false;
}

export default defineRule({
  id: 'workflow-risk',
  meta: {
    category: 'ci-risk',
    severity: 'block',
    confidence: 'high',
    description: 'Risky workflow edits: `pull_request_target` checking out the PR head, untrusted `${{ }}` in `run:` or github-script, echoed secrets, write-all.',
    why: '`pull_request_target` runs with the base repository\'s secrets and write token; checking out the PR head then runs a stranger\'s code with them. Untrusted event fields in `run:` are shell injection. These patterns are how repositories get compromised.',
    fix: 'Use `pull_request` for untrusted code; pass event fields through `env:` and quote them; never print secrets; grant the least `permissions` a job needs.',
    files: (path) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path),
    examples: {
      fires: [
        {
          file: '.github/workflows/ci.yml',
          code: 'on: pull_request_target\npermissions: write-all\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: echo "${{ github.event.pull_request.title }}"\n      - run: echo ${{ secrets.NPM_TOKEN }}\n',
          lines: [2, 9, 10, 11],
        },
      ],
      passes: [
        {
          file: '.github/workflows/ci.yml',
          code: 'on: pull_request\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n        env:\n          TITLE: ${{ github.event.pull_request.title }}\n',
        },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    return {
      onFile() {
        const Y = (yaml ??= loadYaml());
        const doc = Y.parseDocument(file.text, { uniqueKeys: false });
        if (doc.errors.length > 0) {
          // GitHub will reject the file too, but the risky line is still worth naming.
          file.lines().forEach((line, i) => {
            const message = UNTRUSTED.test(line) ? 'Untrusted event data is interpolated into a shell script (script injection); pass it through `env:` instead.' : SECRET_ECHO.test(line) ? 'A secret is printed to the log.' : undefined;
            if (message) context.report({ line: i + 1, message });
          });
          return;
        }
        const report = (node: unknown, message: string, severity?: 'warn' | 'block'): void => {
          const range = (node as { range?: [number, number, number] } | null)?.range;
          const at: Located = range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
          context.report({ ...at, message, ...(severity ? { severity } : {}) });
        };
        const root = doc.contents;
        if (!Y.isMap(root)) return;
        const on = root.get('on', true) ?? root.get(true as unknown as string, true);
        const onText = on ? String(Y.isScalar(on) ? on.value : JSON.stringify((on as YAML.Node).toJSON())) : '';
        const target = /pull_request_target|workflow_run/.test(onText);

        Y.visit(doc, {
          Pair(_key, pair, path) {
            const key = Y.isScalar(pair.key) ? String(pair.key.value) : '';
            const value = pair.value;
            if (key === 'permissions' && Y.isScalar(value) && value.value === 'write-all') report(value, '`permissions: write-all` gives every job full write access; grant only what the job needs.', 'warn');
            if (key === 'ref' && target && Y.isScalar(value) && PR_HEAD_REF.test(String(value.value))) {
              report(value, '`pull_request_target` job checks out the pull request head: untrusted code runs with secrets and a write token.');
            }
            if (key === 'run' && Y.isScalar(value)) {
              const script = String(value.value);
              if (UNTRUSTED.test(script)) report(value, 'Untrusted event data is interpolated into a shell script (script injection); pass it through `env:` instead.');
              else if (SECRET_ECHO.test(script)) report(value, 'A secret is printed to the log.');
            }
            // actions/github-script runs `script:` as JavaScript: the same injection, in another language.
            if (key === 'script' && Y.isScalar(value) && UNTRUSTED.test(String(value.value)) && inGithubScript(Y, path)) {
              report(value, 'Untrusted event data is interpolated into a github-script `script:` (code injection); pass it through `env:` and read `process.env` instead.');
            }
          },
        });
      },
    };
  },
});
