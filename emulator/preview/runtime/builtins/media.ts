// <image> (modes as object-fit, WeChat's 320x240 default size, load/error events) and <icon>.
import { assetUrl } from '../assets'
import { defineBuiltin, reflect } from './define'

const FIT: Record<string, string> = { scaleToFill: 'fill', aspectFit: 'contain', aspectFill: 'cover', widthFix: 'fill', heightFix: 'fill' }

const ICONS: Record<string, { glyph: string; color: string }> = {
  success: { glyph: '✓', color: '#07c160' },
  success_no_circle: { glyph: '✓', color: '#07c160' },
  info: { glyph: 'i', color: '#10aeff' },
  warn: { glyph: '!', color: '#fa5151' },
  waiting: { glyph: '◷', color: '#10aeff' },
  cancel: { glyph: '✕', color: '#fa5151' },
  download: { glyph: '↓', color: '#07c160' },
  search: { glyph: '⌕', color: '#b2b2b2' },
  clear: { glyph: '✕', color: '#b2b2b2' },
}

export function registerMedia(): void {
  defineBuiltin('image', {
    properties: {
      src: { type: String, value: '' },
      mode: { type: String, value: 'scaleToFill' },
      lazyLoad: { type: Boolean, value: false },
    },
    attached(host) {
      const img = document.createElement('img')
      img.className = 'pv-img'
      img.alt = ''
      img.addEventListener('load', () => this.triggerEvent('load', { width: img.naturalWidth, height: img.naturalHeight }))
      img.addEventListener('error', () => this.triggerEvent('error', { errMsg: `GET ${img.src} failed` }))
      host.append(img)
      this.native = img
    },
    update(host) {
      const img = this.native as HTMLImageElement
      const data = this.data as Record<string, unknown>
      const src = assetUrl(String(data.src ?? ''))
      if (src && img.getAttribute('src') !== src) img.src = src
      if (!src) img.removeAttribute('src')
      img.loading = data.lazyLoad ? 'lazy' : 'eager'
      const mode = String(data.mode)
      img.style.objectFit = FIT[mode] ?? 'none'
      reflect(host, 'data-mode', mode)
    },
  })

  defineBuiltin('icon', {
    properties: {
      type: { type: String, value: '' },
      size: { type: null, value: 23 },
      color: { type: String, value: '' },
    },
    update(host) {
      const data = this.data as Record<string, unknown>
      const icon = ICONS[String(data.type)] ?? { glyph: '?', color: '#999' }
      const size = typeof data.size === 'number' || /^\d+$/.test(String(data.size)) ? `${data.size}px` : String(data.size)
      host.textContent = icon.glyph
      host.dataset.type = String(data.type)
      host.style.setProperty('--pv-icon-size', size)
      host.style.setProperty('--pv-icon-color', String(data.color || icon.color))
    },
  })
}
