// Toasts, loading, modals and action sheets (drawn inside the phone, see ui/).
import { asyncApi } from './async-api'
import type { ShimContext } from './context'
import { showActionSheet, showModal, type ModalOptions } from '../ui/modal'
import type { ToastIcon } from '../ui/toast'

export function createUi(ctx: ShimContext) {
  return {
    showToast: asyncApi('showToast', (o: { title: string; icon?: ToastIcon; image?: string; duration?: number; mask?: boolean }) => {
      ctx.toast.show({ title: o.title, icon: o.icon ?? 'success', image: o.image, duration: o.duration, mask: o.mask, kind: 'toast' })
      return {}
    }),
    hideToast: asyncApi('hideToast', () => (ctx.toast.hide('toast'), {})),
    showLoading: asyncApi('showLoading', (o: { title: string; mask?: boolean }) => {
      ctx.toast.show({ title: o.title, icon: 'loading', mask: o.mask, kind: 'loading' })
      return {}
    }),
    hideLoading: asyncApi('hideLoading', () => (ctx.toast.hide('loading'), {})),
    showModal: asyncApi('showModal', (o: ModalOptions) => showModal(ctx.layer, o)),
    showActionSheet: asyncApi('showActionSheet', async (o: { itemList: string[]; itemColor?: string; alertText?: string }) => {
      const tapIndex = await showActionSheet(ctx.layer, o.itemList, o.itemColor, o.alertText)
      if (tapIndex === null) throw new Error('showActionSheet:fail cancel')
      return { tapIndex }
    }),
  }
}
