// Shapes shared by the store's parts.
export type Doc = Record<string, unknown>
export type DocId = string

/** One physical change. Journal records and undo logs are lists of these; replaying is idempotent. */
export type Mutation =
  | { op: 'create'; c: string }
  | { op: 'put'; c: string; doc: Doc }
  | { op: 'del'; c: string; id: DocId }

/** `database/indexes.json`: per collection, ordered indexes as MongoDB declares them. */
export interface IndexSpec {
  name: string
  unique?: boolean
  keys: [string, 1 | -1][]
  partialFilter?: Doc
}
export type IndexSpecs = Record<string, IndexSpec[]>

export type SortSpec = [string, 1 | -1][]

export interface FindOptions {
  sort?: SortSpec
  skip?: number
  limit?: number
  projection?: Doc
}
