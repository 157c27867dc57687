// The line under a paged list: loading, more to come, or the end.
Component({
  properties: {
    loading: { type: Boolean, value: false },
    hasMore: { type: Boolean, value: false },
  },
})
