// What the import page says about formats and skipped rows, in Chinese. Records over the contract's
// unions, so a new format or skip reason fails to compile until it has its text here.
import type { ImportFormat, ImportSkip, ImportSkipReason } from '../../../typings/api'

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  goodreads: 'Goodreads',
  libib: 'Libib',
  storygraph: 'StoryGraph',
  'douban-csv': '豆瓣（CSV）',
  'douban-xlsx': '豆伴表格',
  bookcase: '书架导出文件',
}

/** The formats the page lists, with where the reader finds each export. */
export const FORMAT_GUIDE: { name: string; hint: string }[] = [
  { name: 'Goodreads', hint: 'My Books → Import and export → Export Library' },
  { name: 'Libib', hint: '在 Libib 网页版的设置中导出 CSV' },
  { name: 'StoryGraph', hint: 'Manage Account → Export StoryGraph Library' },
  { name: '豆瓣', hint: '豆伴导出的表格（读过 / 在读 / 想读），或常用脚本导出的 CSV' },
  { name: '书架', hint: '本小程序「导出书架」得到的 CSV 或表格' },
]

const SKIP_REASONS: Record<ImportSkipReason, string> = {
  // Also a row with only an ISBN that no source knows.
  no_title: '没有书名（按 ISBN 也没有查到）',
  invalid_isbn: 'ISBN 无效',
  invalid_value: '有内容不符合要求（如评分、日期或长度）',
  not_book: '不是图书',
  failed: '保存失败',
}

export interface SkipView {
  key: string
  /** 第 12 行, or 想读 第 12 行 for a workbook's sheet. */
  where: string
  reason: string
}

export function toSkipView(skip: ImportSkip): SkipView {
  const where = `${skip.sheet ? `${skip.sheet} ` : ''}第 ${skip.row} 行`
  return { key: `${skip.sheet ?? ''}:${skip.row}`, where, reason: SKIP_REASONS[skip.reason] }
}
