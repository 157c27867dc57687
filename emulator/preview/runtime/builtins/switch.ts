// <switch> (and type="checkbox"): toggles on tap and fires change with detail.value = the new state.
import { defineBuiltin, onTap, reflect } from './define'

export function registerSwitch(): void {
  defineBuiltin('switch', {
    properties: {
      checked: { type: Boolean, value: false },
      disabled: { type: Boolean, value: false },
      type: { type: String, value: 'switch' },
      color: { type: String, value: '#07c160' },
      name: { type: String, value: '' },
    },
    attached(host) {
      const knob = document.createElement('span')
      knob.className = 'pv-switch'
      knob.setAttribute('role', 'switch')
      host.append(knob)
      this.native = knob
      onTap(this, () => {
        if (this.data.disabled) return
        const checked = !host.hasAttribute('data-checked')
        reflect(host, 'data-checked', checked)
        knob.setAttribute('aria-checked', String(checked))
        this.triggerEvent('change', { value: checked })
      })
    },
    update(host) {
      const data = this.data as Record<string, unknown>
      reflect(host, 'data-checked', data.checked)
      reflect(host, 'data-disabled', data.disabled)
      reflect(host, 'data-type', data.type)
      this.native!.setAttribute('aria-checked', String(Boolean(data.checked)))
      host.style.setProperty('--pv-switch-color', String(data.color))
    },
    formValue() {
      return this._exparserNode.$$.hasAttribute('data-checked')
    },
  })
}
