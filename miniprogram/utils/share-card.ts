// The share card's own image: the shelf's name and its first books as covers on a shelf, drawn on a 2D
// offscreen canvas at 5:4 (the ratio WeChat shows a shared Mini Program card in) and written to a temp
// file with wx.canvasToTempFilePath. Any failure (an engine without wx.createOffscreenCanvas, a
// canvas it will not export) gives null, and the share goes out with WeChat's page screenshot instead.
// Not verified on a device: WeChat documents canvasToTempFilePath's `canvas` for a <canvas type="2d">
// node; if a base library refuses an offscreen one, that is the fallback path, and a hidden
// <canvas type="2d"> on the page would be the way to get the image there.
import type { BookCardView } from './book-view'
import { firstGrapheme, leadingGraphemes } from './grapheme'

export const SHARE_CARD_WIDTH = 500
export const SHARE_CARD_HEIGHT = 400
/** Books drawn on the card at most. */
export const SHARE_CARD_BOOKS = 5

export interface ShareCardContent {
  name: string
  /** The shelf's first titles, in shelf order. */
  titles: string[]
  count: number
}

/**
 * The card of the reader's own shelf as a friend will see it: public books only (a private book's
 * title never goes out on the image) and the public count.
 */
export function ownShelfCardContent(name: string, publicCount: number, cards: Pick<BookCardView, 'title' | 'is_private'>[]): ShareCardContent {
  return { name, count: publicCount, titles: cards.filter((card) => !card.is_private).map((card) => card.title) }
}

/** Calm cover colours; a title always gets the same one. */
const COVER_COLOURS = ['#5B7B6F', '#A0522D', '#4A6FA5', '#8E6C8A', '#C08B3E', '#3F6E73']

function colourOf(title: string): string {
  let hash = 0
  for (const char of title) hash = (hash * 31 + char.codePointAt(0)!) >>> 0
  return COVER_COLOURS[hash % COVER_COLOURS.length]
}

const FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'

/** The 2D context methods the card uses (WeChat's and the browser's share them). */
interface Context2D {
  fillStyle: string
  font: string
  textAlign: string
  textBaseline: string
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
}

function draw(ctx: Context2D, content: ShareCardContent): void {
  const W = SHARE_CARD_WIDTH
  const H = SHARE_CARD_HEIGHT
  ctx.fillStyle = '#F6F1E7'
  ctx.fillRect(0, 0, W, H)

  ctx.textAlign = 'left'
  ctx.textBaseline = 'alphabetic'
  ctx.fillStyle = '#2B2B2B'
  ctx.font = `bold 36px ${FONT}`
  const name = leadingGraphemes(content.name || '我的书架', 12)
  ctx.fillText(name.whole ? name.text : `${name.text}…`, 36, 72)
  ctx.fillStyle = '#7A7A7A'
  ctx.font = `24px ${FONT}`
  ctx.fillText(`共 ${content.count} 本书`, 36, 112)

  // The books stand on a plank, cover out, each with its first character and the start of its title.
  const books = content.titles.slice(0, SHARE_CARD_BOOKS)
  const coverW = 76
  const coverH = 150
  const gap = 14
  const plankY = 320
  books.forEach((title, i) => {
    const x = 36 + i * (coverW + gap)
    const y = plankY - coverH
    ctx.fillStyle = colourOf(title)
    ctx.fillRect(x, y, coverW, coverH)
    ctx.fillStyle = 'rgba(255, 255, 255, 0.92)'
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    ctx.font = `bold 40px ${FONT}`
    ctx.fillText(firstGrapheme(title) || '书', x + coverW / 2, y + coverH / 2 - 8)
    ctx.font = `14px ${FONT}`
    const short = leadingGraphemes(title, 4)
    ctx.fillText(short.whole ? short.text : `${short.text}…`, x + coverW / 2, y + coverH - 18)
  })
  ctx.fillStyle = '#8B6B4A'
  ctx.fillRect(24, plankY, W - 48, 12)

  ctx.textAlign = 'left'
  ctx.textBaseline = 'alphabetic'
  ctx.fillStyle = '#07C160'
  ctx.font = `22px ${FONT}`
  ctx.fillText('来看看我的书架', 36, 370)
}

/** Draws the card; resolves with a temp file path, or null when this engine cannot draw or export it. */
async function drawShareCard(content: ShareCardContent): Promise<string | null> {
  try {
    if (typeof wx.createOffscreenCanvas !== 'function') return null
    const canvas = wx.createOffscreenCanvas({ type: '2d', width: SHARE_CARD_WIDTH, height: SHARE_CARD_HEIGHT })
    const ctx = canvas.getContext('2d') as Context2D | null
    if (!ctx) return null
    draw(ctx, content)
    const { tempFilePath } = await wx.canvasToTempFilePath({
      canvas,
      fileType: 'png',
      destWidth: SHARE_CARD_WIDTH,
      destHeight: SHARE_CARD_HEIGHT,
    } as WechatMiniprogram.CanvasToTempFilePathOption)
    return tempFilePath || null
  } catch {
    return null
  }
}

/** A card being drawn (path undefined) or drawn (its temp file, or null when it could not be). */
interface DrawnCard {
  path: string | null | undefined
  promise: Promise<string | null>
}

/** The last few cards drawn, by content: a page asks again on every share, the drawing happens once. */
const drawn = new Map<string, DrawnCard>()
const KEEP_CARDS = 4

function entryFor(content: ShareCardContent) {
  const key = JSON.stringify([content.name, content.count, content.titles.slice(0, SHARE_CARD_BOOKS)])
  let entry = drawn.get(key)
  if (!entry) {
    const created: DrawnCard = { path: undefined, promise: Promise.resolve(null) }
    created.promise = drawShareCard(content).then((path) => (created.path = path))
    entry = created
    drawn.set(key, entry)
    while (drawn.size > KEEP_CARDS) drawn.delete(drawn.keys().next().value as string)
  }
  return entry
}

/** Starts drawing the card for `content` ahead of a share (when the shelf is shown). */
export function prepareShareImage(content: ShareCardContent): Promise<string | null> {
  return entryFor(content).promise
}

/**
 * The share content with the card's image: at once when it is drawn, else through WeChat's `promise`
 * field (it waits up to 3 s for it, then uses the content as given).
 */
export function withShareImage(
  share: WechatMiniprogram.Page.ICustomShareContent,
  content: ShareCardContent,
): WechatMiniprogram.Page.ICustomShareContent | WechatMiniprogram.Page.IAsyncCustomShareContent {
  const entry = entryFor(content)
  if (entry.path) return { ...share, imageUrl: entry.path }
  if (entry.path === null) return share
  return { ...share, promise: entry.promise.then((path) => (path ? { ...share, imageUrl: path } : share)) }
}
