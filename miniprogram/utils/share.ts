// Sharing a shelf: the card's path carries the opaque shareId (never an OpenID), and a shelf that is
// not public is published only after the reader agrees.
import type { Shelf } from '../../typings/api'
import { call } from '../services/api'
import { confirm, toastError, toastSuccess } from './feedback'

export function sharedShelfPath(shareId: string): string {
  return `/pages/shared/index?s=${encodeURIComponent(shareId)}`
}

export function shareCard(shelf: Pick<Shelf, 'shareId' | 'name'>): WechatMiniprogram.Page.ICustomShareContent {
  return { title: shelf.name || '书架', path: sharedShelfPath(shelf.shareId) }
}

/** Asks to make the shelf public; resolves with the updated shelf, or null when declined or failed. */
export async function publishWithConsent(): Promise<Shelf | null> {
  const agreed = await confirm({
    title: '先公开书架',
    content: '书架公开后，收到分享的好友可以看到你的非私密书籍（不含笔记）。现在公开吗？',
    confirmText: '公开',
  })
  if (!agreed) return null
  try {
    const shelf = await call('updateShelf', { isPublic: true })
    toastSuccess('书架已公开')
    return shelf
  } catch (error) {
    toastError(error)
    return null
  }
}
