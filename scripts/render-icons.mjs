// Renders the tab bar icons: each assets-src/tabbar/<name>.svg becomes miniprogram/assets/tabbar/<name>.png
// (app.json's tabBar.color) and <name>-active.png (its selectedColor, the shapes tinted), 81×81 px as
// WeChat recommends, with a transparent background. The PNGs are committed: building never needs
// Chromium, only changing an icon does.
//
//   node scripts/render-icons.mjs
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SOURCES = path.join(ROOT, 'assets-src/tabbar')
const OUT = path.join(ROOT, 'miniprogram/assets/tabbar')
const CHROMIUM = '/usr/bin/chromium'
const SIZE = 81
// WeChat refuses a tab bar icon above 40 KB (app.json tabBar.list[].iconPath).
const MAX_BYTES = 40 * 1024

const { tabBar } = JSON.parse(readFileSync(path.join(ROOT, 'miniprogram/app.json'), 'utf8'))
const variants = [
  { suffix: '', color: tabBar.color, fill: 'none' },
  // Selected: the tab's colour, its shapes filled with a light tint of it.
  { suffix: '-active', color: tabBar.selectedColor, fill: 'currentColor' },
]

if (!existsSync(CHROMIUM)) {
  console.error(`Chromium not found at ${CHROMIUM} — install it with: sudo apt-get install chromium`)
  process.exit(1)
}
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] })
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 })
  mkdirSync(OUT, { recursive: true })
  for (const file of readdirSync(SOURCES).filter((name) => name.endsWith('.svg')).sort()) {
    const svg = readFileSync(path.join(SOURCES, file), 'utf8')
    for (const { suffix, color, fill } of variants) {
      await page.setContent(
        `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${SIZE}px;height:${SIZE}px;color:${color}}` +
          `.body{fill:${fill};fill-opacity:.2}</style>${svg}`,
      )
      const target = path.join(OUT, `${path.basename(file, '.svg')}${suffix}.png`)
      writeFileSync(target, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } }))
      const bytes = statSync(target).size
      if (bytes > MAX_BYTES) throw new Error(`${path.relative(ROOT, target)} is ${bytes} bytes, above WeChat's 40 KB`)
      console.log(`${path.relative(ROOT, target)}  ${bytes} B`)
    }
  }
} finally {
  await browser.close()
}
