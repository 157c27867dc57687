// Where the Mini Program's own files are served: /preview/mp/<path inside miniprogram/>.
export const ASSET_BASE = '/preview/mp/'

/** Resolves an image path as WXML means it: absolute from the Mini Program root; URLs unchanged. */
export function assetUrl(src: string): string {
  if (!src || /^(https?:|data:|blob:|\/\/)/i.test(src)) return src
  return ASSET_BASE + src.replace(/^\/+/, '')
}
