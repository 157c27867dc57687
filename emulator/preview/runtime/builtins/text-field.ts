// <input> and <textarea>: a native field inside the host, with WeChat's events (input, focus, blur,
// confirm; detail.value) and its defaults (maxlength 140, -1 = unlimited).
import { defineBuiltin, reflect, type BuiltinThis } from './define'

const INPUT_MODES: Record<string, string> = { number: 'numeric', digit: 'decimal', idcard: 'text', text: 'text' }

function defineTextField(name: 'input' | 'textarea'): void {
  defineBuiltin(name, {
    properties: {
      value: { type: String, value: '' },
      type: { type: String, value: 'text' },
      password: { type: Boolean, value: false },
      placeholder: { type: String, value: '' },
      disabled: { type: Boolean, value: false },
      maxlength: { type: Number, value: 140 },
      focus: { type: Boolean, value: false },
      autoFocus: { type: Boolean, value: false },
      confirmType: { type: String, value: 'done' },
      autoHeight: { type: Boolean, value: false },
      name: { type: String, value: '' },
    },
    attached(host) {
      const field = document.createElement(name === 'input' ? 'input' : 'textarea') as HTMLInputElement
      field.className = 'pv-field'
      const detail = () => ({ value: field.value, cursor: field.selectionStart ?? field.value.length })
      field.addEventListener('input', (e) => this.triggerEvent('input', { ...detail(), keyCode: (e as InputEvent).data ? 0 : 8 }))
      field.addEventListener('focus', () => this.triggerEvent('focus', { value: field.value, height: 0 }))
      field.addEventListener('blur', () => this.triggerEvent('blur', detail()))
      field.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && (name === 'input' || !e.shiftKey) && !e.isComposing) {
          if (name === 'textarea') return // a textarea's Enter is a newline unless confirm-type says otherwise
          this.triggerEvent('confirm', { value: field.value })
        }
      })
      host.append(field)
      this.native = field
    },
    update(host) {
      const field = this.native as HTMLInputElement
      const data = this.data as Record<string, unknown>
      const value = String(data.value ?? '')
      if (field.value !== value) field.value = value
      field.placeholder = String(data.placeholder ?? '')
      field.disabled = Boolean(data.disabled)
      const max = Number(data.maxlength)
      if (max >= 0) field.maxLength = max
      else field.removeAttribute('maxlength')
      if (field instanceof HTMLInputElement) {
        const type = String(data.type)
        field.type = data.password ? 'password' : 'text'
        field.inputMode = INPUT_MODES[type] ?? 'text'
        field.enterKeyHint = String(data.confirmType)
      }
      reflect(host, 'data-disabled', data.disabled)
      if ((data.focus || data.autoFocus) && document.activeElement !== field) queueMicrotask(() => field.focus())
    },
    formValue(this: BuiltinThis) {
      return (this.native as HTMLInputElement).value
    },
  })
}

export function registerTextFields(): void {
  defineTextField('input')
  defineTextField('textarea')
}
