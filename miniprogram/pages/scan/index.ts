// 扫码加书: scan or type an ISBN, check the looked-up book, add it. Continuous mode adds each
// scanned book straight away and scans again; a book no source knows opens a form prefilled with
// its ISBN.
import type { AddBookResult, Book, LookupResult, ManualBookInput } from '../../../typings/api'
import { call } from '../../services/api'
import { codeOf, userMessageOf } from '../../services/api-error'
import { joinAuthors, splitList } from '../../utils/book-view'
import { toastError, toastSuccess } from '../../utils/feedback'
import { cleanIsbn } from '../../utils/isbn'
import { scanBarcode } from '../../utils/scanner'
import { markShelfChanged } from '../../utils/shelf-changes'

const INVALID_ISBN_HINT = '请输入 10 位或 13 位 ISBN，并核对最后一位'
/** Codes after which the reader can still add the book by typing it in. */
const MANUAL_FALLBACK_CODES = ['NOT_FOUND', 'UPSTREAM_UNAVAILABLE', 'NETWORK']

interface FoundView {
  isbn: string
  title: string
  authors: string
  publisher: string
  publishedDate: string
  coverUrl: string
}

interface SessionEntry {
  /** Unique within the session, for wx:key. */
  key: number
  id: string
  title: string
  outcome: string
}

interface ManualForm {
  isbn: string
  title: string
  authors: string
  publisher: string
  publishedDate: string
}

const EMPTY_FORM: ManualForm = { isbn: '', title: '', authors: '', publisher: '', publishedDate: '' }

function toFoundView({ book }: LookupResult): FoundView {
  return {
    isbn: book.isbn,
    title: book.title,
    authors: joinAuthors(book.authors),
    publisher: book.publisher ?? '',
    publishedDate: book.publishedDate ?? '',
    coverUrl: book.coverUrl ?? '',
  }
}

let sessionKeys = 0

