export const MAIN_HELP = `diffwarden: guards code changes against AI-generated mistakes and risky edits.

Usage:
  diffwarden check [--staged | --range A..B | --base REF] [options]   analyse a change (default: --staged)
  diffwarden audit [PATH...] [options]                               analyse whole files (every line counts as new)
  diffwarden baseline [--prune] [--output FILE]                      accept today's findings; report only new ones
  diffwarden print-config [FILE]                                     the configuration in effect (for FILE: every rule's level)
  diffwarden rules [ID...] [--format text|json|markdown]             list every rule, or explain some
  diffwarden init [--husky | --lefthook | --git] [--force]          add a starter config and the pre-commit hook
  diffwarden uninstall                                               remove exactly what init added
  diffwarden review --tests | --summary [--staged | --range A..B | --base REF]   LLM test ideas or a summary
  diffwarden usage [--since DATE] [--by model|task|day] [--format table|json|csv]   LLM spending

Options for check and audit:
  --format text|json|sarif|markdown|github   report format (default: text)
  --fail-on block|warn|never                 lowest decision that exits 1 (default: config failOn, else block)
  --config PATH                              configuration file (default: searched at the repository root)
  --output FILE                              write the report to FILE instead of stdout

Exit codes: 0 pass or warn, 1 blocked (or warn with --fail-on warn), 2 usage, configuration or internal error.
`;

export const CHECK_HELP = `Usage: diffwarden check [--staged | --range A..B | --base REF] [options]

  --staged          the index against HEAD: exactly what \`git commit\` would record (default)
  --range A..B      two commits; A...B compares B with the merge base; a single commit compares it with its parent
  --base REF        the merge base of REF and HEAD against HEAD (a pull request's view)
  --review          after the static pass, ask the LLM to review the risky hunks (see "llm" in the config)
  --dry-run         with --review: show the prompt size, models and worst-case cost; send nothing
  --format F        text, json, sarif, markdown or github (default: text)
  --fail-on L       block, warn or never (default: config failOn, else block)
  --config PATH     configuration file
  --output FILE     write the report to FILE
`;

export const AUDIT_HELP = `Usage: diffwarden audit [PATH...] [options]

Runs every rule over whole files under PATH (default: the current directory). In a git work tree,
tracked and untracked files are read and .gitignore is honoured. Results of unchanged files are
reused from the cache directory (DIFFWARDEN_CACHE_DIR, default ~/.cache/diffwarden).

  --format F        text, json, sarif, markdown or github (default: text)
  --fail-on L       block, warn or never (default: config failOn, else block)
  --config PATH     configuration file
  --output FILE     write the report to FILE
  --no-cache        analyse every file again
  --jobs N          threads to use (default: one per core for audits of 64 files or more)
`;

export const BASELINE_HELP = `Usage: diffwarden baseline [--prune] [--output FILE] [--config PATH]

Audits the whole repository and records every finding in the baseline file (the configuration's
"baseline", default .diffwarden-baseline.json) by fingerprint: rule, file and code, not line, so an
entry survives code moving around it and stops matching when its code changes. check and audit then
report only findings not in it, and say how many they left out. Commit the file; it is sorted, one
finding per line, so it diffs and merges like code. Add a "reason" to an entry to say why it is
accepted; reasons are kept when the baseline is written again.

  --prune           only drop entries that no finding matches any more (adds nothing)
  --output FILE     write here instead of the configured file
`;

export const PRINT_CONFIG_HELP = `Usage: diffwarden print-config [FILE] [--config PATH]

Prints, as JSON, the configuration diffwarden uses here (file found, defaults filled in). With FILE,
also every rule's level and options for that file, with the matching "overrides" applied.
`;

export const RULES_HELP = `Usage: diffwarden rules [ID...] [--format text|json|markdown]

Lists every rule with its id, default severity, category and description. With rule ids, explains
those rules in full: why they fire, how to fix, their options, and an example each way.
`;

export const INIT_HELP = `Usage: diffwarden init [--husky | --lefthook | --git] [--force] [--no-config]

Writes diffwarden.config.json (unless a configuration exists) and installs the pre-commit hook
with the manager the repository already uses: a line in .husky/pre-commit, a command in
lefthook.yml, or .git/hooks/pre-commit (honouring core.hooksPath). Running it twice changes nothing.

  --husky, --lefthook, --git   choose the hook manager instead of detecting it
  --force                      replace a pre-commit hook diffwarden did not write (it is backed up)
  --no-config                  do not write a starter configuration
`;

export const UNINSTALL_HELP = `Usage: diffwarden uninstall

Removes what \`diffwarden init\` added: its hook line, lefthook command or hook file (restoring a
hook it replaced), and the starter configuration if you have not edited it.
`;

export const USAGE_HELP = `Usage: diffwarden usage [--since DATE] [--by model|task|day] [--format table|json|csv]

Shows what the LLM client spent, from the usage ledger in the state directory
(DIFFWARDEN_STATE_DIR, default ~/.local/state/diffwarden): one record per billed attempt.

  --since DATE   only records from this date (UTC), e.g. 2026-11-01
  --by KEY       totals per model, task or day
  --format F     table (default), json ({ totalUsd, requests, cacheHits, records }) or csv
`;

export const REVIEW_HELP = `Usage: diffwarden review --tests | --summary [--staged | --range A..B | --base REF] [--config PATH]

Asks the configured LLM about the change: --tests suggests tests for the changed functions
(templates/suggest-tests.md), --summary writes a short summary for a pull request
(templates/summarize.md). Costs are recorded like every LLM call (see \`diffwarden usage\`).
`;
