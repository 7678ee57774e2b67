import type { CallerAccess, WriteScope } from '../auth/caller-access.ts';
import type { Meeting, MeetingKey, ParticipantKey, ParticipantWithToken } from '../model.ts';
import type { AppKey, UpstreamCaller, UpstreamClient } from '../upstream/client.ts';
import type { WriteBody } from './write-bodies.ts';

// The writes one GraphQL request may make. Each one, in this order: checks that the
// caller may use the app and holds the mutation's scope (no upstream call otherwise),
// makes the upstream call, then, whatever its outcome (a timeout may still have applied
// it), runs `afterWrite` for the app before the mutation answers. `afterWrite` is the one
// place where what a write can have changed is forgotten: this request's loaders and the
// cross-request cache.

/** What a write can have changed: every read of this app with this credential. */
export interface WrittenApp {
  /** The upstream credential the write used (the cache is kept per credential). */
  authorization: string | undefined;
  accountId: string;
  appId: string;
}

export type AfterWrite = (change: WrittenApp) => Promise<void> | void;

export interface RequestWrites {
  createMeeting(where: AppKey, input: WriteBody): Promise<Meeting>;
  updateMeeting(key: MeetingKey, input: WriteBody): Promise<Meeting>;
  addParticipant(key: MeetingKey, body: object): Promise<ParticipantWithToken>;
  updateParticipant(key: ParticipantKey, body: object): Promise<ParticipantWithToken>;
  removeParticipant(key: ParticipantKey): Promise<{ customParticipantId: string }>;
  refreshParticipantToken(key: ParticipantKey): Promise<string>;
}

export interface RequestWritesOptions {
  client: UpstreamClient;
  scope: UpstreamCaller;
  access: CallerAccess;
  afterWrite: AfterWrite;
}

export function createRequestWrites(options: RequestWritesOptions): RequestWrites {
  const { client, scope, access, afterWrite } = options;

  async function write<T>(where: AppKey, needed: WriteScope, call: () => Promise<T>): Promise<T> {
    access.assertCanRead(where.accountId, where.appId);
    access.assertScope(needed);
    try {
      return await call();
    } finally {
      await afterWrite({
        authorization: scope.authorization,
        accountId: where.accountId,
        appId: where.appId,
      });
    }
  }

  return {
    createMeeting: (where, input) =>
      write(where, 'meetings:write', () => client.createMeeting(scope, where, input.body, input.secrets)),
    updateMeeting: (key, input) =>
      write(key, 'meetings:write', () => client.updateMeeting(scope, key, input.body, input.secrets)),
    addParticipant: (key, body) =>
      write(key, 'participants:write', () => client.addParticipant(scope, key, body)),
    updateParticipant: (key, body) =>
      write(key, 'participants:write', () => client.updateParticipant(scope, key, body)),
    removeParticipant: (key) => write(key, 'participants:write', () => client.removeParticipant(scope, key)),
    refreshParticipantToken: (key) =>
      write(key, 'participants:write', () => client.refreshParticipantToken(scope, key)),
  };
}
