// 导入书籍: a file from a chat → startImport (the function opens a job and names the one storage
// path its file goes to) → wx.cloud.uploadFile there → importBooks again and again, one bounded slice
// each, with a progress bar, until done → a summary. A failed step can be retried: the job resumes
// where it stopped, so nothing already imported is lost or added twice.
import type { ImportProgress } from '../../../typings/api'
import { call } from '../../services/api'
import { codeOf, userMessageOf } from '../../services/api-error'
import { chooseChatFile, extensionOf, IMPORT_EXTENSIONS, type ChosenFile } from '../../services/files-choose'
import { uploadToCloud } from '../../services/upload'
import { toastError } from '../../utils/feedback'
import { instanceState } from '../../utils/instance-state'
import { LIMITS } from '../../utils/limits'
import { markShelfChanged } from '../../utils/shelf-changes'
import { FORMAT_GUIDE, FORMAT_NAMES, toSkipView, type SkipView } from './import-text'

type Phase = 'choose' | 'uploading' | 'importing' | 'done' | 'failed'

interface ProgressView {
  processed: number
  total: number
  percent: number
  added: number
  duplicates: number
  skippedCount: number
}

const NO_PROGRESS: ProgressView = { processed: 0, total: 0, percent: 0, added: 0, duplicates: 0, skippedCount: 0 }

/** The job this page drives. Not rendered, so it stays out of `data`. */
interface JobState {
  jobId: string
  cloudPath: string
  file: ChosenFile | null
  uploaded: boolean
  /** A loop of importBooks calls is under way (a retry or onShow must not start a second one). */
  running: boolean
}

const jobOf = instanceState((_page: object): JobState => ({ jobId: '', cloudPath: '', file: null, uploaded: false, running: false }))

/** Calls that may still find no file right after the upload, before the page gives up and uploads again. */
const WAITING_RETRIES = 3
/** The pause before calling again when a call moved nothing. */
const RETRY_DELAY_MS = 500

const MB = 1024 * 1024
/** The contract's bounds of an import file, as the page states them. */
const SIZE_LIMIT = `不超过 ${LIMITS.importBytes / MB} MB、${LIMITS.importRows} 行`

const UNREADABLE = `请确认它是从 Goodreads、Libib、StoryGraph、豆瓣（豆伴）或本小程序导出的 CSV / TXT / XLSX 表格，${SIZE_LIMIT}。`

/** File names longer than the contract allows lose their start, keeping the extension. */
const boundedName = (name: string) => (name.length > LIMITS.importFileName ? name.slice(-LIMITS.importFileName) : name)

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function toProgressView(progress: ImportProgress): ProgressView {
  const { processed, total, added, duplicates, skippedCount } = progress
  const percent = total > 0 ? Math.min(100, Math.floor((processed * 100) / total)) : 0
  return { processed, total, percent, added, duplicates, skippedCount }
}

class NoFileYet extends Error {}

