// Loading real Mini Program pages under miniprogram-simulate (official wcc compiler) for page tests,
// with recording fakes for the WeChat UI calls simulate cannot show (toasts, modals, the camera,
// navigation). Those are UI boundaries; the data always comes from the real function.
import path from 'path'
import { installWxCloud, type WxCloudBridge } from './wx-cloud'

type Simulate = typeof import('miniprogram-simulate')
export type RenderedPage = ReturnType<Simulate['render']>

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../miniprogram')

/** What the pages asked the WeChat UI to do, in order, and the answers the test queued. */
export interface UiRecorder {
  toasts: { title: string; icon?: string }[]
  modals: { title?: string; content?: string }[]
  navigations: { api: string; url?: string; delta?: number }[]
  shareMenu: ('shown' | 'hidden')[]
  titles: string[]
  pullDownStops: number
  scans: number
  /** Pages on the fake stack: navigateBack fails on the first page, as in WeChat. */
  stackDepth: number
  /** Answers for the next showModal calls (true = confirm). Defaults to confirm when empty. */
  modalAnswers: boolean[]
  /** Codes the next scanCode calls read; an empty queue means the reader cancelled. */
  scanQueue: string[]
}

function installUiFakes(): UiRecorder {
  const ui: UiRecorder = {
    toasts: [],
    modals: [],
    navigations: [],
    shareMenu: [],
    titles: [],
    pullDownStops: 0,
    scans: 0,
    stackDepth: 2,
    modalAnswers: [],
    scanQueue: [],
  }
  type Callbacks<T> = { success?: (res: T) => void; fail?: (err: { errMsg: string }) => void; complete?: () => void }
  const answer = <T>(options: Callbacks<T>, res: T) => {
    setTimeout(() => {
      options.success?.(res)
      options.complete?.()
    }, 0)
    return Promise.resolve(res)
  }
  const navigate = (api: string) => (options: { url?: string; delta?: number } & Callbacks<{ errMsg: string }>) => {
    ui.navigations.push({ api, url: options.url, delta: options.delta })
    return answer(options, { errMsg: `${api}:ok` })
  }
  const fakes = {
    showToast(options: { title: string; icon?: string } & Callbacks<{ errMsg: string }>) {
      ui.toasts.push({ title: options.title, icon: options.icon })
      return answer(options, { errMsg: 'showToast:ok' })
    },
    showModal(options: { title?: string; content?: string } & Callbacks<{ confirm: boolean; cancel: boolean }>) {
      ui.modals.push({ title: options.title, content: options.content })
      const confirm = ui.modalAnswers.length > 0 ? ui.modalAnswers.shift()! : true
      return answer(options, { confirm, cancel: !confirm })
    },
    scanCode(options: Callbacks<{ result: string; scanType: string }>) {
      ui.scans++
      const code = ui.scanQueue.shift()
      if (code === undefined) {
        setTimeout(() => {
          options.fail?.({ errMsg: 'scanCode:fail cancel' })
          options.complete?.()
        }, 0)
        return Promise.reject({ errMsg: 'scanCode:fail cancel' }).catch(() => undefined)
      }
      return answer(options, { result: code, scanType: 'EAN_13' })
    },
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    switchTab: navigate('switchTab'),
    navigateBack(options: { delta?: number } & Callbacks<{ errMsg: string }>) {
      if (ui.stackDepth <= 1) {
        const errMsg = 'navigateBack:fail cannot navigate back at first page.'
        setTimeout(() => {
          options.fail?.({ errMsg })
          options.complete?.()
        }, 0)
        return Promise.reject({ errMsg }).catch(() => undefined)
      }
      return navigate('navigateBack')(options)
    },
    showShareMenu(options: Callbacks<{ errMsg: string }>) {
      ui.shareMenu.push('shown')
      return answer(options, { errMsg: 'showShareMenu:ok' })
    },
    hideShareMenu(options: Callbacks<{ errMsg: string }>) {
      ui.shareMenu.push('hidden')
      return answer(options ?? {}, { errMsg: 'hideShareMenu:ok' })
    },
    setNavigationBarTitle(options: { title: string } & Callbacks<{ errMsg: string }>) {
      ui.titles.push(options.title)
      return answer(options, { errMsg: 'setNavigationBarTitle:ok' })
    },
    stopPullDownRefresh(options?: Callbacks<{ errMsg: string }>) {
      ui.pullDownStops++
      return answer(options ?? {}, { errMsg: 'stopPullDownRefresh:ok' })
    },
  }
  Object.assign((globalThis as unknown as { wx: object }).wx, fakes)
  return ui
}

