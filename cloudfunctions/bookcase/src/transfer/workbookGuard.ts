// A workbook is a zip of XML parts, and read-excel-file holds all of it in memory: every part inflated,
// and each sheet as a grid as tall as its lowest cell and as wide as its rightmost one. So before it
// reads anything, the parts are inflated once here, counting: their real sizes (a 5 MiB zip can
// inflate to gigabytes, and the sizes an archive declares may lie) and how far the cells reach (one
// cell at XFD1048576 makes a grid of 17 billion cells).
import { Unzip, UnzipInflate } from 'fflate'
import { ImportFileError } from './importFileError'

export interface WorkbookBounds {
  inflatedBytes: number
  rows: number
  columns: number
}

/** What the reader may inflate: far above a 10,000-row workbook of 5 MiB (its XML compresses about
 * tenfold), far below what the function's memory holds. */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024

/** Excel 2003's width, IV: far more than any export's columns. */
export const MAX_COLUMNS = 256

/** Deflate inflates at most ~1,000-fold: small pushes bound what one step can inflate past the limit. */
const PUSH_BYTES = 16 * 1024

/** A row's or a cell's start tag, with or without a namespace prefix: <row r="12">, <c r="AB12" t="s">. */
const TAG = /<(?:\w+:)?(row|c)(?=[\s/>])([^>]*)>/g
const REFERENCE = /\br="([A-Z]{0,3})(\d{1,7})"/
const ROW_OR_CELL = /^<(?:\w+:)?(?:row|c)(?=[\s/>])/
/** The longest tag kept while waiting for its end in the next chunk. */
const MAX_TAG = 4096

/** No row or cell tag is this long (its attributes are a handful of short ones); one that is could hide
 * its reference from this scan, so it is refused. */
const longTag = () => new ImportFileError('unreadable', `a row or cell tag longer than ${MAX_TAG} bytes`)

const columnNumber = (letters: string) => [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0)

/** Follows one XML part's rows and cells, chunk by chunk, for how far down and right they reach: by
 * their references, and by counting (references are optional). */
class ExtentScan {
  /** How far down this part reaches. */
  rows = 0
  private cellsInRow = 0
  /** A tag cut by the chunk's end, completed by the next chunk. */
  private pending = ''

  /** `rowsBefore`: the rows of the parts scanned before, since all sheets are held in memory at once. */
  constructor(
    private readonly bounds: WorkbookBounds,
    private readonly rowsBefore: number,
  ) {}

  /** The problem with the part so far, if any. */
  push(chunk: Uint8Array): ImportFileError | undefined {
    const text = this.pending + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).toString('latin1')
    const lastOpen = text.lastIndexOf('<')
    const complete = lastOpen >= 0 && !text.includes('>', lastOpen) ? lastOpen : text.length
    this.pending = text.slice(complete)
    if (this.pending.length > MAX_TAG) {
      // Any other long tag is of no interest: only its start is kept.
      if (ROW_OR_CELL.test(this.pending)) return longTag()
      this.pending = this.pending.slice(0, MAX_TAG)
    }
    for (const [, tag, attributes] of text.slice(0, complete).matchAll(TAG)) {
      if (attributes.length > MAX_TAG) return longTag()
      const reference = REFERENCE.exec(attributes)
      if (tag === 'row') {
        this.rows = Math.max(this.rows + 1, reference ? Number(reference[2]) : 0)
        this.cellsInRow = 0
      } else {
        this.cellsInRow = Math.max(this.cellsInRow + 1, reference ? columnNumber(reference[1]) : 0)
        if (reference) this.rows = Math.max(this.rows, Number(reference[2]))
      }
      if (this.rowsBefore + this.rows > this.bounds.rows) {
        return new ImportFileError('too_many_rows', `the sheets reach ${this.rowsBefore + this.rows} rows; at most ${this.bounds.rows} rows are read`)
      }
      if (this.cellsInRow > this.bounds.columns) {
        return new ImportFileError('too_large', `a sheet reaches column ${this.cellsInRow}; at most ${this.bounds.columns} columns are read`)
      }
    }
    return undefined
  }
}

/** Throws ImportFileError when the workbook inflates past `bounds.inflatedBytes` ('too_large'), its
 * sheets reach more than `bounds.rows` rows in all ('too_many_rows'), or one reaches right of column
 * `bounds.columns` ('too_large'). */
export function checkWorkbook(archive: Uint8Array, bounds: WorkbookBounds): void {
  let inflated = 0
  let rowsDone = 0
  let problem: ImportFileError | undefined
  const unzip = new Unzip((entry) => {
    const scan = entry.name.endsWith('.xml') ? new ExtentScan(bounds, rowsDone) : undefined
    entry.ondata = (error, chunk, final) => {
      if (error) throw error
      if (problem) return
      inflated += chunk.length
      problem =
        inflated > bounds.inflatedBytes ? new ImportFileError('too_large', `the workbook inflates to more than ${bounds.inflatedBytes} bytes`) : scan?.push(chunk)
      if (problem) entry.terminate()
      else if (final && scan) rowsDone += scan.rows
    }
    if (!problem) entry.start()
  })
  unzip.register(UnzipInflate)
  for (let at = 0; at < archive.length && !problem; at += PUSH_BYTES) {
    unzip.push(archive.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= archive.length)
  }
  if (problem) throw problem
}
