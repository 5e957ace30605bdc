/** `npm run docs:config`: writes the configuration table of README.md from CONFIG_VARIABLES. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configTableMarkdown } from '../src/config-variables';

const path = join(__dirname, '..', '..', '..', 'README.md');
const readme = readFileSync(path, 'utf8');
// The first table after the "## Configuration" heading: from its header row to its last row.
const table = /(## Configuration\n[\s\S]*?\n)(\| variable[^\n]*\n(?:\|[^\n]*\n)*)/;
if (!table.test(readme)) throw new Error('README.md has no configuration table to replace');
writeFileSync(
  path,
  readme.replace(table, (_, before: string) => `${before}${configTableMarkdown()}\n`),
);
console.log('README.md: configuration table written');
