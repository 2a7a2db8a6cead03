import type ts from 'typescript';
import type { ExportInfo } from './modules.js';

type TS = typeof ts;

/**
 * A module's exports from its tokens alone, without building a syntax tree: about a fifth of a
 * parse. Only `.ts`/`.mts`/`.cts` files: in JavaScript and TSX the scanner cannot tell JSX text from
 * code without the parser. Gives the same answer as `exportInfo` on the parsed file, or undefined
 * whenever the tokens leave any doubt (a `/` that may start a regular expression, a declaration list
 * with more than one name, anything the scanner reports as malformed): the caller then parses.
 */
export function scanExportInfo(api: TS, path: string, text: string): ExportInfo | undefined {
  if (!/\.[cm]?ts$/.test(path)) return undefined;
  return new ExportScan(api, text).run();
}

class Doubt extends Error {}

class ExportScan {
  private readonly K: typeof ts.SyntaxKind;
  private readonly scanner: ts.Scanner;
  private token: ts.SyntaxKind;
  /** The token before the current one (never trivia). */
  private previous: ts.SyntaxKind;
  private braces = 0;
  private nesting = 0;
  /** Brace depth at each open `${` of a template, innermost last. */
  private readonly templates: number[] = [];
  /** The token before each open parenthesis: `if (…) /x/` is a regular expression, `f(…) / 2` a division. */
  private readonly parens: ts.SyntaxKind[] = [];
  /** The token before the parenthesis that the last `)` closed. */
  private opener: ts.SyntaxKind;
  /** Inside `export const a = …` until its `;`: a further top-level comma may start another declaration. */
  private inDeclarationList = false;
  private readonly names = new Set<string>();
  private readonly stars: string[] = [];
  private unknown = false;
  private esm = false;

  constructor(
    private readonly api: TS,
    private readonly text: string,
  ) {
    this.K = api.SyntaxKind;
    this.scanner = api.createScanner(api.ScriptTarget.Latest, true, api.LanguageVariant.Standard, text, () => {
      throw new Doubt();
    });
    this.token = this.K.Unknown;
    this.previous = this.K.Unknown;
    this.opener = this.K.Unknown;
  }

  run(): ExportInfo | undefined {
    const K = this.K;
    try {
      for (this.next(); this.kind() !== K.EndOfFileToken; ) {
        if (this.atTopLevel() && this.previous !== K.DotToken && this.previous !== K.QuestionDotToken) {
          if (this.kind() === K.ExportKeyword) {
            this.next();
            this.exportStatement();
            continue;
          }
          if (this.kind() === K.ImportKeyword) {
            this.next();
            this.importStatement();
            continue;
          }
          if (this.kind() === K.ModuleKeyword) {
            this.next();
            if (this.kind() === K.StringLiteral && !this.scanner.hasPrecedingLineBreak()) this.unknown = true; // ambient module declaration
            continue;
          }
          if (this.kind() === K.SemicolonToken) this.inDeclarationList = false;
          else if (this.kind() === K.CommaToken && this.inDeclarationList) this.checkDeclarator();
        }
        this.next();
      }
      if (this.braces !== 0 || this.nesting !== 0 || this.templates.length > 0) return undefined;
    } catch (error) {
      if (error instanceof Doubt) return undefined;
      throw error;
    }
    if (!this.esm || /\bmodule\.exports\b|\bexports\.\w+\s*=/.test(this.text)) this.unknown = true;
    return { names: [...this.names], stars: this.stars, unknown: this.unknown };
  }

  /** A name, as the parser takes it: any identifier, and keywords after the reserved words (`type`, `as`, `implements`...). */
  private isName(): boolean {
    return this.kind() === this.K.Identifier || this.kind() > this.K.LastReservedWord;
  }

  private name(): string {
    return this.scanner.getTokenValue();
  }

  /** The kind of the token after the current one, and whether a line break precedes it. */
  private peek(): { kind: ts.SyntaxKind; lineBreak: boolean } {
    return this.scanner.lookAhead(() => ({ kind: this.scanner.scan(), lineBreak: this.scanner.hasPrecedingLineBreak() }));
  }

