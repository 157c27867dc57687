// 我的书架: the reader's books, searchable and filterable, a page of 20 at a time. A launch paints
// the first page from storage at once (utils/shelf-cache.ts) and refreshes it in the background.
import type { BookList, ListSort, LocationCount, Ownership, ReadingStatus, TagCount } from '../../../typings/api'
import type { BookCardOpenEvent, BookCardSeriesEvent } from '../../components/book-card/type'
import type { SearchBarSearchEvent } from '../../components/search-bar/type'
import { call } from '../../services/api'
import { codeOf, userMessageOf } from '../../services/api-error'
import { PAGE_SIZE } from '../../config'
import { toCardView, type BookCardView } from '../../utils/book-view'
import { instanceState } from '../../utils/instance-state'
import { isOwnership } from '../../utils/ownership'
import { loadMoreCards } from '../../utils/card-list'
import { PagedLoader } from '../../utils/paged-list'
import { readShelfPage, saveShelfPage, shelfViewKey } from '../../utils/shelf-cache'
import { isReadingStatus } from '../../utils/reading-status'
import { isFiltered, listFiltersOf, NO_FILTERS, type ShelfFilters } from '../../utils/shelf-filters'
import { takeShelfChanges } from '../../utils/shelf-changes'
import { takePendingShelfFilter } from '../../utils/pending-shelf-filter'
import { publishWithConsent, shareCard } from '../../utils/share'
import { ownShelfCardContent, prepareShareImage, withShareImage } from '../../utils/share-card'

const SORTS: { value: ListSort; label: string }[] = [
  { value: 'added', label: '最近添加' },
  { value: 'title', label: '书名' },
  { value: 'author', label: '作者' },
  { value: 'series', label: '系列' },
]
const SERIES_SORT = SORTS.findIndex((s) => s.value === 'series')
const ALL_TAGS = '全部标签'
const ALL_LOCATIONS = '全部位置'

interface ShelfPageState {
  loader: PagedLoader<BookList>
  shareId: string
  shelfName: string
  /** Books a friend sees (getShelf), for the share card. */
  publicCount: number
  /** The reader's tags as listTags answered, in picker order (after 全部标签). */
  tags: string[]
  /** Numbers listTags calls, so an older answer arriving late is dropped. */
  tagsRequest: number
  /** The reader's locations as listLocations answered, in picker order (after 全部位置). */
  locations: string[]
  locationsRequest: number
  /** The listing a launch shows (shelfViewKey): the only one kept for the next launch. */
  launchView: string
  /** The listing whose cards are on screen, so a failed refresh of it keeps them. */
  shownView: string
}

/** A picker row: the tag and how many books carry it. */
const tagLabel = ({ tag, count }: TagCount) => `${tag}（${count}）`
const locationLabel = ({ location, count }: LocationCount) => `${location}（${count}）`

const sameLabels = (a: string[], b: string[]) => a.length === b.length && a.every((label, i) => label === b[i])

const stateOf = instanceState(
  (page: { fetchPage(cursor?: string): Promise<BookList> }): ShelfPageState => ({
    loader: new PagedLoader((cursor) => page.fetchPage(cursor)),
    shareId: '',
    shelfName: '',
    publicCount: 0,
    tags: [],
    tagsRequest: 0,
    locations: [],
    locationsRequest: 0,
    launchView: '',
    shownView: '',
  }),
)

