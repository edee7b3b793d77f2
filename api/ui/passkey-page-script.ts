/**
 * The page's script, bundled with @simplewebauthn/browser. A pre-built bundle
 * (`npm run build:ui`, as the Docker image does) is served when present; otherwise esbuild, a
 * development dependency, bundles it in memory on the first request.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const PAGE_SCRIPT_ENTRY = path.join(ROOT, 'ui/passkey-page.ts');
export const PAGE_SCRIPT_BUILT = path.join(ROOT, 'build/ui/passkey-page.js');

let cached: Promise<string> | undefined;

/** Bundles the page's script; `npm run build:ui` writes the result to PAGE_SCRIPT_BUILT. */
export async function bundlePageScript(): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [PAGE_SCRIPT_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

async function loadPageScript(): Promise<string> {
  if (fs.existsSync(PAGE_SCRIPT_BUILT)) {
    return fs.promises.readFile(PAGE_SCRIPT_BUILT, 'utf8');
  }
  return bundlePageScript();
}

export function passkeyPageScript(): Promise<string> {
  cached ??= loadPageScript().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
