// The components' declared properties and events (components/<name>/type.ts) at run time and, through
// `npx tsc -p tests`, at compile time: each @ts-expect-error below must stay an error, so a property
// that loses its literal type, or an event detail that drifts, fails the typecheck.
import type { BookCardOpenEvent } from '../../../miniprogram/components/book-card/type'
import { bookCoverProps, type BookCoverProps } from '../../../miniprogram/components/book-cover/type'
import { emptyStateProps, type EmptyStateProps } from '../../../miniprogram/components/empty-state/type'
import type { SearchBarEvents, SearchBarSearchEvent } from '../../../miniprogram/components/search-bar/type'
import { MAX_SKELETON_ROWS, skeletonProps } from '../../../miniprogram/components/skeleton/type'
import { statusBadgeProps, type StatusBadgeProps } from '../../../miniprogram/components/status-badge/type'
import { emitterOf } from '../../../miniprogram/utils/component-types'
import { LIMITS } from '../../../miniprogram/utils/limits'

test('properties carry literal unions and defaults inside them', () => {
  const size: BookCoverProps['size']['value'] = 'large'
  // @ts-expect-error a cover has no such size
  const badSize: BookCoverProps['size']['value'] = 'huge'
  const kind: EmptyStateProps['kind']['value'] = 'error'
  // @ts-expect-error only 'empty' and 'error'
  const badKind: EmptyStateProps['kind']['value'] = 'warning'
  // @ts-expect-error a reading status, not any string
  const badStatus: StatusBadgeProps['status']['value'] = 'finished'
  expect([size, kind, badSize, badKind, badStatus]).toHaveLength(5)
  expect(bookCoverProps.size).toEqual({ type: String, value: 'small' })
  expect(emptyStateProps.kind.value).toBe('empty')
  expect(statusBadgeProps.status.value).toBe('want')
  expect(skeletonProps.rows.value).toBeLessThanOrEqual(MAX_SKELETON_ROWS)
})

test('events fire only with their declared detail, and pages read it typed', () => {
  const fired: [string, unknown][] = []
  const emit = emitterOf<SearchBarEvents>({ triggerEvent: (name, detail) => fired.push([name, detail]) })
  emit('search', { value: '三体' })
  // @ts-expect-error search-bar has no 'submit' event
  emit('submit', { value: 'x' })
  // @ts-expect-error the detail is { value: string }
  emit('search', { query: 'x' })
  expect(fired[0]).toEqual(['search', { value: '三体' }])

  const onSearch = (e: SearchBarSearchEvent): string => e.detail.value
  const onOpen = (e: BookCardOpenEvent): string => e.detail.id
  expect(onSearch({ detail: { value: 'q' } } as SearchBarSearchEvent)).toBe('q')
  expect(onOpen({ detail: { id: 'b1' } } as BookCardOpenEvent)).toBe('b1')
})

test('limits are the contract\'s literal values', () => {
  const title: 300 = LIMITS.title
  // @ts-expect-error FieldLimits says 300, so no other number type-checks
  const wrong: 140 = LIMITS.title
  expect([title, wrong]).toEqual([300, 300])
})
