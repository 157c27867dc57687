// wx.showToast / showLoading share one toast, as in WeChat: a new one replaces the old, hideLoading and
// hideToast remove it.
import { h } from '../dom'

export type ToastIcon = 'success' | 'error' | 'loading' | 'none'

const GLYPH: Record<string, string> = { success: '✓', error: '!' }

export class Toast {
  private current: HTMLElement | null = null
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly layer: HTMLElement) {}

  show(options: { title: string; icon: ToastIcon; image?: string; duration?: number; mask?: boolean; kind: 'toast' | 'loading' }): void {
    this.hide()
    const withIcon = options.icon !== 'none' || options.image
    const icon = options.image
      ? h('img', { class: 'pv-toast-icon', src: options.image, alt: '' })
      : options.icon === 'loading'
        ? h('span', { class: 'pv-spinner pv-toast-spinner' })
        : options.icon !== 'none'
          ? h('span', { class: `pv-toast-icon pv-toast-${options.icon}`, text: GLYPH[options.icon] })
          : null
    const box = h('div', { class: `pv-toast${withIcon ? '' : ' pv-toast-text'}`, role: 'status', 'data-kind': options.kind }, icon, h('p', { class: 'pv-toast-title', text: options.title }))
    this.current = h('div', { class: 'pv-toast-layer' + (options.mask ? ' pv-mask-clear' : '') }, box)
    this.layer.append(this.current)
    if (options.kind === 'toast') this.timer = setTimeout(() => this.hide(), options.duration ?? 1500)
  }

  hide(kind?: 'toast' | 'loading'): void {
    if (!this.current) return
    if (kind && this.current.querySelector(`[data-kind="${kind}"]`) === null) return
    clearTimeout(this.timer)
    this.current.remove()
    this.current = null
  }
}
