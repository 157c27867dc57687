// Registers every WXML built-in. Those with behaviour have their own file; the rest are plain
// containers whose looks come from styles/builtins.css.
import builtinTags from '../../builtin-tags.json'
import { registerButton, registerForm, type ButtonActions } from './button'
import { defineBuiltin, reflect } from './define'
import { enableHover, HOVER_PROPERTIES } from './hover'
import { registerMedia } from './media'
import { registerNavigator, type NavigateAction } from './navigator'
import { registerPicker } from './picker'
import { registerScrollView } from './scroll-view'
import { registerSwitch } from './switch'
import { registerTextFields } from './text-field'

export function registerBuiltins(actions: ButtonActions & { navigate: NavigateAction }): void {
  registerTextFields()
  registerSwitch()
  registerPicker()
  registerButton(actions)
  registerForm()
  registerMedia()
  registerScrollView()
  registerNavigator(actions.navigate)
  defineBuiltin('rich-text', {
    properties: { nodes: { type: null, value: '' } },
    update(host) {
      const nodes = this.data.nodes
      if (typeof nodes === 'string') host.innerHTML = nodes
      else console.error('[preview] <rich-text> with a node array is not supported in the browser preview; pass an HTML string')
    },
  })
  defineBuiltin('progress', {
    properties: { percent: { type: Number, value: 0 }, activeColor: { type: String, value: '#07c160' }, showInfo: { type: Boolean, value: false } },
    update(host) {
      host.style.setProperty('--pv-progress', `${Math.max(0, Math.min(100, Number(this.data.percent)))}%`)
      host.style.setProperty('--pv-progress-color', String(this.data.activeColor))
      reflect(host, 'data-percent', this.data.showInfo ? `${Number(this.data.percent)}%` : '')
    },
  })
  defineBuiltin('view', {
    properties: HOVER_PROPERTIES,
    attached(host) {
      enableHover(this, host)
    },
  })
  const done = new Set(['view', 'input', 'textarea', 'switch', 'picker', 'button', 'form', 'image', 'icon', 'scroll-view', 'navigator', 'rich-text', 'progress'])
  for (const tag of builtinTags.tags) if (!done.has(tag)) defineBuiltin(tag)
}
