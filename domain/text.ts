// Free text as people send it, made safe to store and to compare. Every field
// that carries text is built here, so that whatever passes validation can be
// written to PostgreSQL (whose text and jsonb refuse U+0000 and lone UTF-16
// surrogates) and fits in a Temporal payload, and so that two texts a reader
// cannot tell apart are one text.
import { z } from 'zod';

/** The documented maxima, in Unicode code points (as zod counts a string's length). */
export const TEXT_MAX = {
  /** A person's, a subject's or a product's name. */
  name: 200,
  /** A reason, a note, findings: a few paragraphs. */
  note: 2000,
  /** An identifier one system gave another (an actor id, a criterion id). */
  identifier: 128,
} as const;

// Kept out of the exports: the workflow bundle deep-freezes what a module exports, and a global
// RegExp's replace resets its lastIndex, which a frozen RegExp refuses.
/** Lone UTF-16 surrogates: the `u` flag reads a well-formed pair as one code point, so only a lone half matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** Default-ignorable code points: zero-width characters, bidi controls, BOM, soft hyphen, variation selectors. */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
/** C0 and C1 controls, NUL and DEL among them. */
const CONTROL = /\p{Cc}/u;
/** The same, less the newline and the tab a multi-line text keeps. */
const CONTROL_BUT_LINES = /(?![\n\t])\p{Cc}/u;
const WHITESPACE_RUN = /\s+/gu;
const LINE_ENDING = /\r\n?/g;

/** NFC, with the characters no reader sees taken out. */
export function visibleText(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '');
}

/** A name as it is stored: visible text, each run of whitespace one space, trimmed. */
export function normaliseName(text: string): string {
  return visibleText(text).replace(WHITESPACE_RUN, ' ').trim();
}

/** A multi-line text as it is stored: visible text with `\n` line endings, trimmed. */
export function normaliseNote(text: string): string {
  return visibleText(text.replace(LINE_ENDING, '\n')).trim();
}

interface TextRules {
  max: number;
  /** What an empty text is told; absent where an empty text is allowed. */
  required?: string;
  normalise: (text: string) => string;
  control: RegExp;
  controlRule: string;
}

function text(rules: TextRules) {
  const { max, required, normalise, control, controlRule } = rules;
  const atMost = `must be at most ${max} characters`;
  // One string schema, its normalisation a check that rewrites the value: a pipe with a transform could not
  // serialize an API response that carries the field. A text over the maximum is refused before it is read.
  const checked = z
    .string()
    .max(max, { error: atMost, abort: true })
    .overwrite(normalise)
    .refine((s) => !control.test(s), controlRule)
    .refine((s) => !LONE_SURROGATE.test(s), 'must be valid Unicode (no lone surrogate)');
  return required === undefined ? checked : checked.min(1, required);
}

/** A single-line name: whitespace collapsed, no control character. */
export function nameText(max: number = TEXT_MAX.name, required = 'must not be empty') {
  return text({
    max,
    required,
    normalise: normaliseName,
    control: CONTROL,
    controlRule: 'must not contain control characters',
  });
}

/** A multi-line note or reason: newlines and tabs kept, no other control character. */
export function noteText(max: number = TEXT_MAX.note, required: string | undefined = 'must not be empty') {
  return text({
    max,
    required,
    normalise: normaliseNote,
    control: CONTROL_BUT_LINES,
    controlRule: 'must not contain control characters other than newline and tab',
  });
}

/** An identifier: no whitespace inside, no control character. */
export function identifierText(max: number = TEXT_MAX.identifier, required = 'must not be empty') {
  return nameText(max, required).refine((s) => !/\s/u.test(s), 'must not contain spaces');
}
