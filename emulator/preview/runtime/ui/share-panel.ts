// What 转发 does in the preview: a panel with the share card a friend would receive (title, image) and
// the link it stands for, which opens the shared page in this preview.
import { h } from '../dom'
import { assetUrl } from '../assets'

export interface ShareCard {
  title: string
  path: string
  imageUrl?: string
}

export function shareLink(path: string): string {
  return `${location.origin}/#${path.startsWith('/') ? path : `/${path}`}`
}

export function showSharePanel(layer: HTMLElement, card: ShareCard, open: (path: string) => void): void {
  const link = shareLink(card.path)
  const close = () => mask.remove()
  const copy = async (button: HTMLElement) => {
    try {
      await navigator.clipboard.writeText(link)
      button.textContent = '已复制'
    } catch {
      button.textContent = '请手动复制'
    }
  }
  const copyButton: HTMLElement = h('button', { class: 'pv-share-copy', onclick: () => copy(copyButton) }, '复制链接')
  const mask = h(
    'div',
    { class: 'pv-mask pv-mask-bottom', onclick: (e: Event) => e.target === mask && close() },
    h(
      'div',
      { class: 'pv-share', role: 'dialog', 'aria-label': '转发' },
      h('strong', { class: 'pv-share-heading', text: '发送给朋友' }),
      h(
        'div',
        { class: 'pv-share-card' },
        h('p', { class: 'pv-share-title', text: card.title }),
        card.imageUrl
          ? h('img', { class: 'pv-share-image', src: assetUrl(card.imageUrl), alt: '' })
          : h('div', { class: 'pv-share-image pv-share-image-empty', text: '小程序页面截图' }),
        h('p', { class: 'pv-share-app', text: '小程序' }),
      ),
      h('input', { class: 'pv-share-link', readonly: true, value: link, 'aria-label': '分享链接' }),
      h(
        'div',
        { class: 'pv-share-buttons' },
        copyButton,
        h('button', { class: 'pv-share-open', onclick: () => (close(), open(card.path)) }, '打开链接'),
        h('button', { class: 'pv-share-close', onclick: close }, '关闭'),
      ),
    ),
  )
  layer.append(mask)
}
