import { SEVERITY_RANK, type Finding } from '../types.js';

/** Most severe first, then by file and position: what a reader should see first. */
export function bySeverity(a: Finding, b: Finding): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

/** Findings grouped by file; files with the most severe findings first, and the most severe first within a file. */
export function groupByFile(findings: readonly Finding[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f.file);
    if (list) list.push(f);
    else groups.set(f.file, [f]);
  }
  const worst = (list: Finding[]): number => Math.max(...list.map((f) => SEVERITY_RANK[f.severity]));
  return [...groups.entries()]
    .map(([file, list]) => [file, list.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.line - b.line || a.column - b.column)] as [string, Finding[]])
    .sort((a, b) => worst(b[1]) - worst(a[1]) || a[0].localeCompare(b[0]));
}
