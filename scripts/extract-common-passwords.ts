/**
 * Writes data/common-passwords.txt from zxcvbn 4.4.2's frequency lists (MIT, Dan Wheeler and
 * Dropbox): its 30,000 most common passwords, most frequent first, one per line.
 *
 *   npm pack zxcvbn@4.4.2 && tar xzf zxcvbn-4.4.2.tgz
 *   npx tsx scripts/extract-common-passwords.ts package/lib/frequency_lists.js
 */
import fs from 'node:fs';
import path from 'node:path';

const MIN_ENTRIES = 10_000;

function main(): void {
  const source = process.argv[2];
  if (!source) {
    throw new Error('usage: extract-common-passwords <path to zxcvbn lib/frequency_lists.js>');
  }

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lists = require(path.resolve(source)) as { passwords?: unknown };
  const passwords = lists.passwords;
  if (!Array.isArray(passwords) || passwords.length < MIN_ENTRIES) {
    throw new Error(`expected at least ${MIN_ENTRIES} passwords in ${source}`);
  }

  const target = path.join(__dirname, '..', 'data', 'common-passwords.txt');
  fs.writeFileSync(target, `${passwords.map(String).join('\n')}\n`);
  console.log(`wrote ${passwords.length} passwords to ${target}`);
}

main();
