// The preview's WXSS rewrite (emulator/preview/build/wxss.js): rpx against the phone frame, class
// scoping as exparser renders it, built-in tag selectors and `page`, :host.
import { mkdtempSync, mkdirSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { readWithImports, transformWxss } from '../../../emulator/preview/build/wxss'

test('rpx becomes a fraction of the frame width, in declarations, calc() and custom properties', () => {
  const css = transformWxss('.a{padding:32rpx 0 -2.5rpx;width:calc(100% - 20rpx);--gap:16rpx}', { prefix: 'p' })
  // css-tree writes whitespace only where tokenization needs it: `calc(…)0` is valid CSS.
  expect(css).toBe('.p--a{padding:calc(32*var(--rpx))0 calc(-2.5*var(--rpx));width:calc(100% - calc(20*var(--rpx)));--gap:calc(16 * var(--rpx))}')
})

test('class selectors get the scope prefix; built-in tags and page map to the rendered elements', () => {
  const css = transformWxss('page{color:red} view.card > text .title:hover, button[disabled]{margin:0}', { prefix: 'pages-shelf' })
  expect(css).toBe('wx-page{color:red}wx-view.pages-shelf--card>wx-text .pages-shelf--title:hover,wx-button[disabled]{margin:0}')
})

test(':host is the component element; other rules stay intact inside at-rules', () => {
  const css = transformWxss(':host{display:block} @media (min-width:400px){.x{top:10rpx}} @keyframes k{to{left:4rpx}}', {
    prefix: 'components-card',
    hostTag: 'components-card',
  })
  expect(css).toBe(
    'components-card{display:block}@media (min-width:400px){.components-card--x{top:calc(10*var(--rpx))}}@keyframes k{to{left:calc(4*var(--rpx))}}',
  )
})

test('@import is inlined from relative and root-absolute paths, once', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'wxss-'))
  mkdirSync(path.join(root, 'styles'))
  mkdirSync(path.join(root, 'pages'))
  writeFileSync(path.join(root, 'styles/base.wxss'), '.base{color:red}')
  writeFileSync(path.join(root, 'pages/a.wxss'), '@import "/styles/base.wxss";\n@import "../styles/base.wxss";\n.a{}')
  const source = readWithImports(path.join(root, 'pages/a.wxss'), root)
  expect(source.match(/\.base/g)).toHaveLength(1)
  expect(source).toContain('.a{}')
})
