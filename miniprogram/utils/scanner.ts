// The camera barcode scanner as a promise: the scanned text, or null when the reader backed out.
export function scanBarcode(): Promise<string | null> {
  return new Promise((resolve) => {
    wx.scanCode({
      onlyFromCamera: false,
      scanType: ['barCode'],
      success: (res) => resolve(res.result),
      fail: () => resolve(null),
    })
  })
}
