// Aggregation pipelines, run by mingo over a collection's documents, with shortcuts for the grouping
// shapes the app sends (aggregate-fast-path.ts): a reader's top values from kept counts, other groups
// over the stored documents in place.
import { aggregate, ProcessingMode } from 'mingo'
import { aggregatePrefix, countedPrefix, type ValueCountsOf } from './aggregate-fast-path'
import { guarded } from './mingo-guard'
import type { Doc } from './types'

export interface PipelineSource {
  /** The documents a `$match` selects, answered by the collection (with its indexes). */
  match(collection: string, filter: Doc): Doc[]
  /** Every document of a collection (`$lookup`'s `from`, or a pipeline without a leading `$match`). */
  all(collection: string): Doc[]
  /** A collection's per-reader counts of a field's values. */
  valueCounts(collection: string): ValueCountsOf
}

export function runPipeline(source: PipelineSource, collection: string, pipeline: Doc[]): Doc[] {
  // A leading $match is answered by the store before the rest of the pipeline runs.
  const first = pipeline[0]
  const leadingMatch = first !== undefined && Object.hasOwn(first, '$match') && first.$match !== null && typeof first.$match === 'object'
  return guarded(() => {
    const rest = leadingMatch ? pipeline.slice(1) : pipeline
    const counted = leadingMatch ? countedPrefix(first.$match as Doc, rest, source.valueCounts(collection)) : undefined
    const docs = counted ? [] : leadingMatch ? source.match(collection, first.$match as Doc) : source.all(collection)
    // Either shortcut leaves mingo only the grouped rows.
    const grouped = counted ?? aggregatePrefix(docs, rest)
    if (grouped && grouped.rest.length === 0) return grouped.rows
    return aggregate(grouped?.rows ?? docs, grouped?.rest ?? rest, {
      // Stored documents are shared, so the pipeline works on copies.
      processingMode: ProcessingMode.CLONE_INPUT,
      collectionResolver: (other: string) => source.all(other),
    }) as Doc[]
  })
}
