/** `npm run build:ui`: bundles the self-service pages' script into build/ui (git-ignored). */
import fs from 'node:fs';
import path from 'node:path';
import { PAGE_SCRIPT_BUILT, bundlePageScript } from '../api/ui/passkey-page-script';

async function main(): Promise<void> {
  const script = await bundlePageScript();
  fs.mkdirSync(path.dirname(PAGE_SCRIPT_BUILT), { recursive: true });
  fs.writeFileSync(PAGE_SCRIPT_BUILT, script);
  console.log(`wrote ${path.relative(process.cwd(), PAGE_SCRIPT_BUILT)} (${script.length} bytes)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
