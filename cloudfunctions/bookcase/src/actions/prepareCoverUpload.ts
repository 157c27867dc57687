// prepareCoverUpload {id, extension}: a fresh path in the caller's covers folder for a new photo of one
// of their own books (another reader's book id: NOT_FOUND). The client uploads there with
// wx.cloud.uploadFile and then calls setCover with the file id it got.
import { coverUploadPath } from '../domain/covers'
import type { Action } from './types'

export const prepareCoverUpload: Action<'prepareCoverUpload'> = async (event, { openid }) => ({
  cloudPath: await coverUploadPath(openid, event.id, event.extension),
})
