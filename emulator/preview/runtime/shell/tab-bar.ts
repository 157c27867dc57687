// The tab bar from app.json, shown on tab pages only.
import { h } from '../dom'
import type { TabBarConfig } from '../manifest'
import { assetUrl } from '../assets'

export function renderTabBar(bar: HTMLElement, config: TabBarConfig | undefined, currentRoute: string | undefined, onSelect: (route: string) => void): void {
  const active = config?.list.some((item) => item.pagePath === currentRoute)
  bar.hidden = !config || !active
  if (!config || !active) return
  bar.replaceChildren()
  bar.style.background = config.backgroundColor ?? '#f7f7f7'
  bar.style.borderTopColor = config.borderStyle === 'white' ? '#fff' : 'rgba(0,0,0,.1)'
  for (const item of config.list) {
    const selected = item.pagePath === currentRoute
    const icon = selected ? (item.selectedIconPath ?? item.iconPath) : item.iconPath
    bar.append(
      h(
        'button',
        {
          class: 'pv-tab' + (selected ? ' pv-tab-selected' : ''),
          'data-route': item.pagePath,
          style: `color:${selected ? (config.selectedColor ?? '#07c160') : (config.color ?? '#7f7f7f')}`,
          onclick: () => onSelect(item.pagePath),
        },
        icon ? h('img', { class: 'pv-tab-icon', src: assetUrl(icon), alt: '' }) : null,
        h('span', { class: 'pv-tab-text', text: item.text }),
      ),
    )
  }
}
