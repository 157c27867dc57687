// Grey placeholder rows shaped like book cards, shown while the first page loads.
Component({
  properties: {
    rows: { type: Number, value: 4 },
  },
  data: { slots: [0, 1, 2, 3] },
  observers: {
    rows(rows: number) {
      this.setData({ slots: Array.from({ length: Math.max(0, Math.min(rows, 10)) }, (_, i) => i) })
    },
  },
})
