// A reading status as a small coloured label: 想读 / 在读 / 读过.
import { STATUS_LABELS, isReadingStatus } from '../../utils/reading-status'
import { statusBadgeProps } from './type'

Component({
  properties: statusBadgeProps,
  data: { label: STATUS_LABELS.want },
  lifetimes: {
    attached() {
      this.showLabel(this.data.status)
    },
  },
  observers: {
    status(status: string) {
      this.showLabel(status)
    },
  },
  methods: {
    showLabel(status: string) {
      // A page may still bind any string: the property's type cannot stop it at run time.
      const label = isReadingStatus(status) ? STATUS_LABELS[status] : ''
      if (label !== this.data.label) this.setData({ label })
    },
  },
})
