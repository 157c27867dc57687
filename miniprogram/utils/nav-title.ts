// Titles for wx.setNavigationBarTitle: the bar has room for about a dozen Chinese characters between
// the capsule and the back button, and WeChat cuts a longer one without a sign on some devices, so a
// page's title is shortened here, by graphemes, ending in "…".
import { leadingGraphemes } from './grapheme'

export const NAV_TITLE_MAX = 12

export function navTitle(title: string): string {
  const { text, whole } = leadingGraphemes(title.trim(), NAV_TITLE_MAX)
  return whole ? text : `${text.trimEnd()}…`
}
