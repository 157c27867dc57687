// The few WeChat UI calls pages make to talk to the reader, in one place so they look alike.
import { userMessageOf } from '../services/api-error'

export function toastSuccess(title: string): void {
  wx.showToast({ title, icon: 'success' })
}

/** A plain-text toast with the reader-facing message of what went wrong. */
export function toastError(error: unknown): void {
  wx.showToast({ title: userMessageOf(error), icon: 'none' })
}

/** A confirmation modal; resolves true only when the reader taps the confirm button. */
export function confirm(options: { title: string; content: string; confirmText?: string; danger?: boolean }): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      title: options.title,
      content: options.content,
      confirmText: options.confirmText ?? '确定',
      confirmColor: options.danger ? '#FA5151' : '#576B95',
      success: (res) => resolve(res.confirm),
      fail: () => resolve(false),
    })
  })
}
