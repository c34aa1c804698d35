// Every Update payload schema, fed generated hostile values in place of each of
// its fields (issue 13): NUL and other controls, lone surrogates, huge text,
// NaN and ±Infinity, impossible and out-of-range dates, nested garbage. Each is
// refused with an issue naming the field; what a schema takes is storable.
import fc from 'fast-check';
import { productNameKey } from '../../domain/cycle';
import { nameText, noteText, TEXT_MAX } from '../../domain/text';
import { applied, mutationOf, namesField } from './hostile';
import { UPDATE_CASES } from './payloads';

/** Runs per Update case: 14 cases, 4,200 hostile payloads in all. */
const RUNS = 300;

describe.each(UPDATE_CASES)('$update', ({ schema, payload }) => {
  it('takes the valid payload the properties start from', () => {
    expect(schema.safeParse(payload).error?.issues ?? []).toEqual([]);
  });

  it('refuses a hostile value in any field, naming the field', () => {
    fc.assert(
      fc.property(mutationOf(payload), (mutation) => {
        const result = schema.safeParse(applied(payload, mutation));
        if (result.success) return false;
        return namesField(result.error.issues, mutation.path);
      }),
      { numRuns: RUNS },
    );
  });
});

/** No character PostgreSQL refuses, none a reader cannot see, composed (NFC). */
function storable(text: string): boolean {
  return (
    !/(?![\n\t])\p{Cc}/u.test(text) &&
    !/[\uD800-\uDFFF]/u.test(text) &&
    !/\p{Default_Ignorable_Code_Point}/u.test(text) &&
    text === text.normalize('NFC')
  );
}

describe('what the text schemas take', () => {
  const anyText = fc.string({ unit: 'binary', maxLength: 300 });

  it.each([
    ['a name', nameText(), TEXT_MAX.name, /[\n\t]/],
    ['a note', noteText(), TEXT_MAX.note, /(?!)/],
  ])('is storable and within its maximum for %s', (_, schema, max, neverKept) => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = schema.safeParse(text);
        return (
          !result.success || (storable(result.data) && !neverKept.test(result.data) && [...result.data].length <= max)
        );
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the duplicate key', () => {
  /** Latin letters, and a Cyrillic or Greek letter that looks like each, position by position. */
  const LATIN = 'AaeopcxHTOi';
  const LOOK_ALIKE = 'АаеорсхНТΟі';
  const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u202e', '\u2066'];
  const latinName = fc.stringMatching(/^[A-Za-zàáạảãâầấậăđèéẹêềếệìíòóọôồốộơờớợùúụưừứựỳýỹ ]{1,40}$/);

  it('is the same for a name spelt with look-alike letters, invisible characters and other spacing', () => {
    fc.assert(
      fc.property(latinName, fc.array(fc.nat()), fc.array(fc.constantFrom(...INVISIBLE)), (name, picks, hidden) => {
        const letters = [...name].map((ch, i) =>
          picks.includes(i) && LATIN.includes(ch) ? LOOK_ALIKE.charAt(LATIN.indexOf(ch)) : ch,
        );
        hidden.forEach((mark, i) => letters.splice((i * 7) % (letters.length + 1), 0, mark));
        const disguised = `  ${letters.join('').replace(/ /g, '   ')} `;
        return productNameKey(disguised) === productNameKey(name);
      }),
      { numRuns: 1000 },
    );
  });
});
