// Reading progress as a bar and a label: 第 120/300 页, or 45% for a book read by percentage.
import type { ReadingProgress } from '../../typings/api'

export interface ProgressView {
  /** 0-100, for the bar. */
  percent: number
  label: string
}

/** The bar and label for `progress`; null when there is none. A page with no page count shows no bar. */
export function progressView(progress: ReadingProgress | null, pageCount: number | undefined): ProgressView | null {
  if (!progress) return null
  if ('percent' in progress) return { percent: clampPercent(progress.percent), label: `${progress.percent}%` }
  if (!pageCount) return { percent: 0, label: `第 ${progress.page} 页` }
  return { percent: clampPercent(Math.round((progress.page / pageCount) * 100)), label: `第 ${progress.page}/${pageCount} 页` }
}

const clampPercent = (percent: number) => Math.max(0, Math.min(100, percent))
