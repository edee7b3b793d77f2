import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_KEYS } from '../../config/config';

const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
const ciRun = fs.readFileSync(path.resolve(__dirname, '../../.ci/run'), 'utf8');

describe('the README', () => {
  it.each(CONFIG_KEYS.map((k) => k.name))('documents the variable %s', (name) => {
    expect(readme).toContain(`\`${name}\``);
  });

  it.each(['npm run dev', 'npm test', 'npm run api', 'npm run worker', 'npm run temporal --'])(
    'documents the command %s',
    (command) => {
      expect(readme).toContain(command);
    },
  );

  it('gives the same test command that CI runs', () => {
    expect(readme).toContain('npm ci && npm test');
    expect(ciRun).toContain('npm ci && npm test');
  });
});
