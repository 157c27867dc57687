// hover-class: while a view / button / navigator is pressed it wears that class (WeChat keeps it
// hover-stay-time ms after release). The class is the owner's, so it takes the owner's scope prefix.
import * as exparser from 'miniprogram-exparser'
import type { BuiltinThis } from './define'

export const HOVER_PROPERTIES = {
  hoverClass: { type: String, value: 'none' },
  hoverStartTime: { type: Number, value: 50 },
  hoverStayTime: { type: Number, value: 400 },
  hoverStopPropagation: { type: Boolean, value: false },
}

/** Whose WXSS the hover class belongs to: the component or page whose template holds this node. */
function ownerPrefix(self: BuiltinThis): string {
  const owner = (self._exparserNode as unknown as { ownerShadowRoot?: { getHostNode(): unknown } }).ownerShadowRoot?.getHostNode()
  return (owner ? exparser.Component.getComponentOptions(owner)?.classPrefix : undefined) ?? ''
}

export function enableHover(self: BuiltinThis, host: HTMLElement): void {
  let startTimer: ReturnType<typeof setTimeout> | undefined
  let stayTimer: ReturnType<typeof setTimeout> | undefined
  const classes = () => {
    const name = String(self.data.hoverClass ?? 'none')
    if (!name || name === 'none') return []
    const prefix = ownerPrefix(self)
    return name.split(/\s+/).filter(Boolean).map((c) => (prefix ? `${prefix}--${c}` : c))
  }
  host.addEventListener('pointerdown', (event) => {
    if (self.data.disabled) return
    // The innermost pressed element with hover-stop-propagation keeps its ancestors plain.
    if ((event as PointerEvent & { pvHoverStopped?: boolean }).pvHoverStopped) return
    if (self.data.hoverStopPropagation) (event as PointerEvent & { pvHoverStopped?: boolean }).pvHoverStopped = true
    const names = classes()
    if (names.length === 0) return
    clearTimeout(stayTimer)
    startTimer = setTimeout(() => host.classList.add(...names), Number(self.data.hoverStartTime))
  })
  const release = () => {
    clearTimeout(startTimer)
    const names = classes()
    stayTimer = setTimeout(() => names.length && host.classList.remove(...names), Number(self.data.hoverStayTime))
  }
  host.addEventListener('pointerup', release)
  host.addEventListener('pointercancel', release)
  host.addEventListener('pointerleave', release)
}
