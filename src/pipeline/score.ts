import type { Confidence, Decision, Finding, Severity } from '../types.js';

/*
 * Risk score, 0-100 (documented in the README):
 *   points   = sum over findings of SEVERITY_POINTS[severity] x CONFIDENCE_FACTOR[confidence]
 *            + change facts: sensitive paths touched +10, more than 400 added lines +5,
 *              source code added without any test change +5
 *   band     = by the most severe finding: block 80-100, warn 30-79, none or info 0-29
 *   score    = points clamped into the band
 *   decision = the band's name (pass for 0-29)
 * The decision is therefore exactly "the most severe finding", which is predictable, while the
 * score tells a reviewer how much risk sits inside that band.
 */
export const SEVERITY_POINTS: Record<Severity, number> = { block: 80, warn: 20, info: 4 };
export const CONFIDENCE_FACTOR: Record<Confidence, number> = { high: 1, medium: 0.75, low: 0.5 };
export const FACT_POINTS = { sensitivePath: 10, largeChange: 5, codeWithoutTests: 5 } as const;
export const LARGE_CHANGE_LINES = 400;
export const BANDS: Record<Decision, [number, number]> = { pass: [0, 29], warn: [30, 79], block: [80, 100] };

export interface ChangeFacts {
  sensitivePathsTouched: number;
  linesAdded: number;
  codeWithoutTests: boolean;
}

export interface Score {
  riskScore: number;
  decision: Decision;
}

export function scoreFindings(findings: readonly Pick<Finding, 'severity' | 'confidence'>[], facts: ChangeFacts): Score {
  let points = 0;
  let decision: Decision = 'pass';
  for (const f of findings) {
    points += SEVERITY_POINTS[f.severity] * CONFIDENCE_FACTOR[f.confidence];
    if (f.severity === 'block') decision = 'block';
    else if (f.severity === 'warn' && decision === 'pass') decision = 'warn';
  }
  if (facts.sensitivePathsTouched > 0) points += FACT_POINTS.sensitivePath;
  if (facts.linesAdded > LARGE_CHANGE_LINES) points += FACT_POINTS.largeChange;
  if (facts.codeWithoutTests) points += FACT_POINTS.codeWithoutTests;
  const [low, high] = BANDS[decision];
  return { riskScore: Math.min(high, Math.max(low, Math.round(points))), decision };
}
