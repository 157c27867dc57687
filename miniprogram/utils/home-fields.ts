// Reading the book page's home-library inputs (volume, progress) into what updateBook takes, with the
// function's bounds (utils/limits.ts) checked first so a wrong number never costs a call.
import type { ReadingProgress } from '../../typings/api'
import { LIMITS } from './limits'

/** Pages when the book has a page count (or progress is already in pages), percent otherwise. */
export type ProgressMode = 'page' | 'percent'

export function progressModeOf(progress: ReadingProgress | null, pageCount: number | undefined): ProgressMode {
  if (progress) return 'page' in progress ? 'page' : 'percent'
  return pageCount ? 'page' : 'percent'
}

export function progressText(progress: ReadingProgress | null): string {
  if (!progress) return ''
  return String('page' in progress ? progress.page : progress.percent)
}

/** The largest number the stepper takes in `mode`. */
function progressMax(mode: ProgressMode, pageCount: number | undefined): number {
  return mode === 'percent' ? 100 : (pageCount ?? LIMITS.maxPageCount)
}

/** What one tap of − / + moves: ten pages, or five percent. */
const STEP: Record<ProgressMode, number> = { page: 10, percent: 5 }

/** `value` in `mode`, kept within 0 and the maximum (the page count, or 100%). */
export function clampedProgress(mode: ProgressMode, value: number, pageCount: number | undefined): ReadingProgress {
  const bounded = Math.max(0, Math.min(progressMax(mode, pageCount), Math.round(value)))
  return mode === 'page' ? { page: bounded } : { percent: bounded }
}

/** The progress one step back (-1) or on (+1) from `current` ('' counts as 0). */
export function steppedProgress(mode: ProgressMode, current: string, direction: -1 | 1, pageCount: number | undefined): ReadingProgress {
  const value = Number(current) || 0
  return clampedProgress(mode, value + direction * STEP[mode], pageCount)
}

/** A typed page or percent: the progress, null to clear it (''), or a Chinese message saying what to fix. */
export function typedProgress(mode: ProgressMode, text: string, pageCount: number | undefined): ReadingProgress | null | string {
  const trimmed = text.trim()
  if (!trimmed) return null
  const value = Number(trimmed)
  const max = progressMax(mode, pageCount)
  if (!Number.isFinite(value) || value < 0 || value > max) return mode === 'page' ? `页码请填写 0 到 ${max} 之间的数` : '百分比请填写 0 到 100 之间的数'
  return clampedProgress(mode, value, pageCount)
}

/** A typed volume: the number, null to clear it (''), or a Chinese message saying what to fix. */
export function typedVolume(text: string): number | null | string {
  const trimmed = text.trim()
  if (!trimmed) return null
  const volume = Number(trimmed)
  if (!Number.isFinite(volume) || volume <= 0 || volume > LIMITS.volume || !Number.isInteger(volume * 2))
    return `卷号请填写 1 到 ${LIMITS.volume} 之间的数（可以是 2.5）`
  return volume
}
