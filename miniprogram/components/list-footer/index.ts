// The line under a paged list: loading, more to come, or the end.
import { listFooterProps } from './type'

Component({
  properties: listFooterProps,
})
