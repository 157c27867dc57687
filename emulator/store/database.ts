// The database: collections in memory, made durable by the journal (+ snapshot on compaction),
// with transactions that are atomic (undo log) and isolated (global lock).
//
// Data folder layout: <data>/db/snapshot.jsonl and <data>/db/journal-<generation>.jsonl, plus any
// `<file>.damaged-<time>` copies recovery kept (damage.ts).
import { randomBytes } from 'crypto'
import { existsSync, mkdirSync, readdirSync, unlinkSync } from 'fs'
import path from 'path'
import { TEMP_SUFFIX } from '../durable-file'
import { collectionNotExist, PlatformError, requestFailed } from '../errors'
import { runPipeline } from './aggregate'
import { Collection } from './collection'
import { handleDamage, isDamagedCopy } from './damage'
import { newDocId } from './ids'
import { Journal, readJournal } from './journal'
import { GlobalLock } from './lock'
import { readSnapshot, writeSnapshot } from './snapshot'
import type {
  AggregateRequest,
  CollectionContents,
  CollectionInfo,
  CountRequest,
  FindRequest,
  InsertRequest,
  RemoveRequest,
  UpdateRequest,
  UpdateResult,
} from './requests'
import type { Doc, DocId, IndexSpecs, Mutation } from './types'
import { compileUpdate } from './update'

/** An abandoned transaction is aborted after this long, so it cannot hold the lock forever. */
export const TRANSACTION_TIMEOUT_MS = 10_000
const DEFAULT_COMPACT_BYTES = 64 * 1024 * 1024
const JOURNAL_NAME = /^journal-(\d+)\.jsonl$/

export interface DatabaseOptions {
  indexes?: IndexSpecs
  /** Journal size that triggers compaction into a snapshot. */
  compactBytes?: number
  /** Default TRANSACTION_TIMEOUT_MS; tests shorten it. */
  transactionTimeoutMs?: number
  log?: (message: string) => void
  /** Drop damaged records however many there are (--repair); by default more than a few stop the start. */
  repair?: boolean
}

type Undo = { c: string; id?: DocId; before?: Doc; created?: boolean }

interface Transaction {
  id: string
  mutations: Mutation[]
  undo: Undo[]
  timer: NodeJS.Timeout
}

/** The database's collections as its writers reach them (the Database's own, never exported). */
interface WriterStore {
  collection(name: string): Collection
  hasCollection(name: string): boolean
  addCollection(name: string): Collection
  revert(u: Undo): void
}

/** What an operation uses to change data; it records the journal mutations and the undo log. */
class Writer {
  readonly mutations: Mutation[] = []
  readonly undo: Undo[] = []

  constructor(private readonly store: WriterStore) {}

  insert(collection: string, doc: Doc): void {
    const c = this.store.collection(collection)
    c.checkUnique(doc, true)
    this.undo.push({ c: collection, id: doc._id as DocId })
    c.put(doc)
    this.mutations.push({ op: 'put', c: collection, doc })
  }

  replace(collection: string, doc: Doc): void {
    const c = this.store.collection(collection)
    c.checkUnique(doc, false)
    this.undo.push({ c: collection, id: doc._id as DocId, before: c.get(doc._id as DocId) })
    c.put(doc)
    this.mutations.push({ op: 'put', c: collection, doc })
  }

  remove(collection: string, id: DocId): void {
    const before = this.store.collection(collection).delete(id)
    if (!before) return
    this.undo.push({ c: collection, id, before })
    this.mutations.push({ op: 'del', c: collection, id })
  }

  createCollection(name: string): void {
    if (this.store.hasCollection(name)) return
    this.store.addCollection(name)
    this.undo.push({ c: name, created: true })
    this.mutations.push({ op: 'create', c: name })
  }

  /** Reverts this writer's changes, newest first. */
  rollback(undo: Undo[] = this.undo): void {
    for (const u of [...undo].reverse()) this.store.revert(u)
  }
}

export class Database {
  private readonly collections = new Map<string, Collection>()
  private readonly writerStore: WriterStore = {
    collection: (name) => this.collection(name),
    hasCollection: (name) => this.collections.has(name),
    addCollection: (name) => this.addCollection(name),
    revert: (u) => this.revert(u),
  }
  private readonly lock = new GlobalLock()
  private readonly transactions = new Map<string, Transaction>()
  private journal!: Journal
  private generation = 1
  private compacting = false
  /** Set when the journal could not be written: from then on writes are refused (fail-stop). */
  private broken?: Error

