// App entry: only initialises wx.cloud. Pages keep their own state; nothing global lives here,
// so the pages run the same in WeChat, under miniprogram-simulate and in the browser preview.
import { CLOUD_ENV_ID } from './config'

App({
  onLaunch() {
    if (!wx.cloud) {
      console.error('wx.cloud is unavailable: base library 2.2.3 or later is required')
      return
    }
    // traceUser records visitors in the CloudBase console; env '' means the DevTools-selected one.
    wx.cloud.init(CLOUD_ENV_ID ? { env: CLOUD_ENV_ID, traceUser: true } : { traceUser: true })
  },
})
