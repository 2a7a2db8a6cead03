/** The sections of package.json that name packages to install. */
export const DEPENDENCY_SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/**
 * Package name -> version range over every dependency section of a package.json text; an absent file
 * (null) has none; undefined when the text is not JSON. A name in several sections keeps the range of
 * its first (`keep: 'first'`) or last section.
 */
export function manifestDependencies(text: string | null, keep: 'first' | 'last'): Map<string, string> | undefined {
  if (text === null) return new Map();
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch {
    return undefined;
  }
  const out = new Map<string, string>();
  if (!pkg || typeof pkg !== 'object') return out;
  for (const section of DEPENDENCY_SECTIONS) {
    const deps = (pkg as Record<string, unknown>)[section];
    if (!deps || typeof deps !== 'object') continue;
    for (const [name, version] of Object.entries(deps)) if (keep === 'last' || !out.has(name)) out.set(name, String(version));
  }
  return out;
}
