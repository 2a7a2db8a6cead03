import type { Reporter } from './types.js';

/** The stable JSON contract (version 1), documented in the README. */
export const json: Reporter = (report) => `${JSON.stringify(report, null, 2)}\n`;
