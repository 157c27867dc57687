// 书籍详情: one book. Opened with `?id=` the reader edits their own copy in place (optimistically:
// the change shows at once and is rolled back if the function refuses it). Opened with `?s=&id=`
// from a shared shelf it is read-only, and a friend never sees the note.
import type { Book, BookPatch, ReadingStatus, SharedBook } from '../../../typings/api'
import { call } from '../../services/api'
import { codeOf, userMessageOf } from '../../services/api-error'
import {
  BIBLIOGRAPHIC_FIELDS,
  bibliographicPatch,
  toDetailView,
  type BibliographicForm,
  type BookDetailView,
} from '../../utils/book-detail'
import { confirm, toastError, toastSuccess } from '../../utils/feedback'
import { instanceState } from '../../utils/instance-state'
import { LIMITS } from '../../utils/limits'
import { isReadingStatus } from '../../utils/reading-status'
import { markShelfChanged } from '../../utils/shelf-changes'

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

/** Where the book came from (kept for retry). */
const queryOf = instanceState((_page: object): { query: BookQuery } => ({ query: {} }))

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
  },
  methods: {
    onLoad(query: BookQuery) {
      queryOf(this).query = query
      this.setData({ readOnly: Boolean(query.s) })
      return this.load()
    },

    async load() {
      const { id, s } = queryOf(this).query
      if (!id) {
        this.setData({ loading: false, error: '链接不完整，找不到这本书' })
        return
      }
      this.setData({ loading: true, error: '' })
      try {
        const book: Book | SharedBook = s ? await call('getSharedBook', { shareId: s, id }) : await call('getBook', { id })
        this.setData({ loading: false, book: toDetailView(book) })
        wx.setNavigationBarTitle({ title: book.title })
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
     * `view` is what the page shows for the patch (e.g. rating 0 for null).
     */
    async applyOptimistic(patch: BookPatch, view: Partial<BookDetailView>) {
      const book = this.data.book
      if (!book || this.data.readOnly) return
      const previous: Record<string, unknown> = {}
      const next: Record<string, unknown> = {}
      for (const key of Object.keys(view) as (keyof BookDetailView)[]) {
        previous[`book.${key}`] = book[key]
        next[`book.${key}`] = view[key]
      }
      this.setData(next)
      try {
        await call('updateBook', { id: book.id, patch })
        markShelfChanged()
      } catch (error) {
        this.setData(previous)
        toastError(error)
      }
    },

    onStatusTap(e: WechatMiniprogram.TouchEvent) {
      const status = e.currentTarget.dataset.status as string
      if (!isReadingStatus(status) || status === this.data.book?.status) return undefined
      return this.applyOptimistic({ status: status as ReadingStatus }, { status })
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
      return this.applyOptimistic({ tags }, { tags })
    },

    onTagRemove(e: WechatMiniprogram.TouchEvent) {
      const book = this.data.book
      if (!book) return undefined
      const tags = book.tags.filter((tag) => tag !== e.currentTarget.dataset.tag)
      return this.applyOptimistic({ tags }, { tags })
    },

    /** The note is saved when the text area loses focus, if it changed. */
    onNoteBlur(e: WechatMiniprogram.TextareaBlur) {
      const note = e.detail.value.slice(0, LIMITS.note)
      if (!this.data.book || note === this.data.book.note) return undefined
      return this.applyOptimistic({ note }, { note })
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
