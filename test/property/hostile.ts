// Generated hostile input for the property tests (issue 13): values that every
// schema must refuse wherever they stand, and a walk over a valid payload that
// puts one of them in place of one of its fields.
import fc from 'fast-check';

/** The longest text any payload field takes; a longer one is refused wherever it stands. */
const LONGEST_FIELD = 2000;

/** Characters PostgreSQL cannot store, or no field may hold: NUL, C0 and C1 controls but newline and tab, DEL. */
const refusedControl = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\r\u0000',
);
/** Lone halves of a surrogate pair, which jsonb refuses. */
const loneSurrogate = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff');

/** Text with a refused character somewhere in it. */
const pollutedText = fc
  .tuple(fc.string({ maxLength: 40 }), fc.oneof(refusedControl, loneSurrogate), fc.string({ maxLength: 40 }))
  .map(([before, bad, after]) => `${before}${bad}${after}`);

/** Text longer than any field takes (n code points of one unit); `huge` adds the 3 MB that once reached Temporal. */
function oversizedText(huge: boolean) {
  const lengths = huge
    ? fc.oneof(
        { arbitrary: fc.integer({ min: LONGEST_FIELD + 1, max: 20_000 }), weight: 20 },
        { arbitrary: fc.constant(3_000_000), weight: 1 },
      )
    : fc.integer({ min: LONGEST_FIELD + 1, max: 20_000 });
  return fc.tuple(lengths, fc.constantFrom('x', 'ậ', ' a', '😀')).map(([n, unit]) => unit.repeat(n));
}

/** Dates no instant may be: impossible days and hours, years out of range, not a date at all. */
export const hostileDate = fc.oneof(
  fc.constantFrom(
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '0000-01-01T00:00:00Z',
    '1899-12-31T23:59:59Z',
    '3000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '-000001-01-01T00:00:00Z',
    '2026-01-01',
    'NaN',
    'Invalid Date',
  ),
  fc
    .date({ min: new Date('0001-01-01'), max: new Date('1899-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc
    .date({ min: new Date('3000-01-02'), max: new Date('9999-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
);

/** Numbers no count, score or bonus is, and values that are not numbers at all. */
const hostileNumber = fc.constantFrom<unknown>(NaN, Infinity, -Infinity, '1', '0x10', '', null, true, [], {});

/** Deeply nested values of no field's type: arrays and objects of anything, several levels down. */
const nestedGarbage = fc.oneof(
  fc.array(fc.anything({ maxDepth: 3 }), { minLength: 1, maxLength: 4 }),
  fc.dictionary(fc.string(), fc.anything({ maxDepth: 3 }), { minKeys: 1, maxKeys: 4 }).map((d) => [d]),
);

/** What replaces a string field: refused text, a hostile date, or something not a string. */
export function hostileString(huge = true) {
  return fc.oneof(
    pollutedText,
    oversizedText(huge),
    hostileDate.map((d) => `${d}\u0000`),
    hostileNumber.filter((v) => typeof v !== 'string'),
    nestedGarbage,
  );
}

/** A path into a payload, and the value generated for it. */
export interface Mutation {
  path: (string | number)[];
  value: unknown;
}

type Leaf = { path: (string | number)[]; original: unknown };

/** Every field of `payload`: its leaves, and the lists and objects that hold them. */
export function fieldsOf(payload: unknown, path: (string | number)[] = []): Leaf[] {
  const here = path.length ? [{ path, original: payload }] : [];
  if (Array.isArray(payload)) return [...here, ...payload.flatMap((item, i) => fieldsOf(item, [...path, i]))];
  if (typeof payload === 'object' && payload !== null) {
    return [...here, ...Object.entries(payload).flatMap(([key, value]) => fieldsOf(value, [...path, key]))];
  }
  return here;
}

/** A hostile value of another kind than the field it replaces, so that no schema may take it. */
function hostileFor(original: unknown, huge: boolean): fc.Arbitrary<unknown> {
  if (typeof original === 'string') return hostileString(huge);
  if (typeof original === 'number') return hostileNumber;
  if (typeof original === 'boolean') return fc.constantFrom<unknown>('true', 1, null, NaN, []);
  // A list past any list's maximum, or a list where an object stands.
  if (Array.isArray(original)) {
    return fc.oneof(
      fc.constant(Array(1001).fill(original[0])),
      hostileNumber.filter((v) => !Array.isArray(v)),
    );
  }
  return fc.oneof(
    nestedGarbage,
    hostileString(huge).filter((v) => typeof v === 'string'),
  );
}

/** `payload` with one of its fields replaced by a hostile value. */
export function mutationOf(payload: unknown, huge = true): fc.Arbitrary<Mutation> {
  const fields = fieldsOf(payload);
  return fc
    .constantFrom(...fields)
    .chain(({ path, original }) => hostileFor(original, huge).map((value) => ({ path, value })));
}

export function applied(payload: unknown, { path, value }: Mutation): unknown {
  const copy: unknown = structuredClone(payload);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
  return copy;
}

interface Issue {
  path: readonly PropertyKey[];
  code?: string;
  errors?: readonly (readonly Issue[])[];
}

/** The issues, with those a union tried in each of its options, their paths made whole. */
function withUnionOptions(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): Issue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    const options = (issue.errors ?? []).flatMap((option) => withUnionOptions(option, path));
    return [{ ...issue, path }, ...options];
  });
}

/** Whether some issue names the field a mutation replaced, or a field within it. */
export function namesField(issues: readonly Issue[], path: readonly (string | number)[]): boolean {
  return withUnionOptions(issues).some((issue) => path.every((key, i) => String(issue.path[i]) === String(key)));
}
