// Request targets as node hands them over, parsed without throwing anything but a 400.
import { HttpError } from '../../../emulator/errors'
import { requestUrl } from '../../../emulator/http/request-target'

const status = (target: string | undefined) => {
  try {
    requestUrl(target)
    return 200
  } catch (error) {
    return error instanceof HttpError ? error.status : 500
  }
}

test('origin-form paths parse as before, with their query', () => {
  const url = requestUrl('/_/data?c=books&openid=o%2Da')
  expect(url.pathname).toBe('/_/data')
  expect(url.searchParams.get('openid')).toBe('o-a')
  expect(requestUrl('/_/storage/file/covers/%E4%B8%89.png').pathname).toBe('/_/storage/file/covers/%E4%B8%89.png')
})

test('a leading // is a path, not a host', () => {
  expect(requestUrl('//').pathname).toBe('//')
  expect(requestUrl('//[').pathname).toBe('//[')
  expect(requestUrl('//evil.example/admin').pathname).toBe('//evil.example/admin')
  expect(requestUrl('//evil.example/admin').host).toBe('127.0.0.1')
})

test.each(['\\', '*', 'http://evil.example/admin', '', undefined, '%', '/%', '/%zz', '/a?b=%', '/%E4%B8', '/%C0%AF', '/?q=%ff'])(
  '%p is a 400',
  (target) => {
    expect(status(target)).toBe(400)
  },
)
