// The one place that says which cloud environment the Mini Program talks to.
// Replace with your CloudBase environment id before uploading (see README, "Deploying").
// An empty id makes wx.cloud use the environment selected in WeChat DevTools.
export const CLOUD_ENV_ID = ''

/** Books per page in every list: small setData payloads, and what the function pages by. */
export const PAGE_SIZE = 20

/** Milliseconds a search box waits after the last keystroke before it queries. */
export const SEARCH_DEBOUNCE_MS = 300
