// The preview's tab bar shows app.json's icons: each loads (81×81), and the selected tab shows its
// selectedIconPath while the others show their iconPath.
import { readFileSync } from 'fs'
import path from 'path'
import { ROOT } from '../support/emulator'
import { openAs, READER_A, ROUTES, screenshot, startPreview, switchTab, type Preview } from './helpers/preview'

interface TabBarItem {
  pagePath: string
  iconPath: string
  selectedIconPath: string
}
const { tabBar } = JSON.parse(readFileSync(path.join(ROOT, 'miniprogram/app.json'), 'utf8')) as { tabBar: { list: TabBarItem[] } }

let preview: Preview
beforeAll(async () => {
  preview = await startPreview()
}, 60_000)
afterAll(() => preview?.close())

/** Each tab's icon as the page shows it: the file it loaded and whether it loaded at 81×81. */
const shownIcons = () =>
  preview.page.locator('.pv-tab').evaluateAll((tabs) =>
    tabs.map((tab) => {
      const img = tab.querySelector('img.pv-tab-icon') as HTMLImageElement | null
      return { route: tab.getAttribute('data-route'), src: img ? new URL(img.src).pathname : null, size: img && img.complete ? `${img.naturalWidth}x${img.naturalHeight}` : null }
    }),
  )

test('every tab shows its icon, the selected one its selected icon', async () => {
  await openAs(preview, READER_A, `/${ROUTES.shelf}`)
  for (const selected of [ROUTES.shelf, ROUTES.scan, ROUTES.settings]) {
    await switchTab(preview.page, selected)
    await preview.page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>('img.pv-tab-icon')).every((img) => img.complete))
    expect(await shownIcons()).toEqual(
      tabBar.list.map((item) => ({
        route: item.pagePath,
        src: `/preview/mp/${item.pagePath === selected ? item.selectedIconPath : item.iconPath}`,
        size: '81x81',
      })),
    )
  }
  await switchTab(preview.page, ROUTES.shelf)
  await screenshot(preview.page, 'tabbar-icons')
}, 60_000)
