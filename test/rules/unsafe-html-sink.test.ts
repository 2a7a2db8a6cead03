import { describe, expect, it } from 'vitest';
import rule from '../../rules/unsafe-html-sink.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (file: string, code: string) => runRule(rule as Rule<unknown>, { file, code }).map((f) => [f.line, f.severity, f.message]);
const OPAQUE = 'a value whose origin this file does not show (make sure it is escaped or sanitised).';

describe('unsafe-html-sink', () => {
  it('accepts HTML from an escaping or sanitising renderer, also through a const or useMemo', () => {
    // A code viewer that escapes the source and highlights it before rendering it as HTML.
    const viewer = [
      "import { useMemo } from 'react';",
      "import { escapeHtml } from './escape';",
      'export function CodeView({ code }: { code: string }) {',
      '  const html = useMemo(() => escapeHtml(code).replace(/\\n/g, "<br>"), [code]);',
      '  return <pre dangerouslySetInnerHTML={{ __html: html }} />;',
      '}',
      'export const Note = ({ md }: { md: string }) => <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(marked.parse(md)) }} />;',
      'const parser = new MarkdownIt({ html: false, linkify: true });',
      'export const Doc = ({ text }: { text: string }) => <article dangerouslySetInnerHTML={{ __html: parser.render(text) }} />;',
    ].join('\n');
    expect(run('src/CodeView.tsx', viewer)).toEqual([]);
  });

  it('accepts JSON of literals in a structured-data script, but not JSON of a value it cannot see', () => {
    const code = [
      'export const Head = ({ meta }: { meta: Meta }) => (',
      '  <head>',
      '    <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify({ "@type": "WebPage", name: "Docs", tags: ["a", 1, true] }) }} />',
      '    <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify({ "@type": "WebPage", name: meta.title }) }} />',
      '  </head>',
      ');',
      '',
    ].join('\n');
    expect(run('src/Head.tsx', code)).toEqual([[4, 'warn', `\`dangerouslySetInnerHTML\` renders ${OPAQUE}`]]);
  });

  it('leaves alone markup rewritten inside a document from DOMParser, where nothing runs; not the live document', () => {
    const code = [
      'export function tidyList(html: string, rows: string[]) {',
      "  const doc = new DOMParser().parseFromString(html, 'text/html');",
      "  const list = doc.querySelector('ol');",
      '  if (!list) return html;',
      "  list.innerHTML = rows.map((r) => `<li>${r}</li>`).join('');",
      "  document.querySelector('ol')!.innerHTML = rows.map((r) => `<li>${r}</li>`).join('');",
      '  return list.outerHTML;',
      '}',
      '',
    ].join('\n');
    expect(run('src/tidy.ts', code)).toEqual([[6, 'warn', `\`innerHTML\` is assigned ${OPAQUE}`]]);
  });

  it('warns, not blocks, on HTML whose origin the file does not show', () => {
    const code = 'export const Bio = ({ html }: { html: string }) => <div dangerouslySetInnerHTML={{ __html: html }} />;\nexport const Md = ({ md }: { md: string }) => <div dangerouslySetInnerHTML={{ __html: marked.parse(md) }} />;\n';
    expect(run('src/Bio.tsx', code)).toEqual([
      [1, 'warn', `\`dangerouslySetInnerHTML\` renders ${OPAQUE}`],
      [2, 'warn', `\`dangerouslySetInnerHTML\` renders ${OPAQUE}`],
    ]);
  });

  it('blocks raw values spliced into markup and visitor input', () => {
    const code = 'export function greet(el: HTMLElement, name: string) {\n  el.innerHTML = `<h1>Hello ${name}</h1>`;\n  el.innerHTML = decodeURIComponent(location.hash.slice(1));\n  document.write(new URLSearchParams(location.search).get("q") + "<br>");\n}\n';
    const untrusted = 'data that is neither a literal nor escaped.';
    expect(run('src/view.ts', code)).toEqual([
      [2, 'block', `\`innerHTML\` is assigned ${untrusted}`],
      [3, 'block', `\`innerHTML\` is assigned ${untrusted}`],
      [4, 'block', `\`document.write\` writes ${untrusted}`],
    ]);
  });
});
