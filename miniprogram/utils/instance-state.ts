// State a page keeps for itself but never renders (cursors, share ids, pending searches). It stays
// out of `data`, because everything in `data` is sent to the view layer by setData. Created on first
// use for each page instance, so two open copies of a page never share it.
export function instanceState<Owner extends object, State>(create: (owner: Owner) => State): (owner: Owner) => State {
  const states = new WeakMap<Owner, State>()
  return (owner) => {
    let state = states.get(owner)
    if (state === undefined) {
      state = create(owner)
      states.set(owner, state)
    }
    return state
  }
}
