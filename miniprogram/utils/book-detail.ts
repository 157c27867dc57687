// What the book page renders for one book, for its owner or for a friend on a shared shelf.
import type { Book, BookPatch, Day, Ownership, SharedBook } from '../../typings/api'
import { joinAuthors, splitList } from './book-view'
import { progressModeOf, progressText, type ProgressMode } from './home-fields'
import { toLoanView, type LoanView } from './loan'
import { progressView, type ProgressView } from './progress'
import { seriesLabel } from './series'
import { LIMITS } from './limits'

export interface BookDetailView {
  id: string
  isbn: string
  title: string
  subtitle: string
  authors: string
  publisher: string
  publishedDate: string
  pageCount: string
  coverUrl: string
  /** The owner's photographed cover (cloud:// id), shown before coverUrl; '' for a friend. */
  coverFileId: string
  summary: string
  status: Book['status']
  /** 0 when unrated. */
  rating: number
  tags: string[]
  note: string
  is_private: boolean
  ownership: Ownership
  series: string
  /** As typed: '' when none. */
  volume: string
  seriesLabel: string
  location: string
  /** The bar and its label; null when no progress is recorded. */
  progress: ProgressView | null
  /** Whether the stepper counts pages (the book has a page count) or percent. */
  progressMode: ProgressMode
  /** The stepper's number as text: the page or the percent, '' when none. */
  progressValue: string
  /** '' when not set. */
  startedAt: Day
  finishedAt: Day
  /** Owner only: the current loan, and earlier ones newest first. */
  loan: LoanView | null
  loans: LoanView[]
  /** Lent out now; all a friend learns of a loan. */
  lent: boolean
}

export function toDetailView(book: Book | SharedBook): BookDetailView {
  return {
    id: book.id,
    isbn: book.isbn ?? '',
    title: book.title,
    subtitle: book.subtitle ?? '',
    authors: joinAuthors(book.authors),
    publisher: book.publisher ?? '',
    publishedDate: book.publishedDate ?? '',
    pageCount: book.pageCount ? String(book.pageCount) : '',
    coverUrl: book.coverUrl ?? '',
    coverFileId: ('coverFileId' in book ? book.coverFileId : undefined) ?? '',
    summary: book.summary ?? '',
    status: book.status,
    rating: book.rating ?? 0,
    tags: book.tags,
    // A shared book has neither: the function never sends a friend the note or the privacy flag.
    note: 'note' in book ? book.note : '',
    is_private: 'is_private' in book ? book.is_private : false,
    ownership: book.ownership ?? 'owned',
    series: book.series ?? '',
    volume: book.volume === undefined ? '' : String(book.volume),
    seriesLabel: seriesLabel(book.series, book.volume),
    ...ownerHomeFields(book),
  }
}

/** Location, progress, its dates and the loans: the owner's alone (a shared book has none of them). */
function ownerHomeFields(book: Book | SharedBook) {
  if ('lent' in book) {
    return { location: '', progress: null, progressMode: progressModeOf(null, book.pageCount), progressValue: '', startedAt: '', finishedAt: '', loan: null, loans: [], lent: book.lent }
  }
  return {
    location: book.location ?? '',
    progress: progressView(book.progress, book.pageCount),
    progressMode: progressModeOf(book.progress, book.pageCount),
    progressValue: progressText(book.progress),
    startedAt: book.startedAt ?? '',
    finishedAt: book.finishedAt ?? '',
    loan: book.loan ? toLoanView(book.loan) : null,
    loans: (book.loans ?? []).map((loan) => toLoanView(loan)).reverse(),
    lent: Boolean(book.loan),
  }
}

/** The bibliographic fields the edit form shows, as text. */
export type BibliographicForm = Pick<BookDetailView, 'title' | 'subtitle' | 'authors' | 'publisher' | 'publishedDate' | 'pageCount' | 'summary'>

export const BIBLIOGRAPHIC_FIELDS: (keyof BibliographicForm)[] = [
  'title',
  'subtitle',
  'authors',
  'publisher',
  'publishedDate',
  'pageCount',
  'summary',
]

const PUBLISHED_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/

/** The patch for the fields the reader changed, or a Chinese message saying what to fix. */
export function bibliographicPatch(before: BookDetailView, form: BibliographicForm): BookPatch | string {
  const patch: BookPatch = {}
  const changed = (field: keyof BibliographicForm) => form[field].trim() !== before[field]
  if (changed('title')) {
    if (!form.title.trim()) return '书名不能为空'
    patch.title = form.title.trim()
  }
  if (changed('subtitle')) patch.subtitle = form.subtitle.trim()
  if (changed('authors')) patch.authors = splitList(form.authors)
  if (changed('publisher')) patch.publisher = form.publisher.trim()
  if (changed('publishedDate')) {
    const date = form.publishedDate.trim()
    if (date && !PUBLISHED_DATE.test(date)) return '出版日期请写成 2019、2019-05 或 2019-05-01'
    patch.publishedDate = date
  }
  if (changed('pageCount')) {
    const text = form.pageCount.trim()
    const pages = Number(text)
    if (text && (!Number.isInteger(pages) || pages < 1 || pages > LIMITS.maxPageCount)) return `页数请填写 1 到 ${LIMITS.maxPageCount} 之间的整数`
    patch.pageCount = text ? pages : null
  }
  if (changed('summary')) patch.summary = form.summary.trim()
  return patch
}
