// A book's place in a series as readers write it: 《三体》2.

/** 《三体》2, 《三体》 without a volume, '' outside a series. */
export function seriesLabel(series: string | undefined, volume: number | undefined): string {
  if (!series) return ''
  return volume === undefined ? `《${series}》` : `《${series}》${volume}`
}
