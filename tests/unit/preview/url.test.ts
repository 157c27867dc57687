// Page URLs in the preview's router (emulator/preview/runtime/url.ts).
import { formatPageUrl, parsePageUrl } from '../../../emulator/preview/runtime/url'

test('absolute URLs: route without the slash, query values kept raw as WeChat hands them to onLoad', () => {
  expect(parsePageUrl('/pages/book/index?id=a%2Fb&from=share')).toEqual({ route: 'pages/book/index', query: { id: 'a%2Fb', from: 'share' } })
})

test('relative URLs resolve against the current page', () => {
  expect(parsePageUrl('../book/index?id=1', 'pages/shelf/index').route).toBe('pages/book/index')
  expect(parsePageUrl('detail', 'pages/shelf/index').route).toBe('pages/shelf/detail')
})

test('format is the inverse of parse', () => {
  const url = '/pages/shared/index?s=AbC_123'
  expect(formatPageUrl(parsePageUrl(url))).toBe(url)
  expect(formatPageUrl({ route: 'pages/shelf/index', query: {} })).toBe('/pages/shelf/index')
})
