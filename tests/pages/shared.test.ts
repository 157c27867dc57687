// 分享的书架 under miniprogram-simulate: two real readers, the real function, the real store.
import { dataAs } from '../support/wx-cloud'
import { createHarness, pageOf, settle, tap, textOf, waitFor, type RenderedPage } from '../support/simulate'
import { DEAD_GATEWAY, newReader, numberedBooks, seedBooks, useEmulator } from './context'

const emulator = useEmulator()



/** Reader A with a named public shelf: two public books (one with a note) and a private one. */
async function publishedShelf() {
  const owner = newReader('alice')
  const [open, withNote, secret] = await seedBooks(emulator.url, owner, [
    { title: '公开的书', authors: ['作者甲'], status: 'read', tags: ['散文'] },
    { title: '有笔记的书', authors: ['作者乙'], note: '只有我能看的笔记' },
    { title: '秘密的书', authors: ['作者丙'], is_private: true },
  ])
  await dataAs(emulator.url, owner, { action: 'updateShelf', name: '小爱的书架', isPublic: true })
  const { shareId } = await dataAs(emulator.url, owner, { action: 'getShelf' })
  return { owner, shareId, open, withNote, secret }
}

const cardTitles = (comp: RenderedPage) => comp.querySelectorAll('.book').map((c) => textOf(c.querySelector('.card-title')))

describe('shared shelf page', () => {
  it('shows reader B the public books of reader A, never the private one or a note', async () => {
    const { shareId, withNote } = await publishedShelf()
    const friend = createHarness(emulator.url, newReader('bob'))
    const comp = await friend.open('shared', { s: shareId })

    expect(textOf(comp.querySelector('.shelf-name'))).toBe('小爱的书架')
    expect(textOf(comp.querySelector('.shelf-count'))).toBe('公开了 2 本书')
    expect(cardTitles(comp).sort()).toEqual(['公开的书', '有笔记的书'].sort())
    expect(textOf(comp)).not.toContain('秘密的书')
    expect(comp.querySelector('.card-private')).toBeFalsy()
    expect(friend.ui.titles).toEqual(['小爱的书架'])

    // Opening a book: read-only, without the note.
    const card = comp.querySelectorAll('.book').find((c) => textOf(c.querySelector('.card-title')) === '有笔记的书')!
    await tap(friend, card.querySelector('.card'))
    const url = friend.ui.navigations.at(-1)!.url!
    expect(url).toBe(`/pages/book/index?s=${shareId}&id=${withNote.id}`)

    const detailHarness = createHarness(emulator.url, newReader('bob-again'))
    const query = Object.fromEntries(new URLSearchParams(url.split('?')[1]))
    const detail = await detailHarness.open('book', query)
    expect(textOf(detail.querySelector('.title'))).toBe('有笔记的书')
    expect(textOf(detail)).not.toContain('只有我能看的笔记')
    expect(detail.querySelector('.note')).toBeFalsy()
    expect(detail.querySelector('.segment')).toBeFalsy()
    expect(detail.querySelector('.delete-button')).toBeFalsy()
    expect(detail.querySelector('.private-switch')).toBeFalsy()
    await tap(detailHarness, detail.querySelector('.start-own'))
    expect(detailHarness.ui.navigations).toEqual([{ api: 'switchTab', url: '/pages/shelf/index', delta: undefined }])
  })

  it('hides a book from the shared view once its owner turns on 仅自己可见 on the book page', async () => {
    const { owner, shareId, open } = await publishedShelf()
    const ownerHarness = createHarness(emulator.url, owner)
    const book = await ownerHarness.open('book', { id: open.id })
    book.querySelector('.private-switch')!.dispatchEvent('change', { detail: { value: true } })
    await settle(ownerHarness.cloud)

    const friend = createHarness(emulator.url, newReader('bob'))
    const comp = await friend.open('shared', { s: shareId })
    expect(cardTitles(comp)).toEqual(['有笔记的书'])
    expect(textOf(comp.querySelector('.shelf-count'))).toBe('公开了 1 本书')

    // And the hidden book cannot be opened directly either.
    const direct = await createHarness(emulator.url, newReader('bob')).open('book', { s: shareId, id: open.id })
    expect(textOf(direct.querySelector('.error-state'))).toContain('这本书不存在')
  })

  it('shows "private or no longer shared" for a private shelf, a rotated link, and a bad link', async () => {
    const { owner, shareId } = await publishedShelf()
    const friend = newReader('bob')
    const unavailable = '这个书架是私密的或已停止分享'

    await dataAs(emulator.url, owner, { action: 'updateShelf', isPublic: false })
    const privateShelf = await createHarness(emulator.url, friend).open('shared', { s: shareId })
    expect(textOf(privateShelf.querySelector('.unavailable-state'))).toContain(unavailable)
    expect(textOf(privateShelf)).not.toContain('公开的书')

    await dataAs(emulator.url, owner, { action: 'updateShelf', isPublic: true })
    await dataAs(emulator.url, owner, { action: 'rotateShareId' })
    const rotated = await createHarness(emulator.url, friend).open('shared', { s: shareId })
    expect(textOf(rotated.querySelector('.unavailable-state'))).toContain(unavailable)

    for (const query of [{}, { s: 'not a share id!' }, { s: 'AAAAAAAAAAAAAAAAAAAAAAAA' }]) {
      const harness = createHarness(emulator.url, friend)
      const comp = await harness.open('shared', query)
      expect(textOf(comp.querySelector('.unavailable-state'))).toContain(unavailable)
      await tap(harness, comp.querySelector('.unavailable-state')!.querySelector('.empty-action'))
      expect(harness.ui.navigations).toEqual([{ api: 'switchTab', url: '/pages/shelf/index', delta: undefined }])
    }
  })

  it('searches and pages through a large public shelf', async () => {
    const owner = newReader('big')
    await seedBooks(emulator.url, owner, [...numberedBooks(24), { title: '唯一的诗集', authors: ['诗人'] }])
    await dataAs(emulator.url, owner, { action: 'updateShelf', isPublic: true })
    const { shareId } = await dataAs(emulator.url, owner, { action: 'getShelf' })
    const friend = createHarness(emulator.url, newReader('reader'))
    const comp = await friend.open('shared', { s: shareId })

    expect(comp.querySelectorAll('.book')).toHaveLength(20)
    await pageOf(comp).onReachBottom()
    await settle(friend.cloud)
    expect(comp.querySelectorAll('.book')).toHaveLength(25)
    expect(textOf(comp.querySelector('.list-footer'))).toBe('没有更多了')

    const input = comp.querySelector('.shared-search')!.querySelector('.search-input')!
    input.dispatchEvent('input', { detail: { value: '诗集' } })
    await waitFor(() => comp.querySelectorAll('.book').length === 1, 'search result')
    expect(cardTitles(comp)).toEqual(['唯一的诗集'])

    input.dispatchEvent('input', { detail: { value: '没有这本' } })
    await waitFor(() => Boolean(comp.querySelector('.no-books-state')), 'no match')
    expect(textOf(comp.querySelector('.no-books-state'))).toContain('没有符合条件的书')

    // Re-sharing from the friend's view passes on the same link.
    expect(pageOf(comp).onShareAppMessage({ from: 'menu' }).path).toBe(`/pages/shared/index?s=${shareId}`)

    await pageOf(comp).onPullDownRefresh()
    expect(friend.ui.pullDownStops).toBe(1)
  })

  it('tells an empty public shelf from an unavailable one, and shows an error with retry offline', async () => {
    const owner = newReader('empty-public')
    await dataAs(emulator.url, owner, { action: 'updateShelf', isPublic: true })
    const { shareId } = await dataAs(emulator.url, owner, { action: 'getShelf' })
    const friend = createHarness(emulator.url, newReader('reader'))
    const empty = await friend.open('shared', { s: shareId })
    expect(textOf(empty.querySelector('.no-books-state'))).toContain('还没有公开的书')

    const offline = createHarness(DEAD_GATEWAY, newReader('reader'))
    const comp = await offline.open('shared', { s: shareId })
    expect(textOf(comp.querySelector('.error-state'))).toContain('网络不可用')
    offline.cloud.setBaseUrl(emulator.url)
    await tap(offline, comp.querySelector('.error-state')!.querySelector('.empty-action'))
    expect(comp.querySelector('.error-state')).toBeFalsy()
    expect(comp.querySelector('.no-books-state')).toBeTruthy()
  })
})

