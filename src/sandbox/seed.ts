// Deterministic sample meetings for the sandbox upstream.
//
// `seedMeetings()` returns the same list, deep-equal, for the same options: it uses its
// own seeded generator and a fixed reference instant, never the clock or `Math.random`.
// Every field of `WireMeeting` is populated (including `ai_config`). About a third of the
// meetings carry a `recording_config.storage_config` (types aws, azure, digitalocean, gcs,
// sftp, cloudflare), most of which hold credentials whose values all start with
// `CREDENTIAL_MARKER`, so any output can be grepped for leaks; a few have
// `storage_config: null`, the rest omit it.

import { createRandom, type Random } from './random.ts';
import type { WireAiConfig, WireMeeting, WireRecordingConfig, WireStorageConfig } from './wire.ts';

/** Every seeded credential value (access_key, secret, password, private_key) starts with this. */
export const CREDENTIAL_MARKER = 'SANDBOX-CREDENTIAL-';

/** Account the sandbox answers for unless told otherwise (Cloudflare's documented example id). */
export const DEFAULT_ACCOUNT_ID = '023e105f4ecef8ad9ca31a8372d0c353';

/** App the sandbox answers for unless told otherwise (a UUID without dashes: 32 characters, the maximum). */
export const DEFAULT_APP_ID = '14a396e7ca444937bf1f050a69118543';

export const DEFAULT_MEETING_COUNT = 240;
export const DEFAULT_SEED = 20260105;
/** Latest instant any seeded `created_at`/`updated_at` may have unless `now` is given. */
export const DEFAULT_NOW = '2026-01-05T09:00:00.000Z';

export interface SeedOptions {
  /** How many meetings (default 240). */
  count?: number;
  /** Generator seed (default `DEFAULT_SEED`). */
  seed?: number;
  /** ISO date-time; all timestamps fall in the ~6 months up to it (default `DEFAULT_NOW`). */
  now?: string;
}

const SPREAD_MINUTES = 183 * 24 * 60;

const PEOPLE = [
  'Priya',
  'Tom',
  'Ana',
  'Björn',
  'Zoë',
  'José',
  'Mei',
  'Kwame',
  'Olga',
  'Lukas',
  'Aisha',
  'Hiroshi',
  'Fatima',
  'Noah',
  'Élodie',
  'Raj',
  'Chen',
  'Sofia',
];
const COMPANIES = [
  'Acme Corp',
  'Globex',
  'Initech',
  'Umbrella Health',
  'Stark Logistics',
  'Hooli',
  'Vandelay Industries',
  'Tyrell Systems',
  'Massive Dynamic',
  'Wonka Industries',
  'Oceanic Airlines',
  'Soylent & Co',
];
const TEAMS = ['Platform', 'Payments', 'Growth', 'Mobile', 'Data', 'Design systems', 'Infra', 'Support'];
const ROLES = ['Senior backend engineer', 'Product designer', 'Account executive', 'Data analyst', 'SRE'];
const TOPICS = [
  'Intro to WebRTC',
  'Observability 101',
  'Writing good RFCs',
  'GraphQL federation',
  'Pricing strategy',
  'Accessibility basics',
];
const FEATURES = ['billing webhooks', 'SSO login', 'search indexer', 'mobile onboarding', 'rate limiter'];

/** Title makers, each with the summary style a real customer would most likely pick for it. */
const TITLE_KINDS: readonly { summaryType: string; make: (r: Random) => string }[] = [
  { summaryType: 'team_meeting', make: () => 'Weekly design review' },
  { summaryType: 'team_meeting', make: (r) => `Sprint planning — ${r.pick(TEAMS)}` },
  { summaryType: 'sales_call', make: (r) => `Sales call — ${r.pick(COMPANIES)}` },
  { summaryType: 'sales_call', make: (r) => `Product demo for ${r.pick(COMPANIES)}` },
  { summaryType: 'one_on_one_meeting', make: (r) => oneOnOne(r) },
  { summaryType: 'one_on_one_meeting', make: (r) => oneOnOne(r) },
  { summaryType: 'daily_standup', make: (r) => `Daily standup — ${r.pick(TEAMS)}` },
  { summaryType: 'interview', make: (r) => `Interview: ${r.pick(ROLES)} — ${r.pick(PEOPLE)}` },
  { summaryType: 'client_check_in', make: (r) => `Client check-in — ${r.pick(COMPANIES)}` },
  { summaryType: 'client_check_in', make: (r) => `Quarterly business review — ${r.pick(COMPANIES)}` },
  { summaryType: 'code_review', make: (r) => `Code review: ${r.pick(FEATURES)}` },
  { summaryType: 'lecture', make: (r) => `Lunch & learn: ${r.pick(TOPICS)}` },
  { summaryType: 'general', make: (r) => `Retro — Sprint ${r.int(12, 58)}` },
  { summaryType: 'general', make: (r) => `Incident postmortem #${r.int(100, 999)}` },
  { summaryType: 'general', make: () => 'All hands' },
  { summaryType: 'general', make: (r) => `Office hours with ${r.pick(PEOPLE)}` },
];

