// Per-reader limit on uncached lookups, to protect the sources' quotas (Open Library asks for about one
// request a second; keyed sources are paid per call). Counters live in the database (`rate_limits`),
// so every warm instance of the function sees the same count. Fixed windows: simple and cheap.
import { createHash } from 'crypto'
import { command, findOne, insert, removeWhere, updateWhere } from '../db/client'
import { COLLECTIONS, type RateLimitDocument } from '../db/documents'

export interface RateLimit {
  /** Uncached lookups allowed per window. */
  limit: number
  windowSeconds: number
}

/** 60 uncached lookups per reader per 10 minutes, unless LOOKUP_RATE_LIMIT says e.g. "60/600". */
export function rateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimit {
  const match = /^(\d+)\/(\d+)$/.exec(env.LOOKUP_RATE_LIMIT?.trim() ?? '')
  return match ? { limit: Number(match[1]), windowSeconds: Math.max(1, Number(match[2])) } : { limit: 60, windowSeconds: 600 }
}

const RATES = COLLECTIONS.rateLimits

/** Counts one uncached lookup for this reader; false when the reader is over the limit. */
export async function takeLookupToken(openid: string, rate: RateLimit, now: Date): Promise<boolean> {
  const windowMs = rate.windowSeconds * 1000
  const window = Math.floor(now.getTime() / windowMs)
  const reader = createHash('sha256').update(`bookcase/rate/v1\n${openid}`).digest('base64url').slice(0, 22)
  const id = `${reader}-${window}`
  const _ = command()
  if ((await updateWhere(RATES, { _id: id }, { count: _.inc(1) })) === 0) {
    const first: RateLimitDocument = { _id: id, count: 1, expiresAt: new Date((window + 1) * windowMs) }
    if ((await insert(RATES, first)) === 'duplicate') await updateWhere(RATES, { _id: id }, { count: _.inc(1) })
    else await removeWhere(RATES, { expiresAt: _.lt(now) }) // a new window: sweep the finished ones
  }
  const counter = await findOne<RateLimitDocument>(RATES, { _id: id })
  return (counter?.count ?? 1) <= rate.limit
}