describe('shared shelf page: what the settings page promises', () => {
  it('shows a friend the rating on a shared book, and shares to the timeline with the share id', async () => {
    const owner = newReader('rated')
    await seedBooks(emulator.url, owner, [{ title: '活着', rating: 5, tags: ['小说'], note: '私人笔记' }])
    await dataAs(emulator.url, owner, { action: 'updateShelf', name: '评分书架', isPublic: true })
    const { shareId } = await dataAs(emulator.url, owner, { action: 'getShelf' })

    const friend = createHarness(emulator.url, newReader('rated-friend'))
    const comp = await friend.open('shared', { s: shareId })
    expect(pageOf(comp).onShareTimeline()).toEqual({ title: '评分书架', query: `s=${shareId}` })
    expect(friend.ui.shareMenu.at(-1)).toBe('shown')
    const content = await Promise.resolve(pageOf(comp).onShareAppMessage({ from: 'menu' }))
    expect(content).toMatchObject({ title: '评分书架', path: `/pages/shared/index?s=${shareId}` })

    await tap(friend, comp.querySelector('.book')!.querySelector('.card'))
    const query = Object.fromEntries(new URLSearchParams(friend.ui.navigations.at(-1)!.url!.split('?')[1]))
    const detail = await createHarness(emulator.url, newReader('rated-friend-2')).open('book', query)
    expect(textOf(detail.querySelector('.shared-rating'))).toContain('5 星')
    expect(detail.querySelectorAll('.shared-rating .star-on')).toHaveLength(5)
    expect(textOf(detail)).not.toContain('私人笔记')
  })
})