  /**
   * After a top-level comma of an exported declaration list: `, b = 2` would declare another name, while
   * `Record<string, number>` does not. Brackets tell the two apart only with the parser: doubt.
   */
  private checkDeclarator(): void {
    const K = this.K;
    this.next();
    if (this.kind() === K.OpenBraceToken || this.kind() === K.OpenBracketToken) throw new Doubt();
    if (!this.isName()) return;
    const after = this.peek();
    const k = after.kind;
    if (after.lineBreak || k === K.EqualsToken || k === K.ColonToken || k === K.CommaToken || k === K.SemicolonToken || k === K.ExclamationToken || k === K.EndOfFileToken || k === K.CloseBraceToken) throw new Doubt();
  }

  /** `import …` at the top: a declaration unless it is `import(…)`, `import.meta` or `import x = require(…)`. */
  private importStatement(): void {
    const K = this.K;
    if (this.kind() === K.OpenParenToken || this.kind() === K.DotToken) return;
    if (this.isName()) {
      const after = this.peek();
      if (after.kind === K.EqualsToken) return;
      if (this.kind() === K.TypeKeyword && (after.kind === K.Identifier || after.kind > K.LastReservedWord)) {
        const third = this.scanner.lookAhead(() => (this.scanner.scan(), this.scanner.scan()));
        if (third === K.EqualsToken) return;
      }
    }
    this.esm = true;
  }

  /** The statement after a top-level `export`, from its first tokens. */
  private exportStatement(): void {
    const K = this.K;
    this.inDeclarationList = false;
    if (this.kind() === K.AsKeyword) return; // `export as namespace X`: a UMD global, no module syntax
    this.esm = true;
    switch (this.token) {
      case K.EqualsToken:
        this.unknown = true;
        return;
      case K.OpenBraceToken:
        return this.namedExports();
      case K.AsteriskToken:
        return this.starExport();
      case K.DefaultKeyword:
        this.names.add('default');
        this.next();
        return this.defaultExport();
      case K.TypeKeyword: {
        const after = this.peek().kind;
        if (after === K.OpenBraceToken || after === K.AsteriskToken) {
          this.next();
          return this.kind() === K.OpenBraceToken ? this.namedExports() : this.starExport();
        }
        return this.declaration();
      }
      default:
        return this.declaration();
    }
  }

  /** `export { a, b as c } [from '…']`: the exported name is the last word of each element. */
  private namedExports(): void {
    const K = this.K;
    let last: string | undefined;
    for (this.next(); this.kind() !== K.CloseBraceToken; this.next()) {
      if (this.kind() === K.CommaToken) {
        if (last !== undefined) this.names.add(last);
        last = undefined;
      } else if (this.isName() || this.kind() === K.StringLiteral || this.kind() === K.DefaultKeyword) last = this.name();
      else throw new Doubt();
    }
    if (last !== undefined) this.names.add(last);
    this.next();
  }

  /** `export * from '…'` or `export * as ns from '…'`. */
  private starExport(): void {
    const K = this.K;
    this.next();
    if (this.kind() === K.AsKeyword) {
      this.next();
      if (!this.isName() && this.kind() !== K.StringLiteral) throw new Doubt();
      this.names.add(this.name());
      this.next();
      return;
    }
    if (this.kind() !== K.FromKeyword) throw new Doubt();
    this.next();
    if (this.kind() !== K.StringLiteral) throw new Doubt();
    this.stars.push(this.name());
    this.next();
  }

  /** After `export default`: a named function, class or interface also exports its own name (as `exportInfo` reads it). */
  private defaultExport(): void {
    const K = this.K;
    const after = this.peek();
    const declares =
      this.kind() === K.FunctionKeyword ||
      this.kind() === K.ClassKeyword ||
      this.kind() === K.InterfaceKeyword ||
      (this.kind() === K.AsyncKeyword && after.kind === K.FunctionKeyword && !after.lineBreak) ||
      (this.kind() === K.AbstractKeyword && after.kind === K.ClassKeyword && !after.lineBreak);
    if (this.kind() === K.AtToken) throw new Doubt();
    if (declares) this.declaration();
  }

