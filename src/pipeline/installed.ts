import { statSync } from 'node:fs';
import { join } from 'node:path';
import { readRegularFile } from '../util/safe-read.js';
import { classifyContent } from './content.js';

/** Manifests, declarations and sources of installed packages are small; a larger file is not read. */
const INSTALLED_READ_BYTES = 4 * 1024 * 1024;

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
  const dirs = new Map<string, boolean>();
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
        // pnpm links packages into node_modules/.pnpm: folders may be links as long as they stay inside
        // the repository; the file itself is never one, and the read is bounded.
        const read = readRegularFile(root, path, INSTALLED_READ_BYTES, dirs);
        const content = read.kind === 'ok' ? classifyContent(read.data, path) : undefined;
        texts.set(path, content?.kind === 'text' ? content.text : undefined);
      }
      return texts.get(path);
    },
  };
}