Component({
  data: {
    phase: 'choose' as Phase,
    formats: FORMAT_GUIDE,
    sizeLimit: SIZE_LIMIT,
    isPrivate: false,
    starting: false,
    fileName: '',
    formatName: '',
    progress: NO_PROGRESS,
    skipped: [] as SkipView[],
    moreSkipped: 0,
    errorTitle: '',
    errorMessage: '',
    /** The failure was on our side or the network's: 重试 resumes the job. Otherwise the file itself
     * cannot be imported and the reader picks another. */
    resumable: false,
  },
  methods: {
    /** Back on the page (e.g. from WeChat's chat list) with a job that stopped without a failure: go on. */
    onShow() {
      const phase = this.data.phase
      if ((phase === 'uploading' || phase === 'importing') && !jobOf(this).running) return this.drive()
      return undefined
    },

    onPrivateChange(e: WechatMiniprogram.SwitchChange) {
      this.setData({ isPrivate: e.detail.value })
    },

    async onChooseTap() {
      if (this.data.starting) return
      const file = await chooseChatFile(IMPORT_EXTENSIONS)
      if (!file) return
      if (!IMPORT_EXTENSIONS.includes(extensionOf(file.name))) {
        wx.showToast({ title: '请选择 CSV、TXT 或 XLSX 文件', icon: 'none' })
        return
      }
      if (file.size > LIMITS.importBytes) {
        wx.showToast({ title: `文件超过 ${LIMITS.importBytes / MB} MB，无法导入`, icon: 'none' })
        return
      }
      this.setData({ starting: true })
      let started: { jobId: string; cloudPath: string }
      try {
        started = await call('startImport', { fileName: boundedName(file.name), is_private: this.data.isPrivate })
      } catch (error) {
        this.setData({ starting: false })
        toastError(error)
        return
      }
      Object.assign(jobOf(this), { ...started, file, uploaded: false })
      this.setData({ starting: false, fileName: file.name, formatName: '', progress: NO_PROGRESS, skipped: [], moreSkipped: 0 })
      await this.drive()
    },

    /** Uploads the file if that has not succeeded yet, then imports slice by slice until done. */
    async drive() {
      const job = jobOf(this)
      if (job.running || !job.jobId || !job.file) return
      job.running = true
      try {
        if (!job.uploaded) {
          this.setData({ phase: 'uploading' })
          await uploadToCloud(job.cloudPath, job.file.path)
          job.uploaded = true
        }
        this.setData({ phase: 'importing' })
        await this.importSlices(job.jobId)
        this.setData({ phase: 'done' })
      } catch (error) {
        if (error instanceof NoFileYet) job.uploaded = false
        this.failed(error)
      } finally {
        job.running = false
      }
    },

    async importSlices(jobId: string) {
      let processed = -1
      for (let waiting = 0; ; ) {
        const progress = await call('importBooks', { jobId })
        this.show(progress)
        if (progress.state === 'done') return
        if (progress.state === 'waiting') {
          if (++waiting > WAITING_RETRIES) throw new NoFileYet('no file at the job path after the upload')
          await delay(RETRY_DELAY_MS)
        } else if (progress.processed === processed) {
          // Another call's slice still holds the job (e.g. one whose answer the network lost): let it end.
          await delay(RETRY_DELAY_MS)
        }
        processed = progress.processed
      }
    },

    show(progress: ImportProgress) {
      if (progress.added > 0) markShelfChanged('books')
      this.setData({
        progress: toProgressView(progress),
        formatName: progress.format ? FORMAT_NAMES[progress.format] : '',
        skipped: progress.skipped.map(toSkipView),
        moreSkipped: Math.max(0, progress.skippedCount - progress.skipped.length),
      })
    },

    failed(error: unknown) {
      const stage = jobOf(this).uploaded ? 'import' : 'upload'
      if (error instanceof NoFileYet) {
        this.setData({ phase: 'failed', resumable: true, errorTitle: '文件没有上传成功', errorMessage: '请检查网络后重试' })
        return
      }
      const code = codeOf(error)
      // The function refuses a file it cannot read (or a job it no longer has): retrying cannot help.
      if (stage === 'import' && (code === 'INVALID_ARGUMENT' || code === 'NOT_FOUND')) {
        this.setData({ phase: 'failed', resumable: false, errorTitle: '无法导入这个文件', errorMessage: UNREADABLE })
        return
      }
      const message = stage === 'upload' ? '文件上传失败，请检查网络后重试' : `${userMessageOf(error)}。已导入的书不会丢失，重试将从中断处继续`
      this.setData({ phase: 'failed', resumable: true, errorTitle: stage === 'upload' ? '上传失败' : '导入中断', errorMessage: message })
    },

    onRetry() {
      if (this.data.resumable) return this.drive()
      this.reset()
      return undefined
    },

    reset() {
      Object.assign(jobOf(this), { jobId: '', cloudPath: '', file: null, uploaded: false })
      this.setData({ phase: 'choose', fileName: '', formatName: '', progress: NO_PROGRESS, skipped: [], moreSkipped: 0 })
    },

    onImportAnother() {
      this.reset()
    },

    onViewShelf() {
      wx.switchTab({ url: '/pages/shelf/index' })
    },
  },
})
