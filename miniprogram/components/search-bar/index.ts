// A search box that fires `search` ({value}) once the reader pauses typing, at once on the keyboard's
// search key, and at once when cleared: one query per intent, not one per keystroke.
import { SEARCH_DEBOUNCE_MS } from '../../config'
import { debounce, type Debounced } from '../../utils/debounce'
import { instanceState } from '../../utils/instance-state'
import { emitterOf } from '../../utils/component-types'
import { LIMITS } from '../../utils/limits'
import { searchBarProps, type SearchBarEvents } from './type'

const pendingOf = instanceState(
  (bar: { emit(): void }): Debounced<[]> => debounce(() => bar.emit(), SEARCH_DEBOUNCE_MS),
)

Component({
  properties: searchBarProps,
  data: { maxlength: LIMITS.query },
  lifetimes: {
    detached() {
      pendingOf(this).cancel()
    },
  },
  methods: {
    emit() {
      emitterOf<SearchBarEvents>(this)('search', { value: this.data.value.trim() })
    },
    onInput(e: WechatMiniprogram.Input) {
      this.setData({ value: e.detail.value })
      pendingOf(this)()
    },
    onConfirm() {
      pendingOf(this).cancel()
      this.emit()
    },
    onClear() {
      pendingOf(this).cancel()
      this.setData({ value: '' })
      this.emit()
    },
  },
})
