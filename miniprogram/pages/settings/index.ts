// 我的: the shelf's name, whether friends can see it, its share link, and what is on it.
import type { Shelf } from '../../../typings/api'
import { call } from '../../services/api'
import { userMessageOf } from '../../services/api-error'
import { confirm, toastError, toastSuccess } from '../../utils/feedback'
import { instanceState } from '../../utils/instance-state'
import { LIMITS } from '../../utils/limits'
import { openShelfFiltered } from '../../utils/pending-shelf-filter'
import { markShelfChanged } from '../../utils/shelf-changes'
import { publishWithConsent, shareCard } from '../../utils/share'
import { ownShelfCardContent, prepareShareImage, withShareImage } from '../../utils/share-card'
import { cachedCards } from '../../utils/shelf-cache'

interface ShelfView {
  name: string
  isPublic: boolean
  count: number
  publicCount: number
  privateCount: number
  lentCount: number
}

function toShelfView(shelf: Shelf): ShelfView {
  return {
    name: shelf.name,
    isPublic: shelf.isPublic,
    count: shelf.count,
    publicCount: shelf.publicCount,
    privateCount: shelf.count - shelf.publicCount,
    lentCount: shelf.lentCount,
  }
}

/** The share id is needed for the share card but never rendered. */
const shareIdOf = instanceState((_page: object): { shareId: string } => ({ shareId: '' }))

Component({
  data: {
    loading: true,
    error: '',
    shelf: null as ShelfView | null,
    nameDraft: '',
    nameMaxLength: LIMITS.shelfName,
    busy: false,
    /** Just published from 分享我的书架: the sheet with the send button shows. */
    sharePrompt: false,
  },
  methods: {
    onLoad() {
      return this.load()
    },

    onShow() {
      // Counts change as books are added elsewhere; refresh quietly once loaded.
      if (this.data.shelf) return this.load()
      return undefined
    },

    onShareAppMessage() {
      if (this.data.sharePrompt) this.setData({ sharePrompt: false })
      return withShareImage(shareCard({ shareId: shareIdOf(this).shareId, name: this.data.shelf?.name ?? '' }), this.cardContent())
    },

    /** The share card: the shelf's name and count, and the public books of the shelf's last first page. */
    cardContent() {
      const shelf = this.data.shelf
      return ownShelfCardContent(shelf?.name ?? '', shelf?.publicCount ?? 0, cachedCards())
    },

    async load() {
      try {
        this.show(await call('getShelf', {}))
      } catch (error) {
        this.setData({ loading: false, error: userMessageOf(error) })
      }
    },

    /** Shows a shelf this page just changed, and tells the shelf page its share state moved. */
    saved(shelf: Shelf) {
      markShelfChanged('settings')
      this.show(shelf)
    },

    show(shelf: Shelf) {
      shareIdOf(this).shareId = shelf.shareId
      this.setData({ loading: false, error: '', shelf: toShelfView(shelf), nameDraft: shelf.name })
      if (shelf.isPublic) {
        wx.showShareMenu({ menus: ['shareAppMessage'] })
        void prepareShareImage(this.cardContent())
      } else wx.hideShareMenu({})
    },

    onRetry() {
      this.setData({ loading: true, error: '' })
      return this.load()
    },

    onNameInput(e: WechatMiniprogram.Input) {
      this.setData({ nameDraft: e.detail.value })
    },

    async onNameSave() {
      const name = this.data.nameDraft.trim()
      const shelf = this.data.shelf
      if (!shelf || name === shelf.name) return
      if (!name) {
        this.setData({ nameDraft: shelf.name })
        wx.showToast({ title: '书架名称不能为空', icon: 'none' })
        return
      }
      try {
        this.saved(await call('updateShelf', { name }))
        toastSuccess('已保存')
      } catch (error) {
        this.setData({ nameDraft: shelf.name })
        toastError(error)
      }
    },

    async onPublicChange(e: WechatMiniprogram.SwitchChange) {
      const isPublic = e.detail.value
      const shelf = this.data.shelf
      if (!shelf) return
      this.setData({ 'shelf.isPublic': isPublic, busy: true })
      try {
        this.saved(await call('updateShelf', { isPublic }))
        toastSuccess(isPublic ? '书架已公开' : '已停止分享')
      } catch (error) {
        this.setData({ 'shelf.isPublic': shelf.isPublic })
        toastError(error)
      } finally {
        this.setData({ busy: false })
      }
    },

    /** Sharing a shelf that is not public asks to publish it first. */
    async onShareTap() {
      const shelf = await publishWithConsent()
      if (!shelf) return
      this.saved(shelf)
      // One flow: WeChat opens its share sheet only from a tap on an open-type="share" button, so the
      // sheet that follows publishing offers exactly that button.
      this.setData({ sharePrompt: true })
    },

    onSharePromptClose() {
      this.setData({ sharePrompt: false })
    },

    /** Taps inside the sheet stay there; only the mask around it closes it. */
    onSheetTap() {},

    /** 借出中 N 本 opens the shelf showing just those books; with none out there is nothing to show. */
    onLentTap() {
      if (this.data.shelf?.lentCount) openShelfFiltered({ lent: true })
    },

    onReportTap() {
      wx.navigateTo({ url: '/pages/report/index' })
    },

    onImportTap() {
      wx.navigateTo({ url: '/pages/import/index' })
    },

    onExportTap() {
      wx.navigateTo({ url: '/pages/export/index' })
    },

    async onRotateTap() {
      const agreed = await confirm({
        title: '重置分享链接？',
        content: '之前发出的分享链接将全部失效，好友需要你重新分享才能看到书架。',
        confirmText: '重置',
        danger: true,
      })
      if (!agreed) return
      this.setData({ busy: true })
      try {
        this.saved(await call('rotateShareId', {}))
        toastSuccess('链接已重置')
      } catch (error) {
        toastError(error)
      } finally {
        this.setData({ busy: false })
      }
    },
  },
})
