// Reading statuses as the reader sees them, in the order the filters and pickers show them.
import type { ReadingStatus } from '../../typings/api'

export const STATUS_LABELS: Record<ReadingStatus, string> = {
  want: '想读',
  reading: '在读',
  read: '读过',
}

export const STATUSES: ReadingStatus[] = ['want', 'reading', 'read']

export function isReadingStatus(value: unknown): value is ReadingStatus {
  return typeof value === 'string' && (STATUSES as string[]).includes(value)
}
