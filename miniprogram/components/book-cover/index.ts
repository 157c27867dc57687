// A book's cover, or a calm placeholder with the title's first character when there is none
// (or the image fails to load).
import { firstGrapheme } from '../../utils/grapheme'
import { bookCoverProps } from './type'

/** The placeholder's character when the book has no title to take one from. */
const NO_TITLE_LETTER = '书'

Component({
  properties: bookCoverProps,
  data: { failed: false, fileFailed: false, letter: NO_TITLE_LETTER },
  observers: {
    src() {
      if (this.data.failed) this.setData({ failed: false })
    },
    fileId() {
      if (this.data.fileFailed) this.setData({ fileFailed: false })
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
    /** A photographed cover that cannot be loaded gives way to the looked-up one, then the placeholder. */
    onFileError() {
      this.setData({ fileFailed: true })
    },
  },
})
