// book-cover's properties (see utils/component-types.ts).
import type { StringProp } from '../../utils/component-types'

/** 'small' for list cards, 'large' for the detail page. */
export type CoverSize = 'small' | 'large'

export type BookCoverProps = {
  /** An https URL or the owner's cloud:// file id; '' shows the placeholder. */
  src: StringProp
  /** The owner's photographed cover (Book.coverFileId, a cloud:// file id): shown before `src`, which
   * stays the fallback if the file cannot be loaded. */
  fileId: StringProp
  /** The placeholder shows its first character (grapheme). */
  title: StringProp
  size: StringProp<CoverSize>
}

export const bookCoverProps: BookCoverProps = {
  src: { type: String, value: '' },
  fileId: { type: String, value: '' },
  title: { type: String, value: '' },
  size: { type: String, value: 'small' },
}
