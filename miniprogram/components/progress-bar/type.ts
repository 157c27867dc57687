// progress-bar's properties (see utils/component-types.ts). It fires no events.
import type { NumberProp, StringProp } from '../../utils/component-types'

export type ProgressBarSize = 'small' | 'large'

export type ProgressBarProps = {
  /** How full the bar is, 0-100. */
  percent: NumberProp
  /** Shown beside the bar: 第 120/300 页, 45%. */
  label: StringProp
  /** 'small' on cards, 'large' on the book page. */
  size: StringProp<ProgressBarSize>
}

export const progressBarProps: ProgressBarProps = {
  percent: { type: Number, value: 0 },
  label: { type: String, value: '' },
  size: { type: String, value: 'small' },
}
