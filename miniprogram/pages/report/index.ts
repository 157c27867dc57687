// 读书报告: one year of reading (books finished per month, pages read) and the whole shelf at a glance
// (per status and ownership, top authors and tags, books lent out), from one getStats call per year.
import { call } from '../../services/api'
import { userMessageOf } from '../../services/api-error'
import { toastError } from '../../utils/feedback'
import { instanceState } from '../../utils/instance-state'
import { toReportView, type ReportView } from '../../utils/report-view'

/** Numbers getStats calls, so the answer for a year the reader already left is dropped. */
const requestsOf = instanceState((_page: object): { latest: number } => ({ latest: 0 }))

const thisYear = () => new Date().getFullYear()

Component({
  data: {
    /** First load: nothing to show yet. */
    loading: true,
    /** Reader-facing message of a failed first load; '' when there is none. */
    error: '',
    /** Another year is on its way; the current one stays on screen. */
    switching: false,
    report: null as ReportView | null,
  },
  methods: {
    onLoad() {
      return this.load(thisYear())
    },

    async load(year: number) {
      const requests = requestsOf(this)
      const request = ++requests.latest
      try {
        const report = await call('getStats', { year })
        if (request !== requests.latest) return
        this.setData({ loading: false, switching: false, error: '', report: toReportView(report, thisYear()) })
      } catch (error) {
        if (request !== requests.latest) return
        // With a year already on screen, a failed switch keeps it and says so.
        if (this.data.report) {
          this.setData({ switching: false })
          toastError(error)
        } else this.setData({ loading: false, switching: false, error: userMessageOf(error) })
      }
    },

    /** Pull-down: the year on screen again, with whatever changed on the shelf meanwhile. */
    async onPullDownRefresh() {
      await this.load(this.data.report?.year ?? thisYear())
      wx.stopPullDownRefresh()
    },

    onYearChange(e: WechatMiniprogram.PickerChange) {
      const year = this.data.report?.years[Number(e.detail.value)]
      if (year === undefined || year === this.data.report?.year) return undefined
      this.setData({ switching: true })
      return this.load(year)
    },

    onRetry() {
      this.setData({ loading: true, error: '' })
      return this.load(thisYear())
    },

    onScan() {
      wx.switchTab({ url: '/pages/scan/index' })
    },
  },
})
