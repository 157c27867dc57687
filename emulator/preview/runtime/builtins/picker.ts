// <picker>: the slot shows what the page renders; a transparent native <select> (mode selector) or
// date/time input over it is what the reader actually operates. change -> detail.value (index / string).
import { defineBuiltin, reflect } from './define'

function label(item: unknown, rangeKey: string): string {
  if (item !== null && typeof item === 'object' && rangeKey) return String((item as Record<string, unknown>)[rangeKey] ?? '')
  return String(item)
}

export function registerPicker(): void {
  defineBuiltin('picker', {
    properties: {
      mode: { type: String, value: 'selector' },
      range: { type: Array, value: [] },
      rangeKey: { type: String, value: '' },
      value: { type: null, value: 0 },
      start: { type: String, value: '' },
      end: { type: String, value: '' },
      fields: { type: String, value: 'day' },
      disabled: { type: Boolean, value: false },
      name: { type: String, value: '' },
    },
    attached(host) {
      const mode = String(this.data.mode)
      let control: HTMLSelectElement | HTMLInputElement
      if (mode === 'date' || mode === 'time') {
        control = document.createElement('input')
        control.type = mode === 'time' ? 'time' : this.data.fields === 'month' ? 'month' : 'date'
        control.addEventListener('change', () => this.triggerEvent('change', { value: control.value }))
      } else {
        if (mode !== 'selector') console.error(`[preview] <picker mode="${mode}"> is not supported in the browser preview; showing a single column`)
        control = document.createElement('select')
        control.addEventListener('change', () => this.triggerEvent('change', { value: (control as HTMLSelectElement).selectedIndex }))
      }
      control.className = 'pv-picker-native'
      control.setAttribute('aria-label', '选择')
      host.append(control)
      this.native = control
    },
    update(host) {
      const data = this.data as Record<string, unknown>
      const control = this.native as HTMLSelectElement | HTMLInputElement
      control.disabled = Boolean(data.disabled)
      reflect(host, 'data-disabled', data.disabled)
      if (control instanceof HTMLSelectElement) {
        const items = (data.range as unknown[]) ?? []
        const labels = items.map((item) => label(item, String(data.rangeKey ?? '')))
        const current = [...control.options].map((o) => o.text)
        if (current.join('\u0000') !== labels.join('\u0000')) {
          control.replaceChildren(...labels.map((text, index) => new Option(text, String(index))))
        }
        control.selectedIndex = Math.min(Number(data.value) || 0, labels.length - 1)
      } else {
        control.value = String(data.value ?? '')
        if (data.start) control.min = String(data.start)
        if (data.end) control.max = String(data.end)
      }
    },
    formValue() {
      const control = this.native as HTMLSelectElement | HTMLInputElement
      return control instanceof HTMLSelectElement ? control.selectedIndex : control.value
    },
  })
}
