// The phone: status bar, navigation bar, the page area, the tab bar and a layer for toasts and dialogs;
// beside it, the side panel (identity switcher, current link).
import { h } from '../dom'

export interface Frame {
  phone: HTMLElement
  navBar: HTMLElement
  pages: HTMLElement
  tabBar: HTMLElement
  overlays: HTMLElement
  side: HTMLElement
}

export function mountFrame(root: HTMLElement): Frame {
  const navBar = h('div', { class: 'pv-navbar' })
  const pages = h('div', { class: 'pv-pages' })
  const tabBar = h('div', { class: 'pv-tabbar', hidden: true })
  const overlays = h('div', { class: 'pv-overlays' })
  const time = new Date().toTimeString().slice(0, 5)
  const status = h('div', { class: 'pv-statusbar' }, h('span', { text: time }), h('span', { class: 'pv-status-icons', text: '●●●● 5G 100%' }))
  const phone = h('div', { class: 'pv-phone' }, status, navBar, pages, tabBar, overlays)
  const side = h('aside', { class: 'pv-side' })
  root.append(h('div', { class: 'pv-stage' }, phone, side))
  return { phone, navBar, pages, tabBar, overlays, side }
}
