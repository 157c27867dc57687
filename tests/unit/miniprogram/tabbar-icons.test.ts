// The tab bar's icons within WeChat's rules for app.json tabBar.list[].iconPath / selectedIconPath: a
// local file (no network image), PNG, at most 40 KB, 81×81 px as recommended. Drawn from
// assets-src/tabbar/*.svg by scripts/render-icons.mjs.
import { existsSync, readFileSync, statSync } from 'fs'
import path from 'path'

const MINIPROGRAM = path.resolve(__dirname, '../../../miniprogram')
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const MAX_BYTES = 40 * 1024
const SIZE = 81

interface TabBarItem {
  pagePath: string
  text: string
  iconPath?: string
  selectedIconPath?: string
}
const { tabBar } = JSON.parse(readFileSync(path.join(MINIPROGRAM, 'app.json'), 'utf8')) as { tabBar: { list: TabBarItem[] } }

/** Width and height from the PNG's first chunk, which the format requires to be IHDR. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

describe.each(tabBar.list.map((item) => [item.text, item] as const))('tab %s', (_text, item) => {
  test('has an icon and a selected icon, each its own file', () => {
    expect(item.iconPath).toBeTruthy()
    expect(item.selectedIconPath).toBeTruthy()
    expect(item.selectedIconPath).not.toBe(item.iconPath)
  })

  test.each(['iconPath', 'selectedIconPath'] as const)('%s is a local 81×81 PNG of at most 40 KB', (key) => {
    const icon = item[key] ?? ''
    expect(icon).not.toMatch(/^(https?:)?\/\//)
    const file = path.join(MINIPROGRAM, icon)
    expect(existsSync(file)).toBe(true)
    expect(statSync(file).size).toBeLessThanOrEqual(MAX_BYTES)
    expect(pngSize(readFileSync(file))).toEqual({ width: SIZE, height: SIZE })
  })

  test('the selected icon looks different from the plain one', () => {
    const plain = readFileSync(path.join(MINIPROGRAM, item.iconPath ?? ''))
    const selected = readFileSync(path.join(MINIPROGRAM, item.selectedIconPath ?? ''))
    expect(selected.equals(plain)).toBe(false)
  })
})
