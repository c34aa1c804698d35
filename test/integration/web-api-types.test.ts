// The web app's API types (web/src/api/schema.d.ts) are generated from the API's OpenAPI document. This fails when
// a route's schema changed and nobody ran `npm run web:api-types`, before the app and the API disagree in a browser.
// `OCOP_UPDATE_WEB_API_TYPES=1 npx jest test/integration/web-api-types.test.ts` writes the file instead, from the
// same live document, for a change whose routes are not yet served by a running API.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { useApi } from '../support/api';

const api = useApi({ taskQueue: 'web-api-types' });
const COMMITTED = join(__dirname, '..', '..', 'web', 'src', 'api', 'schema.d.ts');

test('web/src/api/schema.d.ts is what openapi-typescript makes of the live /openapi.json', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ocop-api-types-'));
  try {
    const generated = join(dir, 'schema.d.ts');
    const bin = join(__dirname, '..', '..', 'node_modules', '.bin', 'openapi-typescript');
    await promisify(execFile)(bin, [`${api.url}/openapi.json`, '-o', generated]);
    if (process.env.OCOP_UPDATE_WEB_API_TYPES === '1') await copyFile(generated, COMMITTED);
    expect(await readFile(COMMITTED, 'utf8')).toBe(await readFile(generated, 'utf8'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
