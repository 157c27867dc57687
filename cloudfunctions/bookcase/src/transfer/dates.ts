// Dates as import files write them ("2020/01/15", "2009/5", "2006-5-1", "2018-09-30 11:47:01",
// "2006年5月") → the contract's forms. Anything else is left out rather than guessed.

const pad = (n: number) => String(n).padStart(2, '0')

interface DateParts {
  year: number
  month?: number
  day?: number
  /** "HH:MM:SS" when the cell had a time of day. */
  time?: string
}

function dateParts(cell: string): DateParts | undefined {
  const match = /^(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?)?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(cell.trim())
  if (!match) return undefined
  const [, y, m, d, hh, mm, ss] = match
  const parts: DateParts = { year: Number(y) }
  if (parts.year < 1000) return undefined
  if (m !== undefined) {
    parts.month = Number(m)
    if (parts.month < 1 || parts.month > 12) return undefined
  }
  if (d !== undefined) {
    parts.day = Number(d)
    const last = new Date(Date.UTC(parts.year, parts.month ?? 1, 0)).getUTCDate()
    if (parts.day < 1 || parts.day > last) return undefined
  }
  if (hh !== undefined && d !== undefined) {
    if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return undefined
    parts.time = `${pad(Number(hh))}:${mm}:${ss ?? '00'}`
  }
  return parts
}

/** A publication date: YYYY, YYYY-MM or YYYY-MM-DD, as precise as the cell. */
export function publishedDate(cell: string): string | undefined {
  const parts = dateParts(cell)
  if (!parts) return undefined
  return [String(parts.year), parts.month && pad(parts.month), parts.day && pad(parts.day)].filter(Boolean).join('-')
}

/** A calendar day, YYYY-MM-DD (the time of day, if any, is dropped). */
export function day(cell: string): string | undefined {
  const parts = dateParts(cell)
  if (!parts?.day) return undefined
  return `${parts.year}-${pad(parts.month ?? 1)}-${pad(parts.day)}`
}

/** When a book was added: the day, or with a time of day a full ISO timestamp in `utcOffset` (the app's
 * clock: Douban's are China time, +08:00). Our own export's ISO timestamps pass through unchanged. */
export function addedAt(cell: string, utcOffset = '+08:00'): string | undefined {
  const trimmed = cell.trim()
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(trimmed) && !Number.isNaN(Date.parse(trimmed))) {
    return trimmed
  }
  const parts = dateParts(trimmed)
  if (!parts?.day) return undefined
  const date = `${parts.year}-${pad(parts.month ?? 1)}-${pad(parts.day)}`
  return parts.time ? `${date}T${parts.time}${utcOffset}` : date
}
