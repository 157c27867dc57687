// skeleton's properties (see utils/component-types.ts).
import type { NumberProp } from '../../utils/component-types'

/** At most this many placeholder rows are drawn, whatever `rows` asks. */
export const MAX_SKELETON_ROWS = 10

export type SkeletonProps = {
  /** Placeholder rows shaped like book cards (0 to MAX_SKELETON_ROWS). */
  rows: NumberProp
}

export const skeletonProps: SkeletonProps = {
  rows: { type: Number, value: 4 },
}
