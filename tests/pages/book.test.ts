// 书籍详情 under miniprogram-simulate, against the real function on the emulator.
import { callAs, dataAs } from '../support/wx-cloud'
import { createHarness, pageOf, settle, tap, textOf, waitFor, type PageHarness } from '../support/simulate'
import { DEAD_GATEWAY, newReader, seedBooks, useEmulator } from './context'
import { measureSetData } from './set-data-size'

const emulator = useEmulator()
type ShelfChanges = typeof import('../../miniprogram/utils/shelf-changes')
/** The shelf-change flag as the harness's pages see it. */
const shelfChanges = (harness: PageHarness) => harness.miniprogramModule<ShelfChanges>('utils/shelf-changes')


const DETAILED = {
  title: '三体',
  subtitle: '地球往事',
  authors: ['刘慈欣'],
  publisher: '重庆出版社',
  publishedDate: '2008-01',
  pageCount: 302,
  summary: '文化大革命如火如荼进行的同时……',
  status: 'reading' as const,
  rating: 4,
  tags: ['科幻'],
  note: '我的私人笔记',
}

describe('book page', () => {
  it('shows the details and the reader\'s fields, and sets the navigation title', async () => {
    const reader = newReader('details')
    const [book] = await seedBooks(emulator.url, reader, [DETAILED])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    const text = textOf(comp)
    for (const expected of ['三体', '地球往事', '刘慈欣', '重庆出版社 2008-01', '302 页', '文化大革命', '4 星', '科幻 ×'])
      expect(text).toContain(expected)
    expect(textOf(comp.querySelector('.status-segment.segment-active'))).toBe('在读')
    expect(comp.querySelectorAll('.star-on')).toHaveLength(4)
    expect(pageOf(comp).data.book.note).toBe('我的私人笔记')
    expect(harness.ui.titles).toEqual(['三体'])
  })

  it('saves status, rating, tags, note and privacy in place, and the shelf learns of it', async () => {
    const reader = newReader('edit')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '活着', status: 'want' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })

    await tap(harness, comp.querySelectorAll('.status-segment')[2])
    await tap(harness, comp.querySelectorAll('.star')[2])
    const tagInput = comp.querySelector('.tag-input')!
    tagInput.dispatchEvent('input', { detail: { value: '  小说 ' } })
    await settle(harness.cloud)
    await tap(harness, comp.querySelector('.tag-add-button'))
    tagInput.dispatchEvent('input', { detail: { value: '余华' } })
    await settle(harness.cloud)
    await tap(harness, comp.querySelector('.tag-add-button'))
    comp.querySelector('.note')!.dispatchEvent('blur', { detail: { value: '读完哭了' } })
    await settle(harness.cloud)
    comp.querySelector('.private-switch')!.dispatchEvent('change', { detail: { value: true } })
    await settle(harness.cloud)

    let stored = await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })
    expect(stored).toMatchObject({ status: 'read', rating: 3, tags: ['小说', '余华'], note: '读完哭了', is_private: true })
    expect(textOf(comp.querySelector('.status-segment.segment-active'))).toBe('读过')
    expect(comp.querySelectorAll('.star-on')).toHaveLength(3)

    // Tapping the current rating clears it; tapping a tag removes it.
    await tap(harness, comp.querySelectorAll('.star')[2])
    await tap(harness, comp.querySelectorAll('.tag-removable')[0])
    stored = await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })
    expect(stored.rating).toBeNull()
    expect(stored.tags).toEqual(['余华'])
    expect(textOf(comp.querySelector('.rating-hint'))).toBe('未评分')

    // The shelf page will reload on its next show (the flag lives in the page's module registry).
    expect([...shelfChanges(harness).takeShelfChanges()]).toEqual(['books'])
  })

  it('shows an edit optimistically and rolls it back when the call fails', async () => {
    const reader = newReader('rollback')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '围城', status: 'want', is_private: false }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    const statuses: string[] = []
    const original = pageOf(comp).setData.bind(pageOf(comp))
    pageOf(comp).setData = (data: Record<string, unknown>, cb?: () => void) => {
      if ('book.status' in data) statuses.push(String(data['book.status']))
      original(data, cb)
    }

    harness.cloud.setBaseUrl(DEAD_GATEWAY)
    await tap(harness, comp.querySelectorAll('.status-segment')[1])
    expect(statuses).toEqual(['reading', 'want']) // shown at once, then put back
    expect(textOf(comp.querySelector('.status-segment.segment-active'))).toBe('想读')
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '网络不可用，请稍后重试', icon: 'none' })

    comp.querySelector('.private-switch')!.dispatchEvent('change', { detail: { value: true } })
    await settle(harness.cloud)
    expect(pageOf(comp).data.book.is_private).toBe(false)
    expect((await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })).status).toBe('want')
    expect(shelfChanges(harness).takeShelfChanges().size).toBe(0)
  })

  it('edits the bibliographic fields, refusing a bad date before calling', async () => {
    const reader = newReader('bib')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '旧书名', authors: ['甲'] }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    await tap(harness, comp.querySelector('.edit-button'))
    const input = (selector: string, value: string) =>
      comp.querySelector(selector)!.dispatchEvent('input', { detail: { value } })
    input('.form-title', '新书名')
    input('.form-authors', '甲，乙')
    input('.form-date', '2019-13')
    await settle(harness.cloud)
    const calls = harness.cloud.calls.length
    await tap(harness, comp.querySelector('.edit-save'))
    expect(harness.cloud.calls.length).toBe(calls)
    expect(textOf(comp.querySelector('.form-error'))).toContain('2019-05')

    input('.form-date', '2019-05')
    input('.form-pages', '256')
    await settle(harness.cloud)
    await tap(harness, comp.querySelector('.edit-save'))
    expect(comp.querySelector('.edit-form')).toBeFalsy()
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '已保存', icon: 'success' })
    const stored = await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })
    expect(stored).toMatchObject({ title: '新书名', authors: ['甲', '乙'], publishedDate: '2019-05', pageCount: 256 })
    expect(textOf(comp.querySelector('.title'))).toBe('新书名')

    // Emptying a field clears it.
    await tap(harness, comp.querySelector('.edit-button'))
    input('.form-pages', '')
    input('.form-date', '')
    await settle(harness.cloud)
    await tap(harness, comp.querySelector('.edit-save'))
    const cleared = await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })
    expect(cleared.pageCount).toBeUndefined()
    expect(cleared.publishedDate).toBeUndefined()
    expect(textOf(comp)).not.toContain('256 页')
  })

  it('deletes only after the confirmation modal, then goes back', async () => {
    const reader = newReader('delete')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '要删的书' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })

    harness.ui.modalAnswers.push(false)
    await tap(harness, comp.querySelector('.delete-button'))
    expect(harness.ui.modals[0].content).toContain('《要删的书》')
    expect((await callAs(emulator.url, reader, { action: 'getBook', id: book.id })).ok).toBe(true)
    expect(harness.ui.navigations).toEqual([])

    harness.ui.modalAnswers.push(true)
    await tap(harness, comp.querySelector('.delete-button'))
    const gone = await callAs(emulator.url, reader, { action: 'getBook', id: book.id })
    expect(gone.ok === false && gone.error.code).toBe('NOT_FOUND')
    expect(harness.ui.navigations).toEqual([{ api: 'navigateBack', url: undefined, delta: 1 }])
  })

  it('goes to the shelf after deleting when the book page was opened alone (no page to go back to)', async () => {
    const reader = newReader('delete-alone')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '链接打开的书' }])
    const harness = createHarness(emulator.url, reader)
    harness.ui.stackDepth = 1
    const comp = await harness.open('book', { id: book.id })

    harness.ui.modalAnswers.push(true)
    await tap(harness, comp.querySelector('.delete-button'))
    await waitFor(() => harness.ui.navigations.length > 0, 'a navigation after the delete')
    expect(harness.ui.navigations).toEqual([{ api: 'switchTab', url: '/pages/shelf/index', delta: undefined }])
  })

  it('says the book is gone for another reader\'s id, and the link is incomplete without an id', async () => {
    const owner = newReader('owner')
    const [book] = await seedBooks(emulator.url, owner, [{ title: '别人的书', note: '别人的笔记' }])
    const stranger = createHarness(emulator.url, newReader('stranger'))
    const comp = await stranger.open('book', { id: book.id })
    expect(textOf(comp.querySelector('.error-state'))).toContain('这本书不存在，或已被删除')
    expect(textOf(comp)).not.toContain('别人的')

    const noId = await createHarness(emulator.url, owner).open('book', {})
    expect(textOf(noId.querySelector('.error-state'))).toContain('链接不完整')
  })

  it('shows an error state offline and loads the book on retry', async () => {
    const reader = newReader('offline')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '离线的书' }])
    const harness = createHarness(DEAD_GATEWAY, reader)
    const comp = await harness.open('book', { id: book.id })
    const error = comp.querySelector('.error-state')!
    expect(textOf(error)).toContain('网络不可用，请稍后重试')
    harness.cloud.setBaseUrl(emulator.url)
    await tap(harness, error.querySelector('.empty-action'))
    expect(comp.querySelector('.error-state')).toBeFalsy()
    expect(textOf(comp.querySelector('.title'))).toBe('离线的书')
  })

  it('keeps its setData small: a single edit sends only the changed field', async () => {
    const reader = newReader('small')
    const [book] = await seedBooks(emulator.url, reader, [{ ...DETAILED, summary: '长'.repeat(5000) }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    const sizes = measureSetData(pageOf(comp))
    await tap(harness, comp.querySelectorAll('.status-segment')[0])
    expect(sizes.length).toBeGreaterThan(0)
    expect(Math.max(...sizes)).toBeLessThan(100)
  })
})

