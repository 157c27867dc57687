import { isChineseIsbn, sameIsbn, toIsbn10, toIsbn13 } from '../../../cloudfunctions/bookcase/src/domain/isbn'

describe('toIsbn13', () => {
  test.each([
    ['9787536692930', '9787536692930'],
    ['978-7-5366-9293-0', '9787536692930'],
    ['978 7 5366 9293 0', '9787536692930'],
    ['  9787536692930  ', '9787536692930'],
    ['ISBN 978-7-5366-9293-0', '9787536692930'],
    ['ISBN-13: 9787536692930', '9787536692930'],
    ['7536692935', '9787536692930'], // ISBN-10 → 13
    ['7-5366-9293-5', '9787536692930'],
    ['080442957X', '9780804429573'], // X check digit
    ['0-8044-2957-x', '9780804429573'], // lower-case x
    ['702000220X', '9787020002207'],
    ['979-10-90636-07-1', '9791090636071'], // 979 prefix (no ISBN-10 form)
  ])('%s → %s', (input, expected) => {
    expect(toIsbn13(input)).toBe(expected)
  })

  test.each([
    ['9787536692931'], // wrong check digit
    ['7536692936'],
    ['123'],
    [''],
    ['97875366929300'], // 14 digits
    ['978753669293X'], // X is not an ISBN-13 check digit
    ['abc9787536692930'],
    ['9787536692930; drop'],
    ['97875366929３0'], // full-width digit
  ])('%j is not an ISBN', (input) => {
    expect(toIsbn13(input)).toBeNull()
  })
})

test('ISBN-10 form, when there is one', () => {
  expect(toIsbn10('9787536692930')).toBe('7536692935')
  expect(toIsbn10('9791090636071')).toBeNull()
})

test('978-7 is the Chinese mainland group', () => {
  expect(isChineseIsbn('9787536692930')).toBe(true)
  expect(isChineseIsbn('9780141439518')).toBe(false)
})

test('sameIsbn compares across forms and punctuation', () => {
  expect(sameIsbn('9787536692930', '7-5366-9293-5')).toBe(true)
  expect(sameIsbn('9787536692930', '9787536692930')).toBe(true)
  expect(sameIsbn('9787536692930', '9780141439518')).toBe(false)
  expect(sameIsbn('9787536692930', undefined)).toBe(false)
})
