// WXSS -> browser CSS, at build time. Three rewrites make a page's WXSS behave in the preview as in WeChat:
// - rpx: 750rpx is the screen width, so `Nrpx` becomes `calc(N * var(--rpx))`; the phone frame defines
//   --rpx (375px / 750, or 100vw / 750 on a narrow window), so the frame, not the window, is 750rpx.
// - style isolation: exparser renders `class="card"` of a component as `class="<prefix>--card"`
//   (j-component's classPrefix), so class selectors get the same prefix and one component's `.title`
//   never styles another's.
// - tag selectors: built-ins render as <wx-view>, <wx-text>, ... and `page` is the <wx-page> host.
// CommonJS so that both the build (an ES module) and the unit tests (jest) can load it.
const { readFileSync } = require('node:fs')
const path = require('node:path')
const { parse, walk, generate } = require('css-tree')
const builtins = require('../builtin-tags.json')

const BUILTIN = new Set(builtins.tags)
const RPX = /(-?(?:\d+\.?\d*|\.\d+))rpx\b/gi

/** `12rpx` inside free text (custom properties and inline styles keep raw values). */
function rpxToCalc(text) {
  return text.replace(RPX, (_m, n) => `calc(${n} * var(--rpx))`)
}

/** Inlines `@import "x.wxss"` (relative to the file, or absolute from the Mini Program root). */
function readWithImports(file, root, seen = new Set()) {
  if (seen.has(file)) return ''
  seen.add(file)
  const source = readFileSync(file, 'utf8')
  return source.replace(/@import\s+(?:"([^"]+)"|'([^']+)')\s*;?/g, (_m, a, b) => {
    const target = a ?? b
    const resolved = target.startsWith('/') ? path.join(root, target) : path.resolve(path.dirname(file), target)
    return readWithImports(resolved, root, seen)
  })
}

/**
 * @param {string} css WXSS source, imports already inlined
 * @param {{ prefix: string, hostTag?: string }} scope class prefix of the owning page/component and
 *   the tag its root renders as (for `:host`)
 */
function transformWxss(css, { prefix, hostTag }) {
  const ast = parse(css, { parseCustomProperty: false, onParseError: () => {} })
  walk(ast, {
    enter(node, item, list) {
      if (node.type === 'ClassSelector') {
        node.name = `${prefix}--${node.name}`
      } else if (node.type === 'TypeSelector') {
        if (node.name === 'page') node.name = 'wx-page'
        else if (BUILTIN.has(node.name)) node.name = `wx-${node.name}`
      } else if (node.type === 'PseudoClassSelector' && node.name === 'host' && hostTag && list) {
        list.replace(item, list.createItem({ type: 'TypeSelector', name: hostTag }))
      } else if (node.type === 'Dimension' && node.unit.toLowerCase() === 'rpx' && list) {
        // A real calc() node (not raw text), so the generator keeps the spaces around it.
        const calc = parse(`calc(${node.value} * var(--rpx))`, { context: 'value' }).children.first
        list.replace(item, list.createItem(calc))
      } else if (node.type === 'Raw') {
        node.value = rpxToCalc(node.value)
      }
    },
  })
  return generate(ast)
}

module.exports = { rpxToCalc, readWithImports, transformWxss }
