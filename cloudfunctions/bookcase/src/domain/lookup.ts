// Looking a book up by ISBN: the cache first, then (within the reader's rate limit) the sources in
// order, each with its own timeout and all under one overall deadline, so that with every source
// unreachable the answer is UPSTREAM_UNAVAILABLE well inside the function's timeout.
import { AppError } from '../errors'
import { positiveSetting } from '../settings'
import { getJson } from './http'
import { readCache, writeCache, type CachedAnswer } from './isbnCache'
import { providerChain, providerConfigFromEnv } from './providers'
import type { FoundBook, Provider, SourceName } from './providers/types'
import { rateLimitFromEnv, takeLookupToken } from './rateLimit'

export interface LookupTimings {
  /** Per source. */
  providerTimeoutMs: number
  /** For the whole chain (and for a whole addBooks batch). */
  deadlineMs: number
}


export function lookupTimingsFromEnv(env: NodeJS.ProcessEnv = process.env): LookupTimings {
  return {
    providerTimeoutMs: positiveSetting(env.LOOKUP_PROVIDER_TIMEOUT_MS, 1500),
    deadlineMs: positiveSetting(env.LOOKUP_DEADLINE_MS, 3500),
  }
}

export type SourcesAnswer =
  | { kind: 'found'; book: FoundBook; source: SourceName }
  | { kind: 'not_found' }
  | { kind: 'unavailable'; failures: string[] }

/** Asks the applicable sources in order until one knows the book. "Not found" only when every source
 * asked answered so; any failure (timeout, error status, garbage) makes the answer "unavailable". */
export async function askSources(providers: Provider[], isbn13: string, providerTimeoutMs: number, deadlineAt: number): Promise<SourcesAnswer> {
  const failures: string[] = []
  for (const provider of providers.filter((p) => p.appliesTo(isbn13))) {
    const remaining = deadlineAt - Date.now()
    if (remaining <= 0) {
      failures.push(`${provider.name}: deadline passed`)
      break
    }
    const response = await getJson({ url: provider.url(isbn13), timeoutMs: Math.min(providerTimeoutMs, remaining) })
    if (!response.ok) {
      failures.push(`${provider.name}: ${response.reason} (${response.detail})`)
      continue
    }
    const parsed = provider.parse(response.json, isbn13)
    if (parsed.kind === 'found') return { kind: 'found', book: parsed.book, source: provider.name }
    if (parsed.kind === 'failed') failures.push(`${provider.name}: ${parsed.detail}`)
  }
  return failures.length > 0 ? { kind: 'unavailable', failures } : { kind: 'not_found' }
}

export interface LookupAnswer {
  book: FoundBook
  source: SourceName
  cached: boolean
}

/** The book for an ISBN-13, or NOT_FOUND / UPSTREAM_UNAVAILABLE / RATE_LIMITED. */
export async function lookupIsbn(isbn13: string, openid: string, now: Date, deadlineAt?: number): Promise<LookupAnswer> {
  const cached = await readCache(isbn13, now)
  if (cached) return fromCache(cached)
  if (!(await takeLookupToken(openid, rateLimitFromEnv(), now))) {
    throw new AppError('RATE_LIMITED', 'too many lookups of new ISBNs; try again in a few minutes')
  }
  const timings = lookupTimingsFromEnv()
  const answer = await askSources(providerChain(providerConfigFromEnv()), isbn13, timings.providerTimeoutMs, deadlineAt ?? Date.now() + timings.deadlineMs)
  if (answer.kind === 'unavailable') {
    console.warn(`[lookup] ${isbn13} unavailable: ${answer.failures.join('; ')}`)
    throw new AppError('UPSTREAM_UNAVAILABLE', 'no book data source could be reached; enter the book by hand')
  }
  const toCache: CachedAnswer = answer.kind === 'found' ? { found: true, book: answer.book, source: answer.source } : { found: false }
  await writeCache(isbn13, toCache, now).catch((error) => console.warn(`[lookup] cache write for ${isbn13} failed`, error))
  return answer.kind === 'found' ? { book: answer.book, source: answer.source, cached: false } : fromCache(toCache, false)
}

function fromCache(answer: CachedAnswer, cached = true): LookupAnswer {
  if (!answer.found) throw new AppError('NOT_FOUND', 'no source knows this ISBN; enter the book by hand')
  return { book: answer.book, source: answer.source, cached }
}
