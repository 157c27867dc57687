// What the 读书报告 page renders of a ReadingReport: labelled rows and chart bars, ready for WXML.
import type { ReadingReport } from '../../typings/api'
import type { BarChartBar } from '../components/bar-chart/type'
import { OWNERSHIPS, OWNERSHIP_LABELS } from './ownership'
import { STATUSES, STATUS_LABELS } from './reading-status'

export interface CountRow {
  label: string
  count: number
}

export interface ReportView {
  year: number
  /** The year picker's years, newest first, and where `year` is among them. */
  years: number[]
  yearLabels: string[]
  yearIndex: number
  months: BarChartBar[]
  finishedCount: number
  pagesRead: number
  total: number
  byStatus: CountRow[]
  byOwnership: CountRow[]
  topAuthors: CountRow[]
  topTags: CountRow[]
  lentCount: number
}

/** The picker offers the years with finished books, this year and the one shown, newest first. */
function pickerYears(report: ReadingReport, thisYear: number): number[] {
  return [...new Set([thisYear, report.year, ...report.years])].sort((a, b) => b - a)
}

export function toReportView(report: ReadingReport, thisYear: number): ReportView {
  const years = pickerYears(report, thisYear)
  return {
    year: report.year,
    years,
    yearLabels: years.map((year) => `${year} 年`),
    yearIndex: years.indexOf(report.year),
    months: report.finishedPerMonth.map((value, i) => ({ label: `${i + 1}月`, value })),
    finishedCount: report.finishedCount,
    pagesRead: report.pagesRead,
    total: report.total,
    byStatus: STATUSES.map((status) => ({ label: STATUS_LABELS[status], count: report.byStatus[status] })),
    byOwnership: OWNERSHIPS.map((ownership) => ({ label: OWNERSHIP_LABELS[ownership], count: report.byOwnership[ownership] })),
    topAuthors: report.topAuthors.map(({ author, count }) => ({ label: author, count })),
    topTags: report.topTags.map(({ tag, count }) => ({ label: tag, count })),
    lentCount: report.lentCount,
  }
}
