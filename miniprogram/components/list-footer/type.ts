// list-footer's properties (see utils/component-types.ts).
import type { BooleanProp } from '../../utils/component-types'

export type ListFooterProps = {
  /** A next page is on its way. */
  loading: BooleanProp
  /** More pages follow (else: 没有更多了). */
  hasMore: BooleanProp
}

export const listFooterProps: ListFooterProps = {
  loading: { type: Boolean, value: false },
  hasMore: { type: Boolean, value: false },
}
