// bar-chart's properties (see utils/component-types.ts). It fires no events.
import type { Prop } from '../../utils/component-types'

/** One column: its label under it and its value over it. */
export interface BarChartBar {
  label: string
  value: number
}

export type BarChartProps = {
  bars: Prop<ArrayConstructor, BarChartBar[]>
}

export const barChartProps: BarChartProps = {
  bars: { type: Array, value: [] },
}
