import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config/defaults.js';
import { builtInRules } from '../rules/registry.js';
import { auditContext, auditFile } from './audit-file.js';
import { treeProjectView } from './tree-source.js';

/*
 * An audit worker: receives batches of paths, answers with one result per path. Only the built-in
 * rules run here (functions cannot cross threads), so custom rule sets audit in-process.
 */
const { root, inGit, config, track } = workerData as { root: string; inGit: boolean; config: Config; track: boolean };
const ctx = auditContext(root, config, builtInRules(), treeProjectView(root, inGit), track);

parentPort!.on('message', (paths: string[] | null) => {
  if (paths === null) {
    parentPort!.close();
    return;
  }
  parentPort!.postMessage(paths.map((path) => auditFile(ctx, path)));
});
