// The first user-perceived character of a text (a grapheme cluster), for the cover placeholder: 👨‍👩‍👧
// or 🇨🇳 or é stay whole instead of showing half a surrogate pair.
//
// Intl.Segmenter does this exactly and is used where the JS engine has it (iOS 14.5+ JavaScriptCore,
// Chromium, Node). WeChat's Android engine may ship V8 without full Intl, so there is a fallback. It is
// hand-written rather than a grapheme library because the Mini Program has no npm build step yet
// (no miniprogram_npm), and only the FIRST cluster is needed: it keeps together what a title can
// realistically start with (surrogate pairs, combining marks, variation selectors, emoji modifiers,
// ZWJ sequences, keycaps, tag sequences, flag pairs).

interface Segmenter {
  segment(text: string): Iterable<{ segment: string }>
}
type SegmenterConstructor = new (locale?: string, options?: { granularity: 'grapheme' }) => Segmenter

const SegmenterClass = (Intl as unknown as { Segmenter?: SegmenterConstructor }).Segmenter
const segmenter = SegmenterClass ? new SegmenterClass(undefined, { granularity: 'grapheme' }) : null

export function firstGrapheme(text: string): string {
  return leadingGraphemes(text, 1).text
}

/** The first `max` graphemes of a text, and whether that was all of it. */
export function leadingGraphemes(text: string, max: number): { text: string; whole: boolean } {
  let taken = ''
  let count = 0
  if (segmenter) {
    for (const { segment } of segmenter.segment(text)) {
      if (count === max) return { text: taken, whole: false }
      taken += segment
      count++
    }
    return { text: taken, whole: true }
  }
  let rest = text
  while (rest) {
    if (count === max) return { text: taken, whole: false }
    const next = firstGraphemeFallback(rest)
    taken += next
    rest = rest.slice(next.length)
    count++
  }
  return { text: taken, whole: true }
}

const ZWJ = 0x200d

/** Code points that attach to the one before them. */
function extends_(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) || // combining diacritics
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) || // combining marks for symbols, incl. the keycap 20E3
    (cp >= 0x3099 && cp <= 0x309a) || // kana voicing marks
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) || // emoji skin tones
    (cp >= 0xe0020 && cp <= 0xe007f) || // tag sequences (subdivision flags)
    (cp >= 0xe0100 && cp <= 0xe01ef)
  )
}

const isRegionalIndicator = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff

/** The first grapheme without Intl.Segmenter (exported for its test). */
export function firstGraphemeFallback(text: string): string {
  const points = Array.from(text)
  if (points.length === 0) return ''
  const first = points[0].codePointAt(0)!
  let end = 1
  if (isRegionalIndicator(first) && points.length > 1 && isRegionalIndicator(points[1].codePointAt(0)!)) end = 2
  while (end < points.length) {
    const cp = points[end].codePointAt(0)!
    if (extends_(cp)) end++
    else if (cp === ZWJ && end + 1 < points.length) end += 2
    else break
  }
  return points.slice(0, end).join('')
}
