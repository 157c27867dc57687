// The cover placeholder's first character: a whole grapheme, with Intl.Segmenter and with the fallback
// for engines that lack it (checked against Intl.Segmenter, which Node has).
import { firstGrapheme, firstGraphemeFallback } from '../../../miniprogram/utils/grapheme'

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
