// What the store answers: one typed request per database operation. Callers (admin/, the viewer,
// the dump) decode their own formats into these and never touch the store's collections; the
// shape follows firebase-tools' storage emulator, whose handlers call a StorageLayer the same way.
import type { Doc, SortSpec } from './types'

export interface FindRequest {
  collection: string
  filter: Doc
  sort?: SortSpec
  skip?: number
  limit?: number
  projection?: Doc
}

export interface CountRequest {
  collection: string
  filter: Doc
}

export interface InsertRequest {
  collection: string
  /** Documents without an `_id` get a fresh one. */
  docs: Doc[]
}

export interface UpdateRequest {
  collection: string
  filter: Doc
  /** Update operators, or the whole new document when `replace`. */
  data: Doc
  /** Every match, or only the first. */
  multi: boolean
  /** Insert a document built from the filter and the update when nothing matches. */
  upsert: boolean
  replace: boolean
}

export interface UpdateResult {
  /** Documents the update changed. */
  updated: number
  /** The `_id` of the document an upsert inserted. */
  upsertedId?: unknown
}

export interface RemoveRequest {
  collection: string
  filter: Doc
  multi: boolean
}

export interface AggregateRequest {
  collection: string
  pipeline: Doc[]
}

export interface CollectionInfo {
  name: string
  size: number
  /** The declared ordered indexes' names. */
  indexes: string[]
}

/** A whole collection's documents, for export and import. */
export interface CollectionContents {
  name: string
  docs: Doc[]
}
