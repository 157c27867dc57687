// Routing and page chrome: the page stack (router.ts), titles, the pull-down refresh, page scrolling.
import { asyncApi } from './async-api'
import type { ShimContext } from './context'

export function createNavigation(ctx: ShimContext) {
  const { router } = ctx
  const top = (api: string) => {
    const page = router.current
    if (!page) throw new Error(`${api}:fail no page`)
    return page
  }
  return {
    navigateTo: asyncApi('navigateTo', ({ url }: { url: string }) => (router.navigateTo(url), {})),
    redirectTo: asyncApi('redirectTo', ({ url }: { url: string }) => (router.redirectTo(url), {})),
    switchTab: asyncApi('switchTab', ({ url }: { url: string }) => (router.switchTab(url), {})),
    reLaunch: asyncApi('reLaunch', ({ url }: { url: string }) => (router.reLaunch(url), {})),
    navigateBack: asyncApi('navigateBack', ({ delta }: { delta?: number }) => (router.navigateBack(delta ?? 1), {})),
    setNavigationBarTitle: asyncApi('setNavigationBarTitle', ({ title }: { title: string }) => {
      top('setNavigationBarTitle').title = title
      ctx.refreshFrame()
      return {}
    }),
    setNavigationBarColor: asyncApi('setNavigationBarColor', (o: { frontColor: string; backgroundColor: string }) => {
      const page = top('setNavigationBarColor')
      page.config.navigationBarBackgroundColor = o.backgroundColor
      page.config.navigationBarTextStyle = o.frontColor.toLowerCase() === '#ffffff' ? 'white' : 'black'
      ctx.refreshFrame()
      return {}
    }),
    showNavigationBarLoading: asyncApi('showNavigationBarLoading', () => {
      top('showNavigationBarLoading').element.dataset.navLoading = '1'
      ctx.refreshFrame()
      return {}
    }),
    hideNavigationBarLoading: asyncApi('hideNavigationBarLoading', () => {
      delete top('hideNavigationBarLoading').element.dataset.navLoading
      ctx.refreshFrame()
      return {}
    }),
    startPullDownRefresh: asyncApi('startPullDownRefresh', () => (top('startPullDownRefresh').startPullDownRefresh(), {})),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh', () => (top('stopPullDownRefresh').stopPullDownRefresh(), {})),
    pageScrollTo: asyncApi('pageScrollTo', ({ scrollTop, selector }: { scrollTop?: number; selector?: string }) => {
      const page = top('pageScrollTo')
      if (selector) page.element.querySelector(`[id="${selector.replace(/^#/, '')}"]`)?.scrollIntoView({ behavior: 'smooth' })
      else page.scrollTo(scrollTop ?? 0)
      return {}
    }),
  }
}
