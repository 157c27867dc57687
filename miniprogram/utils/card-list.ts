// "Load more" for the two lists of book cards (my shelf, a friend's shared shelf): fetch the next page,
// append only its cards, keep the footer's loading flag honest and toast a failure.
import type { BookSummary, Page, SharedBookSummary } from '../../typings/api'
import { toCardView, type BookCardView } from './book-view'
import { toastError } from './feedback'
import { appendPatch, type PagedLoader } from './paged-list'

/** What a page showing a card list has: its rendered items and flags, and setData. */
export interface CardListPage {
  data: { items: BookCardView[]; loading: boolean; loadingMore: boolean }
  setData(patch: Record<string, unknown>): void
}

export async function loadMoreCards(
  page: CardListPage,
  loader: PagedLoader<Page<BookSummary | SharedBookSummary>>,
): Promise<void> {
  if (!loader.hasMore || page.data.loadingMore || page.data.loading) return
  page.setData({ loadingMore: true })
  try {
    const result = await loader.next()
    if (result === null) return
    page.setData({
      ...appendPatch('items', page.data.items.length, result.items.map(toCardView)),
      hasMore: loader.hasMore,
      loadingMore: false,
    })
  } catch (error) {
    page.setData({ loadingMore: false })
    toastError(error)
  }
}
