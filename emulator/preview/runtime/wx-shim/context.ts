// What the wx shim needs from the rest of the preview (handed in by main.ts, so no module imports back).
import type { Router } from '../router'
import type { Sharing } from '../sharing'
import type { Toast } from '../ui/toast'

export interface ShimContext {
  router: Router
  sharing: Sharing
  toast: Toast
  /** The layer inside the phone where dialogs go. */
  layer: HTMLElement
  openid(): string
  /** Re-renders the navigation bar and tab bar (after a title change, for example). */
  refreshFrame(): void
}
