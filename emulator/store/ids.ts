import { randomBytes } from 'crypto'

/** A server-generated document id: 32 hex characters (the real format is UNVERIFIED; see the reference §7). */
export const newDocId = (): string => randomBytes(16).toString('hex')
