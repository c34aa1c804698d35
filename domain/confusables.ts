// The key two product names are compared by, so that a name a reader cannot
// tell from another is the same product: a subject must not register "Mật ong"
// twice by writing one of its letters in Cyrillic or adding a zero-width space.
//
// The key follows the shape of the UTS #39 skeleton (decompose, map each
// look-alike to its prototype, recompose) with a small mapping of our own: the
// Latin, Cyrillic and Greek letters that look like a Latin letter. The npm
// packages that carry the full confusables table either fold accents away
// (which would make "Chè" and "Che" one product in Vietnamese) or have not been
// updated since Unicode 10.
import { normaliseName } from './text';

/**
 * Letters that render like a basic Latin letter, and that letter, position by
 * position: Cyrillic, then Greek, then Latin letters without the dot or hook
 * that tells them apart. Capitals map to capitals, before case is folded, as
 * Cyrillic "В" looks like "B" while "в" looks like no Latin small letter.
 */
const LOOK_ALIKE = 'АВЕКМНОРСТХУЅІЈԚԜҮӀаеорсухѕіјԁһԛԝүӏ' + 'ΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹͿαιορνυχϲϳγ' + 'ıȷɑɩʏɡ';
const LATIN = 'ABEKMHOPCTXYSIJQWYIaeopcyxsijdhqwyl' + 'ABEZHIKMNOPTYXCJaiopvuxcjy' + 'ijaiyg';
const PROTOTYPE = new Map([...LOOK_ALIKE].map((char, i) => [char, LATIN.charAt(i)]));

/**
 * `name` as compared with other names: compatibility forms folded (full-width
 * letters, ligatures), look-alikes mapped to their Latin letter, case folded,
 * then composed again, so that accents still tell names apart.
 */
export function confusablesKey(name: string): string {
  const decomposed = normaliseName(name).normalize('NFKD');
  let mapped = '';
  for (const char of decomposed) mapped += PROTOTYPE.get(char) ?? char;
  return mapped.toLowerCase().normalize('NFC');
}
