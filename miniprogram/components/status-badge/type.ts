// status-badge's properties (see utils/component-types.ts).
import type { ReadingStatus } from '../../../typings/api'
import type { StringProp } from '../../utils/component-types'

export type StatusBadgeProps = {
  /** Anything else shows no label. */
  status: StringProp<ReadingStatus>
}

export const statusBadgeProps: StatusBadgeProps = {
  status: { type: String, value: 'want' },
}
