// Input bounds the function enforces (cloudfunctions/bookcase/src/validation/fields.ts), mirrored as
// input maxlengths and local checks so the reader is told before a call is wasted.
export const LIMITS = {
  title: 300,
  tag: 30,
  tags: 20,
  note: 5000,
  shelfName: 40,
  query: 100,
} as const