  private constructor(
    private readonly dir: string,
    private readonly options: DatabaseOptions,
  ) {}

  /** Opens (or creates) the database under `<dataDir>/db`: snapshot, then journal replay. */
  static async open(dataDir: string, options: DatabaseOptions = {}): Promise<Database> {
    const db = new Database(path.join(dataDir, 'db'), options)
    const damaged = await db.recover()
    // Dropped records would be reported again at every start: a compaction leaves a clean journal
    // (the copies of the damaged files stay).
    if (damaged) await db.compact()
    return db
  }

  private get snapshotFile(): string {
    return path.join(this.dir, 'snapshot.jsonl')
  }

  private journalFile(generation: number): string {
    return path.join(this.dir, `journal-${String(generation).padStart(6, '0')}.jsonl`)
  }

  private log(message: string): void {
    this.options.log?.(message)
  }

  /** The highest generation among the journal files present, if any. */
  private newestJournalGeneration(): number | undefined {
    const generations = readdirSync(this.dir).flatMap((f) => JOURNAL_NAME.exec(f)?.[1] ?? []).map(Number)
    return generations.length > 0 ? Math.max(...generations) : undefined
  }

  /** Loads the snapshot and replays the journal; returns true when damaged records were dropped. */
  private async recover(): Promise<boolean> {
    mkdirSync(this.dir, { recursive: true })
    const snapshot = readSnapshot(this.snapshotFile)
    // An unreadable header loses the generation: the newest journal present continues the snapshot
    // (an older one left by an interrupted compaction is harmless to replay: each record sets again
    // what the snapshot already holds).
    this.generation = snapshot.header?.journal ?? this.newestJournalGeneration() ?? 1
    const journalFile = this.journalFile(this.generation)
    const replay = readJournal(journalFile)
    if (replay.tornBytes > 0) this.log(`recovery: dropped torn last record (${replay.tornBytes} bytes) of ${journalFile}`)
    const bad = [...snapshot.bad, ...replay.bad]
    if (bad.length > 0) for (const line of handleDamage(bad, this.options.repair === true)) this.log(line)

    // Replay into plain maps, then load each collection once: its indexes are built in one pass
    // rather than updated for every replayed mutation.
    const state = new Map<string, Map<DocId, Doc>>()
    const docsOf = (name: string) => {
      let docs = state.get(name)
      if (!docs) state.set(name, (docs = new Map()))
      return docs
    }
    const replayMutation = (m: Mutation) => {
      if (m.op === 'put') docsOf(m.c).set(m.doc._id as DocId, m.doc)
      else if (m.op === 'del') state.get(m.c)?.delete(m.id)
      else docsOf(m.c)
    }
    for (const m of snapshot.mutations) replayMutation(m)
    for (const record of replay.records) for (const m of record) replayMutation(m)
    for (const [name, docs] of state) this.addCollection(name).load([...docs.values()])

    // Leftovers of an interrupted compaction: journals of older generations (it had renamed its
    // snapshot) and temp files (it had not). Copies of damaged files are kept.
    for (const f of readdirSync(this.dir)) {
      const file = path.join(this.dir, f)
      const stale = (JOURNAL_NAME.test(f) && file !== journalFile) || f.endsWith(TEMP_SUFFIX)
      if (stale && !isDamagedCopy(f)) unlinkSync(file)
    }
    this.journal = await Journal.open(journalFile)
    return bad.length > 0
  }

  private addCollection(name: string): Collection {
    let c = this.collections.get(name)
    if (!c) this.collections.set(name, (c = new Collection(name, this.options.indexes?.[name] ?? [])))
    return c
  }

  private revert(u: Undo): void {
    if (u.created) this.collections.delete(u.c)
    else if (u.before) this.collections.get(u.c)?.put(u.before)
    else if (u.id !== undefined) this.collections.get(u.c)?.delete(u.id)
  }

  private collection(name: string): Collection {
    const c = this.collections.get(name)
    if (!c) throw collectionNotExist(name)
    return c
  }

  // The store's requests (requests.ts). Reads see committed data, or the transaction's own view
  // inside `txId`; writes are atomic, and durable when they resolve outside a transaction.

  find(txId: string | undefined, { collection, filter, ...options }: FindRequest): Promise<Doc[]> {
    return this.read(txId, () => this.collection(collection).find(filter, options))
  }

