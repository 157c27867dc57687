// The browser's file chooser standing in for WeChat's pickers: a hidden <input type=file> in the phone,
// clicked from the page's tap (browsers open a chooser only within a user gesture). Resolves with the
// files picked, or null when the reader closes the chooser without picking.
export interface ChooserOptions {
  accept?: string
  multiple?: boolean
  /** 'environment' opens the camera where the browser has one (sourceType ['camera']). */
  capture?: 'environment' | 'user'
}

export function chooseFiles(layer: HTMLElement, options: ChooserOptions): Promise<File[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.className = 'pv-file-chooser'
    input.hidden = true
    if (options.accept) input.accept = options.accept
    if (options.multiple) input.multiple = true
    if (options.capture) input.setAttribute('capture', options.capture)
    const done = (files: File[] | null) => {
      input.remove()
      resolve(files && files.length > 0 ? files : null)
    }
    input.addEventListener('change', () => done(Array.from(input.files ?? [])), { once: true })
    input.addEventListener('cancel', () => done(null), { once: true })
    layer.append(input)
    input.click()
  })
}

/** A browser download of the file at `url` as `fileName` (what openDocument and shareFileMessage become here). */
export function downloadBytes(url: string, fileName: string): void {
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
}
