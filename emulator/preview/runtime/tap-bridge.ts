// j-component synthesises WXML `tap` only from touch events; a desktop mouse click would do nothing.
// Turn clicks into taps too, skipping the click a touch screen sends right after its own tap.
import type { RootComponent } from './engine/types'

const GHOST_CLICK_MS = 600

/**
 * The nearest element the WXML tree knows (exparser marks its DOM with __wxElement): a click on the
 * native <input> or <img> inside a built-in counts as a tap on the built-in, as in WeChat.
 */
function wxmlTarget(node: EventTarget | null): Element | null {
  for (let n = node as Node | null; n; n = n.parentNode) {
    if ((n as unknown as { __wxElement?: unknown }).__wxElement) return n as Element
  }
  return null
}

export function attachTapBridge(component: RootComponent): void {
  let lastTouchEnd = 0
  const dom = component.dom
  dom.addEventListener('touchend', () => (lastTouchEnd = Date.now()), { capture: true, passive: true })
  dom.addEventListener(
    'click',
    (event) => {
      if (Date.now() - lastTouchEnd < GHOST_CLICK_MS) return
      const target = wxmlTarget(event.target)
      // WeChat does not fire bindtap on a disabled button.
      if (!target || target.closest('wx-button[data-disabled]')) return
      const retargeted = { target, touches: [], changedTouches: [], timeStamp: event.timeStamp } as unknown as Event
      component._triggerExparserEvent(retargeted, 'tap', { x: event.pageX, y: event.pageY })
    },
    { capture: true },
  )
}
