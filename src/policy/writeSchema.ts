// Writes schemas/acr-locks.schema.json from POLICY_SCHEMA: `npm run -s build && node out/src/policy/writeSchema.js`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLICY_SCHEMA } from './schema';

export function schemaFileText(): string {
  return `${JSON.stringify(POLICY_SCHEMA, null, 2)}\n`;
}

if (require.main === module) {
  const path = join(__dirname, '..', '..', '..', 'schemas', 'acr-locks.schema.json');
  writeFileSync(path, schemaFileText());
  console.log(`wrote ${path}`);
}
