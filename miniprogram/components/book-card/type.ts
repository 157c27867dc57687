// book-card's properties and events (see utils/component-types.ts).
import type { BookCardView } from '../../utils/book-view'
import type { BooleanProp, ComponentEvent, ObjectProp } from '../../utils/component-types'

export type BookCardProps = {
  /** What the card renders (utils/book-view.ts). */
  book: ObjectProp<BookCardView | Record<string, never>>
  /** False on a shared shelf: a friend never sees which of your books are private. */
  showPrivacy: BooleanProp
  /** True where the page can filter by series (my shelf): a tap on 《series》 fires `series` instead
   * of `open`. Elsewhere (a shared shelf) the series is a plain label and the tap opens the book. */
  filterSeries: BooleanProp
}

export interface BookCardEvents {
  /** The card was tapped; the page decides where that leads. */
  open: { id: string }
  /** The card's 《series》volume was tapped: the page may show that series' books. */
  series: { series: string }
}

export type BookCardOpenEvent = ComponentEvent<BookCardEvents, 'open'>
export type BookCardSeriesEvent = ComponentEvent<BookCardEvents, 'series'>

export const bookCardProps: BookCardProps = {
  book: { type: Object, value: {} },
  showPrivacy: { type: Boolean, value: true },
  filterSeries: { type: Boolean, value: false },
}