export interface PageHarness {
  simulate: Simulate
  cloud: WxCloudBridge
  ui: UiRecorder
  /** Renders a page (`shelf`, `scan`, ...) attached to the document; call its onLoad yourself. */
  render(page: string): RenderedPage
  /** Renders a page, calls its onLoad with `query` as WeChat would, and waits for its first calls. */
  open(page: string, query?: Record<string, string | undefined>): Promise<RenderedPage>
  /** A Mini Program module (e.g. 'utils/shelf-changes') as this harness's pages see it: same module registry. */
  miniprogramModule<T>(relativePath: string): T
  /** This reader's wx storage on the test's "device": kept across harnesses of one test file, as
   * storage outlives a relaunch, and one per OpenID, as WeChat keeps it per user. */
  storage: Map<string, string>
}

/** wx storage per OpenID ('' for none), for the whole test file. */
const deviceStorage = new Map<string, Map<string, string>>()

/** wx.*StorageSync over `store`, keeping JSON copies as WeChat does (no shared references). */
function installStorage(store: Map<string, string>): void {
  const fakes = {
    setStorageSync(key: string, data: unknown) {
      store.set(key, JSON.stringify(data))
    },
    getStorageSync(key: string) {
      const text = store.get(key)
      return text === undefined ? '' : JSON.parse(text)
    },
    removeStorageSync(key: string) {
      store.delete(key)
    },
    clearStorageSync() {
      store.clear()
    },
    getStorageInfoSync() {
      let bytes = 0
      for (const [key, text] of store) bytes += key.length + text.length
      return { keys: [...store.keys()], currentSize: Math.ceil(bytes / 1024), limitSize: 10240 }
    },
  }
  Object.assign((globalThis as unknown as { wx: object }).wx, fakes)
}

/**
 * A fresh simulate per test (jest ignores require.cache, so a page loaded twice in one registry
 * would not run Component() again), wx.cloud wired to the gateway as `openid`, and the UI fakes.
 */
export function createHarness(gatewayUrl: string, openid: string | undefined): PageHarness {
  jest.resetModules()
  // require, not import: it must run after resetModules, and it installs the global Component and wx.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as Simulate
  const cloud = installWxCloud(gatewayUrl, openid)
  const ui = installUiFakes()
  let storage = deviceStorage.get(openid ?? '')
  if (!storage) deviceStorage.set(openid ?? '', (storage = new Map()))
  installStorage(storage)
  const harness: PageHarness = {
    simulate,
    cloud,
    ui,
    storage,
    async open(page, query = {}) {
      const comp = harness.render(page)
      await pageOf(comp).onLoad?.(query)
      await settle(cloud)
      return comp
    },
    render(page) {
      const id = simulate.load(path.join(MINIPROGRAM_ROOT, `pages/${page}/index`), {
        compiler: 'official',
        rootPath: MINIPROGRAM_ROOT,
      })
      const comp = simulate.render(id)
      const parent = document.createElement('parent-wrapper')
      document.body.appendChild(parent)
      comp.attach(parent)
      return comp
    },
    miniprogramModule<T>(relativePath: string): T {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(path.join(MINIPROGRAM_ROOT, relativePath)) as T
    },
  }
  return harness
}

/** The page's methods (onLoad, onShow, handlers) as the framework would call them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const pageOf = (comp: RenderedPage) => comp.instance as any

/** Visible text of a node, whitespace collapsed. */
export const textOf = (node: { dom?: Node } | Node | undefined | null): string => {
  const dom = node && 'dom' in node ? node.dom : (node as Node | null | undefined)
  return (dom?.textContent ?? '').replace(/\s+/g, ' ').trim()
}

/**
 * Waits until `check` holds (events and calls are asynchronous). Not a timing assertion: the limit
 * only turns a hang into a readable failure.
 */
export async function waitFor(check: () => boolean, what = 'condition', limitMs = 10_000): Promise<void> {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * Waits until the page is quiet: no call to the function in flight and no new call started for a
 * few ticks (a handler may call again after an answer, e.g. continuous scanning). Where a test
 * knows what it waits for, waitFor(condition) is the sharper tool.
 */
export async function settle(cloud: WxCloudBridge): Promise<void> {
  let seen = -1
  for (let quietTicks = 0; quietTicks < 5; ) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    const activity = cloud.calls.length
    quietTicks = cloud.pending() === 0 && activity === seen ? quietTicks + 1 : 0
    seen = activity
  }
}

/** Taps a node and waits for whatever calls the tap started to be answered. */
export async function tap(harness: PageHarness, node: { dispatchEvent(name: string, detail?: object): void } | undefined): Promise<void> {
  if (!node) throw new Error('nothing to tap')
  node.dispatchEvent('tap')
  await settle(harness.cloud)
}
