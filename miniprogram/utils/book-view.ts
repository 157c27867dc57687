// What a book card renders, and nothing more: setData sends every field to the view layer, so list
// items carry only these (a page of 20 stays a few KB).
import type { BookSummary, SharedBookSummary } from '../../typings/api'

export interface BookCardView {
  id: string
  title: string
  /** Authors joined for display: one string is cheaper to send than an array. */
  authors: string
  coverUrl: string
  status: BookSummary['status']
  is_private: boolean
}

export function toCardView(book: BookSummary | SharedBookSummary): BookCardView {
  return {
    id: book.id,
    title: book.title,
    authors: joinAuthors(book.authors),
    coverUrl: book.coverUrl ?? '',
    status: book.status,
    is_private: 'is_private' in book ? book.is_private : false,
  }
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
