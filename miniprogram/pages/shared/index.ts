// 分享的书架: a friend's shelf, opened from a share card at /pages/shared/index?s=<shareId>. Shows
// only what the function lets a friend see (public books, no notes); a shelf that is private, gone
// or rotated away looks the same: "private or no longer shared".
import type { SharedShelf } from '../../../typings/api'
import type { BookCardOpenEvent } from '../../components/book-card/type'
import type { SearchBarSearchEvent } from '../../components/search-bar/type'
import { call } from '../../services/api'
import { codeOf, userMessageOf } from '../../services/api-error'
import { PAGE_SIZE } from '../../config'
import { toCardView, type BookCardView } from '../../utils/book-view'
import { instanceState } from '../../utils/instance-state'
import { navTitle } from '../../utils/nav-title'
import { loadMoreCards } from '../../utils/card-list'
import { PagedLoader } from '../../utils/paged-list'
import { shareCard } from '../../utils/share'
import { prepareShareImage, withShareImage, type ShareCardContent } from '../../utils/share-card'

interface SharedPageState {
  shareId: string
  loader: PagedLoader<SharedShelf>
}

const stateOf = instanceState(
  (page: { fetchPage(cursor?: string): Promise<SharedShelf> }): SharedPageState => ({
    shareId: '',
    loader: new PagedLoader((cursor) => page.fetchPage(cursor)),
  }),
)

Component({
  data: {
    loading: true,
    /** The shelf is private, rotated away or never existed. */
    unavailable: false,
    error: '',
    name: '',
    publicCount: 0,
    items: [] as BookCardView[],
    hasMore: false,
    loadingMore: false,
    query: '',
  },
  methods: {
    onLoad(query: { s?: string }) {
      stateOf(this).shareId = query.s ?? ''
      return this.reload()
    },

    async onPullDownRefresh() {
      await this.reload()
      wx.stopPullDownRefresh()
    },

    onReachBottom() {
      return this.loadMore()
    },

    onShareAppMessage() {
      return withShareImage(shareCard({ shareId: stateOf(this).shareId, name: this.data.name }), this.cardContent())
    },

    /** 分享到朋友圈: the timeline opens this page with the same share id. */
    onShareTimeline(): WechatMiniprogram.Page.ICustomTimelineContent {
      return { title: this.data.name || '书架', query: `s=${encodeURIComponent(stateOf(this).shareId)}` }
    },

    /** What the share card draws: only what this page shows a friend already. */
    cardContent(): ShareCardContent {
      return { name: this.data.name, titles: this.data.items.map((card) => card.title), count: this.data.publicCount }
    },

    fetchPage(cursor: string | undefined): Promise<SharedShelf> {
      const q = this.data.query
      return call('viewSharedShelf', {
        shareId: stateOf(this).shareId,
        pageSize: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
        ...(q ? { q } : {}),
      })
    },

    async reload() {
      const { shareId, loader } = stateOf(this)
      if (!shareId) {
        this.setData({ loading: false, unavailable: true })
        return
      }
      let result: SharedShelf | null
      try {
        result = await loader.first()
      } catch (error) {
        // A malformed share id and a missing shelf both mean: nothing to see here.
        const code = codeOf(error)
        if (code === 'NOT_FOUND' || code === 'INVALID_ARGUMENT') this.setData({ loading: false, unavailable: true, error: '' })
        else this.setData({ loading: false, error: userMessageOf(error) })
        return
      }
      if (result === null) return
      if (result.name !== this.data.name) wx.setNavigationBarTitle({ title: navTitle(result.name) })
      this.setData({
        loading: false,
        unavailable: false,
        error: '',
        name: result.name,
        publicCount: result.publicCount,
        items: result.items.map(toCardView),
        hasMore: loader.hasMore,
        loadingMore: false,
      })
      wx.showShareMenu({ menus: ['shareAppMessage', 'shareTimeline'] })
      if (!this.data.query) void prepareShareImage(this.cardContent())
    },

    loadMore() {
      return loadMoreCards(this, stateOf(this).loader)
    },

    onSearch(e: SearchBarSearchEvent) {
      this.setData({ query: e.detail.value })
      return this.reload()
    },

    onRetry() {
      this.setData({ loading: true, error: '' })
      return this.reload()
    },

    onOpenBook(e: BookCardOpenEvent) {
      const s = encodeURIComponent(stateOf(this).shareId)
      wx.navigateTo({ url: `/pages/book/index?s=${s}&id=${encodeURIComponent(e.detail.id)}` })
    },

    onStartOwnShelf() {
      wx.switchTab({ url: '/pages/shelf/index' })
    },
  },
})
