// The demo shelf (--seed): real books for two demo readers, added through the bookcase function
// itself (addBook with typed-in books, lendBook / returnBook for their loans, then updateShelf), so the
// emulator never duplicates the function's document schema or its derived keys.
import demoShelf from './demo-shelf.json'
import type { FunctionRunner } from '../functions/runner'
import type { Day } from '../../typings/api'

/** A day as demo-shelf.json writes it: relative to the day the seed runs, so the demo never ages. */
type RelativeDay = { daysAgo: number } | { inDays: number }

interface DemoLoan {
  borrower: string
  lentAt: RelativeDay
  dueDate?: RelativeDay
  returnedAt?: RelativeDay
}

/** addBook's parameters, with relative days, plus the book's loans. */
type DemoBook = Record<string, unknown> & { loans?: DemoLoan[] }

interface DemoReader {
  openid: string
  shelf: { name: string; isPublic: boolean }
  books: DemoBook[]
}

const DAY_MS = 24 * 60 * 60 * 1000
// The function's "today" is China's (README.md, The cloud function: the home library); the demo reader lives there too.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_FIELDS = new Set(['startedAt', 'finishedAt', 'lentAt', 'dueDate', 'returnedAt'])

function dayFrom(today: number, value: unknown): Day {
  const { daysAgo, inDays } = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<'daysAgo' | 'inDays', unknown>>
  const days = daysAgo ?? (typeof inDays === 'number' ? -inDays : undefined)
  if (typeof days !== 'number' || !Number.isInteger(days)) {
    throw new Error(`demo-shelf.json: a day is {"daysAgo": n} or {"inDays": n}, not ${JSON.stringify(value)}`)
  }
  return new Date(today - days * DAY_MS + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** The fields with their relative days written as the function's days. */
function withDays<T extends object>(fields: T, today: number): T {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, DAY_FIELDS.has(key) ? dayFrom(today, value) : value])) as T
}

async function call<T>(runner: FunctionRunner, openid: string, data: Record<string, unknown>): Promise<T> {
  const { json } = await runner.invoke('bookcase', data, { openid, source: 'wx_client' })
  const answer = json === undefined ? undefined : (JSON.parse(json) as { ok?: boolean; data?: T; error?: { message?: string } })
  if (!answer?.ok) throw new Error(`${data.action} as ${openid}: ${answer?.error?.message ?? json}`)
  return answer.data as T
}

/** Returns the number of books added. */
export async function seedDemoShelf(runner: FunctionRunner, readers = demoShelf.readers as DemoReader[], now = Date.now()): Promise<number> {
  let added = 0
  for (const reader of readers) {
    for (const { loans = [], ...entry } of reader.books) {
      const { book } = await call<{ book: { id: string } }>(runner, reader.openid, { action: 'addBook', ...withDays(entry, now) })
      added++
      for (const { returnedAt, ...loan } of loans) {
        await call(runner, reader.openid, { action: 'lendBook', id: book.id, ...withDays(loan, now) })
        if (returnedAt) await call(runner, reader.openid, { action: 'returnBook', id: book.id, ...withDays({ returnedAt }, now) })
      }
    }
    await call(runner, reader.openid, { action: 'updateShelf', ...reader.shelf })
  }
  return added
}
