// What every ISBN source looks like to the lookup chain: a URL to ask and a pure parser for the answer.
import type { BookMetadata, MetadataSource } from '../../../../../typings/api'

export type SourceName = Exclude<MetadataSource, 'manual'>
export type FoundBook = BookMetadata & { isbn: string }

/** A parser's verdict on a well-formed answer. `failed` means the answer proves nothing (an error
 * status, a quota message, an unexpected shape): the chain moves on and never caches it as not found. */
export type ParseResult = { kind: 'found'; book: FoundBook } | { kind: 'not_found' } | { kind: 'failed'; detail: string }

export interface Provider {
  name: SourceName
  /** Whether this source is asked about this ISBN at all (e.g. a keyed source without its key is not). */
  appliesTo(isbn13: string): boolean
  url(isbn13: string): string
  parse(json: unknown, isbn13: string): ParseResult
}

export interface ProviderConfig {
  openLibraryBaseUrl: string
  googleBooksBaseUrl: string
  googleBooksKey?: string
  jisuBaseUrl: string
  jisuAppKey?: string
  juheBaseUrl: string
  juheKey?: string
}
