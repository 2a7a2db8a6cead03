import { describe, expect, it } from 'vitest';
import { scoreFindings } from '../../src/pipeline/score.js';

const none = { sensitivePathsTouched: 0, linesAdded: 10, codeWithoutTests: false };

describe('scoreFindings', () => {
  it('is 0 and pass for a clean change, and facts alone never leave the pass band', () => {
    expect(scoreFindings([], none)).toEqual({ riskScore: 0, decision: 'pass' });
    expect(scoreFindings([], { sensitivePathsTouched: 3, linesAdded: 900, codeWithoutTests: true })).toEqual({ riskScore: 20, decision: 'pass' });
  });

  it('puts the decision at the most severe finding and the score inside its band', () => {
    expect(scoreFindings([{ severity: 'info', confidence: 'high' }], none)).toEqual({ riskScore: 4, decision: 'pass' });
    expect(scoreFindings([{ severity: 'warn', confidence: 'medium' }], none)).toEqual({ riskScore: 30, decision: 'warn' });
    expect(scoreFindings(Array(5).fill({ severity: 'warn', confidence: 'high' }), none)).toEqual({ riskScore: 79, decision: 'warn' });
    expect(scoreFindings([{ severity: 'block', confidence: 'low' }], none)).toEqual({ riskScore: 80, decision: 'block' });
    expect(scoreFindings([{ severity: 'block', confidence: 'high' }, { severity: 'warn', confidence: 'high' }], { ...none, sensitivePathsTouched: 1 })).toEqual({ riskScore: 100, decision: 'block' });
  });
});
