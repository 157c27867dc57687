// 导出书架: exportBooks writes the whole shelf to cloud storage as a spreadsheet (.xlsx) and a CSV and
// hands out temporary URLs; the page downloads both right away (services/files.ts), because wx.shareFileMessage must be
// called from the tap itself, with a local file. wx.openDocument opens xlsx (not csv); either file can
// be sent to a chat.
import type { ExportFile } from '../../../typings/api'
import { call } from '../../services/api'
import { userMessageOf } from '../../services/api-error'
import { downloadExport, openSpreadsheet, shareToChat } from '../../services/files'
import { instanceState } from '../../utils/instance-state'

interface FileView {
  fileName: string
  /** e.g. 12.3 KB */
  size: string
}

/** The downloaded files' local paths: passed to the WeChat file APIs, never rendered. */
const localOf = instanceState((_page: object): { xlsx: string; csv: string } => ({ xlsx: '', csv: '' }))

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

const toFileView = (file: ExportFile): FileView => ({ fileName: file.fileName, size: sizeText(file.size) })

Component({
  data: {
    loading: true,
    error: '',
    count: 0,
    xlsx: null as FileView | null,
    csv: null as FileView | null,
  },
  methods: {
    onLoad() {
      return this.load()
    },

    async load() {
      this.setData({ loading: true, error: '' })
      try {
        const exported = await call('exportBooks', {})
        if (exported.count === 0) {
          this.setData({ loading: false, count: 0, xlsx: null, csv: null })
          return
        }
        const [xlsx, csv] = await Promise.all([downloadExport(exported.xlsx), downloadExport(exported.csv)])
        Object.assign(localOf(this), { xlsx, csv })
        this.setData({ loading: false, count: exported.count, xlsx: toFileView(exported.xlsx), csv: toFileView(exported.csv) })
      } catch (error) {
        this.setData({ loading: false, error: userMessageOf(error) })
      }
    },

    onRetry() {
      return this.load()
    },

    async onOpenTap() {
      const path = localOf(this).xlsx
      if (path && !(await openSpreadsheet(path))) wx.showToast({ title: '无法打开表格，请发送到聊天后查看', icon: 'none' })
    },

    onShareTap(e: WechatMiniprogram.TouchEvent) {
      const kind = e.currentTarget.dataset.kind === 'csv' ? 'csv' : 'xlsx'
      const path = localOf(this)[kind]
      const file = this.data[kind]
      if (!path || !file) return undefined
      return shareToChat(path, file.fileName).then((outcome) => {
        if (outcome === 'failed') wx.showToast({ title: '发送失败，请稍后重试', icon: 'none' })
      })
    },

    onScanTap() {
      wx.switchTab({ url: '/pages/scan/index' })
    },
  },
})
