// CSV bodies are bytes on the wire: the API reads UTF-8 (a BOM dropped) and UTF-16
// with its mark, and refuses any other encoding with 400 naming the line, so a
// Latin-1 spreadsheet is never stored as mojibake.
import { useApi } from '../support/api';

const api = useApi();
const DOMAIN = 'encoding.caobang.gov.vn';
const HEADER = 'province,role,level,name,email\n';
const ROW = `CB,officer,district,Phòng Nông nghiệp huyện Hà Quảng,pnn@${DOMAIN}\n`;
const NOT_UTF8 =
  'line 2 is not UTF-8 (a Latin-1 or Windows-1258 file?). Save the file as "CSV UTF-8" ' +
  '(Excel: Save As, CSV UTF-8, or LibreOffice: character set Unicode (UTF-8)) and send it again';

async function post(route: string, body: Buffer) {
  const response = await fetch(`${api.url}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await api.tokenFor('nong.thi.ha')}`, 'content-type': 'text/csv' },
    body: new Uint8Array(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const names = () => api.db.selectFrom('contacts').select('name').where('email', 'like', `%@${DOMAIN}`).execute();

afterEach(async () => {
  await api.db.deleteFrom('contacts').where('email', 'like', `%@${DOMAIN}`).execute();
});

describe('the encoding of a CSV body', () => {
  it.each([
    ['/v1/contacts', HEADER + ROW],
    ['/v1/cycles/CB-2023/imports', 'product_name,product_group\nMiến dong Hà Quảng,food\n'],
  ])('%s refuses Latin-1 with 400 naming the line, and stores nothing', async (route, csv) => {
    const answer = await post(route, Buffer.from(csv, 'latin1'));
    expect(answer).toMatchObject({
      status: 400,
      body: { detail: `body: ${NOT_UTF8}`, errors: [{ field: 'body', rule: NOT_UTF8 }] },
    });
    expect(await names()).toEqual([]);
  });

  it.each([
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(HEADER + ROW, 'utf8')])],
    ['UTF-16LE with its BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADER + ROW, 'utf16le')])],
  ])('reads %s', async (_encoding, body) => {
    const answer = await post('/v1/contacts', body);
    expect(answer).toMatchObject({ status: 200, body: { total: 1, imported: 1, refused: [] } });
    expect(await names()).toEqual([{ name: 'Phòng Nông nghiệp huyện Hà Quảng' }]);
  });
});
