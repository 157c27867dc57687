// listTags {}: the caller's own tags with how many of their books carry each, for the shelf's tag
// filter. Owner only: the filter is the caller's OpenID, and no shared view offers a tag list.
import { ownTagCounts } from '../domain/books'
import { LIMITS } from '../validation/fields'
import type { Action } from './types'

export const listTags: Action<'listTags'> = async (_event, { openid }) => ({
  tags: await ownTagCounts(openid, LIMITS.tagList),
})
