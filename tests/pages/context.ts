// Shared setup for the page suites: one real emulator per test file, fresh readers per test, and
// books put on a shelf through the real function (typed-in books, so no ISBN source is involved).
import type { Book, ManualBookInput, ReaderFieldsInput } from '../../typings/api'
import { startEmulator, type EmulatorHandle, type StartOptions } from '../support/emulator'
import { dataAs } from '../support/wx-cloud'

jest.setTimeout(60_000)

export interface EmulatorContext {
  readonly url: string
  readonly handle: EmulatorHandle
}

/** Starts the built emulator before the file's tests and stops it after them. */
export function useEmulator(options: () => StartOptions = () => ({})): EmulatorContext {
  let handle: EmulatorHandle | undefined
  beforeAll(async () => {
    handle = await startEmulator(options())
  })
  afterAll(async () => {
    await handle?.stop()
  })
  return {
    get url() {
      if (!handle) throw new Error('emulator not started')
      return handle.url
    },
    get handle() {
      if (!handle) throw new Error('emulator not started')
      return handle
    },
  }
}

let readers = 0
/** An OpenID nobody else in the run uses, so every test starts with an empty shelf. */
export function newReader(label: string): string {
  return `o-${label}-${process.pid}-${++readers}-${Math.random().toString(36).slice(2, 8)}`
}

export type SeedBook = Partial<ManualBookInput> & ReaderFieldsInput

/** Adds typed-in books one by one (so "added" order is the array order) and returns them. */
export async function seedBooks(url: string, openid: string, books: SeedBook[]): Promise<Book[]> {
  const added: Book[] = []
  for (const [i, seed] of books.entries()) {
    const { status, rating, tags, note, is_private, ownership, series, volume, location, progress, startedAt, finishedAt, ...bibliographic } = seed
    const book: ManualBookInput = { title: `书 ${i + 1}`, authors: ['佚名'], ...bibliographic }
    const reader = { status, rating, tags, note, is_private, ownership, series, volume, location, progress, startedAt, finishedAt }
    const defined = Object.fromEntries(Object.entries(reader).filter(([, v]) => v !== undefined))
    const result = await dataAs(url, openid, { action: 'addBook', book, ...defined })
    added.push(result.book)
  }
  return added
}

/** `count` plain books titled 书 01, 书 02, ... */
export function numberedBooks(count: number, extra: SeedBook = {}): SeedBook[] {
  return Array.from({ length: count }, (_, i) => ({ title: `书 ${String(i + 1).padStart(2, '0')}`, ...extra }))
}

/** A loopback URL nothing listens on: the gateway "offline". */
export const DEAD_GATEWAY = 'http://127.0.0.1:9'
