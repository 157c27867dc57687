// Shelf and status names of Goodreads (exclusive shelves) and StoryGraph (Read Status) → our status.
//
// Decisions (transfer/README.md, "Formats and what they map to"): 'did-not-finish' counts as read,
// since the reader is done with the book, which is neither wanted nor being read; 'paused' counts as
// reading, since it is still under way. Both names are also kept as a tag, so the distinction survives.
import type { ReadingStatus } from '../../../../../typings/api'

const STATUS: Record<string, ReadingStatus> = {
  read: 'read',
  'to-read': 'want',
  'currently-reading': 'reading',
  paused: 'reading',
  'on-hold': 'reading',
  'did-not-finish': 'read',
  dnf: 'read',
  abandoned: 'read',
}

/** Shelves that only say the status, never kept as tags. */
const STATUS_ONLY = new Set(['read', 'to-read', 'currently-reading'])

const key = (shelf: string) => shelf.trim().toLowerCase()

export const shelfStatus = (shelf: string): ReadingStatus | undefined => STATUS[key(shelf)]

/** True for a shelf that means more than the status and is kept as a tag. */
export const isTagShelf = (shelf: string) => key(shelf) !== '' && !STATUS_ONLY.has(key(shelf))
