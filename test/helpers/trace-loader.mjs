// ESM resolve hook used by the import-graph test: appends every resolved URL to $DW_TRACE.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (process.env.DW_TRACE) appendFileSync(process.env.DW_TRACE, `${result.url}\n`);
  return result;
}
