// The preview's entry: installs what WeChat's base library provides (Component, Page, App, getApp,
// getCurrentPages, wx), builds the phone frame, runs app.ts and opens the page the URL names.
import { registerBuiltins } from './builtins'
import { Registry } from './engine/registry'
import { patchInlineRpx } from './engine/rpx'
import { currentOpenId, renderIdentitySwitcher } from './identity'
import type { Manifest } from './manifest'
import { Router } from './router'
import { mountFrame } from './shell/frame'
import { renderNavBar } from './shell/nav-bar'
import { renderSidePanel } from './shell/side-panel'
import { renderTabBar } from './shell/tab-bar'
import { Sharing } from './sharing'
import { showActionSheet } from './ui/modal'
import { Toast } from './ui/toast'
import { formatPageUrl, parsePageUrl } from './url'
import { createWx } from './wx-shim'

type AppOptions = Record<string, unknown> & { onLaunch?: (o: unknown) => void; onShow?: (o: unknown) => void; globalData?: unknown }

/** The page the address bar names: `/#/pages/book/index?id=…`; the first page otherwise. */
function routeFromLocation(fallback: string): string {
  const hash = decodeURI(location.hash.replace(/^#/, ''))
  return hash.startsWith('/') && hash.length > 1 ? hash : `/${fallback}`
}

export function boot(manifest: Manifest): void {
  const scope = globalThis as unknown as Record<string, unknown>
  patchInlineRpx()
  const registry = new Registry(manifest)
  const frame = mountFrame(document.getElementById('app')!)
  const router = new Router(manifest.app, registry, frame.pages)
  const toast = new Toast(frame.overlays)
  const relaunch = (url: string) => {
    try {
      router.reLaunch(url)
    } catch (error) {
      console.error('[preview]', (error as Error).message)
      router.reLaunch(`/${router.homeRoute}`)
    }
  }
  const sharing = new Sharing(frame.overlays, relaunch)

  let refreshSide = () => {}
  const refreshFrame = () => {
    const page = router.current
    renderNavBar(frame.navBar, page, router.pages.length, page ? router.isTab(page.url.route) : true, {
      back: () => router.navigateBack(1),
      home: () => router.reLaunch(`/${router.homeRoute}`),
      menu: () => openCapsuleMenu(),
    })
    renderTabBar(frame.tabBar, manifest.app.tabBar, page?.url.route, (route) => router.switchTab(`/${route}`))
    if (page) {
      document.title = `${page.title || '小程序'} · 预览`
      const hash = `#${page.fullUrl}`
      if (location.hash !== hash) history.replaceState(null, '', hash)
    }
    refreshSide()
  }
  const openCapsuleMenu = async () => {
    const page = router.current
    if (!page) return
    const items: Array<[string, () => void]> = []
    if (sharing.menuAvailable(page)) items.push(['转发给朋友', () => void sharing.share(page, 'menu')])
    if (page.config.enablePullDownRefresh) items.push(['刷新（下拉刷新）', () => page.startPullDownRefresh()])
    items.push(['重新进入小程序', () => relaunch(page.fullUrl)])
    const index = await showActionSheet(frame.overlays, items.map(([label]) => label))
    if (index !== null) items[index][1]()
  }
  router.onChange(refreshFrame)

  registerBuiltins({
    share: (target) => router.current && void sharing.share(router.current, 'button', target),
    navigate: (openType, url, delta) => {
      const run: Record<string, () => void> = {
        navigate: () => router.navigateTo(url),
        redirect: () => router.redirectTo(url),
        switchTab: () => router.switchTab(url),
        reLaunch: () => router.reLaunch(url),
        navigateBack: () => router.navigateBack(delta),
      }
      try {
        ;(run[openType] ?? run.navigate)()
      } catch (error) {
        console.error('[preview] <navigator>:', (error as Error).message)
      }
    },
  })
  scope.wx = createWx({ router, sharing, toast, layer: frame.overlays, openid: currentOpenId, refreshFrame })

  // App(): app.ts runs once, before any page, as in WeChat.
  let app: AppOptions = {}
  scope.App = (options: AppOptions) => {
    app = options
  }
  scope.getApp = () => app
  scope.getCurrentPages = () => router.pages.map((page) => page.instance)
  manifest.loadApp?.()
  const start = routeFromLocation(router.homeRoute)
  const launch = { path: parsePageUrl(start).route, query: parsePageUrl(start).query, scene: 1001 }
  app.onLaunch?.call(app, launch)
  app.onShow?.call(app, launch)

  renderIdentitySwitcher(frame.side, () => relaunch(router.current?.fullUrl ?? `/${router.homeRoute}`))
  refreshSide = renderSidePanel(frame.side, () => router.current?.fullUrl)
  relaunch(start)
  // A link pasted into the address bar (e.g. a share link) opens like a share card: a fresh stack.
  window.addEventListener('hashchange', () => {
    const wanted = routeFromLocation(router.homeRoute)
    if (wanted !== router.current?.fullUrl) relaunch(formatPageUrl(parsePageUrl(wanted)))
  })
  document.body.dataset.previewReady = '1'
}
