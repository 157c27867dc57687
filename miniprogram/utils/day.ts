// Calendar days (the contract's Day, YYYY-MM-DD) in the reader's own time zone: what the date pickers
// show and what lendBook, returnBook and updateBook take. Such strings compare as the days they name.
import type { Day } from '../../typings/api'

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

/** The local day `date` falls on (not its UTC day: a loan made at 07:00 in Beijing is today's). */
export function dayOf(date: Date): Day {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

export function today(): Day {
  return dayOf(new Date())
}