describe('book page polish', () => {
  it('says 已保存 when a note or a tag is saved, and nothing of the kind when saving fails', async () => {
    const reader = newReader('saved-toast')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '活着' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    comp.querySelector('.note')!.dispatchEvent('blur', { detail: { value: '好书' } })
    await settle(harness.cloud)
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '已保存', icon: 'success' })
    comp.querySelector('.tag-input')!.dispatchEvent('input', { detail: { value: '小说' } })
    await settle(harness.cloud)
    await tap(harness, comp.querySelector('.tag-add-button'))
    expect(harness.ui.toasts.map((t) => t.title)).toEqual(['已保存', '已保存'])

    harness.cloud.setBaseUrl(DEAD_GATEWAY)
    comp.querySelector('.note')!.dispatchEvent('blur', { detail: { value: '改了' } })
    await settle(harness.cloud)
    expect(harness.ui.toasts.at(-1)!.title).not.toBe('已保存')
    expect(pageOf(comp).data.book.note).toBe('好书')
  })

  it('keeps a long title short in the navigation bar, ending in …, and bounds every input by the function', async () => {
    const reader = newReader('long-title')
    const title = '银河帝国：基地七部曲之一基地前奏与基地'
    const [book] = await seedBooks(emulator.url, reader, [{ title }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    expect(harness.ui.titles).toEqual(['银河帝国：基地七部曲之一…'])
    expect(pageOf(comp).data.limits).toMatchObject({ title: 300, tag: 30, note: 5000, summary: 10000, publisher: 200 })
  })
})
