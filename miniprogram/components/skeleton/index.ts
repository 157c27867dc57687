// Grey placeholder rows shaped like book cards, shown while the first page loads.
import { MAX_SKELETON_ROWS, skeletonProps } from './type'

Component({
  properties: skeletonProps,
  data: { slots: [0, 1, 2, 3] },
  observers: {
    rows(rows: number) {
      const count = Math.max(0, Math.min(rows, MAX_SKELETON_ROWS))
      this.setData({ slots: Array.from({ length: count }, (_, i) => i) })
    },
  },
})
