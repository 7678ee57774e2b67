import type DataLoader from 'dataloader';
import type { RequestLoaders } from '../loaders/request-loaders.ts';
import type { CallerAccess } from './caller-access.ts';

/**
 * The one place where a caller's access is checked: every load of a request's loaders
 * (list windows, meetings by id, meeting details, participants, live sessions) first asks `access.assertCanRead` for the
 * app it reads. A refused load is a rejected promise (so only the field that asked fails)
 * and never reaches the loader, so it costs no upstream call. Everything that reads the
 * upstream goes through these loaders, whatever the field (`meetings`, `meeting`, `node`,
 * `nodes`, `_entities`, `aiConfig`).
 */
export function guardLoaders(loaders: RequestLoaders, access: CallerAccess): RequestLoaders {
  return {
    pages: guard(loaders.pages, (request) =>
      access.assertCanRead(request.list.accountId, request.list.appId),
    ),
    listedOrDetails: guard(loaders.listedOrDetails, (key) => access.assertCanRead(key.accountId, key.appId)),
    details: guard(loaders.details, (meeting) => access.assertCanRead(meeting.accountId, meeting.appId)),
    participantPages: guard(loaders.participantPages, (request) =>
      access.assertCanRead(request.list.accountId, request.list.appId),
    ),
    participant: guard(loaders.participant, (key) => access.assertCanRead(key.accountId, key.appId)),
    activeSession: guard(loaders.activeSession, (key) => access.assertCanRead(key.accountId, key.appId)),
  };
}

/** `loader` with `check(key)` run before each `load`/`loadMany` key; all else unchanged. */
function guard<K, V, C>(loader: DataLoader<K, V, C>, check: (key: K) => void): DataLoader<K, V, C> {
  const load = (key: K): Promise<V> => {
    try {
      check(key);
    } catch (error) {
      return Promise.reject(error);
    }
    return loader.load(key);
  };
  const loadMany = (keys: ArrayLike<K>): Promise<(V | Error)[]> =>
    Promise.all(
      Array.from(keys, (key) =>
        load(key).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
      ),
    );
  const guarded: DataLoader<K, V, C> = new Proxy(loader, {
    get(target, property) {
      if (property === 'load') return load;
      if (property === 'loadMany') return loadMany;
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      // `prime`, `clear` and `clearAll` return the loader: hand back the guarded one.
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        return result === target ? guarded : result;
      };
    },
  });
  return guarded;
}
