import { decodeText, NotUnicode } from '../../domain/text-bytes';

const CSV = 'province,role,level,name,email\nCB,officer,district,Phòng Nông nghiệp huyện Thạch An,pnn@cb.gov.vn\n';

describe('decodeText', () => {
  it('reads UTF-8 as it is', () => {
    expect(decodeText(Buffer.from(CSV, 'utf8'))).toBe(CSV);
  });

  it('drops a UTF-8 byte order mark', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')]))).toBe(CSV);
  });

  it('reads UTF-16 little and big endian after their byte order marks', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]);
    expect(decodeText(le)).toBe(CSV);
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeText(be)).toBe(CSV);
  });

  it('refuses Latin-1, naming the first line that is not UTF-8 and how to convert', () => {
    const latin1 = Buffer.from(
      'province,role,level,name,email\nCB,officer,,Phòng NN,a@b.vn\nCB,officer,,Lê Văn Đức,c@d.vn\n',
      'latin1',
    );
    expect(() => decodeText(latin1)).toThrow(NotUnicode);
    expect(() => decodeText(latin1)).toThrow(
      /^line 2 is not UTF-8 \(a Latin-1 or Windows-1258 file\?\)\. Save the file as "CSV UTF-8"/,
    );
  });

  it('names the line of a sequence cut short at the end of the file', () => {
    expect(() => decodeText(Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0xe1, 0xba]))).toThrow(/^line 3 is not UTF-8/);
  });

  it('refuses UTF-16 whose bytes are broken after its mark', () => {
    expect(() => decodeText(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x61, 0x00]))).toThrow(
      /^is not valid UTF-16LE although it starts with its byte order mark\. Save the file as "CSV UTF-8"/,
    );
  });
});
