// What PostgreSQL cannot store, and what a reader cannot see, never passes the
// schemas that every Update, request and file goes through (issue 13, items 2, 4 and 8).
import { productNameKey, RegisterProduct } from '../../domain/cycle';
import { ExtendDeadline, RecordInspection, SubmitDossier, Withdraw } from '../../domain/product';
import { RecordRevocationDecision } from '../../domain/recognition';
import { TEXT_MAX } from '../../domain/text';

const actor = { id: 'officer-1', role: 'officer', level: 'district' } as const;

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('text the database cannot store is refused, naming the field and the rule', () => {
  it('refuses a NUL byte in a reason', () => {
    expect(issues(Withdraw.safeParse({ actor, reason: 'abc\u0000def' }))).toEqual([
      'reason: must not contain control characters other than newline and tab',
    ]);
  });

  it('refuses a lone surrogate, which jsonb refuses too', () => {
    expect(issues(Withdraw.safeParse({ actor, reason: 'abc\ud800def' }))).toEqual([
      'reason: must be valid Unicode (no lone surrogate)',
    ]);
  });

  it('refuses C0 and C1 controls in a name, and keeps newlines and tabs in a note', () => {
    const registration = {
      actor: { id: 'htx-a', role: 'producer' },
      product: { name: 'Mật ong\u0085bạc hà', group: 'food' },
      subject: { id: 'htx-a', name: 'HTX A', type: 'cooperative' },
      unit: 'CB-01',
    };
    expect(issues(RegisterProduct.safeParse(registration))).toContain(
      'product.name: must not contain control characters',
    );
    const note = RecordInspection.parse({
      actor,
      inspectedAt: '2026-01-01T00:00:00Z',
      result: { outcome: 'corrective-action', findings: 'one\r\n\ttwo', dueAt: '2026-02-01T00:00:00Z' },
    });
    expect(note.result).toMatchObject({ findings: 'one\n\ttwo' });
  });
});

describe('every text has a maximum', () => {
  it('refuses a 1 MB reason and a 3 MB document name', () => {
    expect(issues(Withdraw.safeParse({ actor, reason: 'x'.repeat(1_000_000) }))).toEqual([
      `reason: must be at most ${TEXT_MAX.note} characters`,
    ]);
    expect(issues(SubmitDossier.safeParse({ actor, documents: ['y'.repeat(3_000_000)] }))).toEqual([
      'documents.0: must be at most 500 characters',
    ]);
  });

  it('refuses a list of documents past its maximum', () => {
    expect(issues(SubmitDossier.safeParse({ actor, documents: Array(101).fill('a.pdf') }))).toEqual([
      'documents: must list at most 100 documents',
    ]);
  });

  it('refuses a revocation note past its maximum', () => {
    const decision = { number: '1/QĐ', decidedOn: '2026-01-01T00:00:00Z', authority: 'UBND' };
    const revocation = { actor, outcome: 'revoke', decision, ground: 'other', note: 'n'.repeat(2001) };
    expect(issues(RecordRevocationDecision.safeParse(revocation))).toEqual([
      `note: must be at most ${TEXT_MAX.note} characters`,
    ]);
  });
});

describe('invisible characters are taken out before text is stored', () => {
  it('strips zero-width, bidi, BOM and soft hyphen from a reason, and composes it (NFC)', () => {
    const parsed = ExtendDeadline.parse({
      actor,
      until: '2026-01-01T00:00:00Z',
      reason: '\ufeffMu\u0300a\u200b m\u00adưa\u202e ',
    });
    expect(parsed.reason).toBe('Mùa mưa');
  });
});

describe('the duplicate check cannot be bypassed by what a reader cannot see', () => {
  it.each([
    ['a zero-width space', 'Mật\u200b ong'],
    ['a Cyrillic А', 'Mật ong Аn Phú'],
    ['a Greek Ο', 'Mật \u039Fng'],
    ['full-width letters', 'Ｍật ong'],
    ['a decomposed accent', 'Ma\u0302\u0323t ong'],
    ['a soft hyphen and a BOM', '\ufeffMật on\u00adg'],
  ])('%s gives the same key', (_, name) => {
    const reference = name.includes('An Phú') || name.includes('Аn') ? 'Mật ong An Phú' : 'Mật ong';
    expect(productNameKey(name)).toBe(productNameKey(reference));
  });

  it('still tells Vietnamese names apart by their accents', () => {
    expect(productNameKey('Chè')).not.toBe(productNameKey('Che'));
    expect(productNameKey('Mật ong')).not.toBe(productNameKey('Mặt ong'));
    expect(productNameKey('Đường')).not.toBe(productNameKey('Dường'));
  });
});
