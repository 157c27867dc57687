// search-bar's properties and events (see utils/component-types.ts).
import type { ComponentEvent, StringProp } from '../../utils/component-types'

export type SearchBarProps = {
  placeholder: StringProp
  /** The text in the box; the page sets it to '' to clear the search from outside. */
  value: StringProp
}

export interface SearchBarEvents {
  /** The reader paused typing, pressed the search key or cleared the box: the trimmed query. */
  search: { value: string }
}

export type SearchBarSearchEvent = ComponentEvent<SearchBarEvents, 'search'>

export const searchBarProps: SearchBarProps = {
  placeholder: { type: String, value: '搜索书名、作者或 ISBN' },
  value: { type: String, value: '' },
}
