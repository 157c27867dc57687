// <scroll-view>: a native scroller; scrolltolower / scrolltoupper fire once per arrival near an edge.
import { defineBuiltin, reflect } from './define'

export function registerScrollView(): void {
  defineBuiltin('scroll-view', {
    properties: {
      scrollX: { type: Boolean, value: false },
      scrollY: { type: Boolean, value: false },
      upperThreshold: { type: Number, value: 50 },
      lowerThreshold: { type: Number, value: 50 },
      scrollTop: { type: null, value: undefined },
      scrollIntoView: { type: String, value: '' },
    },
    attached(host) {
      let nearBottom = false
      let nearTop = true
      host.addEventListener('scroll', () => {
        const data = this.data as Record<string, number>
        const bottom = host.scrollTop + host.clientHeight >= host.scrollHeight - data.lowerThreshold
        const top = host.scrollTop <= data.upperThreshold
        if (bottom && !nearBottom) this.triggerEvent('scrolltolower', { direction: 'bottom' })
        if (top && !nearTop) this.triggerEvent('scrolltoupper', { direction: 'top' })
        nearBottom = bottom
        nearTop = top
      })
    },
    update(host) {
      const data = this.data as Record<string, unknown>
      reflect(host, 'data-scroll-x', data.scrollX)
      reflect(host, 'data-scroll-y', data.scrollY)
      if (typeof data.scrollTop === 'number') host.scrollTop = data.scrollTop
      if (data.scrollIntoView) host.querySelector(`[id="${String(data.scrollIntoView)}"]`)?.scrollIntoView()
    },
  })
}
