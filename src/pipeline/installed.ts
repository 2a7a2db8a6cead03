import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Installed dependencies: what the working tree holds under node_modules/, which git does not track. */
export interface InstalledView {
  exists(path: string): boolean;
  readText(path: string): string | undefined;
  directoryExists(path: string): boolean;
}

const IN_NODE_MODULES = /(?:^|\/)node_modules(?:\/|$)/;

/** True for repo-relative paths inside a node_modules folder. */
export function isInstalledPath(path: string): boolean {
  return IN_NODE_MODULES.test(path);
}

/**
 * Reads node_modules of the working tree (module resolution asks the same few paths many times, so
 * every answer is kept for the run). Dependencies installed now may differ from the ones of an old
 * commit; that only lets more imports resolve, never fewer.
 */
export function installedView(root: string): InstalledView {
  const kinds = new Map<string, 'file' | 'dir' | null>();
  const texts = new Map<string, string | undefined>();
  const kind = (path: string): 'file' | 'dir' | null => {
    let known = kinds.get(path);
    if (known === undefined) {
      try {
        const stat = statSync(join(root, path));
        known = stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : null;
      } catch {
        known = null;
      }
      kinds.set(path, known);
    }
    return known;
  };
  return {
    exists: (path) => isInstalledPath(path) && kind(path) === 'file',
    directoryExists: (path) => isInstalledPath(path) && kind(path) === 'dir',
    readText(path) {
      if (!isInstalledPath(path) || kind(path) !== 'file') return undefined;
      if (!texts.has(path)) {
        let text: string | undefined;
        try {
          const data = readFileSync(join(root, path));
          text = data.subarray(0, 8000).includes(0) ? undefined : data.toString('utf8');
        } catch {
          text = undefined;
        }
        texts.set(path, text);
      }
      return texts.get(path);
    },
  };
}