  count(txId: string | undefined, { collection, filter }: CountRequest): Promise<number> {
    return this.read(txId, () => this.collection(collection).count(filter))
  }

  /** Inserts a batch, all or nothing (a failed unique check undoes the whole batch); answers the `_id`s. */
  insert(txId: string | undefined, { collection, docs }: InsertRequest): Promise<unknown[]> {
    return this.write(txId, (w) =>
      docs.map((doc) => {
        const stored = { _id: doc._id ?? newDocId(), ...doc }
        w.insert(collection, stored)
        return stored._id
      }),
    )
  }

  /**
   * Updates (merges operators, or replaces) the first or every match, or upserts. Every match is
   * updated in memory before anything is stored, so a document the update refuses fails the whole
   * request and changes nothing.
   */
  async update(txId: string | undefined, request: UpdateRequest): Promise<UpdateResult> {
    const { collection, filter, multi, upsert } = request
    const update = compileUpdate(request)
    return this.write(txId, (w) => {
      const targets = this.collection(collection).find(filter, { limit: multi ? Infinity : 1 })
      const changed: Doc[] = []
      for (const doc of targets) {
        const after = update.apply(doc)
        if (after) changed.push(after)
      }
      // `updated` counts changed documents, as MongoDB's nModified; whether the real cloud counts
      // matched ones is UNVERIFIED.
      for (const doc of changed) w.replace(collection, doc)
      if (targets.length > 0 || !upsert) return { updated: changed.length }
      const created = update.create()
      created._id ??= newDocId()
      w.insert(collection, created)
      return { updated: 0, upsertedId: created._id }
    })
  }

  /** Removes the first or every match; answers how many. */
  remove(txId: string | undefined, { collection, filter, multi }: RemoveRequest): Promise<number> {
    return this.write(txId, (w) => {
      const targets = this.collection(collection).find(filter, { limit: multi ? Infinity : 1 })
      for (const doc of targets) w.remove(collection, doc._id as DocId)
      return targets.length
    })
  }

  aggregate({ collection, pipeline }: AggregateRequest): Promise<Doc[]> {
    return this.read(undefined, () =>
      runPipeline(
        {
          match: (name, filter) => this.collection(name).find(filter),
          all: (name) => [...this.collection(name).values()],
          valueCounts: (name) => (field, unwind, openid, existing) => this.collection(name).countsOf(field, unwind, openid, existing),
        },
        collection,
        pipeline,
      ),
    )
  }

  /** Creates a collection; one that exists already is refused. */
  async createCollection(name: string): Promise<void> {
    await this.write(undefined, (w) => {
      // Wording for an existing collection is UNVERIFIED.
      if (this.collections.has(name)) throw requestFailed(`[ResourceInUse] Table exist: ${name}`)
      w.createCollection(name)
    })
  }

  /** Creates those of `names` that do not exist yet (the collections the app declares). */
  async ensureCollections(names: string[]): Promise<void> {
    await this.write(undefined, (w) => names.forEach((name) => w.createCollection(name)))
  }

  listCollections(): Promise<CollectionInfo[]> {
    return this.read(undefined, () => [...this.collections.values()].map((c) => ({ name: c.name, size: c.size, indexes: c.indexNames })))
  }

  /**
   * Every collection's documents as they are in memory, without waiting for the lock: for the export
   * at exit, when no request is running (an abandoned transaction's changes would be included).
   */
  contents(): CollectionContents[] {
    return [...this.collections.values()].map((c) => ({ name: c.name, docs: [...c.values()] }))
  }

  /** Replaces the whole contents of each given collection (creating it if needed), durably, as one write. */
  replaceContents(contents: CollectionContents[]): Promise<number> {
    return this.write(undefined, (w) => {
      let n = 0
      for (const { name, docs } of contents) {
        w.createCollection(name)
        for (const doc of [...this.collection(name).values()]) w.remove(name, doc._id as DocId)
        for (const doc of docs) w.insert(name, doc)
        n += docs.length
      }
      return n
    })
  }

  private checkTransaction(txId: string | undefined): Transaction | undefined {
    if (txId === undefined) return undefined
    const tx = this.transactions.get(txId)
    // UNVERIFIED: the real cloud's code and text for an unknown or expired transaction.
    if (!tx) throw new PlatformError('DATABASE_TRANSACTION_FAIL', `transaction ${txId} does not exist or has ended`)
    return tx
  }

