// 豆伴 (doufen-org/tofu), the browser extension that backs a Douban account up to a workbook
// 豆伴(<uid>).xlsx with one sheet per shelf, 读过 / 在读 / 想读, each with the header
// 标题,简介,豆瓣评分,链接,创建时间,我的评分,标签,评论,可见性. The sheet is the reading status.
import { doubanSubjectId, freeText, oneLine, stars } from '../cells'
import { compact } from '../compact'
import { addedAt, day } from '../dates'
import type { ImportedBook } from '../importedBook'
import { DOUBAN_STATUS, doubanPrivate, doubanTags, parseIntro } from './douban'
import { noTitle, type ImportFormatReader } from './format'

const statusOf = (sheet: string | undefined) => (sheet ? DOUBAN_STATUS[sheet.trim() as keyof typeof DOUBAN_STATUS] : undefined)

export const doufen: ImportFormatReader = {
  format: 'douban-xlsx',
  recognises: (columns) => columns.has('标题', '简介', '链接'),
  read(cell, { sheet }) {
    const title = oneLine(cell('标题'))
    if (!title) return noTitle
    const status = statusOf(sheet)
    const intro = parseIntro(cell('简介'))
    // 创建时间 is when the book went on that shelf, in China time.
    const marked = cell('创建时间')
    const book: ImportedBook = {
      doubanId: doubanSubjectId(cell('链接')),
      title,
      authors: intro.authors,
      publisher: intro.publisher,
      publishedDate: intro.publishedDate,
      status,
      rating: stars(cell('我的评分')),
      tags: doubanTags(cell('标签')),
      note: freeText(cell('评论')) || undefined,
      is_private: doubanPrivate(cell('可见性')),
      startedAt: status === 'reading' ? day(marked) : undefined,
      finishedAt: status === 'read' ? day(marked) : undefined,
      addedAt: addedAt(marked),
    }
    return { book: compact(book) }
  },
}
