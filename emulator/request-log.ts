// The last few hundred requests, for the data viewer (/_/data): what the app asked, how long it took.
export interface RequestEntry {
  at?: Date
  kind: 'admin' | 'gateway' | 'client-db' | 'client-storage'
  name: string
  target?: string
  ms: number
  error?: string
}

export class RequestLog {
  private readonly entries: RequestEntry[] = []

  constructor(private readonly capacity = 200) {}

  add(entry: RequestEntry): void {
    this.entries.push({ at: new Date(), ...entry })
    if (this.entries.length > this.capacity) this.entries.shift()
  }

  /** Newest first. */
  recent(): RequestEntry[] {
    return [...this.entries].reverse()
  }
}
