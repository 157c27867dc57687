// Scanning, clipboard, vibration and what the "device" reports about itself.
import { asyncApi } from './async-api'
import type { ShimContext } from './context'
import { showScanDialog } from '../ui/scan-dialog'

export function createDevice(ctx: ShimContext) {
  const windowInfo = () => {
    const phone = ctx.layer.parentElement!
    return {
      pixelRatio: window.devicePixelRatio || 2,
      screenWidth: phone.clientWidth,
      screenHeight: phone.clientHeight,
      windowWidth: phone.clientWidth,
      windowHeight: ctx.router.current?.element.clientHeight ?? phone.clientHeight,
      statusBarHeight: 32,
      safeArea: { left: 0, right: phone.clientWidth, top: 32, bottom: phone.clientHeight, width: phone.clientWidth, height: phone.clientHeight - 32 },
    }
  }
  const appBase = { SDKVersion: '3.0.0', language: 'zh_CN', version: '8.0.50', theme: 'light', enableDebug: false }
  const systemInfo = () => ({ ...windowInfo(), ...appBase, brand: 'browser', model: 'Bookcase preview', platform: 'devtools', system: navigator.platform })
  return {
    scanCode: asyncApi('scanCode', async () => {
      const scanned = await showScanDialog(ctx.layer)
      if (!scanned) throw new Error('scanCode:fail cancel')
      return { ...scanned, charSet: 'utf-8', rawData: btoa(unescape(encodeURIComponent(scanned.result))) }
    }),
    setClipboardData: asyncApi('setClipboardData', async ({ data }: { data: string }) => {
      await navigator.clipboard.writeText(data).catch(() => console.warn('[preview] clipboard write refused by the browser'))
      ctx.toast.show({ title: '内容已复制', icon: 'none', kind: 'toast' })
      return {}
    }),
    getClipboardData: asyncApi('getClipboardData', async () => ({ data: await navigator.clipboard.readText() })),
    vibrateShort: asyncApi('vibrateShort', () => (console.info('[preview] wx.vibrateShort: no vibration in a browser'), {})),
    vibrateLong: asyncApi('vibrateLong', () => (console.info('[preview] wx.vibrateLong: no vibration in a browser'), {})),
    getNetworkType: asyncApi('getNetworkType', () => ({ networkType: navigator.onLine ? 'wifi' : 'none' })),
    onNetworkStatusChange: () => undefined,
    getSystemInfoSync: systemInfo,
    getSystemInfo: asyncApi('getSystemInfo', systemInfo),
    getWindowInfo: windowInfo,
    getDeviceInfo: () => ({ brand: 'browser', model: 'Bookcase preview', platform: 'devtools', system: navigator.platform, pixelRatio: window.devicePixelRatio || 2 }),
    getAppBaseInfo: () => appBase,
    getAccountInfoSync: () => ({ miniProgram: { appId: 'preview', envVersion: 'develop', version: '' } }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 38, bottom: 70, left: 280, right: 367 }),
    nextTick: (fn: () => void) => queueMicrotask(fn),
  }
}
