// The client database as a page sees it (wx.cloud.database()), for tests: the same builder the preview's
// wx shim uses (emulator/client-db/client.ts), over real HTTP to the emulator, as one reader.
import { createClientDatabase, type ClientDatabase } from '../../emulator/client-db/client'
import { fetchTransport, type Transport } from './gateway'

/** `openid` undefined: a caller who is not logged in (no identity header). */
export function clientDatabase(baseUrl: string, openid: string | undefined, transport: Transport = fetchTransport): ClientDatabase {
  return createClientDatabase((path, headers, body) => transport(`${baseUrl}${path}`, headers, body), () => openid)
}

/** The errCode a client call rejected with; throws when it resolved. */
export async function rejection(call: Promise<unknown>): Promise<{ errCode: number; errMsg: string }> {
  try {
    await call
  } catch (error) {
    return error as { errCode: number; errMsg: string }
  }
  throw new Error('expected the call to be refused, and it succeeded')
}
