// How exported values sit in spreadsheet cells, for both writers and for reading our own export back.

/** One cell as the writers take it: text, a number, or empty. */
export type CellValue = string | number | null

/** Cells Excel would run as a formula (=, +, -, @, a tab or CR first: "CSV injection") get a leading
 * apostrophe in the CSV export, as OWASP advises; so does text that already starts with one, which keeps
 * the guard reversible: reading our own CSV back drops exactly one leading apostrophe. The xlsx export
 * writes typed text cells, which Excel never runs, and needs no guard. */
const NEEDS_GUARD = /^[=+\-@\t\r']/

export const guardFormula = (text: string) => (NEEDS_GUARD.test(text) ? `'${text}` : text)

export const unguardFormula = (text: string) => (text.startsWith("'") ? text.slice(1) : text)

/** Excel's text formula ="…", which keeps a spreadsheet from reading an ISBN as a number (and printing
 * 9.78754E+12). Goodreads writes its ISBN columns the same way. */
export const excelText = (text: string) => (text ? `="${text}"` : '')
