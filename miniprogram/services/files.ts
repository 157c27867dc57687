// Files the function wrote for the reader (the export): fetched from their temporary URL to a local
// temp path, then opened in WeChat's document viewer or sent to a chat.
import type { ExportFile } from '../../typings/api'
import { ApiCallError } from './api-error'

/** A local temp path of the file behind `url` (wx.downloadFile: the function's files are not readable by
 * the client's storage calls, so the function hands out temporary URLs). */
function downloadToTemp(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url,
      success: (res) => {
        if (res.statusCode >= 200 && res.statusCode < 300) resolve(res.tempFilePath)
        else reject(new ApiCallError('NETWORK', `downloadFile answered ${res.statusCode}`))
      },
      fail: (err) => reject(new ApiCallError('NETWORK', `downloadFile failed: ${err.errMsg}`)),
    })
  })
}

/** A local copy of a file the function wrote: from its temporary URL, or, should wx.downloadFile be
 * refused (a storage host missing from the download domain list is not ruled out), through
 * wx.cloud.downloadFile, which works where the storage permission lets readers read the file. The
 * first failure is the one reported. */
export async function downloadExport(file: Pick<ExportFile, 'fileID' | 'tempFileURL'>): Promise<string> {
  try {
    return await downloadToTemp(file.tempFileURL)
  } catch (error) {
    return new Promise((resolve, reject) => {
      wx.cloud.downloadFile({ fileID: file.fileID, success: (res) => resolve(res.tempFilePath), fail: () => reject(error) })
    })
  }
}

/** Opens a spreadsheet in WeChat's viewer, whose menu can forward and save it. Resolves false if it failed. */
export function openSpreadsheet(filePath: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.openDocument({ filePath, fileType: 'xlsx', showMenu: true, success: () => resolve(true), fail: () => resolve(false) })
  })
}

export type ShareOutcome = 'sent' | 'cancelled' | 'failed'

/** Sends a local file to a chat; WeChat allows it only from a tap handler. */
export function shareToChat(filePath: string, fileName: string): Promise<ShareOutcome> {
  return new Promise((resolve) => {
    wx.shareFileMessage({
      filePath,
      fileName,
      success: () => resolve('sent'),
      fail: (err) => resolve(/cancel/.test(err.errMsg) ? 'cancelled' : 'failed'),
    })
  })
}
