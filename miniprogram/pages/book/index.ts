// 书籍详情: one book. Opened with `?id=` the reader edits their own copy in place (optimistically:
// the change shows at once and is rolled back if the function refuses it). Opened with `?s=&id=`
// from a shared shelf it is read-only, and a friend never sees the note.
import type { Book, BookPatch, ReadingProgress, ReadingStatus, SharedBook } from '../../../typings/api'
import type { LoanCardReturnEvent } from '../../components/loan-card/type'
import { call } from '../../services/api'
import { codeOf, userMessageOf } from '../../services/api-error'
import {
  BIBLIOGRAPHIC_FIELDS,
  bibliographicPatch,
  toDetailView,
  type BibliographicForm,
  type BookDetailView,
} from '../../utils/book-detail'
import { today } from '../../utils/day'
import { confirm, toastError, toastSuccess } from '../../utils/feedback'
import {
  clampedProgress,
  progressModeOf,
  progressText,
  steppedProgress,
  typedProgress,
  typedVolume,
  type ProgressMode,
} from '../../utils/home-fields'
import { instanceState } from '../../utils/instance-state'
import { navTitle } from '../../utils/nav-title'
import { INPUT_MAXLENGTH, LIMITS } from '../../utils/limits'
import { emptyLendForm, lendRequest, type LendForm } from '../../utils/loan'
import { isOwnership } from '../../utils/ownership'
import { progressView } from '../../utils/progress'
import { isReadingStatus } from '../../utils/reading-status'
import { seriesLabel } from '../../utils/series'
import { markShelfChanged } from '../../utils/shelf-changes'
import { changeCover } from './cover-photo'

const EMPTY_FORM: BibliographicForm = {
  title: '',
  subtitle: '',
  authors: '',
  publisher: '',
  publishedDate: '',
  pageCount: '',
  summary: '',
}

type BookQuery = { id?: string; s?: string }

/** Location suggestions shown under the input at most. */
const MAX_SUGGESTIONS = 8

/** Where the book came from (kept for retry), and the reader's own locations (listLocations). */
const stateOf = instanceState((_page: object): { query: BookQuery; locations: string[] } => ({ query: {}, locations: [] }))

/** The reader's locations that fit what is typed, except the one typed. */
function suggestionsFor(locations: string[], draft: string): string[] {
  const typed = draft.trim()
  return locations.filter((location) => location !== typed && location.includes(typed)).slice(0, MAX_SUGGESTIONS)
}

/** The page count the progress helpers take: the view holds it as text, '' when unknown. */
const pageCountOf = (book: BookDetailView): number | undefined => (book.pageCount ? Number(book.pageCount) : undefined)

/** Why 想买 cannot be chosen while the book is lent out (toast and the note under the choice). */
const LENT_NOT_WANTED = '借出中的书归还后才能设为想买'

/** Text the reader typed (a note, a tag) is confirmed when it is saved; a refusal has its own toast. */
const saidSaved = (saved: Book | null) => {
  if (saved) toastSuccess('已保存')
}