/** Summary types the upstream writes (also what the sandbox accepts in write bodies). */
export const SUMMARY_TYPES = [
  'general',
  'team_meeting',
  'sales_call',
  'client_check_in',
  'interview',
  'daily_standup',
  'one_on_one_meeting',
  'lecture',
  'code_review',
];
const LANGUAGES = ['en-US', 'en-US', 'en-US', 'en-IN', 'de', 'hi', 'sv', 'ru', 'pl', 'el', 'fr', 'nl'];
const KEYWORDS = [
  'RealtimeKit',
  'Cloudflare',
  'roadmap',
  'OKR',
  'renewal',
  'SLA',
  'Kubernetes',
  'GraphQL',
  'churn',
  'Q3 forecast',
  'latency',
  'onboarding',
];
const WATERMARK_POSITIONS = ['left top', 'right top', 'left bottom', 'right bottom'];
const RESOLUTIONS: readonly [number, number][] = [
  [1280, 720],
  [1920, 1080],
  [640, 360],
  [1080, 1920],
];
const COMMON_MAX_SECONDS = [1800, 3600, 5400, 7200, 14400, 86400];
const STORAGE_TYPES = ['aws', 'azure', 'digitalocean', 'gcs', 'sftp', 'cloudflare'] as const;
const AWS_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-south-1'];
const DO_REGIONS = ['nyc3', 'ams3', 'sgp1', 'fra1'];

export function seedMeetings(options: SeedOptions = {}): WireMeeting[] {
  const count = options.count ?? DEFAULT_MEETING_COUNT;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be an integer >= 0`);
  const nowMs = Date.parse(options.now ?? DEFAULT_NOW);
  if (Number.isNaN(nowMs)) throw new RangeError(`now must be an ISO date-time`);
  const r = createRandom(options.seed ?? DEFAULT_SEED);

  const meetings: WireMeeting[] = [];
  const ids = new Set<string>();
  let storageIndex = r.int(0, STORAGE_TYPES.length - 1);
  let previousCreatedMs = nowMs;

  for (let i = 0; i < count; i++) {
    let id = r.uuid();
    while (ids.has(id)) id = r.uuid();
    ids.add(id);

    const kind = r.pick(TITLE_KINDS);
    const title = kind.make(r);
    // Now and then meetings are created in a batch (recurring series): same created_at.
    const createdMs =
      i > 0 && r.chance(0.04)
        ? previousCreatedMs
        : nowMs - r.int(0, SPREAD_MINUTES) * 60_000 - r.int(0, 59_999);
    previousCreatedMs = createdMs;
    const updatedMs = r.chance(0.4) ? createdMs : createdMs + Math.floor(r.next() * (nowMs - createdMs));

    const summarize = r.chance(0.4);
    let storage: WireStorageConfig | null | undefined;
    if (r.chance(1 / 3)) {
      const type = STORAGE_TYPES[storageIndex % STORAGE_TYPES.length] ?? 'aws';
      storageIndex++;
      storage = storageConfig(r, type, slug(title));
    } else if (r.chance(0.08)) {
      storage = null;
    }

    meetings.push({
      id,
      title,
      status: r.chance(0.75) ? 'ACTIVE' : 'INACTIVE',
      created_at: new Date(createdMs).toISOString(),
      updated_at: new Date(updatedMs).toISOString(),
      record_on_start: r.chance(0.3),
      live_stream_on_start: r.chance(0.1),
      persist_chat: r.chance(0.5),
      summarize_on_end: summarize,
      transcribe_on_end: summarize || r.chance(0.3),
      session_keep_alive_time_in_secs: r.int(2, 20) * 30,
      recording_config: recordingConfig(r, title, storage),
      ai_config: aiConfig(r, kind.summaryType),
    });
  }
  return meetings;
}

function oneOnOne(r: Random): string {
  const [a, b] = r.sample(PEOPLE, 2);
  return `1:1 ${a} / ${b}`;
}

/** ASCII, lower-case, dash-separated form of a title, at most 40 characters. */
function slug(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

function credential(r: Random, what: string, length = 32): string {
  return `${CREDENTIAL_MARKER}${what}-${r.hex(length)}`;
}

function recordingConfig(
  r: Random,
  title: string,
  storage: WireStorageConfig | null | undefined,
): WireRecordingConfig {
  const [width, height] = r.pick(RESOLUTIONS);
  const name = slug(title);
  const config: WireRecordingConfig = {
    file_name_prefix: `rec-${name}`,
    max_seconds: r.chance(0.5) ? r.pick(COMMON_MAX_SECONDS) : r.int(60, 86400),
    audio_config: {
      channel: r.pick(['mono', 'stereo']),
      codec: r.pick(['MP3', 'AAC']),
      export_file: r.chance(0.5),
    },
    video_config: {
      codec: r.pick(['H264', 'H264', 'VP8']),
      width,
      height,
      export_file: r.chance(0.7),
      watermark: {
        url: `https://assets.example.com/brand/${r.hex(8)}/watermark.png`,
        position: r.pick(WATERMARK_POSITIONS),
        size: { width: r.int(4, 32) * 10, height: r.int(2, 16) * 10 },
      },
    },
    live_streaming_config: { rtmp_url: `rtmp://ingest.example.net/live/${name}-${r.hex(6)}` },
    realtimekit_bucket_config: { enabled: r.chance(0.8) },
  };
  if (storage !== undefined) config.storage_config = storage;
  return config;
}

