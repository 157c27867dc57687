// What a book card renders, and nothing more: setData sends every field to the view layer, so list
// items carry only these (a page of 20 stays a few KB).
import type { BookSummary, SharedBookSummary } from '../../typings/api'
import { isOverdue } from './loan'
import { progressView } from './progress'
import { seriesLabel } from './series'

export interface BookCardView {
  id: string
  title: string
  /** Authors joined for display: one string is cheaper to send than an array. */
  authors: string
  coverUrl: string
  /** The owner's photographed cover (cloud:// id), shown before coverUrl; '' on a shared shelf. */
  coverFileId: string
  status: BookSummary['status']
  is_private: boolean
  /** The series' name, which a tap on the card's 《series》volume filters to; '' outside a series. */
  series: string
  seriesLabel: string
  /** Progress while 在读 (the owner's cards only): the bar's percent and 第 120/300 页; '' otherwise. */
  progressLabel: string
  progressPercent: number
  /** Lent out now: a friend learns only this, never to whom. */
  lent: boolean
  /** Past its due date (owner only). */
  overdue: boolean
  /** On the wish list (想买), not on the shelf at home: the card says so, whatever the reading status. */
  wanted: boolean
}

export function toCardView(book: BookSummary | SharedBookSummary): BookCardView {
  return {
    id: book.id,
    title: book.title,
    authors: joinAuthors(book.authors),
    coverUrl: book.coverUrl ?? '',
    coverFileId: ('coverFileId' in book ? book.coverFileId : undefined) ?? '',
    status: book.status,
    is_private: 'is_private' in book ? book.is_private : false,
    series: book.series ?? '',
    seriesLabel: seriesLabel(book.series, book.volume),
    ...cardProgress(book),
    wanted: book.ownership === 'wanted',
    ...('lent' in book ? { lent: book.lent, overdue: false } : { lent: Boolean(book.loan), overdue: isOverdue(book.loan) }),
  }
}

/** A shared book carries no progress: the function keeps it for the owner. */
function cardProgress(book: BookSummary | SharedBookSummary): Pick<BookCardView, 'progressLabel' | 'progressPercent'> {
  const progress = 'progress' in book && book.status === 'reading' ? progressView(book.progress, book.pageCount) : null
  return progress ? { progressLabel: progress.label, progressPercent: progress.percent } : { progressLabel: '', progressPercent: 0 }
}

export function joinAuthors(authors: string[]): string {
  return authors.join('、')
}

/** "鲁迅, 许广平" or "鲁迅、许广平" → ['鲁迅', '许广平']: how the forms take several authors. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，、;；\n]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
}
