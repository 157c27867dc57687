// Where an image's src is served from: the Mini Program's own files at /preview/mp/<path inside
// miniprogram/>, cloud file ids through the emulator's client storage as the current reader (so an
// <image src="cloud://…"> loads only for a reader the bucket permission lets read it), local temp files
// as blob: URLs, and other URLs unchanged (this emulator under another loopback name: on this origin).
import { fileTarget, isCloudFileId } from '../../client-storage/protocol'
import { currentOpenId } from './identity'
import { isLocalPath, localFileUrl } from './temp-files'

export const ASSET_BASE = '/preview/mp/'

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):(\d+)(\/.*)?$/i

/**
 * A URL of this emulator on this page's origin. The function's temp URLs name 127.0.0.1, and a page
 * opened on localhost would otherwise fetch them cross-site, which the emulator refuses.
 */
export function onThisOrigin(url: string): string {
  const match = LOOPBACK.exec(url)
  if (!match || match[2] !== location.port) return url
  return `${location.origin}${match[3] ?? '/'}`
}

/** Resolves an image path as WXML means it: absolute from the Mini Program root; URLs as above. */
export function assetUrl(src: string): string {
  if (!src) return src
  if (isCloudFileId(src)) return fileTarget(src, currentOpenId())
  if (isLocalPath(src)) return localFileUrl(src) ?? src
  if (/^(https?:|data:|blob:|\/\/)/i.test(src)) return onThisOrigin(src)
  return ASSET_BASE + src.replace(/^\/+/, '')
}
