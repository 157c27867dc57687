// Ownership (已拥有 / 想买) as the reader sees it, in the order the filters and the book page show it.
import type { Ownership } from '../../typings/api'

export const OWNERSHIP_LABELS: Record<Ownership, string> = {
  owned: '已拥有',
  wanted: '想买',
}

export const OWNERSHIPS: Ownership[] = ['owned', 'wanted']

export function isOwnership(value: unknown): value is Ownership {
  return typeof value === 'string' && (OWNERSHIPS as string[]).includes(value)
}
