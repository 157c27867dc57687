// The `wx` object pages see. Every API the pages use is implemented by one of the files here; anything
// else fails loudly with its name (see loud()), never silently.
import { loud } from './async-api'
import { createCanvas } from './canvas'
import { createCloud } from './cloud'
import type { ShimContext } from './context'
import { createDevice } from './device'
import { createFiles } from './files'
import { createNavigation } from './navigation'
import { createShareMenu } from './share'
import { createStorage } from './storage'
import { createUi } from './ui'

export function createWx(ctx: ShimContext): Record<string, unknown> {
  const api: Record<string, unknown> = {
    cloud: createCloud(ctx),
    ...createStorage(ctx),
    ...createUi(ctx),
    ...createNavigation(ctx),
    ...createDevice(ctx),
    ...createFiles(ctx),
    ...createShareMenu(ctx),
    ...createCanvas(),
  }
  api.canIUse = (schema: string) => schema.split('.')[0] in api
  return loud(api, 'wx')
}
