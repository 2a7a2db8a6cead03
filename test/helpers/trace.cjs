// Preloaded by the import-graph test: records CommonJS resolutions and registers the ESM hook.
const { appendFileSync } = require('node:fs');
const Module = require('node:module');
const { pathToFileURL } = require('node:url');
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const resolved = original.call(this, request, ...rest);
  if (process.env.DW_TRACE) appendFileSync(process.env.DW_TRACE, `${resolved}\n`);
  return resolved;
};
Module.register(pathToFileURL(require.resolve('./trace-loader.mjs')).href);
