// How a book becomes a document: its id, its reader fields' defaults and the derived keys used for
// sorting, paging and search. Pure (no database), so the benchmark seeds 100k books with this same code.
import { createHash, randomBytes } from 'crypto'
import type { BookMetadata, MetadataSource, ReaderFields } from '../../../../typings/api'
import { BOOK_METADATA_FIELDS, READER_FIELDS, type BookDocument } from '../db/documents'
import { pickFields } from '../db/fieldList'
import { toIsbn10 } from './isbn'

const base64url = (bytes: Buffer) => bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

/** A book with an ISBN gets a deterministic id per (reader, ISBN): the database's own `_id` uniqueness
 * then settles concurrent adds of the same ISBN, on the emulator and on CloudBase alike. It is a
 * one-way hash (domain-separated SHA-256, 132 bits), so a friend who sees it on a shared shelf learns
 * nothing about the OpenID it was derived from. */
export function bookIdFor(openid: string, isbn13: string): string {
  return 'b' + base64url(createHash('sha256').update(`bookcase/book/v1\n${openid}\n${isbn13}`).digest()).slice(0, 22)
}

/** A book without an ISBN has nothing to deduplicate on: a random id. */
export const randomBookId = () => 'm' + base64url(randomBytes(16))

export const DEFAULT_READER_FIELDS: ReaderFields = { status: 'want', rating: null, tags: [], note: '', is_private: false }

const fold = (s: string) => s.normalize('NFKC').toLowerCase()
// Field separator inside derived keys: sorts before any printable character, never in validated text.
const SEP = '\u0001'

/** The keys derived from a book's fields: recomputed whenever title, authors or ISBN change. */
export function derivedKeys(book: Pick<BookDocument, '_id' | 'title' | 'authors' | 'isbn' | 'createdAt'>) {
  const title = fold(book.title)
  const firstAuthor = fold(book.authors[0] ?? '')
  const isbnForms = book.isbn ? [book.isbn, toIsbn10(book.isbn) ?? ''] : []
  return {
    // Zero-padded milliseconds sort as numbers do; newest first is a descending walk.
    addedKey: `${String(book.createdAt.getTime()).padStart(15, '0')}${SEP}${book._id}`,
    titleKey: `${title}${SEP}${book._id}`,
    authorKey: `${firstAuthor}${SEP}${title}${SEP}${book._id}`,
    searchText: [title, ...book.authors.map(fold), ...isbnForms].join(SEP),
  }
}

export interface NewBook {
  id: string
  openid: string
  metadata: BookMetadata
  source: MetadataSource
  reader?: Partial<ReaderFields>
  now: Date
}

/** Drops undefined, null and '' optional fields: absent is the one way to say "unknown". */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T
}

/** A new book's document: the contract's bibliographic and reader fields, picked by their lists (so no
 * other key of `metadata` or `reader` is stored), and the fields the function owns. */
export function buildBookDocument({ id, openid, metadata, source, reader = {}, now }: NewBook): BookDocument {
  const base = {
    ...compact(pickFields(metadata, BOOK_METADATA_FIELDS)),
    title: metadata.title,
    authors: metadata.authors,
    _id: id,
    _openid: openid,
    source,
    ...DEFAULT_READER_FIELDS,
    ...compact(pickFields(reader, READER_FIELDS)),
    // rating null is meaningful ("unrated"): keep it whatever compact() did.
    rating: reader.rating ?? null,
    createdAt: now,
    updatedAt: now,
  }
  return { ...base, ...derivedKeys(base) }
}
