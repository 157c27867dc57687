// What a client may name as a cloud path (emulator/README.md, "Client storage"): the platform's naming
// rules (non-empty, no leading `/`, no `//`, at most 850 bytes), no `.`/`..` segments and no trailing
// `/` (so the path stored is the path asked for), then whatever the bucket refuses on disk.
import type { Bucket } from '../storage/bucket'
import { MAX_CLOUD_PATH_BYTES } from './protocol'

/** Why `cloudPath` is refused, or undefined when it may be stored as is. */
export function cloudPathProblem(bucket: Bucket, cloudPath: string): string | undefined {
  if (cloudPath === '') return 'cloudPath must not be empty'
  if (cloudPath.startsWith('/')) return 'cloudPath must not start with /'
  if (cloudPath.endsWith('/')) return 'cloudPath must name a file, not end with /'
  if (cloudPath.includes('//')) return 'cloudPath must not contain //'
  if (new TextEncoder().encode(cloudPath).length > MAX_CLOUD_PATH_BYTES) return `cloudPath must be at most ${MAX_CLOUD_PATH_BYTES} bytes`
  if (cloudPath.split('/').some((segment) => segment === '.' || segment === '..')) return 'cloudPath must not contain . or .. segments'
  try {
    bucket.checkPath(cloudPath)
  } catch (error) {
    return (error as Error).message
  }
  return undefined
}
