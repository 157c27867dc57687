// wx.showModal and wx.showActionSheet: WeUI dialogs inside the phone. Both resolve with the user's choice.
import { h } from '../dom'

export interface ModalOptions {
  title?: string
  content?: string
  showCancel?: boolean
  cancelText?: string
  cancelColor?: string
  confirmText?: string
  confirmColor?: string
  editable?: boolean
  placeholderText?: string
}

export function showModal(layer: HTMLElement, options: ModalOptions): Promise<{ confirm: boolean; cancel: boolean; content?: string }> {
  return new Promise((resolve) => {
    const input = options.editable
      ? (h('textarea', { class: 'pv-modal-input', placeholder: options.placeholderText ?? '' }) as HTMLTextAreaElement)
      : null
    if (input) input.value = options.content ?? ''
    const close = (confirm: boolean) => {
      mask.remove()
      resolve({ confirm, cancel: !confirm, ...(input ? { content: input.value } : {}) })
    }
    const buttons = h('div', { class: 'pv-modal-buttons' })
    if (options.showCancel !== false) {
      buttons.append(h('button', { class: 'pv-modal-cancel', style: `color:${options.cancelColor ?? '#000'}`, onclick: () => close(false) }, options.cancelText ?? '取消'))
    }
    buttons.append(h('button', { class: 'pv-modal-confirm', style: `color:${options.confirmColor ?? '#576b95'}`, onclick: () => close(true) }, options.confirmText ?? '确定'))
    const mask = h(
      'div',
      { class: 'pv-mask' },
      h(
        'div',
        { class: 'pv-modal', role: 'dialog' },
        options.title ? h('strong', { class: 'pv-modal-title', text: options.title }) : null,
        input ?? (options.content ? h('p', { class: 'pv-modal-content', text: options.content }) : null),
        buttons,
      ),
    )
    layer.append(mask)
  })
}

/** Resolves with the tapped index, or null when cancelled. */
export function showActionSheet(layer: HTMLElement, items: string[], itemColor = '#000', alertText?: string): Promise<number | null> {
  return new Promise((resolve) => {
    const close = (index: number | null) => {
      mask.remove()
      resolve(index)
    }
    const sheet = h(
      'div',
      { class: 'pv-action-sheet', role: 'menu' },
      alertText ? h('p', { class: 'pv-action-alert', text: alertText }) : null,
      ...items.map((text, index) => h('button', { class: 'pv-action-item', role: 'menuitem', style: `color:${itemColor}`, onclick: () => close(index) }, text)),
      h('button', { class: 'pv-action-cancel', onclick: () => close(null) }, '取消'),
    )
    const mask = h('div', { class: 'pv-mask pv-mask-bottom', onclick: (e: Event) => e.target === mask && close(null) }, sheet)
    layer.append(mask)
  })
}
