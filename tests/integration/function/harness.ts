// Shared set-up for the function's integration tests: the ISBN fixture server, the real emulator
// pointed at it, the gateway calls as a given reader, and an admin view of the database through the
// real wx-server-sdk (for "nothing was written" checks and for seeding).
import { readdirSync, statSync } from 'fs'
import path from 'path'
import type { ActionData, ActionName, ApiRequest, ApiResult } from '../../../typings/api'
import { connectSdk, startEmulator, type EmulatorHandle } from '../../support/emulator'
import { callBookcase } from '../../support/gateway'
import { startIsbnSources, type IsbnSources, type StartIsbnSourcesOptions } from '../../support/isbn-sources'

export const COLLECTION_NAMES = ['books', 'shelves', 'isbn_cache', 'rate_limits', 'import_jobs'] as const

type SdkDatabase = ReturnType<ReturnType<typeof connectSdk>['database']>

export interface FunctionHarness {
  emulator: EmulatorHandle
  sources: IsbnSources
  /** The ApiResult of one call as `openid` (undefined: no identity). */
  call<A extends ActionName>(openid: string | undefined, request: ApiRequest<A>): Promise<ApiResult<ActionData<A>>>
  /** The data of a call that must succeed. */
  ok<A extends ActionName>(openid: string, request: ApiRequest<A>): Promise<ActionData<A>>
  /** The error code of a call that must fail. */
  fails<A extends ActionName>(openid: string | undefined, request: ApiRequest<A>): Promise<string>
  /** Bytes in the emulator's journal and snapshot files: unchanged means nothing was written. */
  storedBytes(): number
  /** The documents of `collection` matching `filter` exactly as stored, read with the real wx-server-sdk
   * (admin access, like the function's own), not through any function answer. */
  storedDocuments(collection: (typeof COLLECTION_NAMES)[number], filter?: Record<string, unknown>): Promise<Record<string, unknown>[]>
  /** The SDK's query operators (db.command), for storedDocuments filters. */
  command(): SdkDatabase['command']
  close(): Promise<void>
}

export async function startFunctionHarness(
  options: { sources?: StartIsbnSourcesOptions; env?: Record<string, string> } = {},
): Promise<FunctionHarness> {
  const sources = await startIsbnSources(options.sources)
  const emulator = await startEmulator({ env: { ...sources.env, ...options.env } })
  let database: SdkDatabase | undefined
  const admin = () => (database ??= connectSdk(emulator.url).database())
  const call = <A extends ActionName>(openid: string | undefined, request: ApiRequest<A>) =>
    callBookcase(emulator.url, openid === undefined ? undefined : { openid }, request)
  return {
    emulator,
    sources,
    call,
    async ok(openid, request) {
      const result = await call(openid, request)
      if (!result.ok) throw new Error(`${request.action} failed: ${JSON.stringify(result.error)}`)
      return result.data
    },
    async fails(openid, request) {
      const result = await call(openid, request)
      if (result.ok) throw new Error(`${request.action} unexpectedly succeeded: ${JSON.stringify(result.data)}`)
      return result.error.code
    },
    storedBytes() {
      const dir = path.join(emulator.dataDir, 'db')
      return readdirSync(dir).reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0)
    },
    async storedDocuments(collection, filter = {}) {
      const result = (await admin().collection(collection).where(filter).limit(1000).get()) as { data: Record<string, unknown>[] }
      return result.data
    },
    command: () => admin().command,
    async close() {
      await emulator.stop()
      await sources.close()
    },
  }
}

/** A valid ISBN-13 in the 978-7-5442 range (real registrant ranges, so isbn3 accepts it). */
export function testIsbn(n: number): string {
  const body = `9787544${String(n % 1_000_000).padStart(5, '0').slice(-5)}`.slice(0, 12)
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * (i % 2 === 0 ? 1 : 3), 0)
  return body + ((10 - (sum % 10)) % 10)
}
