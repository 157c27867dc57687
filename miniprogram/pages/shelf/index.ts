// 我的书架: the reader's books, searchable and filterable, a page of 20 at a time.
import type { BookList, ListSort, ReadingStatus, TagCount } from '../../../typings/api'
import type { BookCardOpenEvent } from '../../components/book-card/type'
import type { SearchBarSearchEvent } from '../../components/search-bar/type'
import { call } from '../../services/api'
import { userMessageOf } from '../../services/api-error'
import { PAGE_SIZE } from '../../config'
import { toCardView, type BookCardView } from '../../utils/book-view'
import { instanceState } from '../../utils/instance-state'
import { loadMoreCards } from '../../utils/card-list'
import { PagedLoader } from '../../utils/paged-list'
import { isReadingStatus } from '../../utils/reading-status'
import { takeShelfChanges } from '../../utils/shelf-changes'
import { publishWithConsent, shareCard } from '../../utils/share'

const SORTS: { value: ListSort; label: string }[] = [
  { value: 'added', label: '最近添加' },
  { value: 'title', label: '书名' },
  { value: 'author', label: '作者' },
]
const ALL_TAGS = '全部标签'

interface ShelfPageState {
  loader: PagedLoader<BookList>
  shareId: string
  shelfName: string
  /** The reader's tags as listTags answered, in picker order (after 全部标签). */
  tags: string[]
  /** Numbers listTags calls, so an older answer arriving late is dropped. */
  tagsRequest: number
}

/** A picker row: the tag and how many books carry it. */
const tagLabel = ({ tag, count }: TagCount) => `${tag}（${count}）`

const stateOf = instanceState(
  (page: { fetchPage(cursor?: string): Promise<BookList> }): ShelfPageState => ({
    loader: new PagedLoader((cursor) => page.fetchPage(cursor)),
    shareId: '',
    shelfName: '',
    tags: [],
    tagsRequest: 0,
  }),
)

Component({
  data: {
    /** First load: the skeleton shows. */
    loading: true,
    /** Reader-facing message of a failed first load; '' when there is none. */
    error: '',
    items: [] as BookCardView[],
    total: 0,
    hasMore: false,
    loadingMore: false,
    query: '',
    status: '' as ReadingStatus | '',
    tag: '',
    tagOptions: [ALL_TAGS],
    sortIndex: 0,
    sortLabels: SORTS.map((s) => s.label),
    shelfPublic: false,
  },
  methods: {
    state(): ShelfPageState {
      return stateOf(this)
    },

    onLoad() {
      takeShelfChanges()
      return Promise.all([this.reload(), this.loadShelf(), this.loadTags()])
    },

    onShow() {
      // Back from another page: refresh only what it changed (books and their tags, or the shelf's
      // share state).
      const changes = takeShelfChanges()
      const work: Promise<void>[] = []
      if (changes.has('books')) work.push(this.reload(), this.loadTags())
      if (changes.size > 0) work.push(this.loadShelf())
      return work.length > 0 ? Promise.all(work) : undefined
    },

    async onPullDownRefresh() {
      await Promise.all([this.reload(), this.loadShelf(), this.loadTags()])
      wx.stopPullDownRefresh()
    },

    onReachBottom() {
      return this.loadMore()
    },

    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const { shareId, shelfName } = this.state()
      if (!this.data.shelfPublic) void this.publish()
      if (!shareId) return { title: '我的书架', path: '/pages/shelf/index' }
      return shareCard({ shareId, name: shelfName })
    },

    fetchPage(cursor: string | undefined): Promise<BookList> {
      const { query, status, tag, sortIndex } = this.data
      return call('listBooks', {
        pageSize: PAGE_SIZE,
        sort: SORTS[sortIndex].value,
        ...(cursor ? { cursor } : {}),
        ...(query ? { q: query } : {}),
        ...(status ? { status } : {}),
        ...(tag ? { tag } : {}),
      })
    },

    async reload() {
      const { loader } = this.state()
      if (this.data.error) this.setData({ error: '' })
      let result: BookList | null
      try {
        result = await loader.first()
      } catch (error) {
        this.setData({ loading: false, error: userMessageOf(error) })
        return
      }
      if (result === null) return
      this.setData({
        loading: false,
        items: result.items.map(toCardView),
        total: result.total,
        hasMore: loader.hasMore,
        loadingMore: false,
      })
    },

    loadMore() {
      return loadMoreCards(this, this.state().loader)
    },

    async loadShelf() {
      try {
        const shelf = await call('getShelf', {})
        const state = this.state()
        state.shareId = shelf.shareId
        state.shelfName = shelf.name
        if (shelf.isPublic !== this.data.shelfPublic) this.setData({ shelfPublic: shelf.isPublic })
        if (shelf.isPublic) wx.showShareMenu({ menus: ['shareAppMessage'] })
        else wx.hideShareMenu({})
      } catch {
        // The list shows its own error state; sharing just stays unavailable until the next load.
      }
    },

    /** The tag picker offers all the reader's tags (listTags), not just those of the loaded books. */
    async loadTags() {
      const state = this.state()
      const request = ++state.tagsRequest
      let tags: TagCount[]
      try {
        tags = (await call('listTags', {})).tags
      } catch {
        // The picker keeps what it had; the list shows its own error state.
        return
      }
      if (request !== state.tagsRequest) return
      state.tags = tags.map((t) => t.tag)
      const tagOptions = [ALL_TAGS, ...tags.map(tagLabel)]
      // Only a changed list crosses to the view.
      const current = this.data.tagOptions
      if (tagOptions.length !== current.length || tagOptions.some((label, i) => label !== current[i])) this.setData({ tagOptions })
    },

    async publish() {
      const shelf = await publishWithConsent()
      if (shelf) {
        this.setData({ shelfPublic: true })
        wx.showShareMenu({ menus: ['shareAppMessage'] })
      }
    },

    onSearch(e: SearchBarSearchEvent) {
      this.setData({ query: e.detail.value })
      return this.reload()
    },

    onStatusTap(e: WechatMiniprogram.TouchEvent) {
      const value = e.currentTarget.dataset.status as string
      const status = isReadingStatus(value) ? value : ''
      if (status === this.data.status) return undefined
      this.setData({ status })
      return this.reload()
    },

    onTagChange(e: WechatMiniprogram.PickerChange) {
      // Row 0 is 全部标签; row i is the reader's i-th tag.
      const index = Number(e.detail.value)
      const tag = index > 0 ? (this.state().tags[index - 1] ?? '') : ''
      if (tag === this.data.tag) return undefined
      this.setData({ tag })
      return this.reload()
    },

    onSortChange(e: WechatMiniprogram.PickerChange) {
      const sortIndex = Number(e.detail.value)
      if (sortIndex === this.data.sortIndex || !SORTS[sortIndex]) return undefined
      this.setData({ sortIndex })
      return this.reload()
    },

    onClearFilters() {
      this.setData({ query: '', status: '', tag: '' })
      return this.reload()
    },

    onRetry() {
      this.setData({ loading: true, error: '' })
      return Promise.all([this.reload(), this.loadShelf(), this.loadTags()])
    },

    onOpenBook(e: BookCardOpenEvent) {
      wx.navigateTo({ url: `/pages/book/index?id=${encodeURIComponent(e.detail.id)}` })
    },

    onScan() {
      wx.switchTab({ url: '/pages/scan/index' })
    },

    onShareTap() {
      return this.publish()
    },
  },
})
