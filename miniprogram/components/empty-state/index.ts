// A calm block for "nothing here" and "something went wrong": a title, an explanation and an
// optional button that fires `action`.
import { emitterOf } from '../../utils/component-types'
import { emptyStateProps, type EmptyStateEvents } from './type'

Component({
  properties: emptyStateProps,
  methods: {
    onAction() {
      emitterOf<EmptyStateEvents>(this)('action', {})
    },
  },
})
