// A calm block for "nothing here" and "something went wrong": a title, an explanation and an
// optional button that fires `action`.
Component({
  properties: {
    title: { type: String, value: '' },
    description: { type: String, value: '' },
    actionText: { type: String, value: '' },
    /** 'empty' or 'error': only the icon differs. */
    kind: { type: String, value: 'empty' },
  },
  methods: {
    onAction() {
      this.triggerEvent('action')
    },
  },
})
