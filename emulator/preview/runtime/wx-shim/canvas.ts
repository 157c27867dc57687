// wx.createOffscreenCanvas and wx.canvasToTempFilePath over the browser's own canvas, for pages that
// draw an image (the share card): the drawing context is the standard 2D one WeChat's also follows, and
// the result is a local temp file (`http://tmp/…`, temp-files.ts) that <image> and the share panel show.
import { addTempFile } from '../temp-files'
import { asyncApi } from './async-api'

type ContextType = '2d' | 'webgl'

interface OffscreenOptions {
  type?: ContextType
  width?: number
  height?: number
}

interface ToTempFileOptions {
  canvas?: HTMLCanvasElement
  canvasId?: string
  x?: number
  y?: number
  width?: number
  height?: number
  destWidth?: number
  destHeight?: number
  fileType?: 'png' | 'jpg'
  quality?: number
}

export function createCanvas() {
  return {
    /** Both call shapes: ({type, width, height}) and the older (type?, width, height). */
    createOffscreenCanvas(options: OffscreenOptions | ContextType = {}, width?: number, height?: number) {
      const o: OffscreenOptions = typeof options === 'object' ? options : { type: options, width, height }
      const canvas = document.createElement('canvas')
      canvas.width = o.width ?? 300
      canvas.height = o.height ?? 150
      return Object.assign(canvas, { createImage: () => new Image() })
    },

    canvasToTempFilePath: asyncApi('canvasToTempFilePath', async (options: ToTempFileOptions) => {
      const source = options.canvas
      if (!source || typeof source.getContext !== 'function') {
        // canvasId names an old-style <canvas canvas-id>, which the preview does not draw.
        throw new Error('canvasToTempFilePath:fail canvas is required (a 2d canvas or an offscreen canvas)')
      }
      const { x = 0, y = 0 } = options
      const width = options.width ?? source.width - x
      const height = options.height ?? source.height - y
      const out = document.createElement('canvas')
      out.width = Math.max(1, Math.round(options.destWidth ?? width))
      out.height = Math.max(1, Math.round(options.destHeight ?? height))
      out.getContext('2d')!.drawImage(source, x, y, width, height, 0, 0, out.width, out.height)
      const fileType = options.fileType === 'jpg' ? 'jpg' : 'png'
      const mime = fileType === 'jpg' ? 'image/jpeg' : 'image/png'
      const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, mime, options.quality ?? 1))
      if (!blob) throw new Error('canvasToTempFilePath:fail the canvas could not be encoded')
      return { tempFilePath: addTempFile(new Uint8Array(await blob.arrayBuffer()), `canvas.${fileType}`, mime) }
    }),
  }
}
