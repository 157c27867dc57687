// A book's cover, or a calm placeholder with the title's first character when there is none
// (or the image fails to load).
Component({
  properties: {
    src: { type: String, value: '' },
    title: { type: String, value: '' },
    /** 'small' for list cards, 'large' for the detail page. */
    size: { type: String, value: 'small' },
  },
  data: { failed: false },
  observers: {
    src() {
      if (this.data.failed) this.setData({ failed: false })
    },
  },
  methods: {
    onImageError() {
      this.setData({ failed: true })
    },
  },
})
