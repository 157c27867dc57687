// Calendar days (YYYY-MM-DD). The function's own "today" is the day in China Standard Time (UTC+8, no
// daylight saving), where WeChat's readers mostly are; the Mini Program may send the reader's own day
// instead. Days in this format compare correctly as strings.
import type { Day } from '../../../../typings/api'

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
export const DAY_MS = 24 * 60 * 60 * 1000

const dayAt = (ms: number): Day => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10)

/** The day `now` falls on in China. */
export const todayOf = (now: Date): Day => dayAt(now.getTime())

/** The latest day a reader may say something happened: tomorrow in China, since a reader further east
 * (Japan, Australia) is already there. */
export const latestPastDayOf = (now: Date): Day => dayAt(now.getTime() + DAY_MS)

/** The later of two days. */
export const laterDay = (a: Day, b: Day): Day => (a > b ? a : b)
