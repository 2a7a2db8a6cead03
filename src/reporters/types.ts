import type { Report } from '../types.js';
import type { Rule } from '../rules/define-rule.js';

export interface ReporterMeta {
  /** Every rule of the run, for reporters that describe rules (SARIF). */
  rules: readonly Rule<unknown>[];
  /** Use ANSI colours (text reporter). */
  color: boolean;
}

export type Reporter = (report: Report, meta: ReporterMeta) => string;

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** Loads only the reporter that was asked for. */
export async function loadReporter(format: Format): Promise<Reporter> {
  switch (format) {
    case 'text':
      return (await import('./text.js')).text;
    case 'json':
      return (await import('./json.js')).json;
    case 'sarif':
      return (await import('./sarif.js')).sarif;
    case 'markdown':
      return (await import('./markdown.js')).markdown;
    case 'github':
      return (await import('./github.js')).github;
  }
}