  /** `export [declare] const|function|class|interface|type|enum|namespace|import …`: its name. */
  private declaration(): void {
    const K = this.K;
    while (this.kind() === K.DeclareKeyword || this.kind() === K.AsyncKeyword || this.kind() === K.AbstractKeyword) this.next();
    switch (this.token) {
      case K.ConstKeyword:
      case K.LetKeyword:
      case K.VarKeyword:
        this.next();
        if (this.kind() === K.EnumKeyword) return this.declaredName();
        if (this.kind() === K.OpenBraceToken || this.kind() === K.OpenBracketToken) this.unknown = true; // destructured
        else if (this.isName()) this.names.add(this.name());
        else throw new Doubt();
        this.inDeclarationList = true;
        return;
      case K.FunctionKeyword:
        this.next();
        if (this.kind() === K.AsteriskToken) this.next();
        if (this.isName()) this.names.add(this.name());
        return;
      case K.ClassKeyword:
        this.next();
        if (this.isName() && this.kind() !== K.ImplementsKeyword) this.names.add(this.name());
        return;
      case K.NamespaceKeyword:
      case K.ModuleKeyword:
        this.next();
        if (this.isName()) this.names.add(this.name());
        return;
      case K.InterfaceKeyword:
      case K.TypeKeyword:
      case K.EnumKeyword:
      case K.ImportKeyword:
      case K.GlobalKeyword:
        return this.declaredName();
      default:
        throw new Doubt();
    }
  }

  private declaredName(): void {
    if (this.kind() === this.K.GlobalKeyword) {
      this.names.add('global');
      return;
    }
    this.next();
    if (!this.isName()) throw new Doubt();
    this.names.add(this.name());
  }

  /** The current token (a method: TypeScript would narrow a property read across `next()` calls). */
  private kind(): ts.SyntaxKind {
    return this.token;
  }

  private atTopLevel(): boolean {
    return this.braces === 0 && this.nesting === 0;
  }

  /** Advances one token, keeping count of brackets and reading templates and regular expressions whole. */
  private next(): void {
    const K = this.K;
    this.previous = this.token;
    let t = this.scanner.scan();
    if (t === K.SlashToken || t === K.SlashEqualsToken) {
      if (this.startsExpression()) t = this.scanner.reScanSlashToken();
    } else if (t === K.CloseBraceToken && this.templates.length > 0 && this.templates[this.templates.length - 1] === this.braces) {
      t = this.scanner.reScanTemplateToken(false);
      if (t === K.TemplateTail) this.templates.pop();
    }
    if (t === K.TemplateHead) this.templates.push(this.braces);
    else if (t === K.OpenBraceToken) this.braces++;
    else if (t === K.CloseBraceToken) this.braces--;
    else if (t === K.OpenParenToken) {
      this.parens.push(this.previous);
      this.nesting++;
    } else if (t === K.CloseParenToken) {
      this.opener = this.parens.pop() ?? K.Unknown;
      this.nesting--;
    } else if (t === K.OpenBracketToken) this.nesting++;
    else if (t === K.CloseBracketToken) this.nesting--;
    if (this.braces < 0 || this.nesting < 0) throw new Doubt();
    this.token = t;
  }

  /** Whether a `/` here starts a regular expression: only when the token before cannot end an operand. */
  private startsExpression(): boolean {
    const K = this.K;
    const p = this.previous;
    if (p === K.CloseBraceToken) throw new Doubt(); // end of a block (regex) or of an object literal (division)
    if (p === K.CloseParenToken) {
      const o = this.opener;
      if (o === K.IfKeyword || o === K.WhileKeyword || o === K.ForKeyword || o === K.WithKeyword) throw new Doubt();
      return false;
    }
    if (p === K.ExclamationToken || p === K.GreaterThanToken) throw new Doubt(); // `x! / 2`, `!/re/`; `a > /re/`
    if (p === K.Identifier || p === K.PrivateIdentifier || p === K.CloseBracketToken || p === K.PlusPlusToken || p === K.MinusMinusToken) return false;
    if (p === K.ThisKeyword || p === K.SuperKeyword || p === K.NullKeyword || p === K.TrueKeyword || p === K.FalseKeyword) return false;
    if (p === K.NumericLiteral || p === K.BigIntLiteral || p === K.StringLiteral || p === K.NoSubstitutionTemplateLiteral || p === K.TemplateTail || p === K.RegularExpressionLiteral) return false;
    // Contextual keywords (`type`, `as`, `of`, ...) are names as often as keywords: no guess.
    if (p > K.LastReservedWord) throw new Doubt();
    return true;
  }
}

/** The reader's code, for caches that must not outlive a change of it. */
export function exportScanSource(): string {
  return `${scanExportInfo.toString()}\n${ExportScan.toString()}`;
}
