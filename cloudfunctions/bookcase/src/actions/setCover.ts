// setCover {id, fileID | null}: sets the cover photo of the caller's own book to a file uploaded to a
// path prepareCoverUpload handed out for that book (anything else: INVALID_ARGUMENT), or removes it;
// the replaced file is deleted. Answers the book as its owner sees it.
import { setOwnCover } from '../domain/covers'
import { ownBook } from '../domain/policy'
import type { Action } from './types'

export const setCover: Action<'setCover'> = async (event, { openid, now }) => ownBook(await setOwnCover(openid, event.id, event.fileID, now))
