#!/usr/bin/env node
// Runs the diffwarden CLI in this process and reports its peak resident memory on stderr.
import { pathToFileURL } from 'node:url';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const main = join(fileURLToPath(new URL('..', import.meta.url)), 'dist/src/cli/main.js');
const { main: run } = await import(pathToFileURL(main).href);
const sink = { write: () => true, isTTY: false };
const code = await run(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: sink, stderr: process.stderr });
process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`);
process.exitCode = code;
