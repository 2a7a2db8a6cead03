import type ts from 'typescript';
import type { z } from 'zod';
import type { Category, Confidence, Severity } from '../types.js';
import type { RuleContext } from './context.js';

/** Which files a rule looks at. `code` = TS/JS family, parsed; `text` = every text file. */
export type FileSelector = 'code' | 'text' | ((path: string) => boolean);

export interface RuleExample {
  /** Repo-relative path of the example file; decides the language and whether it is a test file. */
  file?: string;
  code: string;
  /** The file's previous content, for rules about what a change removed. */
  old?: string;
  /** Other files of the project the example needs (package.json, a module it imports). */
  project?: Record<string, string>;
  /** For `fires` examples: the exact lines the rule reports (tested). */
  lines?: number[];
  /** Analyse the example as a deleted file (rules about removals). */
  deleted?: boolean;
}

export interface RuleMeta<O> {
  category: Category;
  severity: Severity;
  confidence: Confidence;
  /** One line, shown by `diffwarden rules`. */
  description: string;
  /** Why this matters, for the docs. */
  why: string;
  /** What to do instead. */
  fix: string;
  files: FileSelector;
  /**
   * `added` (default): a finding counts only where it touches an added line.
   * `change`: the rule judges the change as a whole (removed tests, deleted files); findings are kept as reported.
   */
  scope?: 'added' | 'change';
  /** Also run on deleted files (only meaningful with scope `change`). */
  includeDeleted?: boolean;
  examples: { fires: RuleExample[]; passes: RuleExample[] };
  /** Builds the zod schema of the rule's options; only called when a config gives options. */
  options?: (zod: typeof z) => z.ZodType<Partial<O>>;
}

/** Node types handed to visitors, by SyntaxKind name. Extend as rules need more. */
export interface NodeMap {
  AnyKeyword: ts.KeywordTypeNode;
  ArrowFunction: ts.ArrowFunction;
  AsExpression: ts.AsExpression;
  BinaryExpression: ts.BinaryExpression;
  Block: ts.Block;
  CallExpression: ts.CallExpression;
  CatchClause: ts.CatchClause;
  ClassDeclaration: ts.ClassDeclaration;
  Constructor: ts.ConstructorDeclaration;
  DebuggerStatement: ts.DebuggerStatement;
  ElementAccessExpression: ts.ElementAccessExpression;
  ExportAssignment: ts.ExportAssignment;
  ExportDeclaration: ts.ExportDeclaration;
  ExpressionStatement: ts.ExpressionStatement;
  FunctionDeclaration: ts.FunctionDeclaration;
  FunctionExpression: ts.FunctionExpression;
  GetAccessor: ts.GetAccessorDeclaration;
  Identifier: ts.Identifier;
  IfStatement: ts.IfStatement;
  ImportDeclaration: ts.ImportDeclaration;
  ImportEqualsDeclaration: ts.ImportEqualsDeclaration;
  JsxAttribute: ts.JsxAttribute;
  MethodDeclaration: ts.MethodDeclaration;
  NewExpression: ts.NewExpression;
  NoSubstitutionTemplateLiteral: ts.NoSubstitutionTemplateLiteral;
  Parameter: ts.ParameterDeclaration;
  PropertyAccessExpression: ts.PropertyAccessExpression;
  PropertyAssignment: ts.PropertyAssignment;
  PropertyDeclaration: ts.PropertyDeclaration;
  ReturnStatement: ts.ReturnStatement;
  SetAccessor: ts.SetAccessorDeclaration;
  StringLiteral: ts.StringLiteral;
  TaggedTemplateExpression: ts.TaggedTemplateExpression;
  TemplateExpression: ts.TemplateExpression;
  ThrowStatement: ts.ThrowStatement;
  TypeAssertionExpression: ts.TypeAssertion;
  TypeReference: ts.TypeReferenceNode;
  VariableDeclaration: ts.VariableDeclaration;
  VariableStatement: ts.VariableStatement;
}

export type Visitors = { [K in keyof NodeMap]?: (node: NodeMap[K]) => void } & {
  /** Called once per file before the traversal; text rules do their work here. */
  onFile?: () => void;
  /** Called for every comment of a parsed file. */
  onComment?: (comment: Comment) => void;
  /** Called once after the traversal. */
  onEnd?: () => void;
};

export interface Comment {
  /** Offsets into the file text; `text` includes the `//` or `/* *\/` markers. */
  start: number;
  end: number;
  text: string;
  /** The comment's words without markers or leading `*`. */
  body: string;
  line: number;
  endLine: number;
  kind: 'line' | 'block';
}

export interface Rule<O = Record<string, never>> {
  id: string;
  meta: RuleMeta<O>;
  defaultOptions: O;
  create(context: RuleContext<O>): Visitors;
}

/** Declares a rule. The id must equal the file name (a test enforces it). */
export function defineRule<O = Record<string, never>>(rule: Rule<O>): Rule<O> {
  return rule;
}
