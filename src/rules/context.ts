import type ts from 'typescript';
import type { ChangedFile } from '../pipeline/changed-files.js';
import type { ChangeStatus } from '../pipeline/parse-git-diff.js';
import type { Confidence, Severity } from '../types.js';
import type { Comment } from './define-rule.js';

export type FileKind = 'code' | 'json' | 'yaml' | 'markdown' | 'text';

/** What a rule may know about the repository beyond the file at hand, on the new side of the change. */
export interface ProjectView {
  /** Every file path in the repository (repo-relative, forward slashes), sorted. */
  files(): readonly string[];
  /** A file on the new side, or an installed dependency under `node_modules/` (which `files()` does not list). */
  exists(path: string): boolean;
  /** Text of a file on the new side (or under `node_modules/`), or undefined when it does not exist or is not text. */
  readText(path: string): string | undefined;
  /** Whether a folder under `node_modules/` exists; absent when the view has no working tree to look at. */
  directoryExists?(path: string): boolean;
}

export interface Suppression {
  kind: 'next-line' | 'file';
  ruleIds: string[];
  reason: string;
  /** Line of the directive comment, and the line it silences (next-line only). */
  line: number;
  targetLine: number;
  start: number;
  end: number;
}

/** Another file of the same change, as far as rules may see it (its old text is not shared; which lines it removed is). */
export type ChangeFile = Readonly<Omit<ChangedFile, 'oldText'>>;

/** The change as a whole: every changed file (empty in an audit) and a memo shared by all files of the run. */
export interface ChangeView {
  files: readonly ChangeFile[];
  /** Added lines of a changed file that hold code the change introduced (not only moved or re-indented). */
  freshLines(path: string): readonly number[];
  /** Builds a value once per run (for example an index over every added line of the change). */
  memo<T>(key: string, build: () => T): T;
}

export interface ParseProblem {
  start: number;
  line: number;
  message: string;
}

/** The file under analysis, as a rule sees it. */
export interface FileFacts {
  path: string;
  oldPath?: string;
  status: ChangeStatus;
  kind: FileKind;
  /** New content ('' for a deleted file). */
  text: string;
  /** Old content; null for an added file or in an audit. */
  oldText: string | null;
  /** True in an audit: every line counts as new. */
  allAdded: boolean;
  /** Sorted 1-based line numbers added on the new side. */
  addedLines: readonly number[];
  /** Sorted 1-based line numbers removed on the old side. */
  removedLines: readonly number[];
  /**
   * True for an added line that holds code the change introduced: a line the change only moved,
   * re-indented, re-wrapped or renamed around carries old code and is not counted (every line in an audit).
   */
  isAddedLine(line: number): boolean;
  /** True when the offsets [start, end) of the new text hold a token the change introduced (not carried along). */
  isNew(start: number, end: number): boolean;
  /** The new text split into lines (index 0 = line 1). */
  lines(): readonly string[];
  /** The old text split into lines (index 0 = line 1); empty when there is none. */
  oldLines(): readonly string[];
  /** A test file by name or folder (`*.test.ts`, `__tests__/`, `test/`...). */
  isTest: boolean;
  /** Supporting code that does not ship: benchmarks, scripts, examples, translations, docs. */
  isAuxiliary: boolean;
  /** Parsed new content (code files only). */
  sourceFile?: ts.SourceFile;
  /** Parsed old content (code files only); parsed on first use. */
  oldSourceFile(): ts.SourceFile | undefined;
  /** Comments of the new content (code files only). */
  comments(): readonly Comment[];
  /** True when the offset lies inside a string, template or regular-expression literal. */
  inLiteral(offset: number): boolean;
  /** Syntax errors of the new content (code files only). */
  parseProblems(): readonly ParseProblem[];
  suppressions(): readonly Suppression[];
  /** 1-based line of an offset into `text`. */
  lineOf(offset: number): number;
  /** Offset into `text` where a 1-based line starts. */
  offsetOfLine(line: number): number;
}

export interface ReportDescriptor {
  message: string;
  /** The node to point at (code files). */
  node?: ts.Node;
  /** Offsets into the new text, when there is no node. */
  start?: number;
  end?: number;
  /** A whole 1-based line, when there are neither node nor offsets. */
  line?: number;
  severity?: Severity;
  confidence?: Confidence;
  fix?: string;
  /** Offsets whose text must never be shown (a secret): code frames and snippets mask them. */
  sensitive?: boolean;
}

export interface RuleContext<O> {
  /** The TypeScript API, loaded on first access (so text rules must not touch it for text files). Rules import only its types. */
  readonly ts: typeof ts;
  readonly file: FileFacts;
  readonly options: O;
  readonly project: ProjectView;
  readonly change: ChangeView;
  /** Ids of every rule diffwarden knows, enabled or not. */
  readonly ruleIds: ReadonlySet<string>;
  report(descriptor: ReportDescriptor): void;
}
