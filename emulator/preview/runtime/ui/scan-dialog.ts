// wx.scanCode in a browser: a dialog to type or paste the barcode (an ISBN), and real scanning with the
// camera where the browser has one and the BarcodeDetector API (Chrome on Android, for example).
import { h } from '../dom'

export interface ScanResult {
  result: string
  scanType: string
}

interface Detector {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string; format: string }>>
}
type DetectorClass = new (options: { formats: string[] }) => Detector

const FORMATS: Record<string, string> = { ean_13: 'EAN_13', ean_8: 'EAN_8', upc_a: 'UPC_A', upc_e: 'UPC_E', code_128: 'CODE_128', qr_code: 'QR_CODE' }

function scanTypeOf(text: string): string {
  const digits = text.replace(/[^0-9Xx]/g, '')
  if (digits.length === 13) return 'EAN_13'
  if (digits.length === 8) return 'EAN_8'
  return 'CODE_128'
}

/** Resolves with what was scanned or typed, or null when cancelled. */
export function showScanDialog(layer: HTMLElement): Promise<ScanResult | null> {
  return new Promise((resolve) => {
    let stream: MediaStream | null = null
    let done = false
    const finish = (value: ScanResult | null) => {
      if (done) return
      done = true
      stream?.getTracks().forEach((t) => t.stop())
      mask.remove()
      resolve(value)
    }
    const input = h('input', { class: 'pv-scan-input', type: 'text', inputmode: 'numeric', placeholder: '输入或粘贴条码（ISBN）', autocomplete: 'off' }) as HTMLInputElement
    const submit = () => {
      const text = input.value.trim()
      if (text) finish({ result: text, scanType: scanTypeOf(text) })
      else input.focus()
    }
    input.addEventListener('keydown', (e) => e.key === 'Enter' && submit())
    const video = h('video', { class: 'pv-scan-video', muted: true, playsinline: true, hidden: true }) as HTMLVideoElement
    const Detector = (globalThis as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector
    const camera =
      Detector && typeof navigator.mediaDevices?.getUserMedia === 'function'
        ? h('button', { class: 'pv-scan-camera', onclick: () => startCamera(Detector) }, '用摄像头扫码')
        : h('p', { class: 'pv-scan-hint', text: '此浏览器不支持摄像头扫码，请输入条码。' })
    const startCamera = async (DetectorImpl: DetectorClass) => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } })
        video.srcObject = stream
        video.hidden = false
        await video.play()
        const detector = new DetectorImpl({ formats: Object.keys(FORMATS) })
        while (!done) {
          const [code] = await detector.detect(video).catch(() => [])
          if (code) return finish({ result: code.rawValue, scanType: FORMATS[code.format] ?? code.format.toUpperCase() })
          await new Promise((r) => setTimeout(r, 200))
        }
      } catch (error) {
        console.warn('[preview] camera scanning unavailable:', error)
        camera.replaceWith(h('p', { class: 'pv-scan-hint', text: '无法打开摄像头，请输入条码。' }))
      }
    }
    const mask = h(
      'div',
      { class: 'pv-mask' },
      h(
        'div',
        { class: 'pv-modal pv-scan', role: 'dialog', 'aria-label': '扫码' },
        h('strong', { class: 'pv-modal-title', text: '扫码' }),
        video,
        input,
        camera,
        h(
          'div',
          { class: 'pv-modal-buttons' },
          h('button', { class: 'pv-modal-cancel', onclick: () => finish(null) }, '取消'),
          h('button', { class: 'pv-modal-confirm pv-scan-submit', onclick: submit }, '确定'),
        ),
      ),
    )
    layer.append(mask)
    input.focus()
  })
}
