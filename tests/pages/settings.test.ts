// 我的 under miniprogram-simulate, against the real function on the emulator.
import { callAs, dataAs } from '../support/wx-cloud'
import { createHarness, pageOf, settle, tap, textOf } from '../support/simulate'
import { DEAD_GATEWAY, newReader, seedBooks, useEmulator } from './context'

const emulator = useEmulator()


describe('settings page', () => {
  it('shows the counts: total, public and private', async () => {
    const reader = newReader('counts')
    await seedBooks(emulator.url, reader, [{}, {}, { is_private: true }])
    const comp = await createHarness(emulator.url, reader).open('settings')
    expect(textOf(comp.querySelector('.count-total'))).toBe('3')
    expect(textOf(comp.querySelector('.count-public'))).toBe('2')
    expect(textOf(comp.querySelector('.count-private'))).toBe('1')
    expect(textOf(comp.querySelector('.explain'))).toMatch(/笔记[^。]*永远只有你自己能看到/)
  })

  it('renames the shelf, refusing an empty name without calling', async () => {
    const reader = newReader('rename')
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('settings')
    const input = comp.querySelector('.name-input')!
    input.dispatchEvent('input', { detail: { value: '  ' } })
    await settle(harness.cloud)
    const calls = harness.cloud.calls.length
    input.dispatchEvent('blur', { detail: { value: '  ' } })
    await settle(harness.cloud)
    expect(harness.cloud.calls.length).toBe(calls)
    expect(harness.ui.toasts.at(-1)?.title).toBe('书架名称不能为空')

    input.dispatchEvent('input', { detail: { value: '周末读书' } })
    await settle(harness.cloud)
    input.dispatchEvent('confirm', { detail: { value: '周末读书' } })
    await settle(harness.cloud)
    expect((await dataAs(emulator.url, reader, { action: 'getShelf' })).name).toBe('周末读书')
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '已保存', icon: 'success' })
  })

  it('publishes and unpublishes with the switch, and shares only a public shelf', async () => {
    const reader = newReader('publish')
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('settings')
    expect(comp.querySelector('.share-button-publish')).toBeTruthy()
    expect(harness.ui.shareMenu).toEqual(['hidden'])

    comp.querySelector('.public-switch')!.dispatchEvent('change', { detail: { value: true } })
    await settle(harness.cloud)
    const shelf = await dataAs(emulator.url, reader, { action: 'getShelf' })
    expect(shelf.isPublic).toBe(true)
    expect(comp.querySelector('.share-button-publish')).toBeFalsy()
    expect(comp.querySelector('.share-button')).toBeTruthy()
    expect(harness.ui.shareMenu.at(-1)).toBe('shown')
    expect(pageOf(comp).onShareAppMessage({ from: 'button' }).path).toBe(`/pages/shared/index?s=${shelf.shareId}`)

    comp.querySelector('.public-switch')!.dispatchEvent('change', { detail: { value: false } })
    await settle(harness.cloud)
    expect((await dataAs(emulator.url, reader, { action: 'getShelf' })).isPublic).toBe(false)
    expect(harness.ui.toasts.at(-1)?.title).toBe('已停止分享')

    // The share button on a private shelf asks to publish first.
    harness.ui.modalAnswers.push(true)
    await tap(harness, comp.querySelector('.share-button-publish'))
    expect(harness.ui.modals.at(-1)?.title).toBe('先公开书架')
    expect((await dataAs(emulator.url, reader, { action: 'getShelf' })).isPublic).toBe(true)
    expect(pageOf(comp).data.shelf.isPublic).toBe(true)
  })

  it('rotates the share link only after confirmation, and the old link stops working', async () => {
    const reader = newReader('rotate')
    await seedBooks(emulator.url, reader, [{ title: '公开书' }])
    await dataAs(emulator.url, reader, { action: 'updateShelf', isPublic: true })
    const before = await dataAs(emulator.url, reader, { action: 'getShelf' })
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('settings')

    harness.ui.modalAnswers.push(false)
    await tap(harness, comp.querySelector('.rotate-button'))
    expect(harness.ui.modals).toHaveLength(1)
    expect((await dataAs(emulator.url, reader, { action: 'getShelf' })).shareId).toBe(before.shareId)

    harness.ui.modalAnswers.push(true)
    await tap(harness, comp.querySelector('.rotate-button'))
    const after = await dataAs(emulator.url, reader, { action: 'getShelf' })
    expect(after.shareId).not.toBe(before.shareId)
    expect(pageOf(comp).onShareAppMessage({ from: 'menu' }).path).toBe(`/pages/shared/index?s=${after.shareId}`)
    const old = await callAs(emulator.url, newReader('friend'), { action: 'viewSharedShelf', shareId: before.shareId })
    expect(old.ok === false && old.error.code).toBe('NOT_FOUND')
  })

  it('shows an error state with retry when offline, and reflects new books on show', async () => {
    const reader = newReader('offline')
    const harness = createHarness(DEAD_GATEWAY, reader)
    const comp = await harness.open('settings')
    expect(textOf(comp.querySelector('.error-state'))).toContain('网络不可用')
    harness.cloud.setBaseUrl(emulator.url)
    await tap(harness, comp.querySelector('.error-state')!.querySelector('.empty-action'))
    expect(textOf(comp.querySelector('.count-total'))).toBe('0')

    await seedBooks(emulator.url, reader, [{}])
    await pageOf(comp).onShow()
    await settle(harness.cloud)
    expect(textOf(comp.querySelector('.count-total'))).toBe('1')
  })
})

