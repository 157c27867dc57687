// A tiny element builder for the frame and its dialogs (plain DOM, outside the Mini Program's tree).
type Props = Record<string, string | number | boolean | EventListener | undefined>

export function h(tag: string, props: Props = {}, ...children: Array<Node | string | null | undefined | false>): HTMLElement {
  const element = document.createElement(tag)
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue
    if (typeof value === 'function') element.addEventListener(key.replace(/^on/, '').toLowerCase(), value)
    else if (key === 'class') element.className = String(value)
    else if (key === 'text') element.textContent = String(value)
    else element.setAttribute(key, value === true ? '' : String(value))
  }
  for (const child of children) if (child) element.append(child)
  return element
}