  /** Runs a read when no other transaction holds the lock (inside `txId` when given). */
  private async read<T>(txId: string | undefined, fn: () => T): Promise<T> {
    this.checkTransaction(txId)
    const wait = this.lock.pass(txId)
    if (wait) await wait
    return fn()
  }

  /**
   * Runs a write atomically: if `fn` throws, its changes are undone. Outside a transaction the
   * promise resolves only once the change is on disk; inside one, the change waits for commit.
   */
  private async write<T>(txId: string | undefined, fn: (w: Writer) => T): Promise<T> {
    this.checkWritable()
    const tx = this.checkTransaction(txId)
    const wait = this.lock.pass(txId)
    if (wait) await wait
    const writer = new Writer(this.writerStore)
    let result: T
    try {
      result = fn(writer)
    } catch (error) {
      writer.rollback()
      throw error
    }
    if (tx) {
      tx.mutations.push(...writer.mutations)
      tx.undo.push(...writer.undo)
    } else if (writer.mutations.length > 0) {
      await this.durably(writer.mutations)
      this.maybeCompact()
    }
    return result
  }

  private checkWritable(): void {
    if (this.broken) throw new PlatformError('SYS_ERR', `the journal could not be written (${this.broken.message}); restart the emulator`)
  }

  /**
   * Appends to the journal. If that fails, the change is in memory but not on disk: rather than
   * serve a state that a restart would not give back, the database stops accepting writes.
   */
  private async durably(mutations: Mutation[]): Promise<void> {
    try {
      await this.journal.append(mutations)
    } catch (error) {
      this.broken ??= error as Error
      this.log(`journal write failed, writes are refused from now on: ${(error as Error).message}`)
      this.checkWritable()
    }
  }

  async startTransaction(): Promise<string> {
    const id = randomBytes(16).toString('hex')
    await this.lock.acquire(id)
    const timeout = this.options.transactionTimeoutMs ?? TRANSACTION_TIMEOUT_MS
    const timer = setTimeout(() => {
      this.log(`transaction ${id} abandoned for ${timeout} ms: aborted`)
      this.abortTransaction(id)
    }, timeout)
    timer.unref()
    this.transactions.set(id, { id, mutations: [], undo: [], timer })
    return id
  }

  /** Commits: all of the transaction's changes become one journal record, so replay is all or nothing. */
  async commitTransaction(txId: string): Promise<void> {
    const tx = this.checkTransaction(txId)!
    this.end(tx)
    if (this.broken) new Writer(this.writerStore).rollback(tx.undo)
    try {
      this.checkWritable()
      if (tx.mutations.length > 0) await this.durably(tx.mutations)
    } finally {
      this.lock.release(tx.id)
    }
    this.maybeCompact()
  }

  abortTransaction(txId: string): void {
    const tx = this.checkTransaction(txId)!
    this.end(tx)
    new Writer(this.writerStore).rollback(tx.undo)
    this.lock.release(tx.id)
  }

  private end(tx: Transaction): void {
    clearTimeout(tx.timer)
    this.transactions.delete(tx.id)
  }

  private maybeCompact(): void {
    const limit = this.options.compactBytes ?? DEFAULT_COMPACT_BYTES
    if (this.compacting || this.journal.size < limit) return
    this.compacting = true
    this.compact()
      .catch((error) => this.log(`compaction failed: ${(error as Error).message}`))
      .finally(() => (this.compacting = false))
  }

  /**
   * Writes the whole database as a snapshot and starts the next journal generation. Holds the lock
   * so the snapshot holds committed data only.
   */
  async compact(): Promise<void> {
    const owner = 'compaction'
    await this.lock.acquire(owner)
    try {
      await this.journal.flush()
      const started = Date.now()
      const old = this.journal
      const next = this.generation + 1
      writeSnapshot(this.snapshotFile, { journal: next }, this.collections.values())
      this.journal = await Journal.open(this.journalFile(next))
      this.generation = next
      await old.close()
      if (existsSync(old.file)) unlinkSync(old.file)
      this.log(`compacted ${this.countDocuments()} documents into a snapshot in ${Date.now() - started} ms`)
    } finally {
      this.lock.release(owner)
    }
  }

  countDocuments(): number {
    let n = 0
    for (const c of this.collections.values()) n += c.size
    return n
  }

  /** Waits for every acknowledged write to be on disk, then closes the journal. */
  async close(): Promise<void> {
    for (const tx of [...this.transactions.values()]) this.abortTransaction(tx.id)
    await this.journal.close()
  }
}
