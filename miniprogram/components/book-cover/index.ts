// A book's cover, or a calm placeholder with the title's first character when there is none
// (or the image fails to load).
import { firstGrapheme } from '../../utils/grapheme'
import { bookCoverProps } from './type'

/** The placeholder's character when the book has no title to take one from. */
const NO_TITLE_LETTER = '书'

Component({
  properties: bookCoverProps,
  data: { failed: false, letter: NO_TITLE_LETTER },
  observers: {
    src() {
      if (this.data.failed) this.setData({ failed: false })
    },
    title(title: string) {
      const letter = firstGrapheme(title.trim()) || NO_TITLE_LETTER
      if (letter !== this.data.letter) this.setData({ letter })
    },
  },
  methods: {
    onImageError() {
      this.setData({ failed: true })
    },
  },
})
