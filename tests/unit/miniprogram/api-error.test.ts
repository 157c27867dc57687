// How a rejected wx.cloud.callFunction is classified: the platform's own function errors are the
// service being unavailable; anything else that never reached the function is the network.
import { callFailureError } from '../../../miniprogram/services/api-error'

test.each([
  ['function not found', -501000, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后重试'],
  ['function execute fail', -504002, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后重试'],
  ['function time limit exceeded', -504003, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后重试'],
  ['request failed', -1, 'NETWORK', '网络不可用，请稍后重试'],
  ['no code at all', undefined, 'NETWORK', '网络不可用，请稍后重试'],
])('%s (%s) → %s', (_name, errCode, code, userMessage) => {
  const error = callFailureError({ errCode, errMsg: `cloud.callFunction:fail errCode: ${errCode}` })
  expect(error).toMatchObject({ code, userMessage })
  expect(error.message).toContain('cloud.callFunction:fail')
})
