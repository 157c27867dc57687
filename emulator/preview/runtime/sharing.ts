// 转发: runs the page's onShareAppMessage (from the capsule menu or a <button open-type="share">) and shows
// the resulting card and link in the share panel. As in WeChat, a page without the handler cannot share.
import type { PageHost } from './page-host'
import { showSharePanel, type ShareCard } from './ui/share-panel'

const SHARE_PROMISE_TIMEOUT_MS = 3000

export class Sharing {
  private readonly hidden = new WeakSet<PageHost>()

  constructor(
    private readonly layer: HTMLElement,
    private readonly open: (path: string) => void,
  ) {}

  setMenuEnabled(page: PageHost | undefined, enabled: boolean): void {
    if (!page) return
    if (enabled) this.hidden.delete(page)
    else this.hidden.add(page)
  }

  /** Whether the capsule menu offers 转发 on this page. */
  menuAvailable(page: PageHost): boolean {
    return page.has('onShareAppMessage') && !this.hidden.has(page)
  }

  async share(page: PageHost, from: 'button' | 'menu', target?: { id: string; dataset: Record<string, unknown> }): Promise<void> {
    if (!page.has('onShareAppMessage')) {
      console.error(`[preview] ${page.url.route} has no onShareAppMessage: WeChat would not offer sharing here`)
      return
    }
    const returned = page.call('onShareAppMessage', { from, target, webViewUrl: '' })
    let card: ShareCard = { title: page.title, path: page.fullUrl }
    if (returned instanceof Promise) {
      console.error('[preview] onShareAppMessage returned a Promise: WeChat ignores it (return an object; use its `promise` field for async)')
    } else if (returned && typeof returned === 'object') {
      const { promise, ...fields } = returned as Partial<ShareCard> & { promise?: Promise<Partial<ShareCard>> }
      card = { ...card, ...fields }
      if (promise) {
        const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, SHARE_PROMISE_TIMEOUT_MS))
        const late = await Promise.race([promise.catch(() => undefined), timeout])
        if (late) card = { ...card, ...late }
      }
    }
    showSharePanel(this.layer, card, this.open)
  }
}
