// <button>: WeUI looks (type/size/plain/disabled/loading as host attributes for the base CSS), plus
// open-type="share" (the share panel) and form-type="submit"/"reset" (the enclosing <form>).
import { builtinOf, defineBuiltin, onTap, reflect } from './define'
import { enableHover, HOVER_PROPERTIES } from './hover'

export interface ButtonActions {
  share(target: { id: string; dataset: Record<string, unknown> }): void
}

function submitForm(host: HTMLElement, kind: 'submit' | 'reset'): void {
  const form = host.closest('wx-form')
  const owner = form && builtinOf.get(form)
  if (!form || !owner) return console.error(`[preview] <button form-type="${kind}"> is not inside a <form>`)
  const value: Record<string, unknown> = {}
  for (const element of form.querySelectorAll('[data-name]')) {
    const field = builtinOf.get(element)
    if (field?.formValue) value[element.getAttribute('data-name')!] = field.formValue()
  }
  owner.triggerEvent(kind, kind === 'submit' ? { value } : {})
}

export function registerButton(actions: ButtonActions): void {
  defineBuiltin('button', {
    properties: {
      type: { type: String, value: 'default' },
      size: { type: String, value: 'default' },
      plain: { type: Boolean, value: false },
      disabled: { type: Boolean, value: false },
      loading: { type: Boolean, value: false },
      formType: { type: String, value: '' },
      openType: { type: String, value: '' },
      ...HOVER_PROPERTIES,
    },
    attached(host) {
      host.setAttribute('role', 'button')
      enableHover(this, host)
      onTap(this, () => {
        const data = this.data as Record<string, unknown>
        if (data.disabled) return
        if (data.openType === 'share') actions.share({ id: this._exparserNode.id, dataset: { ...this._exparserNode.dataset } })
        else if (data.openType) console.error(`[preview] <button open-type="${String(data.openType)}"> is not supported in the browser preview`)
        if (data.formType === 'submit' || data.formType === 'reset') submitForm(host, data.formType)
      })
    },
    update(host) {
      const data = this.data as Record<string, unknown>
      reflect(host, 'data-type', data.type)
      reflect(host, 'data-size', data.size)
      reflect(host, 'data-plain', data.plain)
      reflect(host, 'data-disabled', data.disabled)
      reflect(host, 'data-loading', data.loading)
      host.setAttribute('aria-disabled', String(Boolean(data.disabled)))
    },
  })
}

/** <form>: fields report under their `name`; the submit/reset come from buttons (above). */
export function registerForm(): void {
  defineBuiltin('form', {})
}
