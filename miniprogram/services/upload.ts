// Uploads a local file (a chooser's temp path) to cloud storage at a path the function handed out
// (startImport, prepareCoverUpload): the function decides where a reader may write, never the page.
import { ApiCallError } from './api-error'

/** The file id of the uploaded file; rejects with an ApiCallError (NETWORK) carrying the platform's errMsg. */
export function uploadToCloud(cloudPath: string, filePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.cloud.uploadFile({
      cloudPath,
      filePath,
      success: (res) => resolve(res.fileID),
      fail: (err: { errMsg?: string }) => reject(new ApiCallError('NETWORK', `uploadFile failed: ${err?.errMsg ?? String(err)}`)),
    })
  })
}