Component({
  data: {
    isbn: '',
    isbnError: '',
    looking: false,
    found: null as FoundView | null,
    /** Id of the shelf copy when the looked-up book is already there. */
    duplicateId: '',
    markPrivate: false,
    adding: false,
    continuous: false,
    /** This session's additions, newest first. */
    session: [] as SessionEntry[],
    manual: null as ManualForm | null,
    manualReason: '',
    manualError: '',
  },
  methods: {
    async onScanTap() {
      const code = await scanBarcode()
      if (code === null) return
      this.setData({ isbn: code })
      if (this.data.continuous) await this.addScanned(code)
      else await this.lookup(code)
    },

    onIsbnInput(e: WechatMiniprogram.Input) {
      this.setData({ isbn: e.detail.value, isbnError: '' })
    },

    onLookupTap() {
      return this.lookup(this.data.isbn)
    },

    /** Checks the ISBN locally, then asks the function for the book. */
    async lookup(raw: string) {
      const isbn = cleanIsbn(raw)
      if (isbn === null) {
        this.setData({ isbnError: INVALID_ISBN_HINT, found: null, duplicateId: '' })
        return
      }
      this.setData({ looking: true, isbnError: '', found: null, duplicateId: '', manual: null })
      try {
        const result = await call('lookup', { isbn })
        this.setData({ looking: false, found: toFoundView(result) })
      } catch (error) {
        this.setData({ looking: false })
        this.handleLookupFailure(isbn, error)
      }
    },

    handleLookupFailure(isbn: string, error: unknown) {
      const code = codeOf(error)
      if (code === 'INVALID_ISBN') this.setData({ isbnError: INVALID_ISBN_HINT })
      else if (MANUAL_FALLBACK_CODES.includes(code)) this.openManualForm(isbn, error)
      else toastError(error)
    },

    openManualForm(isbn: string, error: unknown) {
      const reason = codeOf(error) === 'NOT_FOUND' ? '没有查到这本书的信息，可以手动填写' : userMessageOf(error)
      this.setData({ manual: { ...EMPTY_FORM, isbn }, manualReason: reason, manualError: '', found: null })
    },

    onPrivateChange(e: WechatMiniprogram.SwitchChange) {
      this.setData({ markPrivate: e.detail.value })
    },

    onContinuousChange(e: WechatMiniprogram.SwitchChange) {
      this.setData({ continuous: e.detail.value })
    },

    async onAddTap() {
      const found = this.data.found
      if (!found || this.data.adding) return
      this.setData({ adding: true })
      try {
        const result = await call('addBook', { isbn: found.isbn, is_private: this.data.markPrivate })
        this.setData({ adding: false })
        this.recordAdd(result)
        if (!result.duplicate) this.setData({ found: null, isbn: '' })
      } catch (error) {
        this.setData({ adding: false })
        toastError(error)
      }
    },

    /** Continuous mode: add what was scanned straight away, then scan the next one. */
    async addScanned(raw: string) {
      const isbn = cleanIsbn(raw)
      if (isbn === null) {
        this.setData({ isbnError: INVALID_ISBN_HINT })
        return
      }
      this.setData({ looking: true, isbnError: '', found: null, duplicateId: '', manual: null })
      try {
        const result = await call('addBook', { isbn, is_private: this.data.markPrivate })
        this.setData({ looking: false, isbn: '' })
        this.recordAdd(result)
      } catch (error) {
        // Stop the loop: the reader has to read the message or type the book in.
        this.setData({ looking: false })
        this.handleLookupFailure(isbn, error)
        return
      }
      await this.onScanTap()
    },

    recordAdd({ book, duplicate }: AddBookResult) {
      if (duplicate) {
        this.setData({ duplicateId: book.id })
        wx.showToast({ title: '已在书架', icon: 'none' })
      } else {
        markShelfChanged()
        toastSuccess('已加入书架')
      }
      this.pushSession(book, duplicate ? '已在书架' : '已加入')
    },

    pushSession(book: Pick<Book, 'id' | 'title'>, outcome: string) {
      const entry: SessionEntry = { key: ++sessionKeys, id: book.id, title: book.title, outcome }
      this.setData({ session: [entry, ...this.data.session].slice(0, 50) })
    },

    onManualInput(e: WechatMiniprogram.Input) {
      const field = e.currentTarget.dataset.field as keyof ManualForm
      if (!this.data.manual || !(field in EMPTY_FORM)) return
      this.setData({ [`manual.${field}`]: e.detail.value, manualError: '' })
    },

    onManualCancel() {
      this.setData({ manual: null, manualReason: '', manualError: '' })
    },

    async onManualSubmit() {
      const form = this.data.manual
      if (!form || this.data.adding) return
      const title = form.title.trim()
      if (!title) {
        this.setData({ manualError: '请填写书名' })
        return
      }
      const isbn = form.isbn.trim() ? cleanIsbn(form.isbn) : ''
      if (isbn === null) {
        this.setData({ manualError: INVALID_ISBN_HINT })
        return
      }
      const book: ManualBookInput = { title, authors: splitList(form.authors) }
      if (isbn) book.isbn = isbn
      if (form.publisher.trim()) book.publisher = form.publisher.trim()
      if (form.publishedDate.trim()) book.publishedDate = form.publishedDate.trim()
      this.setData({ adding: true })
      try {
        const result = await call('addBook', { book, is_private: this.data.markPrivate })
        this.setData({ adding: false, manual: null, manualReason: '', isbn: '' })
        this.recordAdd(result)
      } catch (error) {
        this.setData({ adding: false, manualError: userMessageOf(error) })
      }
    },

    onOpenBook(e: WechatMiniprogram.TouchEvent) {
      const id = e.currentTarget.dataset.id as string
      if (id) wx.navigateTo({ url: `/pages/book/index?id=${encodeURIComponent(id)}` })
    },

    onOpenDuplicate() {
      if (this.data.duplicateId) wx.navigateTo({ url: `/pages/book/index?id=${encodeURIComponent(this.data.duplicateId)}` })
    },
  },
})
