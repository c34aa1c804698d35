// The files `ocop` sends are read as UTF-8 (or UTF-16 with its mark) and a file in
// another encoding is refused, naming the line, before anything is sent.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXIT } from '../../client/cli/main';
import { ocopInProcess } from '../support/cli-in-process';

const dir = mkdtempSync(path.join(tmpdir(), 'ocop-cli-files-'));
const latin1 = path.join(dir, 'latin1.csv');
writeFileSync(
  latin1,
  Buffer.from('province,role,level,name,email\nCB,officer,,Phòng NN Hòa An,a@cb.gov.vn\n', 'latin1'),
);

describe('files in another encoding than UTF-8', () => {
  // An API that refuses every connection: exit 5 would mean the file was sent.
  beforeAll(() => {
    process.env.OCOP_API_URL = 'http://127.0.0.1:1';
    process.env.OCOP_TOKEN = 'not-used';
  });

  it.each([
    [['contacts', 'import', latin1], 'FILE'],
    [['product', 'import', '--cycle', 'CB-2023', '--file', latin1], '--file'],
  ])('%j is refused with its line and how to convert', async (args, flag) => {
    const { code, stderr } = await ocopInProcess(...args);
    expect(code).toBe(EXIT.invalid);
    expect(stderr).toBe(
      `ocop: ${flag}: ${latin1}: line 2 is not UTF-8 (a Latin-1 or Windows-1258 file?). ` +
        'Save the file as "CSV UTF-8" (Excel: Save As, CSV UTF-8, or LibreOffice: character set Unicode (UTF-8)) and send it again\n',
    );
  });
});
