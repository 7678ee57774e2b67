import DataLoader from 'dataloader';
import { describe, expect, it } from 'vitest';
import { ANY_APP, noAccess, onlyAllowed } from '../../src/auth/caller-access.ts';
import { guardLoaders } from '../../src/auth/guard-loaders.ts';
import { isGatewayError } from '../../src/errors.ts';
import type { RequestLoaders } from '../../src/loaders/request-loaders.ts';
import type { Meeting, MeetingKey } from '../../src/model.ts';

/** Loaders that record what reached them. */
function recordingLoaders() {
  const seen: string[] = [];
  const loader = <K extends { appId: string }>(name: string) =>
    new DataLoader<K, null, string>(
      async (keys) =>
        keys.map((key) => {
          seen.push(`${name}:${key.appId}`);
          return null;
        }),
      { cacheKeyFn: (key) => key.appId },
    );
  // The guard reads only `appId` (`list.appId` for pages).
  const pages = new DataLoader<{ list: { appId: string } }, null, string>(
    async (keys) =>
      keys.map((key) => {
        seen.push(`pages:${key.list.appId}`);
        return null;
      }),
    { cacheKeyFn: (key) => key.list.appId },
  );
  const participantPages = new DataLoader<{ list: { appId: string } }, null, string>(
    async (keys) =>
      keys.map((key) => {
        seen.push(`participantPages:${key.list.appId}`);
        return null;
      }),
    { cacheKeyFn: (key) => key.list.appId },
  );
  const loaders = {
    pages,
    participantPages,
    listedOrDetails: loader<MeetingKey>('listedOrDetails'),
    details: loader<Meeting>('details'),
    participant: loader<MeetingKey>('participant'),
    activeSession: loader<MeetingKey>('activeSession'),
  };
  return { seen, loaders: loaders as unknown as RequestLoaders };
}

const key = (appId: string, accountId = 'acc') => ({ accountId, appId, meetingId: 'm' });

describe('guardLoaders', () => {
  it('lets loads of allowed apps through, untouched', async () => {
    const { seen, loaders } = recordingLoaders();
    const guarded = guardLoaders(loaders, ANY_APP);
    await guarded.listedOrDetails.load(key('a'));
    await guarded.details.load(key('b') as unknown as Meeting);
    await guarded.activeSession.load(key('c'));
    await guarded.participantPages.load({ list: key('d') } as never);
    expect(seen).toEqual(['listedOrDetails:a', 'details:b', 'activeSession:c', 'participantPages:d']);
  });

  it('rejects loads of other apps with FORBIDDEN before they reach the loader', async () => {
    const { seen, loaders } = recordingLoaders();
    const guarded = guardLoaders(loaders, onlyAllowed(new Set(['a'])));
    await expect(guarded.listedOrDetails.load(key('b'))).rejects.toSatisfy(
      (error) => isGatewayError(error) && error.code === 'FORBIDDEN',
    );
    const many = await guarded.listedOrDetails.loadMany([key('a'), key('b')]);
    expect(many[0]).toBeNull();
    expect(isGatewayError(many[1]) && many[1].code).toBe('FORBIDDEN');
    // prime/clear hand back the guarded loader, so chaining cannot bypass the check.
    await expect(guarded.listedOrDetails.clear(key('a')).load(key('c'))).rejects.toBeInstanceOf(Error);
    await expect(guarded.participant.load({ ...key('b'), participantId: 'p' })).rejects.toBeInstanceOf(Error);
    await expect(guarded.activeSession.load(key('b'))).rejects.toBeInstanceOf(Error);
    await expect(guarded.participantPages.load({ list: key('b') } as never)).rejects.toBeInstanceOf(Error);
    expect(seen).toEqual(['listedOrDetails:a']);
  });

  it('with an accounts claim, rejects other accounts with FORBIDDEN; "*" allows every app', async () => {
    const { seen, loaders } = recordingLoaders();
    const guarded = guardLoaders(loaders, onlyAllowed('*', new Set(['acc'])));
    await guarded.listedOrDetails.load(key('any-app'));
    await expect(guarded.listedOrDetails.load(key('a', 'other'))).rejects.toSatisfy(
      (error) => isGatewayError(error) && error.code === 'FORBIDDEN' && /account "other"/.test(error.message),
    );
    expect(seen).toEqual(['listedOrDetails:any-app']);
  });

  it('rejects everything with UNAUTHENTICATED without a verified caller', async () => {
    const { seen, loaders } = recordingLoaders();
    const guarded = guardLoaders(loaders, noAccess('UNAUTHENTICATED', 'No token.'));
    await expect(guarded.listedOrDetails.load(key('a'))).rejects.toSatisfy(
      (error) => isGatewayError(error) && error.code === 'UNAUTHENTICATED' && error.message === 'No token.',
    );
    expect(seen).toEqual([]);
  });
});
