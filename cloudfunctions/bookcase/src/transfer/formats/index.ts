// Every format an import understands, in the order headers are tried: our own export first, since its
// header also carries Goodreads' columns.
import { bookcase } from './bookcase'
import { doubanCsv } from './doubanCsv'
import { doufen } from './doufen'
import type { ImportFormatReader } from './format'
import { goodreads } from './goodreads'
import { libib } from './libib'
import { storygraph } from './storygraph'

export const IMPORT_FORMATS: readonly ImportFormatReader[] = [bookcase, goodreads, storygraph, libib, doubanCsv, doufen]
