// 我的书架 under miniprogram-simulate, against the real function on the emulator.
import path from 'path'
import { ROOT, startEmulator } from '../support/emulator'
import { callAs, dataAs } from '../support/wx-cloud'
import { createHarness, pageOf, settle, tap, textOf, waitFor, type RenderedPage } from '../support/simulate'
import { DEAD_GATEWAY, newReader, numberedBooks, seedBooks, useEmulator } from './context'
import { measureSetData } from './set-data-size'

const emulator = useEmulator()


const cardTitles = (comp: RenderedPage) =>
  comp.querySelectorAll('.book').map((card) => textOf(card.querySelector('.card-title')))

describe('shelf page', () => {
  it('shows a skeleton while loading, then the empty state whose button opens the scan tab', async () => {
    const harness = createHarness(emulator.url, newReader('empty'))
    const comp = harness.render('shelf')
    expect(comp.querySelector('.loading-skeleton')).toBeTruthy()
    await pageOf(comp).onLoad({})
    expect(comp.querySelector('.loading-skeleton')).toBeFalsy()
    const empty = comp.querySelector('.empty-shelf-state')
    expect(textOf(empty)).toContain('书架还是空的')
    await tap(harness, empty!.querySelector('.empty-action'))
    expect(harness.ui.navigations).toEqual([{ api: 'switchTab', url: '/pages/scan/index', delta: undefined }])
  })

  it('renders a page of 20 cards, loads more on reaching the bottom, and opens a book', async () => {
    const reader = newReader('paging')
    const books = await seedBooks(emulator.url, reader, numberedBooks(25))
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('shelf')

    expect(textOf(comp.querySelector('.count'))).toBe('共 25 本')
    expect(comp.querySelectorAll('.book')).toHaveLength(20)
    // Newest first: the last added book leads.
    expect(cardTitles(comp)[0]).toBe('书 25')
    expect(textOf(comp.querySelector('.list-footer'))).toBe('上拉加载更多')

    await pageOf(comp).onReachBottom()
    await settle(harness.cloud)
    expect(comp.querySelectorAll('.book')).toHaveLength(25)
    expect(new Set(cardTitles(comp)).size).toBe(25)
    expect(textOf(comp.querySelector('.list-footer'))).toBe('没有更多了')
    // At the end, reaching the bottom again asks for nothing.
    const callsBefore = harness.cloud.calls.length
    await pageOf(comp).onReachBottom()
    expect(harness.cloud.calls.length).toBe(callsBefore)

    await tap(harness, comp.querySelectorAll('.book')[24].querySelector('.card'))
    expect(harness.ui.navigations.at(-1)).toEqual({ api: 'navigateTo', url: `/pages/book/index?id=${books[0].id}`, delta: undefined })
  })

  it('shows status, privacy lock and a cover placeholder on each card', async () => {
    const reader = newReader('cards')
    await seedBooks(emulator.url, reader, [
      { title: '红楼梦', authors: ['曹雪芹', '高鹗'], status: 'read', is_private: true },
      { title: 'Dune', authors: ['Frank Herbert'], status: 'reading', coverUrl: 'https://covers.example.org/dune.jpg' },
    ])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('shelf')
    const [dune, hongloumeng] = comp.querySelectorAll('.book')
    expect(textOf(hongloumeng)).toContain('红楼梦')
    expect(textOf(hongloumeng.querySelector('.card-authors'))).toBe('曹雪芹、高鹗')
    expect(textOf(hongloumeng.querySelector('.card-status'))).toBe('读过')
    expect(hongloumeng.querySelector('.card-private')).toBeTruthy()
    expect(textOf(hongloumeng.querySelector('.card-cover')!.querySelector('.cover-letter'))).toBe('红')
    expect(textOf(dune.querySelector('.card-status'))).toBe('在读')
    expect(dune.querySelector('.card-private')).toBeFalsy()
    expect(dune.querySelector('.card-cover')!.querySelector('.cover-image')).toBeTruthy()
    expect(dune.querySelector('.card-cover')!.querySelector('.cover-letter')).toBeFalsy()
  })

  it('searches (debounced), filters by status and tag, sorts, and clears the filters', async () => {
    const reader = newReader('filters')
    await seedBooks(emulator.url, reader, [
      { title: '三体', authors: ['刘慈欣'], status: 'read', tags: ['科幻'] },
      { title: '活着', authors: ['余华'], status: 'reading', tags: ['小说'] },
      { title: '球状闪电', authors: ['刘慈欣'], status: 'want', tags: ['科幻'] },
      { title: '百年孤独', authors: ['加西亚·马尔克斯'], status: 'read', tags: ['小说'] },
    ])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('shelf')
    expect(comp.querySelectorAll('.book')).toHaveLength(4)

    // Typing queries once the reader pauses, not per keystroke.
    const input = comp.querySelector('.search-bar')!.querySelector('.search-input')!
    const before = harness.cloud.calls.length
    input.dispatchEvent('input', { detail: { value: '刘' } })
    input.dispatchEvent('input', { detail: { value: '刘慈' } })
    input.dispatchEvent('input', { detail: { value: '刘慈欣' } })
    await waitFor(() => comp.querySelectorAll('.book').length === 2, 'search results')
    await settle(harness.cloud)
    const searches = harness.cloud.calls.slice(before).filter((c) => c.data.action === 'listBooks')
    expect(searches.map((c) => c.data.q)).toEqual(['刘慈欣'])
    expect(cardTitles(comp).sort()).toEqual(['三体', '球状闪电'].sort())

    // Status tab within the search.
    await tap(harness, comp.querySelectorAll('.status-tab')[3])
    expect(cardTitles(comp)).toEqual(['三体'])

    // A search with no match offers to clear the filters.
    input.dispatchEvent('input', { detail: { value: '不存在的书' } })
    input.dispatchEvent('confirm', { detail: { value: '不存在的书' } })
    await waitFor(() => Boolean(comp.querySelector('.no-match-state')), 'no-match state')
    await settle(harness.cloud)
    await tap(harness, comp.querySelector('.no-match-state')!.querySelector('.empty-action'))
    expect(comp.querySelectorAll('.book')).toHaveLength(4)
    expect(pageOf(comp).data.query).toBe('')

    // The reader's tags, with their counts, feed the tag picker.
    const tagPicker = comp.querySelector('.tag-picker')!
    const options: string[] = pageOf(comp).data.tagOptions
    expect(options).toEqual(['全部标签', '小说（2）', '科幻（2）'])
    tagPicker.dispatchEvent('change', { detail: { value: options.indexOf('小说（2）') } })
    await waitFor(() => comp.querySelectorAll('.book').length === 2, 'tag filter')
    await settle(harness.cloud)
    expect(cardTitles(comp).sort()).toEqual(['活着', '百年孤独'].sort())
    tagPicker.dispatchEvent('change', { detail: { value: 0 } })
    await waitFor(() => comp.querySelectorAll('.book').length === 4, 'tag filter cleared')
    await settle(harness.cloud)

    // Sort by title.
    comp.querySelector('.sort-picker')!.dispatchEvent('change', { detail: { value: 1 } })
    await waitFor(() => textOf(comp.querySelector('.sort-picker')) === '书名 ▾', 'sort label')
    await settle(harness.cloud)
    const sorted = cardTitles(comp)
    expect(sorted).toHaveLength(4)
    const lastCall = harness.cloud.calls.at(-1)!
    expect(lastCall.data).toMatchObject({ action: 'listBooks', sort: 'title' })
    expect(sorted).not.toEqual(['百年孤独', '球状闪电', '活着', '三体']) // not the added order
  })

  it('offers every tag of the shelf, also one found only on books beyond the first page, and filters by it', async () => {
    const reader = newReader('tags-beyond-page')
    // Added first, so listed last: the 5 oldest books are not on the first page of 20.
    await seedBooks(emulator.url, reader, [
      ...numberedBooks(5, { tags: ['旧书'] }).map((b, i) => ({ ...b, title: `旧 ${i + 1}` })),
      ...numberedBooks(20, { tags: ['新书', '小说'] }),
    ])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('shelf')
    expect(comp.querySelectorAll('.book')).toHaveLength(20)
    expect(cardTitles(comp).some((title) => title.startsWith('旧'))).toBe(false)
    expect(harness.cloud.calls.filter((c) => c.data.action === 'listTags')).toHaveLength(1)

    const options: string[] = pageOf(comp).data.tagOptions
    expect(options).toEqual(['全部标签', '小说（20）', '新书（20）', '旧书（5）'])
    comp.querySelector('.tag-picker')!.dispatchEvent('change', { detail: { value: options.indexOf('旧书（5）') } })
    await waitFor(() => comp.querySelectorAll('.book').length === 5, 'tag filter beyond the first page')
    await settle(harness.cloud)
    expect(cardTitles(comp)).toEqual(['旧 5', '旧 4', '旧 3', '旧 2', '旧 1'])
    expect(textOf(comp.querySelector('.tag-picker'))).toBe('旧书 ▾')
    expect(harness.cloud.calls.at(-1)!.data).toMatchObject({ action: 'listBooks', tag: '旧书' })
  })

  it('refreshes on pull-down and on show after another page changed the shelf', async () => {
    const reader = newReader('refresh')
    await seedBooks(emulator.url, reader, numberedBooks(2))
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('shelf')
    expect(comp.querySelectorAll('.book')).toHaveLength(2)

    expect(pageOf(comp).data.tagOptions).toEqual(['全部标签'])

    await seedBooks(emulator.url, reader, [{ title: '新书', tags: ['刚买的'] }])
    await pageOf(comp).onPullDownRefresh()
    await settle(harness.cloud)
    expect(comp.querySelectorAll('.book')).toHaveLength(3)
    expect(pageOf(comp).data.tagOptions).toEqual(['全部标签', '刚买的（1）'])
    expect(harness.ui.pullDownStops).toBe(1)

    // Nothing changed: showing the page again costs no call.
    const calls = harness.cloud.calls.length
    await pageOf(comp).onShow()
    expect(harness.cloud.calls.length).toBe(calls)

    // Another page (book, scan) changed the shelf: the next show reloads.
    await seedBooks(emulator.url, reader, [{ title: '又一本', tags: ['刚买的', '借来的'] }])
    harness.miniprogramModule<typeof import('../../miniprogram/utils/shelf-changes')>('utils/shelf-changes').markShelfChanged()
    await pageOf(comp).onShow()
    await settle(harness.cloud)
    expect(comp.querySelectorAll('.book')).toHaveLength(4)
    expect(cardTitles(comp)[0]).toBe('又一本')
    expect(pageOf(comp).data.tagOptions).toEqual(['全部标签', '刚买的（2）', '借来的（1）'])
  })

  it('learns on show that the shelf was published in 我的, without reloading the list', async () => {
    const reader = newReader('published-elsewhere')
    await seedBooks(emulator.url, reader, numberedBooks(1))
    const harness = createHarness(emulator.url, reader)
    const shelf = await harness.open('shelf')
    expect(shelf.querySelector('.share-button-publish')).toBeTruthy()

    const settings = await harness.open('settings')
    settings.querySelector('.public-switch')!.dispatchEvent('change', { detail: { value: true } })
    await settle(harness.cloud)

    const calls = harness.cloud.calls.length
    await pageOf(shelf).onShow()
    await settle(harness.cloud)
    expect(harness.cloud.calls.slice(calls).map((c) => c.data.action)).toEqual(['getShelf'])
    expect(shelf.querySelector('.share-button-publish')).toBeFalsy()
    expect(shelf.querySelector('.share-button')).toBeTruthy()
    expect(harness.ui.shareMenu.at(-1)).toBe('shown')
  })

  it('shows an error state with retry when offline, and the function\'s refusal without an identity', async () => {
    const reader = newReader('offline')
    await seedBooks(emulator.url, reader, numberedBooks(1))
    const harness = createHarness(DEAD_GATEWAY, reader)
    const comp = await harness.open('shelf')
    const error = comp.querySelector('.error-state')
    expect(textOf(error)).toContain('书架加载失败')
    expect(textOf(error)).toContain('网络不可用，请稍后重试')

    harness.cloud.setBaseUrl(emulator.url)
    await tap(harness, error!.querySelector('.empty-action'))
    expect(comp.querySelector('.error-state')).toBeFalsy()
    expect(comp.querySelectorAll('.book')).toHaveLength(1)

    const anonymous = createHarness(emulator.url, undefined)
    const refused = await anonymous.open('shelf')
    expect(textOf(refused.querySelector('.error-state'))).toContain('无法确认你的微信身份')
  })

  it('tells a missing function (-501000) apart from being offline: the service is unavailable', async () => {
    const reader = newReader('no-function')
    await seedBooks(emulator.url, reader, numberedBooks(1))
    // An emulator whose functions root has no `bookcase`: the platform refuses the call itself.
    const empty = await startEmulator({ functionsDir: path.join(ROOT, 'tests/fixtures/functions') })
    try {
      const harness = createHarness(empty.url, reader)
      const comp = await harness.open('shelf')
      const error = comp.querySelector('.error-state')
      expect(textOf(error)).toContain('服务暂时不可用，请稍后重试')
      expect(textOf(error)).not.toContain('网络')

      harness.cloud.setBaseUrl(emulator.url)
      await tap(harness, error!.querySelector('.empty-action'))
      expect(comp.querySelectorAll('.book')).toHaveLength(1)
    } finally {
      await empty.stop()
    }
  })

  it('asks to publish before sharing, then shares a card with the share id and never the OpenID', async () => {
    const reader = newReader('share')
    await seedBooks(emulator.url, reader, numberedBooks(1))
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('shelf')
    expect(harness.ui.shareMenu).toEqual(['hidden'])

    // Declined: still private.
    harness.ui.modalAnswers.push(false)
    await tap(harness, comp.querySelector('.share-button-publish'))
    expect(harness.ui.modals).toHaveLength(1)
    expect(harness.ui.modals[0].title).toBe('先公开书架')
    expect((await dataAs(emulator.url, reader, { action: 'getShelf' })).isPublic).toBe(false)

    // Agreed: published, and the button now shares.
    harness.ui.modalAnswers.push(true)
    await tap(harness, comp.querySelector('.share-button-publish'))
    const shelf = await dataAs(emulator.url, reader, { action: 'getShelf' })
    expect(shelf.isPublic).toBe(true)
    expect(comp.querySelector('.share-button-publish')).toBeFalsy()
    expect(comp.querySelector('.share-button')).toBeTruthy()
    expect(harness.ui.shareMenu.at(-1)).toBe('shown')

    const card = pageOf(comp).onShareAppMessage({ from: 'button' })
    expect(card.path).toBe(`/pages/shared/index?s=${shelf.shareId}`)
    expect(JSON.stringify(card)).not.toContain(reader)
    // What the card opens really is this shelf.
    const shared = await callAs(emulator.url, newReader('friend'), { action: 'viewSharedShelf', shareId: shelf.shareId })
    expect(shared.ok && shared.data.items).toHaveLength(1)
  })

  it('keeps the largest setData payload of a first render with 20 books within 16 KB', async () => {
    const reader = newReader('payload')
    await seedBooks(
      emulator.url,
      reader,
      numberedBooks(20, {
        authors: ['一位名字相当长的作者', 'Another Rather Long Author Name'],
        coverUrl: 'https://covers.openlibrary.org/b/isbn/9787536692930-L.jpg',
        summary: '很长的简介。'.repeat(300),
        note: '很长的笔记。'.repeat(300),
        tags: ['科幻', '小说', '经典'],
      }),
    )
    const harness = createHarness(emulator.url, reader)
    const comp = harness.render('shelf')
    const sizes = measureSetData(pageOf(comp))
    await pageOf(comp).onLoad({})
    await settle(harness.cloud)
    expect(comp.querySelectorAll('.book')).toHaveLength(20)
    const largest = Math.max(...sizes)
    console.log(`largest setData payload, first render of 20 books: ${largest} bytes`)
    expect(largest).toBeGreaterThan(1000) // it did measure the list
    expect(largest).toBeLessThanOrEqual(16 * 1024)
  })
})

describe('shelf page: cover placeholders', () => {
  it('take the title\'s first grapheme, never half an emoji', async () => {
    const reader = newReader('graphemes')
    await seedBooks(emulator.url, reader, [{ title: '👨‍👩‍👧 一家人' }, { title: '🇨🇳 国旗' }, { title: '𠮷野家' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('shelf')
    const letters = comp.querySelectorAll('.book').map((card) => textOf(card.querySelector('.card-cover')!.querySelector('.cover-letter')))
    expect(letters).toEqual(['𠮷', '🇨🇳', '👨‍👩‍👧'])
  })
})
