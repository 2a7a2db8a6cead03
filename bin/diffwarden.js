#!/usr/bin/env node
// Exit codes: 0 pass or warn, 1 block, 2 usage, configuration or internal error. A crash is always 2,
// never Node's default 1, which would read as "blocked".
const crash = (error) => {
  process.stderr.write(`diffwarden: internal error (please report it): ${error?.stack ?? error}\n`);
  process.exit(2);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
import('../dist/bundle/cli.js').then(
  async ({ main }) => {
    process.exitCode = await main(process.argv.slice(2));
  },
  (error) => {
    process.stderr.write(`diffwarden: could not start (${error?.message ?? error}). In a source checkout run \`npm run build\` first.\n`);
    process.exitCode = 2;
  },
);