Component({
  data: {
    /** First load: the skeleton shows. */
    loading: true,
    /** Reader-facing message of a failed first load; '' when there is none. */
    error: '',
    /** The cards are last launch's, from storage, and the refresh has not answered yet. */
    stale: false,
    /** Over cards that could not be refreshed: why, and that they are older; '' when fresh. */
    refreshNote: '',
    items: [] as BookCardView[],
    total: 0,
    hasMore: false,
    loadingMore: false,
    query: '',
    status: '' as ReadingStatus | '',
    tag: '',
    tagOptions: [ALL_TAGS],
    ownership: '' as Ownership | '',
    location: '',
    locationOptions: [ALL_LOCATIONS],
    series: '',
    lent: false,
    /** Any filter is on (the no-match state offers to clear them). */
    filtered: false,
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
      this.paintCached()
      return Promise.all([this.reload(), this.loadShelf(), this.loadTags(), this.loadLocations()])
    },

    onShow() {
      // Back from another page: refresh only what it changed (books and their tags, or the shelf's
      // share state), and show the filter it asked for (我的's 借出中) in place of any other.
      const changes = takeShelfChanges()
      const requested = takePendingShelfFilter()
      const work: Promise<unknown>[] = []
      if (requested) work.push(this.filter({ ...NO_FILTERS, ...requested }))
      else if (changes.has('books')) work.push(this.reload())
      if (changes.has('books')) work.push(this.loadTags(), this.loadLocations())
      if (changes.size > 0) work.push(this.loadShelf())
      return work.length > 0 ? Promise.all(work) : undefined
    },

    async onPullDownRefresh() {
      await Promise.all([this.reload(), this.loadShelf(), this.loadTags(), this.loadLocations()])
      wx.stopPullDownRefresh()
    },

    onReachBottom() {
      return this.loadMore()
    },

    onShareAppMessage() {
      const { shareId, shelfName } = this.state()
      if (!this.data.shelfPublic) void this.publish()
      if (!shareId) return { title: '我的书架', path: '/pages/shelf/index' }
      return withShareImage(shareCard({ shareId, name: shelfName }), this.cardContent())
    },

    /** The share card: the shelf's name and public books as a friend will see them. */
    cardContent() {
      const { shelfName, publicCount } = this.state()
      return ownShelfCardContent(shelfName, publicCount, this.data.items)
    },

    /** Draws the share card ahead of a share, once the shelf is public and its cards are in. */
    prepareCard() {
      if (this.data.shelfPublic && this.state().shareId && this.data.items.length > 0) void prepareShareImage(this.cardContent())
    },

    /** The listBooks parameters of the current view, without a cursor. */
    listParams() {
      return { pageSize: PAGE_SIZE, sort: SORTS[this.data.sortIndex].value, ...listFiltersOf(this.data) }
    },

    fetchPage(cursor: string | undefined): Promise<BookList> {
      return call('listBooks', { ...this.listParams(), ...(cursor ? { cursor } : {}) })
    },

    /** First screen on launch: last launch's cards from storage, at once, while the refresh runs. */
    paintCached() {
      const state = this.state()
      state.launchView = shelfViewKey(this.listParams())
      const cached = readShelfPage(state.launchView)
      if (!cached) return
      state.shownView = state.launchView
      this.setData({ loading: false, stale: true, items: cached.items, total: cached.total, hasMore: cached.hasMore })
    },

    async reload() {
      const state = this.state()
      const view = shelfViewKey(this.listParams())
      if (this.data.error) this.setData({ error: '' })
      let result: BookList | null
      try {
        result = await state.loader.first()
      } catch (error) {
        if (view === state.shownView && this.data.items.length > 0) {
          // Keep the cards the reader has; say they may be out of date.
          const offline = codeOf(error) === 'NETWORK'
          this.setData({ loading: false, stale: false, refreshNote: offline ? '网络不可用，显示的是上次的书架' : '刷新失败，显示的是上次的书架' })
        } else {
          this.setData({ loading: false, stale: false, refreshNote: '', error: userMessageOf(error) })
        }
        return
      }
      if (result === null) return
      const items = result.items.map(toCardView)
      state.shownView = view
      this.setData({
        loading: false,
        stale: false,
        refreshNote: '',
        items,
        total: result.total,
        hasMore: state.loader.hasMore,
        loadingMore: false,
      })
      if (view === state.launchView) {
        saveShelfPage(view, { items, total: result.total, hasMore: state.loader.hasMore })
        this.prepareCard()
      }
    },

    onRefreshTap() {
      if (this.data.stale) return undefined
      this.setData({ stale: true, refreshNote: '' })
      return Promise.all([this.reload(), this.loadShelf()])
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
        state.publicCount = shelf.publicCount
        if (shelf.isPublic !== this.data.shelfPublic) this.setData({ shelfPublic: shelf.isPublic })
        this.prepareCard()
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
      if (!sameLabels(tagOptions, this.data.tagOptions)) this.setData({ tagOptions })
    },

    /** The location picker offers all the reader's locations (listLocations), as the tag picker does tags. */
    async loadLocations() {
      const state = this.state()
      const request = ++state.locationsRequest
      let locations: LocationCount[]
      try {
        locations = (await call('listLocations', {})).locations
      } catch {
        return
      }
      if (request !== state.locationsRequest) return
      state.locations = locations.map((l) => l.location)
      const locationOptions = [ALL_LOCATIONS, ...locations.map(locationLabel)]
      if (!sameLabels(locationOptions, this.data.locationOptions)) this.setData({ locationOptions })
    },

    /** Sets filters and reloads the list from its first page. */
    filter(patch: Partial<ShelfFilters> & { sortIndex?: number }) {
      this.setData({ ...patch, filtered: isFiltered({ ...this.data, ...patch }) })
      return this.reload()
    },

    async publish() {
      const shelf = await publishWithConsent()
      if (shelf) {
        this.setData({ shelfPublic: true })
        wx.showShareMenu({ menus: ['shareAppMessage'] })
      }
    },

    onSearch(e: SearchBarSearchEvent) {
      return this.filter({ query: e.detail.value })
    },

    onStatusTap(e: WechatMiniprogram.TouchEvent) {
      const value = e.currentTarget.dataset.status as string
      const status = isReadingStatus(value) ? value : ''
      if (status === this.data.status) return undefined
      return this.filter({ status })
    },

    onTagChange(e: WechatMiniprogram.PickerChange) {
      // Row 0 is 全部标签; row i is the reader's i-th tag.
      const index = Number(e.detail.value)
      const tag = index > 0 ? (this.state().tags[index - 1] ?? '') : ''
      if (tag === this.data.tag) return undefined
      return this.filter({ tag })
    },

    onLentTap() {
      return this.filter({ lent: !this.data.lent })
    },

    /** 已拥有 / 想买; tapping the active one again shows both. */
    onOwnershipTap(e: WechatMiniprogram.TouchEvent) {
      const value = e.currentTarget.dataset.ownership as string
      if (!isOwnership(value)) return undefined
      return this.filter({ ownership: value === this.data.ownership ? '' : value })
    },

    onLocationChange(e: WechatMiniprogram.PickerChange) {
      // Row 0 is 全部位置; row i is the reader's i-th location.
      const index = Number(e.detail.value)
      const location = index > 0 ? (this.state().locations[index - 1] ?? '') : ''
      if (location === this.data.location) return undefined
      return this.filter({ location })
    },

    /** A card's 《series》 shows that series' books, by volume. */
    onSeriesTap(e: BookCardSeriesEvent) {
      const series = e.detail.series
      if (!series || (series === this.data.series && this.data.sortIndex === SERIES_SORT)) return undefined
      return this.filter({ series, sortIndex: SERIES_SORT })
    },

    onSeriesClear() {
      return this.filter({ series: '' })
    },

    onSortChange(e: WechatMiniprogram.PickerChange) {
      const sortIndex = Number(e.detail.value)
      if (sortIndex === this.data.sortIndex || !SORTS[sortIndex]) return undefined
      this.setData({ sortIndex })
      return this.reload()
    },

    onClearFilters() {
      return this.filter(NO_FILTERS)
    },

    onRetry() {
      this.setData({ loading: true, error: '' })
      return Promise.all([this.reload(), this.loadShelf(), this.loadTags(), this.loadLocations()])
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
