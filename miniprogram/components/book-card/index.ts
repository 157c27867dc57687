// One book in a list: cover, title, authors, 《series》volume, progress while 在读, status, 已借出 (已逾期
// once past due) and a lock when only its owner can see it.
// Tapping it fires `open` with the book's id (tapping the series fires `series` where the page filters by
// series); the page decides what follows.
import { emitterOf } from '../../utils/component-types'
import { bookCardProps, type BookCardEvents } from './type'

Component({
  properties: bookCardProps,
  methods: {
    onTap() {
      const book = this.data.book
      if ('id' in book && book.id) emitterOf<BookCardEvents>(this)('open', { id: book.id })
    },
    onSeriesTap() {
      const book = this.data.book
      if (!this.data.filterSeries) this.onTap()
      else if ('series' in book && book.series) emitterOf<BookCardEvents>(this)('series', { series: book.series })
    },
  },
})
