// Inline `style="width: 20rpx"` is converted by j-component at render time, 1rpx -> 1px. Replace that
// conversion with the frame-relative one the WXSS build uses (750rpx = the phone's width).
import utils from 'j-component/src/tool/utils'

const RPX = /(-?(?:\d+\.?\d*|\.\d+))rpx\b/gi

export function patchInlineRpx(): void {
  utils.transformRpx = (style: string) => style.replace(RPX, (_m, n: string) => `calc(${n} * var(--rpx))`)
}
