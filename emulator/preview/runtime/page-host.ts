// One page on the stack: its j-component instance inside a <wx-page> scroller, and the page lifecycle
// WeChat drives (onLoad with the query, onShow, onReady once after the first render, onHide, onUnload,
// onReachBottom, onPullDownRefresh).
import { attachTapBridge } from './tap-bridge'
import type { Instance, RootComponent } from './engine/types'
import type { Registry } from './engine/registry'
import type { ModuleEntry, WindowConfig } from './manifest'
import type { PageUrl } from './url'
import { formatPageUrl } from './url'

const PULL_THRESHOLD = 64

export class PageHost {
  readonly element: HTMLElement
  readonly instance: Instance
  readonly config: WindowConfig
  /** Set by wx.setNavigationBarTitle; otherwise the json's title. */
  title: string
  private readonly component: RootComponent
  /** scrollHeight when onReachBottom last fired; -1 once the reader scrolled away. */
  private reachedAtHeight = -1
  private visible = false

  constructor(
    readonly entry: ModuleEntry,
    readonly url: PageUrl,
    readonly id: number,
    registry: Registry,
    windowDefaults: WindowConfig,
  ) {
    this.config = { ...windowDefaults, ...entry.config }
    this.title = this.config.navigationBarTitleText ?? ''
    this.element = document.createElement('wx-page')
    this.element.dataset.route = url.route
    this.element.hidden = true
    this.component = registry.create(entry.path)
    this.instance = this.component.instance
    this.instance.route = url.route
    this.instance.options = { ...url.query }
    attachTapBridge(this.component)
    this.component.attach(this.element)
    this.element.addEventListener('scroll', () => this.checkReachBottom(), { passive: true })
    if (this.config.enablePullDownRefresh) this.enablePullGesture()
  }

  get fullUrl(): string {
    return formatPageUrl(this.url)
  }

  /** Calls a page method if the page defines it; errors are reported as WeChat does (console), not thrown. */
  call(name: string, ...args: unknown[]): unknown {
    const method = this.instance[name]
    if (typeof method !== 'function') return undefined
    try {
      const result = (method as (...a: unknown[]) => unknown).apply(this.instance, args)
      if (result instanceof Promise) result.catch((e) => console.error(`[preview] ${this.url.route} ${name}:`, e))
      return result
    } catch (error) {
      console.error(`[preview] ${this.url.route} ${name}:`, error)
      return undefined
    }
  }

  has(name: string): boolean {
    return typeof this.instance[name] === 'function'
  }

  load(): void {
    this.call('onLoad', { ...this.url.query })
  }

  /** After the first show: templates render synchronously on setData, so the first render is done. */
  ready(): void {
    this.call('onReady')
  }

  show(): void {
    if (this.visible) return
    this.visible = true
    this.element.hidden = false
    this.call('onShow')
    this.component.triggerPageLifeTime('show')
  }

  hide(): void {
    if (!this.visible) return
    this.visible = false
    this.element.hidden = true
    this.call('onHide')
    this.component.triggerPageLifeTime('hide')
  }

  unload(): void {
    this.visible = false
    this.call('onUnload')
    this.component.detach()
    this.element.remove()
  }

  /** The pull-down-refresh indicator, then onPullDownRefresh (also wx.startPullDownRefresh). */
  startPullDownRefresh(): void {
    this.element.classList.add('pv-refreshing')
    this.element.scrollTop = 0
    this.call('onPullDownRefresh')
  }

  stopPullDownRefresh(): void {
    this.element.classList.remove('pv-refreshing')
  }

  scrollTo(top: number): void {
    this.element.scrollTo({ top, behavior: 'smooth' })
  }

  private checkReachBottom(): void {
    const distance = this.config.onReachBottomDistance ?? 50
    const { scrollTop, clientHeight, scrollHeight } = this.element
    const near = scrollTop + clientHeight >= scrollHeight - distance
    // Fire once per arrival, like WeChat: leaving the zone, or the content growing (a page loaded
    // more), re-arms it.
    if (near && this.reachedAtHeight !== scrollHeight) this.call('onReachBottom')
    this.reachedAtHeight = near ? scrollHeight : -1
    this.call('onPageScroll', { scrollTop })
  }

  /** Mouse or touch drag down from the top of the page, like WeChat's pull-down refresh. */
  private enablePullGesture(): void {
    let startY: number | null = null
    this.element.addEventListener('pointerdown', (e) => {
      startY = this.element.scrollTop === 0 ? e.clientY : null
    })
    this.element.addEventListener('pointermove', (e) => {
      if (startY === null) return
      const pulled = Math.max(0, Math.min(e.clientY - startY, PULL_THRESHOLD * 1.5))
      this.element.style.setProperty('--pv-pull', `${pulled}px`)
      this.element.classList.toggle('pv-pulling', pulled > 8)
    })
    const end = (e: PointerEvent) => {
      if (startY === null) return
      const pulled = e.clientY - startY
      startY = null
      this.element.classList.remove('pv-pulling')
      this.element.style.removeProperty('--pv-pull')
      if (pulled >= PULL_THRESHOLD) this.startPullDownRefresh()
    }
    this.element.addEventListener('pointerup', end)
    this.element.addEventListener('pointercancel', end)
  }
}
