// 扫码加书: scan or type an ISBN, check the looked-up book, add it. Continuous mode adds each
// scanned book straight away and scans again; a book no source knows opens a form prefilled with
// its ISBN, and 手动添加 opens it straight away (a book with no ISBN). An ISBN already on the shelf
// says 已在书架 at once, offline too, from the local set of owned ISBNs (utils/owned-isbns.ts).
import type { AddBookResult, Book, LookupResult, ManualBookInput } from '../../../typings/api'
import { call } from '../../services/api'
import { codeOf, userMessageOf } from '../../services/api-error'
import { joinAuthors, splitList } from '../../utils/book-view'
import { toastError, toastSuccess } from '../../utils/feedback'
import { cleanIsbn, toIsbn13 } from '../../utils/isbn'
import { INPUT_MAXLENGTH, LIMITS } from '../../utils/limits'
import { ownedness, removeOwned } from '../../utils/owned-isbns'
import { refreshOwnedIsbns } from '../../utils/owned-isbns-sync'
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

/** Each manual field's maxlength: the function's bounds. */
const MANUAL_MAXLENGTHS: Record<keyof ManualForm, number> = {
  isbn: LIMITS.isbnInput,
  title: LIMITS.title,
  authors: INPUT_MAXLENGTH.authorList,
  publisher: LIMITS.publisher,
  publishedDate: INPUT_MAXLENGTH.publishedDate,
}

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
    /** The local set says the ISBN is on the shelf (its id may not be known yet, e.g. offline). */
    alreadyOwned: false,
    markPrivate: false,
    adding: false,
    continuous: false,
    /** This session's additions, newest first. */
    session: [] as SessionEntry[],
    manual: null as ManualForm | null,
    manualReason: '',
    manualError: '',
    /** Puts the cursor in 书名 when the form opens. */
    manualFocus: false,
    maxlength: MANUAL_MAXLENGTHS,
  },
  methods: {
    onShow() {
      // Bring the "do I own it?" set up to date in the background (first run, after an import, or a
      // day old); offline it stays as it was.
      void refreshOwnedIsbns()
    },

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
      if (await this.answeredLocally(isbn)) return
      this.setData({ looking: true, isbnError: '', found: null, duplicateId: '', alreadyOwned: false, manual: null })
      try {
        const result = await call('lookup', { isbn })
        this.setData({ looking: false, found: toFoundView(result) })
      } catch (error) {
        this.setData({ looking: false })
        await this.handleLookupFailure(isbn, error)
      }
    },

    /**
     * Answers from the local set when it knows the ISBN is on the shelf: 已在书架 at once, no lookup.
     * The shelf copy's id (for 查看这本书) follows when the function answers; if the shelf no longer has
     * it (removed on another device), the set forgets it and the lookup goes ahead. True when answered.
     */
    async answeredLocally(isbn: string): Promise<boolean> {
      const isbn13 = toIsbn13(isbn)
      if (ownedness(isbn13) !== 'owned') return false
      this.showOwned({ isbnError: '', found: null, duplicateId: '', manual: null })
      let id: string | null
      try {
        id = await this.findOnShelf(isbn13)
      } catch {
        return true
      }
      if (id) {
        this.setData({ duplicateId: id })
        return true
      }
      removeOwned(isbn13)
      this.setData({ alreadyOwned: false })
      return false
    },

    /** Says 已在书架: the page's mark (with `patch`) and a toast. */
    showOwned(patch: Record<string, unknown>) {
      this.setData({ ...patch, alreadyOwned: true })
      wx.showToast({ title: '已在书架', icon: 'none' })
    },

    /** The id of the shelf's copy of an ISBN-13, or null when the shelf has none. */
    async findOnShelf(isbn13: string): Promise<string | null> {
      const { items } = await call('listBooks', { q: isbn13, pageSize: LIMITS.maxPageSize })
      return items.find((book) => book.isbn === isbn13)?.id ?? null
    },

    async handleLookupFailure(isbn: string, error: unknown) {
      const code = codeOf(error)
      if (code === 'INVALID_ISBN') this.setData({ isbnError: INVALID_ISBN_HINT })
      else if (MANUAL_FALLBACK_CODES.includes(code)) await this.offerManualForm(isbn, error)
      else toastError(error)
    },

    /** No source knows the book: before asking the reader to type it in, make sure it is not on the shelf already. */
    async offerManualForm(isbn: string, error: unknown) {
      const isbn13 = toIsbn13(isbn)
      if (ownedness(isbn13) === 'owned') {
        this.showOwned({})
        return
      }
      let id: string | null = null
      if (codeOf(error) !== 'NETWORK') id = await this.findOnShelf(isbn13).catch(() => null)
      if (id) {
        this.showOwned({ duplicateId: id })
        return
      }
      const reason = codeOf(error) === 'NOT_FOUND' ? '没有查到这本书的信息，可以手动填写' : userMessageOf(error)
      this.openManualForm({ ...EMPTY_FORM, isbn }, reason)
    },

    /** 手动添加: a book with no ISBN, or one the reader would rather type in, without a lookup first. */
    onManualAddTap() {
      const isbn = cleanIsbn(this.data.isbn) ?? ''
      this.openManualForm({ ...EMPTY_FORM, isbn }, '')
    },

    /** Opens the form with the cursor in 书名, scrolled into view. */
    openManualForm(form: ManualForm, reason: string) {
      const opened = { manual: form, manualReason: reason, manualError: '', found: null, duplicateId: '', alreadyOwned: false, manualFocus: false }
      // Focus is taken on a change of `focus`: set it once the form is rendered, then bring it into view.
      this.setData(opened, () => {
        this.setData({ manualFocus: true })
        wx.pageScrollTo({ selector: '.manual', duration: 200, fail: () => undefined })
      })
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
      const isbn13 = toIsbn13(isbn)
      if (ownedness(isbn13) === 'owned') {
        // On the shelf already: say so and scan the next one, offline too.
        this.showOwned({ isbn: '', isbnError: '', found: null, duplicateId: '', manual: null })
        this.pushSession({ id: '', title: `ISBN ${isbn13}` }, '已在书架')
        await this.onScanTap()
        return
      }
      this.setData({ looking: true, isbnError: '', found: null, duplicateId: '', alreadyOwned: false, manual: null })
      try {
        const result = await call('addBook', { isbn, is_private: this.data.markPrivate })
        this.setData({ looking: false, isbn: '' })
        this.recordAdd(result)
      } catch (error) {
        // Stop the loop: the reader has to read the message or type the book in.
        this.setData({ looking: false })
        await this.handleLookupFailure(isbn, error)
        return
      }
      await this.onScanTap()
    },

    recordAdd({ book, duplicate }: AddBookResult) {
      if (duplicate) {
        this.showOwned({ duplicateId: book.id })
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
      this.setData({ manual: null, manualReason: '', manualError: '', manualFocus: false })
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
        this.setData({ adding: false, manual: null, manualReason: '', manualFocus: false, isbn: '' })
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
