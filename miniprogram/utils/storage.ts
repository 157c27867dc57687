// wx storage that never throws: a full or unavailable storage reads as nothing and refuses a write, so
// the local copies built on it (the shelf's first screen, the owned ISBNs) fall back to asking the
// function. wx storage belongs to one WeChat user of one Mini Program, so each reader has their own.

/** What is stored under `key` (as wx.getStorageSync answers: '' when nothing), or null when storage failed. */
export function readStorage(key: string): unknown {
  try {
    return wx.getStorageSync(key)
  } catch {
    return null
  }
}

/** Stores `value` under `key`; false when storage refused it. */
export function writeStorage(key: string, value: unknown): boolean {
  try {
    wx.setStorageSync(key, value)
    return true
  } catch {
    return false
  }
}
