// A column chart of plain views (no canvas, no chart library): each bar's height is its share of the
// tallest, so any year's twelve months fit.
import { barChartProps, type BarChartBar } from './type'

interface Column extends BarChartBar {
  /** Percent of the plot's height. */
  height: number
}

function toColumns(bars: BarChartBar[]): Column[] {
  const max = Math.max(0, ...bars.map((bar) => bar.value))
  return bars.map((bar) => ({ ...bar, height: max > 0 ? Math.round((bar.value / max) * 100) : 0 }))
}

Component({
  properties: barChartProps,
  data: { columns: [] as Column[] },
  observers: {
    bars(bars: BarChartBar[]) {
      this.setData({ columns: toColumns(bars) })
    },
  },
})
