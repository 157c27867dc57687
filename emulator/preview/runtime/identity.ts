// Who the preview is signed in as: the OpenID the client gateway puts in the function's WX context.
// Two demo readers (the emulator's --seed data) or any OpenID, remembered in localStorage.
import { h } from './dom'

export const DEMO_READERS = [
  { openid: 'o-demo-reader-a', label: '读者 A' },
  { openid: 'o-demo-reader-b', label: '读者 B' },
] as const

const KEY = 'bookcase.preview.openid'

export function currentOpenId(): string {
  return localStorage.getItem(KEY) || DEMO_READERS[0].openid
}

function labelOf(openid: string): string {
  return DEMO_READERS.find((r) => r.openid === openid)?.label ?? '自定义'
}

/** The switcher beside the phone. `onSwitch` runs after the identity changed (the stack reloads). */
export function renderIdentitySwitcher(panel: HTMLElement, onSwitch: () => void): void {
  const status = h('p', { class: 'pv-identity-current' })
  const custom = h('input', { class: 'pv-identity-input', placeholder: '任意 OpenID', 'aria-label': 'OpenID', maxlength: 64 }) as HTMLInputElement
  const buttons = DEMO_READERS.map((reader) =>
    h('button', { class: 'pv-identity-reader', 'data-openid': reader.openid, onclick: () => use(reader.openid) }, reader.label),
  )
  const refresh = () => {
    const openid = currentOpenId()
    status.textContent = `当前身份：${labelOf(openid)}（${openid}）`
    for (const button of buttons) button.classList.toggle('pv-active', button.dataset.openid === openid)
  }
  const use = (openid: string) => {
    const trimmed = openid.trim()
    if (!trimmed || trimmed === currentOpenId()) return
    localStorage.setItem(KEY, trimmed)
    console.info(`[preview] identity switched to ${trimmed}`)
    refresh()
    onSwitch()
  }
  const form = h('form', { class: 'pv-identity-form' }, custom, h('button', { class: 'pv-identity-use', type: 'submit' }, '切换'))
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    use(custom.value)
  })
  panel.append(h('section', { class: 'pv-identity' }, h('h2', { text: '身份' }), h('div', { class: 'pv-identity-readers' }, ...buttons), form, status))
  refresh()
}
