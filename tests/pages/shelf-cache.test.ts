// The shelf's instant first screen (utils/shelf-cache.ts): a launch paints last launch's cards from wx
// storage before any answer, keeps them over a "离线/刷新失败" note when the gateway is down, and a
// refresh that answers replaces them. Real function and emulator; each harness is a relaunch on the
// same device (its wx storage outlives it, one per reader).
import { dataAs } from '../support/wx-cloud'
import { createHarness, pageOf, settle, tap, textOf, type PageHarness, type RenderedPage } from '../support/simulate'
import { DEAD_GATEWAY, newReader, numberedBooks, seedBooks, useEmulator } from './context'

const emulator = useEmulator()

const cardTitles = (comp: RenderedPage) => comp.querySelectorAll('.book').map((card) => textOf(card.querySelector('.card-title')))

/** A launch: the page renders and onLoad starts; returns before any call is answered. */
function launch(harness: PageHarness): { comp: RenderedPage; loaded: Promise<unknown> } {
  const comp = harness.render('shelf')
  const loaded = Promise.resolve(pageOf(comp).onLoad({}))
  return { comp, loaded }
}

describe('shelf page: cached first screen', () => {
  it('paints last launch\'s cards at once, and keeps them over a note when the gateway is down', async () => {
    const reader = newReader('cache-offline')
    await seedBooks(emulator.url, reader, [{ title: '三体' }, { title: '活着' }, { title: '红楼梦' }])
    const first = createHarness(emulator.url, reader)
    await first.open('shelf')
    expect(first.storage.has('bookcase.shelfCache')).toBe(true)

    const harness = createHarness(DEAD_GATEWAY, reader)
    const { comp, loaded } = launch(harness)
    // Before any answer: the cards, no skeleton, and a quiet 正在刷新….
    expect(cardTitles(comp)).toEqual(['红楼梦', '活着', '三体'])
    expect(comp.querySelector('.loading-skeleton')).toBeFalsy()
    expect(textOf(comp.querySelector('.count'))).toBe('共 3 本')
    expect(textOf(comp.querySelector('.refresh-note'))).toBe('正在刷新…')
    await loaded
    await settle(harness.cloud)
    // The refresh failed: the cards stay, with a note saying so, never the error screen.
    expect(cardTitles(comp)).toEqual(['红楼梦', '活着', '三体'])
    expect(comp.querySelector('.error-state')).toBeFalsy()
    expect(textOf(comp.querySelector('.refresh-note'))).toContain('网络不可用，显示的是上次的书架')

    // Tapping the note retries; back online it replaces the cards and the note goes.
    harness.cloud.setBaseUrl(emulator.url)
    await dataAs(emulator.url, reader, { action: 'addBook', book: { title: '围城', authors: ['钱锺书'] } })
    await tap(harness, comp.querySelector('.refresh-note'))
    expect(cardTitles(comp)).toEqual(['围城', '红楼梦', '活着', '三体'])
    expect(comp.querySelector('.refresh-note')).toBeFalsy()
  })

  it('a refresh that answers replaces the cached cards and the cache', async () => {
    const reader = newReader('cache-refresh')
    await seedBooks(emulator.url, reader, [{ title: '旧书' }])
    await createHarness(emulator.url, reader).open('shelf')
    await dataAs(emulator.url, reader, { action: 'addBook', book: { title: '新书', authors: [] } })

    const harness = createHarness(emulator.url, reader)
    const { comp, loaded } = launch(harness)
    expect(cardTitles(comp)).toEqual(['旧书'])
    await loaded
    await settle(harness.cloud)
    expect(cardTitles(comp)).toEqual(['新书', '旧书'])
    expect(textOf(comp.querySelector('.count'))).toBe('共 2 本')
    const cached = JSON.parse(harness.storage.get('bookcase.shelfCache')!)
    expect(cached.items.map((card: { title: string }) => card.title)).toEqual(['新书', '旧书'])
  })

  it('is per reader, bounded to the first page, and kept only for the launch view', async () => {
    const reader = newReader('cache-bounds')
    await seedBooks(emulator.url, reader, numberedBooks(25, { status: 'read' }))
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('shelf')
    const cached = JSON.parse(harness.storage.get('bookcase.shelfCache')!)
    expect(cached.items).toHaveLength(20)
    expect(cached.total).toBe(25)
    expect(harness.storage.get('bookcase.shelfCache')!.length).toBeLessThan(32 * 1024)

    // A filtered listing is not what a launch shows: it leaves the cache alone.
    await tap(harness, comp.querySelectorAll('.status-tab')[1])
    expect(comp.querySelector('.no-match-state')).toBeTruthy()
    expect(JSON.parse(harness.storage.get('bookcase.shelfCache')!).items).toHaveLength(20)

    // Offline with a filter on: the other view's cards are not passed off as this one's.
    harness.cloud.setBaseUrl(DEAD_GATEWAY)
    await tap(harness, comp.querySelectorAll('.status-tab')[3])
    expect(comp.querySelector('.error-state')).toBeTruthy()

    // Another reader on the same device has no cache: the skeleton, then their own (empty) shelf.
    const other = createHarness(emulator.url, newReader('cache-other'))
    const { comp: otherComp, loaded } = launch(other)
    expect(otherComp.querySelector('.loading-skeleton')).toBeTruthy()
    await loaded
    expect(otherComp.querySelector('.empty-shelf-state')).toBeTruthy()
  })
})

describe('shelf page: a cache it cannot trust', () => {
  it('ignores a damaged or foreign entry and loads from the network', async () => {
    const reader = newReader('cache-damaged')
    await seedBooks(emulator.url, reader, [{ title: '真书' }])
    const first = createHarness(emulator.url, reader)
    await first.open('shelf')
    const stored = JSON.parse(first.storage.get('bookcase.shelfCache')!)
    first.storage.set('bookcase.shelfCache', JSON.stringify({ ...stored, items: [{ title: 42 }] }))

    const harness = createHarness(emulator.url, reader)
    const { comp, loaded } = launch(harness)
    expect(comp.querySelector('.loading-skeleton')).toBeTruthy()
    await loaded
    expect(cardTitles(comp)).toEqual(['真书'])
  })
})
