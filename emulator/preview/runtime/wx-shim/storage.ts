// wx storage on localStorage, one namespace per identity (each WeChat user has their own storage).
import { asyncApi } from './async-api'
import type { ShimContext } from './context'

export function createStorage(ctx: ShimContext) {
  const prefix = () => `bookcase.wx.${ctx.openid()}.`
  const keys = () => Object.keys(localStorage).filter((k) => k.startsWith(prefix()))
  const read = (key: string): { found: boolean; data?: unknown } => {
    const raw = localStorage.getItem(prefix() + key)
    return raw === null ? { found: false } : { found: true, data: (JSON.parse(raw) as { data: unknown }).data }
  }
  const setStorageSync = (key: string, data: unknown) => localStorage.setItem(prefix() + key, JSON.stringify({ data }))
  const getStorageSync = (key: string) => {
    const { found, data } = read(key)
    return found ? data : '' // WeChat answers '' for a missing key
  }
  const removeStorageSync = (key: string) => localStorage.removeItem(prefix() + key)
  const clearStorageSync = () => keys().forEach((k) => localStorage.removeItem(k))
  const getStorageInfoSync = () => ({
    keys: keys().map((k) => k.slice(prefix().length)),
    currentSize: Math.ceil(keys().reduce((n, k) => n + (localStorage.getItem(k)?.length ?? 0), 0) / 1024),
    limitSize: 10240,
  })
  return {
    setStorageSync,
    getStorageSync,
    removeStorageSync,
    clearStorageSync,
    getStorageInfoSync,
    setStorage: asyncApi('setStorage', ({ key, data }: { key: string; data: unknown }) => (setStorageSync(key, data), {})),
    getStorage: asyncApi('getStorage', ({ key }: { key: string }) => {
      const { found, data } = read(key)
      if (!found) throw new Error('getStorage:fail data not found')
      return { data }
    }),
    removeStorage: asyncApi('removeStorage', ({ key }: { key: string }) => (removeStorageSync(key), {})),
    clearStorage: asyncApi('clearStorage', () => (clearStorageSync(), {})),
    getStorageInfo: asyncApi('getStorageInfo', () => getStorageInfoSync()),
  }
}
