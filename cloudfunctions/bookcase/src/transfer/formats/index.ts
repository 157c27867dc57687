// Every format an import understands, in the order headers are tried: our own export first, since its
// header also carries Goodreads' columns.
import { bookcase } from './bookcase'
import type { ImportFormatReader } from './format'
import { goodreads } from './goodreads'

export const IMPORT_FORMATS: readonly ImportFormatReader[] = [bookcase, goodreads]
