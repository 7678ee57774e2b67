// The sandbox's participants, per meeting, in the upstream's list order (created_at
// descending, then id ascending, like meetings), with the same paging as the meetings
// list, and join tokens. Seeded deterministically: the first seeded meeting has 150
// participants (more than one page of 100), the others 0 to 6.
import { randomBytes, randomUUID } from 'node:crypto';
import { createRandom } from './random.ts';

/** A participant as the upstream sends it. */
export interface WireParticipant {
  id: string;
  custom_participant_id: string;
  name?: string | null;
  picture?: string | null;
  preset_name: string;
  created_at: string;
  updated_at: string;
}

/** Every join token the sandbox issues starts with this, so any output can be grepped for leaks. */
export const JOIN_TOKEN_MARKER = 'SANDBOX-JOIN-TOKEN-';

export const PRESETS = ['group_call_host', 'group_call_participant', 'webinar_viewer'] as const;

const NAMES = ['Priya', 'Tom', 'Ana', 'Björn', 'Zoë', 'José', 'Mei', 'Kwame', 'Olga', 'Lukas', 'Aisha'];

export function joinToken(): string {
  return `${JOIN_TOKEN_MARKER}${randomBytes(24).toString('base64url')}`;
}

/** Deterministic participants for seeded meetings (by meeting id, in the meetings' order). */
export function seedParticipants(
  meetings: readonly { id: string; created_at: string }[],
  seed = 7,
): Map<string, WireParticipant[]> {
  const r = createRandom(seed);
  const out = new Map<string, WireParticipant[]>();
  meetings.forEach((meeting, index) => {
    const count = index === 0 ? 150 : r.int(0, 6);
    const createdMs = Date.parse(meeting.created_at);
    const list: WireParticipant[] = [];
    for (let i = 0; i < count; i++) {
      const at = new Date(createdMs + (i + 1) * 60_000 + r.int(0, 59_999)).toISOString();
      const name = `${r.pick(NAMES)} ${String.fromCharCode(65 + r.int(0, 25))}.`;
      list.push({
        id: r.uuid(),
        custom_participant_id: `user-${r.hex(8)}`,
        name,
        picture: r.chance(0.5) ? `https://avatars.example.com/${r.hex(8)}.png` : null,
        preset_name: r.pick(PRESETS),
        created_at: at,
        updated_at: at,
      });
    }
    out.set(meeting.id, list);
  });
  return out;
}

function compare(a: WireParticipant, b: WireParticipant): number {
  const byTime = Date.parse(b.created_at) - Date.parse(a.created_at);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class ParticipantStore {
  readonly #byMeeting = new Map<string, WireParticipant[]>();
  readonly #perPageCap: number;

  constructor(seeded: Map<string, WireParticipant[]>, perPageCap = Number.POSITIVE_INFINITY) {
    this.#perPageCap = perPageCap;
    for (const [meetingId, list] of seeded)
      this.#byMeeting.set(meetingId, structuredClone(list).sort(compare));
  }

  #list(meetingId: string): WireParticipant[] {
    let list = this.#byMeeting.get(meetingId);
    if (!list) {
      list = [];
      this.#byMeeting.set(meetingId, list);
    }
    return list;
  }

  /** Body of `GET …/participants` for one page. */
  listBody(meetingId: string, pageNo: number, perPage: number): object {
    const list = this.#list(meetingId);
    const size = Math.min(perPage, this.#perPageCap);
    const start = (pageNo - 1) * size;
    const page = list.slice(start, start + size);
    return {
      success: true,
      data: page,
      paging: { total_count: list.length, start_offset: start + 1, end_offset: start + page.length },
    };
  }

  get(meetingId: string, id: string): WireParticipant | undefined {
    return this.#list(meetingId).find((p) => p.id === id);
  }

  add(
    meetingId: string,
    fields: {
      custom_participant_id: string;
      preset_name: string;
      name?: string | null;
      picture?: string | null;
    },
  ): WireParticipant {
    const now = new Date().toISOString();
    const participant: WireParticipant = { id: randomUUID(), ...fields, created_at: now, updated_at: now };
    const list = this.#list(meetingId);
    list.push(participant);
    list.sort(compare);
    return participant;
  }

  update(meetingId: string, id: string, fields: Partial<WireParticipant>): WireParticipant | undefined {
    const participant = this.get(meetingId, id);
    if (!participant) return undefined;
    Object.assign(participant, fields, { updated_at: new Date().toISOString() });
    return participant;
  }

  remove(meetingId: string, id: string): WireParticipant | undefined {
    const list = this.#list(meetingId);
    const index = list.findIndex((p) => p.id === id);
    if (index === -1) return undefined;
    const [removed] = list.splice(index, 1);
    return removed;
  }

  /** How many participants a meeting has (for the live-session figures). */
  count(meetingId: string): number {
    return this.#list(meetingId).length;
  }
}
