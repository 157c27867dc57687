// One book in a list: cover, title, authors, status, and a lock when only its owner can see it.
// Tapping it fires `open` with the book's id; the page decides where that leads.
import { emitterOf } from '../../utils/component-types'
import { bookCardProps, type BookCardEvents } from './type'

Component({
  properties: bookCardProps,
  methods: {
    onTap() {
      const book = this.data.book
      if ('id' in book && book.id) emitterOf<BookCardEvents>(this)('open', { id: book.id })
    },
  },
})
