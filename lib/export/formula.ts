/**
 * Formula injection (OWASP "CSV injection"): a cell whose text starts with =, +, -, @, a tab
 * or a carriage return is run as a formula by spreadsheet programs. Every export (CSV, Excel)
 * writes such text with a leading apostrophe; a plain decimal number ("-49.5") is a number,
 * not a formula, and stays as it is.
 */
export const PLAIN_NUMBER_RE = /^-?\d+(\.\d+)?$/;
const FORMULA_START_RE = /^[=+\-@\t\r]/;

export function neutralizeFormula(text: string): string {
  return FORMULA_START_RE.test(text) && !PLAIN_NUMBER_RE.test(text) ? `'${text}` : text;
}
