// Writes workflows/*.json from the templates in scripts/templates/workflows/: `npm run templates`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTemplates } from './templates';

const dir = join(__dirname, '..', '..', 'workflows');
for (const { file, json } of renderTemplates()) writeFileSync(join(dir, file), json);
console.log(`wrote ${dir}`);
