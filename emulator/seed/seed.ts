// The demo shelf (--seed): real books for two demo readers, added through the bookcase function
// itself (addBook with typed-in books, then updateShelf), so the emulator never duplicates the
// function's document schema.
import demoShelf from './demo-shelf.json'
import type { FunctionRunner } from '../functions/runner'

interface DemoReader {
  openid: string
  shelf: { name: string; isPublic: boolean }
  books: Record<string, unknown>[]
}

async function call(runner: FunctionRunner, openid: string, data: Record<string, unknown>): Promise<void> {
  const { json } = await runner.invoke('bookcase', data, { openid, source: 'wx_client' })
  const answer = json === undefined ? undefined : (JSON.parse(json) as { ok?: boolean; error?: { message?: string } })
  if (!answer?.ok) throw new Error(`${data.action} as ${openid}: ${answer?.error?.message ?? json}`)
}

/** Returns the number of books added. */
export async function seedDemoShelf(runner: FunctionRunner, readers = demoShelf.readers as DemoReader[]): Promise<number> {
  let added = 0
  for (const reader of readers) {
    for (const entry of reader.books) {
      await call(runner, reader.openid, { action: 'addBook', ...entry })
      added++
    }
    await call(runner, reader.openid, { action: 'updateShelf', ...reader.shelf })
  }
  return added
}
