// Mini Program page URLs: `/pages/book/index?id=1`. Query values are kept exactly as written (WeChat
// hands onLoad the raw, still-encoded strings).

export interface PageUrl {
  route: string
  query: Record<string, string>
}

export function parsePageUrl(url: string, fromRoute = ''): PageUrl {
  const [pathPart, search = ''] = url.split('?', 2)
  let route = pathPart
  if (!route.startsWith('/')) {
    const base = fromRoute.split('/').slice(0, -1)
    for (const segment of route.split('/')) {
      if (segment === '..') base.pop()
      else if (segment !== '.' && segment !== '') base.push(segment)
    }
    route = base.join('/')
  }
  route = route.replace(/^\/+/, '').replace(/\.(ts|js|wxml)$/, '')
  const query: Record<string, string> = {}
  for (const pair of search.split('&')) {
    if (!pair) continue
    const at = pair.indexOf('=')
    if (at < 0) query[pair] = ''
    else query[pair.slice(0, at)] = pair.slice(at + 1)
  }
  return { route, query }
}

export function formatPageUrl({ route, query }: PageUrl): string {
  const search = Object.entries(query)
    .map(([k, v]) => (v === '' ? k : `${k}=${v}`))
    .join('&')
  return `/${route}${search ? `?${search}` : ''}`
}