function storageConfig(r: Random, type: (typeof STORAGE_TYPES)[number], name: string): WireStorageConfig {
  const withCredentials = r.chance(0.8);
  const path = `recordings/${name}`;
  const bucket = `meetings-${r.pick(['prod', 'staging', 'archive'])}-${r.hex(4)}`;
  switch (type) {
    case 'aws':
    case 'cloudflare':
    case 'digitalocean': {
      const region =
        type === 'aws' ? r.pick(AWS_REGIONS) : type === 'digitalocean' ? r.pick(DO_REGIONS) : 'auto';
      const config: WireStorageConfig = { type, bucket, region, path };
      if (withCredentials) {
        config.access_key = credential(r, 'access-key', 20);
        config.secret = credential(r, 'secret', 40);
      }
      return config;
    }
    case 'azure': {
      const config: WireStorageConfig = { type, bucket, path };
      if (withCredentials) {
        config.access_key = credential(r, 'account-key', 24);
        config.secret = credential(r, 'sas-token', 48);
      }
      return config;
    }
    case 'gcs': {
      const config: WireStorageConfig = { type, bucket, path };
      if (withCredentials) config.secret = credential(r, 'service-account-key', 48);
      return config;
    }
    case 'sftp': {
      const authMethod = r.pick(['KEY', 'PASSWORD']);
      const config: WireStorageConfig = {
        type,
        auth_method: authMethod,
        host: `sftp${r.int(1, 4)}.example.org`,
        port: r.pick([22, 22, 2222]),
        username: `recorder-${r.hex(4)}`,
        path,
      };
      if (withCredentials) {
        if (authMethod === 'KEY') {
          config.private_key = credential(r, 'ssh-ed25519', 64);
          if (r.chance(0.5)) config.password = credential(r, 'key-passphrase', 16);
        } else {
          config.password = credential(r, 'password', 16);
        }
      }
      return config;
    }
  }
}

function aiConfig(r: Random, likelySummaryType: string): WireAiConfig {
  return {
    summarization: {
      summary_type: r.chance(0.7) ? likelySummaryType : r.pick(SUMMARY_TYPES),
      text_format: r.pick(['plain_text', 'markdown', 'markdown']),
      word_limit: r.int(3, 20) * 50,
    },
    transcription: {
      keywords: r.sample(KEYWORDS, r.int(0, 4)),
      language: r.pick(LANGUAGES),
      profanity_filter: r.chance(0.3),
    },
  };
}
