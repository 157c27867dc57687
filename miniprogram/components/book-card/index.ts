// One book in a list: cover, title, authors, status, and a lock when only its owner can see it.
// Tapping it fires `open` with the book's id; the page decides where that leads.
Component({
  properties: {
    /** A BookCardView (utils/book-view.ts). */
    book: { type: Object, value: {} },
    /** False on a shared shelf: a friend never sees which of your books are private. */
    showPrivacy: { type: Boolean, value: true },
  },
  methods: {
    onTap() {
      const id = (this.data.book as { id?: string }).id
      if (id) this.triggerEvent('open', { id })
    },
  },
})
