/*
 * One escaping helper per medium. Everything a change, a PR author or an LLM reply can influence
 * (file names, code, messages, fixes, summaries) passes through the helper of the medium it reaches.
 */

// C0 controls except tab and newline, DEL, C1 controls, and bidi overrides (which reorder what is shown).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const ZWSP = '\u200b';

/** Removes control characters: no terminal escape sequence, carriage return or bidi override survives. */
export function stripControl(text: string): string {
  return text.replace(CONTROL, '');
}

/**
 * Text for a terminal, which may be a GitHub Actions log: no control characters, and no line that
 * the runner would take for a workflow command (`::error …` after leading blanks, or `##[…`).
 */
export function terminal(text: string): string {
  return stripControl(text).replace(/^([ \t]*):(?=:)/gm, `$1:${ZWSP}`).replace(/##\[/g, `##${ZWSP}[`);
}

/** Workflow command data, %-encoded as @actions/core does (its lines never start a new command). */
export function workflowData(text: string): string {
  return stripControl(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** A workflow command property (file=, title=): data encoding plus `:` and `,`. */
export function workflowProperty(text: string): string {
  return workflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

// Characters with a meaning in GitHub Markdown anywhere in a line: HTML as entities (so no raw
// `<!-- diffwarden:… -->` marker can appear in a comment), the rest escaped with a backslash.
const MD_INLINE = /[\\`*_[\]<>&|~$#]/g;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };
// At the start of a line these make a setext heading underline, a rule or a quote; `- item` stays a list.
const MD_LINE_START = /^([ \t]*)([=>]|[-+](?![ \t]+[^-+=\s]))/;

function markdownProse(text: string, lineStart: boolean): string {
  const out = text
    .replace(MD_INLINE, (c) => ENTITY[c] ?? `\\${c}`)
    .replace(/@/g, `@${ZWSP}`) // no @mention, no e-mail autolink
    .replace(/#(?=\w)/g, `#${ZWSP}`) // no #123 issue reference
    .replace(/:\/\//g, `:${ZWSP}//`) // no bare-URL autolink
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}${ZWSP}.`);
  return lineStart ? out.replace(MD_LINE_START, '$1\\$2') : out;
}

// A code span shows its content literally (no mention, link or HTML inside), so it is kept as one;
// without `<`, so that no `<!-- diffwarden:… -->` marker can appear in the raw text of a comment.
const CODE_SPAN = /`[^`\n<]+`/g;

function markdownLine(line: string, table: boolean): string {
  let out = '';
  let cursor = 0;
  CODE_SPAN.lastIndex = 0;
  for (let m = CODE_SPAN.exec(line); m; m = CODE_SPAN.exec(line)) {
    out += markdownProse(line.slice(cursor, m.index), cursor === 0) + (table ? m[0].replace(/\|/g, '\\|') : m[0]);
    cursor = m.index + m[0].length;
  }
  return out + markdownProse(line.slice(cursor), cursor === 0);
}

/** Untrusted text as inert Markdown: no mention, HTML, link, image, heading, table or code fence; line breaks kept. */
export function markdownText(text: string): string {
  return stripControl(text.replace(/\r\n?/g, '\n'))
    .split('\n')
    .map((line) => markdownLine(line, false))
    .join('\n');
}

/** Untrusted text on one line (a table cell, a heading): as markdownText, with line breaks as spaces. */
export function markdownInline(text: string): string {
  return markdownLine(stripControl(text.replace(/[\r\n]+/g, ' ')), true);
}

/** A code span in a table cell: backticks cannot close it, pipes cannot split the row. */
export function markdownCode(text: string): string {
  return `\`${stripControl(text).replace(/`/g, "'").replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ')}\``;
}

/** Plain text for SARIF messages (shown as text by code scanning): no control characters. */
export function sarifText(text: string): string {
  return stripControl(text);
}
