import { randomBytes } from 'crypto'

/** A server-generated document id: 32 hex characters (the real format is UNVERIFIED; emulator/README.md, "Unverified"). */
export const newDocId = (): string => randomBytes(16).toString('hex')
