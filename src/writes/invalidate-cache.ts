import type { WrittenApp } from './request-writes.ts';

// The one call point between writes and the cross-request cache: every mutation awaits
// it (through `RequestWrites`' afterWrite) before it answers, so that a read starting
// after the answer never sees the state before the write. Until the cache exists there is
// nothing cached across requests to forget; the cache plugs its invalidation in here.
export async function invalidateCachedReads(_change: WrittenApp): Promise<void> {}