Component({
  data: {
    loading: true,
    error: '',
    /** True on a shared shelf: nothing can be edited. */
    readOnly: false,
    book: null as BookDetailView | null,
    stars: [1, 2, 3, 4, 5],
    tagDraft: '',
    editing: false,
    form: EMPTY_FORM,
    formError: '',
    saving: false,
    limits: LIMITS,
    inputMaxlength: INPUT_MAXLENGTH,
    today: today(),
    /** The reader's own locations that fit the location input, offered under it. */
    locationSuggestions: [] as string[],
    locationDraft: '',
    /** The 借出 form is open. */
    lending: false,
    lendForm: emptyLendForm(),
    lendError: '',
    lendSaving: false,
    returning: false,
    lentNotWanted: LENT_NOT_WANTED,
  },
  methods: {
    onLoad(query: BookQuery) {
      stateOf(this).query = query
      this.setData({ readOnly: Boolean(query.s) })
      return this.load()
    },

    async load() {
      const { id, s } = stateOf(this).query
      if (!id) {
        this.setData({ loading: false, error: '链接不完整，找不到这本书' })
        return
      }
      this.setData({ loading: true, error: '' })
      try {
        const book: Book | SharedBook = s ? await call('getSharedBook', { shareId: s, id }) : await call('getBook', { id })
        const view = toDetailView(book)
        this.setData({ loading: false, book: view, locationDraft: view.location })
        wx.setNavigationBarTitle({ title: navTitle(book.title) })
        if (!s) void this.loadLocations()
      } catch (error) {
        const missing = codeOf(error) === 'NOT_FOUND' || codeOf(error) === 'INVALID_ARGUMENT'
        this.setData({ loading: false, error: missing ? '这本书不存在，或已被删除' : userMessageOf(error) })
      }
    },

    onRetry() {
      return this.load()
    },

    /**
     * Shows `patch` at once, sends it, and puts the previous values back if the function refuses.
     * `view` is what the page shows for the patch (e.g. rating 0 for null); `refusedMessage`, when
     * given, is what the reader reads if the function refuses the patch itself (INVALID_ARGUMENT).
     */
    async applyOptimistic(patch: BookPatch, view: Partial<BookDetailView>, refusedMessage?: string): Promise<Book | null> {
      const book = this.data.book
      if (!book || this.data.readOnly) return null
      const previous: Record<string, unknown> = {}
      const next: Record<string, unknown> = {}
      for (const key of Object.keys(view) as (keyof BookDetailView)[]) {
        previous[`book.${key}`] = book[key]
        next[`book.${key}`] = view[key]
      }
      this.setData(next)
      try {
        const saved = await call('updateBook', { id: book.id, patch })
        markShelfChanged()
        return saved
      } catch (error) {
        this.setData(previous)
        if (refusedMessage && codeOf(error) === 'INVALID_ARGUMENT') wx.showToast({ title: refusedMessage, icon: 'none' })
        else toastError(error)
        return null
      }
    },

    onStatusTap(e: WechatMiniprogram.TouchEvent) {
      const status = e.currentTarget.dataset.status as string
      if (!isReadingStatus(status) || status === this.data.book?.status) return undefined
      return this.applyOptimistic({ status: status as ReadingStatus }, { status }).then((saved) => {
        // The function sets the started / finished day when the status moves there.
        if (saved) this.setData({ 'book.startedAt': saved.startedAt ?? '', 'book.finishedAt': saved.finishedAt ?? '' })
      })
    },

    async onOwnershipTap(e: WechatMiniprogram.TouchEvent) {
      const ownership = e.currentTarget.dataset.ownership as string
      const book = this.data.book
      if (!book || this.data.readOnly || !isOwnership(ownership) || ownership === book.ownership) return
      // A lent book is owned: the function refuses 想买 while it is out (domain/readerRules.ts).
      if (ownership === 'wanted' && book.loan) {
        wx.showToast({ title: LENT_NOT_WANTED, icon: 'none' })
        return
      }
      const saved = await this.applyOptimistic({ ownership }, { ownership }, LENT_NOT_WANTED)
      // Refused or not sent: the book may have been lent from another device meanwhile; show it as it is.
      if (!saved && ownership === 'wanted') await this.refreshQuietly()
    },

    /** The book as stored now, without the loading state; on failure the page keeps what it shows. */
    async refreshQuietly() {
      const { id } = stateOf(this).query
      if (!id) return
      try {
        this.setData({ book: toDetailView(await call('getBook', { id })) })
      } catch {
        // The reader already saw why the change failed.
      }
    },

    /** Series and volume are saved when their inputs lose focus, if they changed. */
    onSeriesBlur(e: WechatMiniprogram.InputBlur) {
      const book = this.data.book
      const series = e.detail.value.trim().slice(0, LIMITS.series)
      if (!book || series === book.series) return undefined
      const volume = book.volume ? Number(book.volume) : undefined
      return this.applyOptimistic({ series }, { series, seriesLabel: seriesLabel(series, volume) })
    },

    onVolumeBlur(e: WechatMiniprogram.InputBlur) {
      const book = this.data.book
      if (!book || e.detail.value.trim() === book.volume) return undefined
      const volume = typedVolume(e.detail.value)
      if (typeof volume === 'string') {
        this.resetInput('book.volume', book.volume)
        wx.showToast({ title: volume, icon: 'none' })
        return undefined
      }
      return this.applyOptimistic(
        { volume },
        { volume: volume === null ? '' : String(volume), seriesLabel: seriesLabel(book.series, volume ?? undefined) },
      )
    },

    /** Puts the saved value back in an input the reader typed a wrong one into: setting the same value
     * again would change nothing in the view, so it is changed and set back. */
    resetInput(path: string, value: string) {
      this.setData({ [path]: `${value} ` })
      this.setData({ [path]: value })
    },

    async loadLocations() {
      try {
        const { locations } = await call('listLocations', {})
        stateOf(this).locations = locations.map((l) => l.location)
        this.setData({ locationSuggestions: suggestionsFor(stateOf(this).locations, this.data.locationDraft) })
      } catch {
        // Suggestions are a convenience: the input works without them.
      }
    },

    onLocationInput(e: WechatMiniprogram.Input) {
      this.setData({ locationDraft: e.detail.value, locationSuggestions: suggestionsFor(stateOf(this).locations, e.detail.value) })
    },

    onLocationBlur(e: WechatMiniprogram.InputBlur) {
      return this.saveLocation(e.detail.value)
    },

    onLocationPick(e: WechatMiniprogram.TouchEvent) {
      return this.saveLocation(String(e.currentTarget.dataset.location))
    },

    saveLocation(text: string) {
      const book = this.data.book
      const location = text.trim().slice(0, LIMITS.location)
      const state = stateOf(this)
      this.setData({ locationDraft: location, locationSuggestions: suggestionsFor(state.locations, location) })
      if (!book || location === book.location) return undefined
      return this.applyOptimistic({ location }, { location }).then((saved) => {
        if (!saved) this.setData({ locationDraft: this.data.book?.location ?? '' })
        else if (location && !state.locations.includes(location)) state.locations = [location, ...state.locations]
      })
    },

    /** Progress, shown at once and saved, as for every field; the bar, label and unit follow. */
    saveProgress(progress: ReadingProgress | null) {
      const book = this.data.book
      if (!book) return undefined
      const pageCount = pageCountOf(book)
      const progressValue = progressText(progress)
      const progressMode = progress ? progressModeOf(progress, pageCount) : book.progressMode
      if (progressValue === book.progressValue && progressMode === book.progressMode) return undefined
      return this.applyOptimistic({ progress }, { progress: progressView(progress, pageCount), progressValue, progressMode })
    },

    onProgressStep(e: WechatMiniprogram.TouchEvent) {
      const book = this.data.book
      if (!book) return undefined
      const direction = Number(e.currentTarget.dataset.step) < 0 ? -1 : 1
      const pageCount = pageCountOf(book)
      return this.saveProgress(steppedProgress(book.progressMode, book.progressValue, direction, pageCount))
    },

    onProgressBlur(e: WechatMiniprogram.InputBlur) {
      const book = this.data.book
      if (!book) return undefined
      const pageCount = pageCountOf(book)
      const progress = typedProgress(book.progressMode, e.detail.value, pageCount)
      if (typeof progress === 'string') {
        this.resetInput('book.progressValue', book.progressValue)
        wx.showToast({ title: progress, icon: 'none' })
        return undefined
      }
      return this.saveProgress(progress)
    },

    /** Pages or percent: the current progress is carried over to the other unit. */
    onProgressModeTap(e: WechatMiniprogram.TouchEvent) {
      const book = this.data.book
      const mode = e.currentTarget.dataset.mode as ProgressMode
      if (!book || !book.pageCount || mode === book.progressMode || (mode !== 'page' && mode !== 'percent')) return undefined
      const pageCount = Number(book.pageCount)
      // With nothing recorded yet, only the unit changes.
      if (!book.progressValue) {
        this.setData({ 'book.progressMode': mode })
        return undefined
      }
      const value = Number(book.progressValue)
      const converted = mode === 'percent' ? (value / pageCount) * 100 : (value / 100) * pageCount
      return this.saveProgress(clampedProgress(mode, converted, pageCount))
    },

    onProgressClear() {
      return this.saveProgress(null)
    },

    onDayChange(e: WechatMiniprogram.PickerChange) {
      const field = e.currentTarget.dataset.field as 'startedAt' | 'finishedAt'
      const book = this.data.book
      if (!book || (field !== 'startedAt' && field !== 'finishedAt')) return undefined
      const value = String(e.detail.value)
      const startedAt = field === 'startedAt' ? value : book.startedAt
      const finishedAt = field === 'finishedAt' ? value : book.finishedAt
      if (startedAt && finishedAt && finishedAt < startedAt) {
        wx.showToast({ title: '读完日期不能早于开始日期', icon: 'none' })
        return undefined
      }
      if (value === book[field]) return undefined
      return this.applyOptimistic({ [field]: value }, { [field]: value })
    },

    onDayClear(e: WechatMiniprogram.TouchEvent) {
      const field = e.currentTarget.dataset.field as 'startedAt' | 'finishedAt'
      if (!this.data.book || (field !== 'startedAt' && field !== 'finishedAt') || !this.data.book[field]) return undefined
      return this.applyOptimistic({ [field]: '' }, { [field]: '' })
    },

    onLendTap() {
      const on = today()
      this.setData({ lending: true, lendForm: emptyLendForm(on), lendError: '', today: on })
    },

    onLendCancel() {
      this.setData({ lending: false, lendError: '' })
    },

    onLendInput(e: WechatMiniprogram.Input) {
      this.setData({ 'lendForm.borrower': e.detail.value, lendError: '' })
    },

    onLendDayChange(e: WechatMiniprogram.PickerChange) {
      const field = e.currentTarget.dataset.field as keyof LendForm
      if (field !== 'lentAt' && field !== 'dueDate') return
      this.setData({ [`lendForm.${field}`]: String(e.detail.value), lendError: '' })
    },

    onDueDateClear() {
      this.setData({ 'lendForm.dueDate': '' })
    },

    async onLendSave() {
      const book = this.data.book
      if (!book || this.data.lendSaving) return
      const request = lendRequest(this.data.lendForm)
      if (typeof request === 'string') {
        this.setData({ lendError: request })
        return
      }
      this.setData({ lendSaving: true })
      try {
        const saved = await call('lendBook', { id: book.id, ...request })
        markShelfChanged()
        this.setData({ lendSaving: false, lending: false, book: toDetailView(saved) })
        toastSuccess('已借出')
      } catch (error) {
        this.setData({ lendSaving: false, lendError: userMessageOf(error) })
      }
    },

    async onReturn(_e: LoanCardReturnEvent) {
      const book = this.data.book
      if (!book?.loan || this.data.returning) return
      const agreed = await confirm({
        title: '确认已归还？',
        content: `${book.loan.borrower} 已经把《${book.title}》还回来了吗？`,
        confirmText: '已归还',
      })
      if (!agreed) return
      this.setData({ returning: true })
      try {
        const saved = await call('returnBook', { id: book.id, returnedAt: today() })
        markShelfChanged()
        this.setData({ returning: false, book: toDetailView(saved) })
        toastSuccess('已归还')
      } catch (error) {
        this.setData({ returning: false })
        toastError(error)
      }
    },

    onStarTap(e: WechatMiniprogram.TouchEvent) {
      const star = Number(e.currentTarget.dataset.star)
      // Tapping the current rating again clears it.
      const rating = star === this.data.book?.rating ? null : star
      return this.applyOptimistic({ rating }, { rating: rating ?? 0 })
    },

    onPrivateChange(e: WechatMiniprogram.SwitchChange) {
      const isPrivate = e.detail.value
      return this.applyOptimistic({ is_private: isPrivate }, { is_private: isPrivate })
    },

    onTagInput(e: WechatMiniprogram.Input) {
      this.setData({ tagDraft: e.detail.value })
    },

    onTagAdd() {
      const book = this.data.book
      const tag = this.data.tagDraft.trim()
      if (!book || !tag) return undefined
      if (book.tags.includes(tag)) {
        this.setData({ tagDraft: '' })
        return undefined
      }
      if (tag.length > LIMITS.tag || book.tags.length >= LIMITS.tags) {
        wx.showToast({ title: `最多 ${LIMITS.tags} 个标签，每个不超过 ${LIMITS.tag} 字`, icon: 'none' })
        return undefined
      }
      const tags = [...book.tags, tag]
      this.setData({ tagDraft: '' })
      return this.applyOptimistic({ tags }, { tags }).then(saidSaved)
    },

    onTagRemove(e: WechatMiniprogram.TouchEvent) {
      const book = this.data.book
      if (!book) return undefined
      const tags = book.tags.filter((tag) => tag !== e.currentTarget.dataset.tag)
      return this.applyOptimistic({ tags }, { tags }).then(saidSaved)
    },

    /** The note is saved when the text area loses focus, if it changed. */
    onNoteBlur(e: WechatMiniprogram.TextareaBlur) {
      const note = e.detail.value.slice(0, LIMITS.note)
      if (!this.data.book || note === this.data.book.note) return undefined
      return this.applyOptimistic({ note }, { note }).then(saidSaved)
    },

    onEditTap() {
      const book = this.data.book
      if (!book) return
      const form = { ...EMPTY_FORM }
      for (const field of BIBLIOGRAPHIC_FIELDS) form[field] = book[field]
      this.setData({ editing: true, form, formError: '' })
    },

    onFormInput(e: WechatMiniprogram.Input) {
      const field = e.currentTarget.dataset.field as keyof BibliographicForm
      if (!BIBLIOGRAPHIC_FIELDS.includes(field)) return
      this.setData({ [`form.${field}`]: e.detail.value, formError: '' })
    },

    onEditCancel() {
      this.setData({ editing: false, formError: '' })
    },

    async onEditSave() {
      const book = this.data.book
      if (!book || this.data.saving) return
      const patch = bibliographicPatch(book, this.data.form)
      if (typeof patch === 'string') {
        this.setData({ formError: patch })
        return
      }
      if (Object.keys(patch).length === 0) {
        this.setData({ editing: false })
        return
      }
      this.setData({ saving: true })
      try {
        const saved = await call('updateBook', { id: book.id, patch })
        markShelfChanged()
        this.setData({ saving: false, editing: false, book: toDetailView(saved) })
        toastSuccess('已保存')
      } catch (error) {
        this.setData({ saving: false, formError: userMessageOf(error) })
      }
    },

    /** The owner's 封面 menu: take or pick a photo, or remove it. */
    async onCoverTap() {
      const book = this.data.book
      if (!book || this.data.readOnly) return
      const saved = await changeCover(book)
      if (!saved) return
      markShelfChanged()
      this.setData({ 'book.coverFileId': saved.coverFileId ?? '' })
    },

    async onDeleteTap() {
      const book = this.data.book
      if (!book || this.data.readOnly) return
      const agreed = await confirm({
        title: '删除这本书？',
        content: `《${book.title}》和你的评分、标签、笔记都会从书架上删除，无法恢复。`,
        confirmText: '删除',
        danger: true,
      })
      if (!agreed) return
      try {
        await call('removeBook', { id: book.id })
      } catch (error) {
        toastError(error)
        return
      }
      markShelfChanged()
      toastSuccess('已删除')
      // Opened from a link or a reload, the book page is alone on the stack: go to the shelf instead.
      wx.navigateBack({ delta: 1, fail: () => wx.switchTab({ url: '/pages/shelf/index' }) })
    },

    onStartOwnShelf() {
      wx.switchTab({ url: '/pages/shelf/index' })
    },
  },
})
