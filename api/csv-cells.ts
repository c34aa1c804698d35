// A cell a spreadsheet would read as a formula (CSV injection): text that a
// producer or an officer typed, such as a product's name, may start with = + -
// @, a tab or a carriage return. Such a cell is written with a leading
// apostrophe, which spreadsheets show as text and do not evaluate.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula<T>(cell: T): T | string {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}
