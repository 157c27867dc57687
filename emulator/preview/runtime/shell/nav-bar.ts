// WeChat's navigation bar: back (or home, when a lone non-tab page was opened directly, e.g. from a
// share card), the page title, and the capsule whose "···" menu holds 转发 / 刷新 / 重新进入.
import { h } from '../dom'
import type { PageHost } from '../page-host'

export interface NavBarActions {
  back(): void
  home(): void
  menu(): void
}

export function renderNavBar(bar: HTMLElement, page: PageHost | undefined, depth: number, isTab: boolean, actions: NavBarActions): void {
  bar.replaceChildren()
  if (!page) return
  const config = page.config
  bar.hidden = config.navigationStyle === 'custom'
  bar.style.background = config.navigationBarBackgroundColor ?? '#ededed'
  bar.style.color = config.navigationBarTextStyle === 'white' ? '#fff' : '#000'
  const left =
    depth > 1
      ? h('button', { class: 'pv-nav-back', 'aria-label': '返回', title: '返回', onclick: () => actions.back() }, '‹')
      : !isTab
        ? h('button', { class: 'pv-nav-home', 'aria-label': '首页', title: '回到首页', onclick: () => actions.home() }, '⌂')
        : h('span', { class: 'pv-nav-spacer' })
  const loading = page.element.dataset.navLoading === '1' ? h('span', { class: 'pv-spinner pv-nav-loading' }) : null
  bar.append(
    left,
    h('div', { class: 'pv-nav-title' }, loading, h('span', { class: 'pv-nav-title-text', text: page.title })),
    h(
      'div',
      { class: 'pv-capsule' },
      h('button', { class: 'pv-capsule-menu', 'aria-label': '更多', title: '更多', onclick: () => actions.menu() }, '···'),
      h('span', { class: 'pv-capsule-dot', 'aria-hidden': 'true' }, '◉'),
    ),
  )
}
