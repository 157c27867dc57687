// 扫码加书 when the function refuses for a reason the reader must wait out: its per-reader limit on
// uncached lookups (an emulator of its own, with a limit of one lookup).
import { startIsbnSources, SAMPLE_BOOKS, type IsbnSources } from '../support/isbn-sources'
import { createHarness, tap, textOf } from '../support/simulate'
import { newReader, useEmulator } from './context'

let sources: IsbnSources
beforeAll(async () => {
  sources = await startIsbnSources({ books: SAMPLE_BOOKS })
})
afterAll(async () => {
  await sources?.close()
})
const emulator = useEmulator(() => ({ env: { ...sources.env, LOOKUP_RATE_LIMIT: '1/600' } }))

it('tells the reader to slow down when lookups are rate limited, without offering the manual form', async () => {
  const harness = createHarness(emulator.url, newReader('eager'))
  const comp = await harness.open('scan')
  harness.ui.scanQueue.push(SAMPLE_BOOKS[2].isbn13, SAMPLE_BOOKS[3].isbn13)
  await tap(harness, comp.querySelector('.scan-button'))
  expect(textOf(comp.querySelector('.found-title'))).toBe(SAMPLE_BOOKS[2].title)

  await tap(harness, comp.querySelector('.scan-button'))
  expect(harness.ui.toasts.at(-1)).toEqual({ title: '查询太频繁，请稍后再试', icon: 'none' })
  expect(comp.querySelector('.found')).toBeFalsy()
  expect(comp.querySelector('.manual')).toBeFalsy()
})
