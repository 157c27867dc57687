// What scripts/build/preview.mjs hands the runtime: app.json, every page/component with its json and a
// loader for its script, and wcc's compiled templates.

export interface WindowConfig {
  navigationBarTitleText?: string
  navigationBarBackgroundColor?: string
  navigationBarTextStyle?: 'black' | 'white'
  navigationStyle?: 'default' | 'custom'
  backgroundColor?: string
  enablePullDownRefresh?: boolean
  onReachBottomDistance?: number
}

export interface ModuleConfig extends WindowConfig {
  component?: boolean
  usingComponents?: Record<string, string>
  styleIsolation?: string
}

export interface TabBarItem {
  pagePath: string
  text: string
  iconPath?: string
  selectedIconPath?: string
}

export interface TabBarConfig {
  color?: string
  selectedColor?: string
  backgroundColor?: string
  borderStyle?: 'black' | 'white'
  list: TabBarItem[]
}

export interface AppJson {
  pages: string[]
  window?: WindowConfig
  tabBar?: TabBarConfig
}

export interface ModuleEntry {
  /** `pages/book/index`: no leading slash, no extension. */
  path: string
  kind: 'page' | 'component'
  /** Class prefix and tag name the module renders with (see emulator/preview/build/project.js). */
  scope: string
  config: ModuleConfig
  /** usingComponents resolved: tag -> module path. */
  using: Record<string, string>
  /** Runs the module's script, which calls Component() / Page(); null for a template-only module. */
  load: (() => void) | null
}

export interface Manifest {
  app: AppJson
  loadApp: (() => void) | null
  /** wcc's $gwx: template path (`pages/book/index.wxml`) -> render function. */
  gwx: (templatePath: string) => unknown
  modules: ModuleEntry[]
}
