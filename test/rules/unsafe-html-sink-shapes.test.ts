import { describe, expect, it } from 'vitest';
import rule from '../../rules/unsafe-html-sink.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (file: string, code: string) => runRule(rule as Rule<unknown>, { file, code }).map((f) => [f.line, f.severity]);

describe('unsafe-html-sink: sink shapes', () => {
  it('finds logical-assignment writes, insertAdjacentHTML behind casts and commas, and document-like writes', () => {
    const code = [
      'export function paint(panel: HTMLElement, html: string, frame: HTMLIFrameElement) {',
      '  panel.innerHTML ||= html;',
      '  panel.outerHTML ??= html;',
      "  (panel as HTMLElement).insertAdjacentHTML('beforeend', html);",
      "  (0, panel.insertAdjacentHTML)('afterbegin', html);",
      '  frame.contentDocument!.write(html);',
      '  document.createRange().createContextualFragment(html);',
      '  panel.setHTMLUnsafe(html);',
      '  panel.innerHTML *= 2;',
      '  stream.write(html);',
      '}',
    ].join('\n');
    expect(run('src/panel.ts', code)).toEqual([
      [2, 'warn'],
      [3, 'warn'],
      [4, 'warn'],
      [5, 'warn'],
      [6, 'warn'],
      [7, 'warn'],
      [8, 'warn'],
    ]);
  });

  it('judges the substitutions of a template tagged with a sink, and props objects outside JSX', () => {
    const code = "export function show(name: string) {\n  document.write`<p>${name}</p>`;\n  document.write`<p>${'static'}</p>`;\n  return React.createElement('div', { dangerouslySetInnerHTML: { __html: name } });\n}\n";
    expect(run('src/show.ts', code)).toEqual([
      [2, 'warn'],
      [4, 'warn'],
    ]);
  });

  it('accepts constants followed back to their literal, escaping tags and escaper wrappers', () => {
    // A toolbar that builds its markup from fixed strings and escapes the one user value it shows.
    const code = [
      "const ICON = '<svg class=\"icon\"></svg>';",
      'export function toolbar(el: HTMLElement, title: string, busy: boolean) {',
      "  let label = '<b>Save</b>';",
      "  if (busy) label = '<i>Saving…</i>';",
      '  el.innerHTML = ICON + label;',
      '  el.innerHTML += Sanitizer.escapeHTML`<span>${title}</span>`;',
      "  el.insertAdjacentHTML('beforeend', escapeHTML(title));",
      '}',
      'function other(input: string) {',
      "  const row = '<tr>' + input;",
      '  return row;',
      '}',
      'export function header(el: HTMLElement) {',
      "  const row = '<tr><th>Name</th></tr>';",
      '  el.innerHTML = row;',
      '}',
    ].join('\n');
    expect(run('src/toolbar.ts', code)).toEqual([]);
  });

  it('still reports a local reassigned from data (warn: a `let` is not traced further)', () => {
    const code = "export function render(el: HTMLElement, input: string) {\n  let copy = '<b>ok</b>';\n  copy = '<p>' + input;\n  el.insertAdjacentHTML('beforebegin', copy);\n}\n";
    expect(run('src/render.ts', code)).toEqual([[4, 'warn']]);
  });
});
