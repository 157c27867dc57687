// Turning each source's loose fields into one BookMetadata shape: trimmed bounded text, authors as a
// list, dates as YYYY[-MM[-DD]], page counts as numbers, cover URLs on https only.
import type { FoundBook } from './types'

const MAX = { title: 300, author: 100, authors: 20, publisher: 200, summary: 10_000, language: 35 }

/** A trimmed, single-spaced string within `max` characters, or undefined when empty or not text. */
export function cleanText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined
  // eslint-disable-next-line no-control-regex
  const cleaned = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim()
  return cleaned ? cleaned.slice(0, max) : undefined
}

/** Multi-line text (summaries): keeps paragraph breaks, drops other control characters. */
export function cleanParagraphs(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined
  const cleaned = value
    .replace(/<[^>]+>/g, ' ') // some sources send HTML fragments
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]+/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n')
    .trim()
  return cleaned ? cleaned.slice(0, max) : undefined
}

/** Authors from a list or from one string such as "刘慈欣 著" or "A, B & C" (role words dropped). */
export function authorList(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,，;；、/&]| and /) : []
  const names = raw
    .map((name) =>
      typeof name === 'string'
        ? name
            .replace(/^\s*[[【(（][^\]】)）]{1,12}[\]】)）]\s*/u, '') // a leading nationality: "[哥伦比亚] …"
            .replace(/\s*[[【(（]?\s*(著|编著|主编|编|译|等)\s*[\]】)）]?\s*$/u, '') // a trailing role: "… 著"
        : undefined,
    )
    .map((name) => cleanText(name, MAX.author))
    .filter((name): name is string => name !== undefined)
  return [...new Set(names)].slice(0, MAX.authors)
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const pad = (n: number) => String(n).padStart(2, '0')

/** "2019", "2019-5", "2019.05.01", "2019年5月", "May 2019", "May 1, 2019" → YYYY[-MM[-DD]]. */
export function publishedDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const s = value.trim()
  const numeric = /^(\d{4})(?:[-./年](\d{1,2})(?:[-./月](\d{1,2}))?)?/.exec(s)
  const named = /([A-Za-z]{3})[a-z]*\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})/.exec(s)
  let year: number | undefined
  let month: number | undefined
  let day: number | undefined
  if (numeric) {
    year = Number(numeric[1])
    month = numeric[2] ? Number(numeric[2]) : undefined
    day = numeric[3] ? Number(numeric[3]) : undefined
  } else if (named && MONTHS.includes(named[1].toLowerCase())) {
    year = Number(named[3])
    month = MONTHS.indexOf(named[1].toLowerCase()) + 1
    day = named[2] ? Number(named[2]) : undefined
  } else {
    const yearOnly = /(?:^|\D)(\d{4})(?:\D|$)/.exec(s)
    year = yearOnly ? Number(yearOnly[1]) : undefined
  }
  if (year === undefined || year < 1000 || year > 2999) return undefined
  if (month === undefined || month < 1 || month > 12) return String(year)
  if (day === undefined || day < 1 || day > 31) return `${year}-${pad(month)}`
  return `${year}-${pad(month)}-${pad(day)}`
}

/** 320, "320", "320页", "xii, 320 p." → 320; anything else → undefined. */
export function pageCount(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(/(\d+)\s*(?:页|p|pages)?\.?\s*$/i.exec(value.trim())?.[1]) : NaN
  return Number.isInteger(n) && n > 0 && n <= 100_000 ? n : undefined
}

/** http → https (mini programs only load https images); anything that is not a web URL → undefined. */
export function httpsUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 1000) return undefined
  try {
    const url = new URL(value.trim().replace(/^\/\//, 'https://'))
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    url.protocol = 'https:'
    return url.toString()
  } catch {
    return undefined
  }
}

/** Assembles a FoundBook from normalised parts, dropping what is absent. */
export function foundBook(parts: {
  isbn: string
  title: unknown
  subtitle?: unknown
  authors?: unknown
  publisher?: unknown
  publishedDate?: unknown
  pageCount?: unknown
  coverUrl?: unknown
  summary?: unknown
  language?: unknown
}): FoundBook | undefined {
  const title = cleanText(parts.title, MAX.title)
  if (!title) return undefined
  const book: FoundBook = { isbn: parts.isbn, title, authors: authorList(parts.authors) }
  const optional: Partial<FoundBook> = {
    subtitle: cleanText(parts.subtitle, MAX.title),
    publisher: cleanText(parts.publisher, MAX.publisher),
    publishedDate: publishedDate(parts.publishedDate),
    pageCount: pageCount(parts.pageCount),
    coverUrl: httpsUrl(parts.coverUrl),
    summary: cleanParagraphs(parts.summary, MAX.summary),
    language: cleanText(parts.language, MAX.language),
  }
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(book, { [key]: value })
  return book
}

/** Safe property access on parsed JSON of unknown shape. */
export const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined
