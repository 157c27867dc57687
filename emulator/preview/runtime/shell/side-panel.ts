// Beside the phone: the current page's link (what a share card or a reload opens) and a short guide.
import { h } from '../dom'
import { shareLink } from '../ui/share-panel'

/** Returns the function that refreshes the link (call it whenever the page changes). */
export function renderSidePanel(panel: HTMLElement, currentUrl: () => string | undefined): () => void {
  const link = h('input', { class: 'pv-current-link', readonly: true, 'aria-label': '当前页面链接' }) as HTMLInputElement
  const update = () => {
    const url = currentUrl()
    link.value = url ? shareLink(url) : ''
  }
  panel.append(
    h('section', { class: 'pv-link' }, h('h2', { text: '当前页面' }), link),
    h(
      'section',
      { class: 'pv-help' },
      h('h2', { text: '说明' }),
      h('p', { text: '这是书架小程序的浏览器预览，连接本地云开发模拟器。扫码会弹出输入框；转发会显示分享卡片和链接。切换身份后可以用另一位读者打开分享链接。' }),
    ),
  )
  update()
  return update
}
