// The book's current loan: to whom, since when, until when (已逾期 once past due), and 已归还.
import { emitterOf } from '../../utils/component-types'
import { loanCardProps, type LoanCardEvents } from './type'

Component({
  properties: loanCardProps,
  methods: {
    onReturnTap() {
      if (!this.data.busy) emitterOf<LoanCardEvents>(this)('return', {})
    },
  },
})
