// The request target (`req.url`) as a URL. Node hands over whatever the request line held (`//`, `//[`,
// `\\`, `%zz`), so nothing here may throw anything but a 400.
import { HttpError } from '../errors'

/**
 * Only origin-form targets (`/path?query`) are served: no `*`, no absolute-form (a proxy's). The target
 * is appended to a fixed origin rather than resolved against it, so `//x/y` is the path `//x/y`, not
 * the host `x`. Malformed percent-encoding anywhere (`%zz`, a lone `%`, bytes that are not UTF-8) is
 * refused here, so no handler's decodeURIComponent ever meets it.
 */
export function requestUrl(target: string | undefined): URL {
  if (!target || !target.startsWith('/')) throw new HttpError(400, 'request target must be a path starting with /')
  if (target.includes('%')) {
    try {
      decodeURIComponent(target)
    } catch {
      throw new HttpError(400, 'malformed percent-encoding in the request target')
    }
  }
  try {
    return new URL(`http://127.0.0.1${target}`)
  } catch {
    throw new HttpError(400, 'request target is not a valid path')
  }
}
