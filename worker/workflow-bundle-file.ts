/**
 * The workflows bundled once into a file of their own, for runs that start many workers (tests,
 * the benchmark): each worker loads the file instead of bundling again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';

export interface WorkflowBundleFile {
  path: string;
  remove(): Promise<void>;
}

export async function writeWorkflowBundle(): Promise<WorkflowBundleFile> {
  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    logger: new DefaultLogger('WARN'),
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowgate-wf-'));
  const file = path.join(dir, 'bundle.js');
  fs.writeFileSync(file, bundle.code);
  return { path: file, remove: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}
