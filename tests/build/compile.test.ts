// WeChat's own compiler over miniprogram/: miniprogram-ci (what DevTools ships) with project.config.json's
// setting and TypeScript plugin, offline. Any compile error or warning, any refused network attempt or
// failed code-quality check fails it; small fixture projects show that errors and warnings really fail it.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { ROOT, wechatCompile, type WeChatCompileResult } from '../support/wechat-compile'

const COMPILE_TIMEOUT_MS = 180_000
const MINIPROGRAM = path.join(ROOT, 'miniprogram')

interface AppJson {
  pages: string[]
  subpackages?: { root: string; pages: string[] }[]
  subPackages?: { root: string; pages: string[] }[]
  tabBar?: { list: { iconPath?: string; selectedIconPath?: string }[] }
}
const appJson = (): AppJson => JSON.parse(readFileSync(path.join(MINIPROGRAM, 'app.json'), 'utf8')) as AppJson

/** What a reader of the test output needs to see when the compile is not clean. */
const problems = (r: WeChatCompileResult) => [
  ...r.errors.map((e) => `error: ${e}`),
  ...r.warnings.map((w) => `warning: ${w}`),
  ...r.networkAttempts.map((a) => `network attempt: ${a}`),
  ...r.quality.filter((q) => !q.success).map((q) => `quality check ${q.name}: ${q.text}`),
]

describe('miniprogram/ under miniprogram-ci, as DevTools compiles it', () => {
  let result: WeChatCompileResult
  beforeAll(async () => {
    result = await wechatCompile()
    console.log(`miniprogram-ci compile: ${result.compileMs} ms (whole run ${result.totalMs} ms), ${Object.keys(result.files).length} files`)
  }, COMPILE_TIMEOUT_MS)

  test('compiles without an error or a warning', () => {
    expect(problems(result)).toEqual([])
    expect(result.ok).toBe(true)
  })

  test('makes no network request (project attributes and file types are its built-in defaults)', () => {
    expect(result.networkAttempts).toEqual([])
  })

  test('passes every code-quality check, WXML and WXSS compression among them', () => {
    const names = result.quality.map((q) => q.name)
    expect(names).toEqual(expect.arrayContaining(['JS_COMPRESS_OPEN', 'WXML_COMPRESS_OPEN', 'WXSS_COMPRESS_OPEN', 'PACKAGE_SIZE_LIMIT']))
    expect(result.quality.filter((q) => !q.success)).toEqual([])
  })

  test('packages every page and component as JS, WXML, WXSS and JSON, with no TypeScript left', () => {
    const app = appJson()
    const subpackages = app.subpackages ?? app.subPackages ?? []
    const pages = [...app.pages, ...subpackages.flatMap((s) => s.pages.map((p) => path.posix.join(s.root, p)))]
    const expected = pages.flatMap((page) => ['js', 'json', 'wxml', 'wxss'].map((ext) => `${page}.${ext}`))
    expect(Object.keys(result.files)).toEqual(expect.arrayContaining(['app.js', 'app.json', 'app.wxss', ...expected]))
    expect(Object.keys(result.files).filter((file) => file.endsWith('.ts'))).toEqual([])
  })

  test('packages the tab bar icons', () => {
    const icons = (appJson().tabBar?.list ?? []).flatMap((item) => [item.iconPath, item.selectedIconPath]).filter((icon): icon is string => !!icon)
    expect(icons.length).toBeGreaterThan(0)
    for (const icon of icons) expect(Object.keys(result.files)).toContain(icon)
  })
})

/** A one-page Mini Program with this repository's project.config.json; `edit` spoils it in one way. */
function fixtureProject(edit: (miniprogram: string) => void = () => {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bookcase-wechat-compile-'))
  cpSync(path.join(ROOT, 'project.config.json'), path.join(dir, 'project.config.json'))
  const mp = path.join(dir, 'miniprogram')
  mkdirSync(path.join(mp, 'pages/index'), { recursive: true })
  const files: Record<string, string> = {
    'app.json': JSON.stringify({ pages: ['pages/index/index'], style: 'v2', lazyCodeLoading: 'requiredComponents', sitemapLocation: 'sitemap.json' }),
    'sitemap.json': JSON.stringify({ rules: [{ action: 'allow', page: '*' }] }),
    'app.ts': 'App({})\n',
    'pages/index/index.ts': "Component({ data: { title: '书架' as string }, methods: { onLoad(): void {} } })\n",
    'pages/index/index.json': JSON.stringify({ usingComponents: {} }),
    'pages/index/index.wxml': '<view class="title">{{title}}</view>\n',
    'pages/index/index.wxss': '.title { font-size: 34rpx; }\n',
  }
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(mp, file), content)
  edit(mp)
  return dir
}

describe('the compile check fails when the project is wrong', () => {
  const dirs: string[] = []
  const compileFixture = async (edit?: (miniprogram: string) => void) => {
    const dir = fixtureProject(edit)
    dirs.push(dir)
    return wechatCompile(dir)
  }
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

  test(
    'a WXML tag closed by the wrong end tag is a compile error naming the file',
    async () => {
      const broken = await compileFixture((mp) => writeFileSync(path.join(mp, 'pages/index/index.wxml'), '<view><text>书架</view>\n'))
      expect(broken.ok).toBe(false)
      expect(broken.errors.join('\n')).toMatch(/pages\/index\/index\.wxml: 1:\d+:unexpected end tag: view/)
    },
    COMPILE_TIMEOUT_MS,
  )

  test(
    'a TypeScript syntax error is a compile error naming the file',
    async () => {
      const broken = await compileFixture((mp) => writeFileSync(path.join(mp, 'app.ts'), 'App({ onLaunch() { const x = ( } })\n'))
      expect(broken.ok).toBe(false)
      expect(broken.errors.join('\n')).toContain('app.ts')
    },
    COMPILE_TIMEOUT_MS,
  )

  test(
    'a file no page reaches is a warning (DevTools leaves it out of the upload)',
    async () => {
      const warned = await compileFixture((mp) => {
        mkdirSync(path.join(mp, 'utils'))
        writeFileSync(path.join(mp, 'utils/unused.ts'), 'export const unused = 1\n')
      })
      // Nothing else is wrong with the fixture: the one warning is the defect.
      expect(warned.ok).toBe(false)
      expect(warned.warnings).toEqual([expect.stringContaining('utils/unused.ts')])
      expect(problems(warned)).toHaveLength(1)
      expect(warned.files['pages/index/index.js']).toBeGreaterThan(0)
    },
    COMPILE_TIMEOUT_MS,
  )
})
