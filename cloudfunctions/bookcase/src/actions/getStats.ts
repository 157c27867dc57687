// getStats {year}: the caller's reading report (读书报告) for one year, computed by aggregations.
import { readingReport } from '../domain/stats'
import type { Action } from './types'

export const getStats: Action<'getStats'> = async (event, { openid }) => readingReport(openid, event.year)
