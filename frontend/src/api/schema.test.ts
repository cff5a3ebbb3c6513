// @vitest-environment node
import { readFile } from 'node:fs/promises';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { expect, test } from 'vitest';

// The committed types must be exactly what `npm run api-types` (openapi-typescript's
// CLI: header comment + generated source) makes from the committed schema.
test('generated API types match the OpenAPI schema', async () => {
  const schemaUrl = new URL('./openapi.json', import.meta.url);
  const expected = COMMENT_HEADER + astToString(await openapiTS(schemaUrl, { silent: true }));
  const committed = await readFile(new URL('./schema.d.ts', import.meta.url), 'utf8');
  if (committed !== expected) {
    expect.fail('API types are stale: run `make api-types`');
  }
}, 30_000);
