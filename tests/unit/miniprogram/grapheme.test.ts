// The cover placeholder's first character: a whole grapheme, with Intl.Segmenter and with the fallback
// for engines that lack it (checked against Intl.Segmenter, which Node has).
import { firstGrapheme, firstGraphemeFallback, leadingGraphemes } from '../../../miniprogram/utils/grapheme'
import { navTitle } from '../../../miniprogram/utils/nav-title'

const TITLES: [string, string][] = [
  ['三体', '三'],
  ['Pride and Prejudice', 'P'],
  ['😀 Happy', '😀'],
  ['👨‍👩‍👧 一家人', '👨‍👩‍👧'],
  ['🇨🇳 中国', '🇨🇳'],
  ['👍🏽 点赞', '👍🏽'],
  ['❤️ 心', '❤️'],
  ['1️⃣ 第一', '1️⃣'],
  ['é', 'é'],
  ['e\u0301cole', 'e\u0301'],
  ['🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
  ['𠮷野家', '𠮷'],
  ['', ''],
]

test.each(TITLES)('first grapheme of %j is %j', (title, expected) => {
  expect(firstGrapheme(title)).toBe(expected)
  expect(firstGraphemeFallback(title)).toBe(expected)
})

test('the fallback never splits a surrogate pair', () => {
  for (const [title] of TITLES) {
    const letter = firstGraphemeFallback(title)
    expect(letter).toBe(title.slice(0, letter.length))
    expect(/[\uD800-\uDBFF]$/.test(letter)).toBe(false)
  }
})

test('leadingGraphemes counts whole graphemes', () => {
  expect(leadingGraphemes('🇨🇳🇯🇵🇺🇸', 2)).toEqual({ text: '🇨🇳🇯🇵', whole: false })
  expect(leadingGraphemes('ab', 2)).toEqual({ text: 'ab', whole: true })
})

test('navigation titles stop at 12 graphemes and end in …, never inside an emoji', () => {
  expect(navTitle('三体')).toBe('三体')
  expect(navTitle('一二三四五六七八九十一二')).toBe('一二三四五六七八九十一二')
  expect(navTitle('一二三四五六七八九十一二三')).toBe('一二三四五六七八九十一二…')
  expect(navTitle('👨‍👩‍👧'.repeat(13))).toBe(`${'👨‍👩‍👧'.repeat(12)}…`)
})