describe('settings page: sharing and what friends see', () => {
  it('分享我的书架 on a private shelf publishes, then offers the send button in the same flow', async () => {
    const reader = newReader('one-flow')
    await seedBooks(emulator.url, reader, [{ title: '公开的书' }, { title: '私密的书', is_private: true }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('settings')
    expect(comp.querySelector('.share-sheet')).toBeFalsy()

    // Declining publishes nothing and offers nothing.
    harness.ui.modalAnswers.push(false)
    await tap(harness, comp.querySelector('.share-button-publish'))
    expect((await dataAs(emulator.url, reader, { action: 'getShelf' })).isPublic).toBe(false)
    expect(comp.querySelector('.share-sheet')).toBeFalsy()

    harness.ui.modalAnswers.push(true)
    await tap(harness, comp.querySelector('.share-button-publish'))
    const shelf = await dataAs(emulator.url, reader, { action: 'getShelf' })
    expect(shelf.isPublic).toBe(true)
    const sheet = comp.querySelector('.share-sheet')!
    expect(textOf(sheet)).toContain('书架已公开')
    expect(comp.querySelector('.share-sheet-send')).toBeTruthy()

    // The send button is WeChat's share button: the card carries the share id, and the sheet closes.
    const content = await Promise.resolve(pageOf(comp).onShareAppMessage({ from: 'button' }))
    expect(content.path).toBe(`/pages/shared/index?s=${shelf.shareId}`)
    // No canvas under miniprogram-simulate: the card falls back to WeChat's screenshot (no imageUrl).
    expect(content.imageUrl).toBeUndefined()
    await settle(harness.cloud)
    expect(comp.querySelector('.share-sheet')).toBeFalsy()

    // 稍后 closes it too.
    pageOf(comp).setData({ sharePrompt: true })
    await tap(harness, comp.querySelector('.share-sheet-later'))
    expect(comp.querySelector('.share-sheet')).toBeFalsy()
  })

  it('promises friends the rating and what the function gives them, and keeps notes, location and progress private', async () => {
    const reader = newReader('promise')
    await seedBooks(emulator.url, reader, [
      { title: '三体', rating: 4, tags: ['科幻'], series: '地球往事', volume: 1, note: '私人笔记', location: '书房', status: 'reading', progress: { page: 10 } },
    ])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('settings')
    const promise = textOf(comp.querySelector('.explain'))
    for (const seen of ['封面', '书名', '作者', '简介', '阅读状态', '评分', '标签', '系列', '已借出']) expect(promise).toContain(seen)
    for (const hidden of ['笔记', '存放位置', '阅读进度']) expect(promise).toMatch(new RegExp(`${hidden}[^。]*只有你自己能看到`))

    // And the function agrees: a friend gets the rating, tags and series, never the private fields.
    await dataAs(emulator.url, reader, { action: 'updateShelf', isPublic: true })
    const { shareId } = await dataAs(emulator.url, reader, { action: 'getShelf' })
    const [card] = (await dataAs(emulator.url, newReader('friend'), { action: 'viewSharedShelf', shareId })).items
    const seenByFriend = await dataAs(emulator.url, newReader('friend'), { action: 'getSharedBook', shareId, id: card.id })
    expect(seenByFriend).toMatchObject({ rating: 4, tags: ['科幻'], series: '地球往事', lent: false })
    for (const field of ['note', 'location', 'progress', 'loans', 'is_private']) expect(seenByFriend).not.toHaveProperty(field)
  })
})
