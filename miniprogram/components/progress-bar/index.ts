// How far the reader has got in a book: a thin bar and its label.
import { progressBarProps } from './type'

Component({ properties: progressBarProps })
