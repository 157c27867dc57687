// The book page's 封面 menu for the owner: 拍封面 / 从相册选择 upload a photo as the book's cover,
// 移除封面 (after a confirmation) deletes it. Kept beside the page so the page only wires one tap.
import type { Book } from '../../../typings/api'
import { choosePhoto, type PhotoSource } from '../../services/files-choose'
import { removeCover, uploadCover } from '../../services/upload-cover'
import { confirm, toastError, toastSuccess } from '../../utils/feedback'

const SOURCES: { label: string; source: PhotoSource }[] = [
  { label: '拍封面', source: 'camera' },
  { label: '从相册选择', source: 'album' },
]
const REMOVE = '移除封面'

/** The tapped item's index, or null when the reader backed out. */
function actionSheet(itemList: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    wx.showActionSheet({ itemList, success: (res) => resolve(res.tapIndex), fail: () => resolve(null) })
  })
}

/** Runs `work` behind a loading toast; its answer, or null after an error toast. */
async function withLoading(title: string, work: () => Promise<Book>, done: string): Promise<Book | null> {
  wx.showLoading({ title, mask: true })
  try {
    const book = await work()
    wx.hideLoading()
    toastSuccess(done)
    return book
  } catch (error) {
    wx.hideLoading()
    toastError(error)
    return null
  }
}

/** Shows the menu and does what the reader picks: the book as saved, or null when nothing changed. */
export async function changeCover(book: { id: string; coverFileId: string }): Promise<Book | null> {
  const items = [...SOURCES.map((item) => item.label), ...(book.coverFileId ? [REMOVE] : [])]
  const index = await actionSheet(items)
  if (index === null) return null
  if (items[index] === REMOVE) {
    const agreed = await confirm({ title: '移除封面？', content: '拍摄的封面照片会被删除。', confirmText: '移除', danger: true })
    if (!agreed) return null
    return withLoading('正在移除', () => removeCover(book.id), '已移除封面')
  }
  const photo = await choosePhoto(SOURCES[index].source)
  if (!photo) return null
  return withLoading('正在上传封面', () => uploadCover(book.id, photo.path), '封面已更新')
}
