// The provider chain, in order, configured from the function's environment variables (declared in
// cloudbaserc.json; base URLs overridable so tests and the emulator point them at a local server).
import { googleBooks } from './googlebooks'
import { jisuApi } from './jisuapi'
import { juhe } from './juhe'
import { openLibrary } from './openlibrary'
import type { Provider, ProviderConfig } from './types'

const trimSlash = (url: string) => url.replace(/\/+$/, '')
const nonEmpty = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined)

export function providerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ProviderConfig {
  return {
    openLibraryBaseUrl: trimSlash(nonEmpty(env.OPENLIBRARY_BASE_URL) ?? 'https://openlibrary.org'),
    googleBooksBaseUrl: trimSlash(nonEmpty(env.GOOGLE_BOOKS_BASE_URL) ?? 'https://www.googleapis.com'),
    googleBooksKey: nonEmpty(env.GOOGLE_BOOKS_KEY),
    jisuBaseUrl: trimSlash(nonEmpty(env.JISU_BASE_URL) ?? 'https://api.jisuapi.com'),
    jisuAppKey: nonEmpty(env.JISU_APPKEY),
    juheBaseUrl: trimSlash(nonEmpty(env.JUHE_BASE_URL) ?? 'http://apis.juhe.cn'),
    juheKey: nonEmpty(env.JUHE_KEY),
  }
}

/** Keyed Chinese sources first (they only apply to 978-7 ISBNs and only with a key), then the open ones. */
export function providerChain(config: ProviderConfig): Provider[] {
  return [
    jisuApi(config.jisuBaseUrl, config.jisuAppKey),
    juhe(config.juheBaseUrl, config.juheKey),
    openLibrary(config.openLibraryBaseUrl),
    googleBooks(config.googleBooksBaseUrl, config.googleBooksKey),
  ]
}
