// The store's global lock: free operations pass at once; a holder excludes everyone else; waiters
// are served in arrival order.
import { GlobalLock } from '../../../emulator/store/lock'

test('operations pass at once while nobody holds the lock, and the holder passes its own', async () => {
  const lock = new GlobalLock()
  expect(lock.pass()).toBeNull()
  await lock.acquire('tx1')
  expect(lock.pass('tx1')).toBeNull()
  expect(lock.pass()).toBeInstanceOf(Promise)
  expect(lock.pass('tx2')).toBeInstanceOf(Promise)
})

test('waiters are served in order; operations queued before an exclusive waiter run before it', async () => {
  const lock = new GlobalLock()
  const order: string[] = []
  await lock.acquire('a')
  const op1 = lock.pass()!.then(() => order.push('op1'))
  const b = lock.acquire('b').then(() => order.push('b'))
  const op2 = lock.pass()!.then(() => order.push('op2'))
  lock.release('a')
  await Promise.all([op1, b])
  expect(order).toEqual(['op1', 'b'])
  expect(lock.owner).toBe('b')
  lock.release('b')
  await op2
  expect(order).toEqual(['op1', 'b', 'op2'])
  expect(lock.owner).toBeNull()
})
