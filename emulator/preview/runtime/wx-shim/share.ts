// The share menu switches (the actual sharing is sharing.ts: the capsule menu and open-type="share").
import { asyncApi } from './async-api'
import type { ShimContext } from './context'

export function createShareMenu(ctx: ShimContext) {
  const set = (api: string, enabled: boolean) =>
    asyncApi(api, () => {
      ctx.sharing.setMenuEnabled(ctx.router.current, enabled)
      return {}
    })
  return {
    showShareMenu: set('showShareMenu', true),
    hideShareMenu: set('hideShareMenu', false),
    updateShareMenu: asyncApi('updateShareMenu', () => ({})),
  }
}
