// The Douban book export of the common userscript (bambooom/douban-backup), CSV with a BOM, CRLF, every
// value quoted and a trailing comma on each data row. Older versions: 标题,个人评分,打分日期,我的短评,
// 出版日期,作者,条目链接 (读过 only); newer ones call 标题 书名 and add a 想读 file with only
// 书名,出版日期,作者,条目链接. Douban rows have no ISBN: the action matches on the subject id.
import { freeText, doubanSubjectId, list, oneLine, stars } from '../cells'
import { compact } from '../compact'
import { addedAt, day, publishedDate } from '../dates'
import type { ImportedBook } from '../importedBook'
import { noTitle, type ImportFormatReader } from './format'

export const doubanCsv: ImportFormatReader = {
  format: 'douban-csv',
  recognises: (columns) => columns.has('条目链接') && (columns.has('书名') || columns.has('标题')),
  read(cell, { columns }) {
    const title = oneLine(cell('书名') || cell('标题'))
    if (!title) return noTitle
    // The 读过 file has the reader's rating and comment columns; the 想读 file has neither.
    const readFile = columns.has('个人评分') || columns.has('打分日期')
    const marked = cell('打分日期')
    const book: ImportedBook = {
      doubanId: doubanSubjectId(cell('条目链接')),
      title,
      authors: list(cell('作者'), /\s+\/\s+/),
      publishedDate: publishedDate(cell('出版日期')),
      status: readFile ? 'read' : 'want',
      rating: stars(cell('个人评分')),
      note: freeText(cell('我的短评')) || undefined,
      // The day the book was marked 读过 is the day it was finished.
      finishedAt: readFile ? day(marked) : undefined,
      addedAt: addedAt(marked),
    }
    return { book: compact(book) }
  },
}
