// The floor: the least work any gateway must do for the benchmark's query. A plain
// node:http server that, for each POST, parses the JSON request body, fetches the same
// upstream page over a keep-alive undici Pool, maps it to exactly the JSON the gateway
// answers for `MEETINGS_QUERY` (camelCase, GraphQL enum names, Relay global ids, ISO dates
// with milliseconds, URLs as the URL scalar prints them, no storage credentials) and
// serializes it. No GraphQL parsing, validation or execution, no per-field resolvers.
//
// Environment: the gateway's own variables (REALTIMEKIT_API_URL, CLOUDFLARE_API_TOKEN,
// CLOUDFLARE_ACCOUNT_ID, REALTIMEKIT_APP_ID, PORT, HOST) and BENCH_FLOOR_CONNECTIONS
// (upstream sockets, default 128: enough that the pool never queues at 50 connections).
// Prints `floor listening on http://HOST:PORT` when ready; SIGTERM/SIGINT stop it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'undici';
import { PAGE_SIZE } from './query.ts';

type Json = Record<string, unknown>;

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
}

const apiUrl = new URL(required('REALTIMEKIT_API_URL'));
const token = required('CLOUDFLARE_API_TOKEN');
const accountId = required('CLOUDFLARE_ACCOUNT_ID');
const appId = required('REALTIMEKIT_APP_ID');
const port = Number(process.env.PORT ?? '0');
const host = process.env.HOST ?? '127.0.0.1';
const connections = Number(process.env.BENCH_FLOOR_CONNECTIONS ?? '128');

const pool = new Pool(apiUrl.origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
const listPath = `${apiUrl.pathname.replace(/\/+$/, '')}/accounts/${encodeURIComponent(accountId)}/realtime/kit/${encodeURIComponent(appId)}/meetings?page_no=1&per_page=${PAGE_SIZE}`;
const upstreamHeaders = { authorization: `Bearer ${token}`, accept: 'application/json' };
const idPrefix = `Meeting:${encodeURIComponent(accountId)}:${encodeURIComponent(appId)}:`;

// Upstream spellings → GraphQL enum names (unknown → null), as src/upstream/enums.ts maps them.
const STATUS: Record<string, string> = { ACTIVE: 'ACTIVE', INACTIVE: 'INACTIVE' };
const CHANNEL: Record<string, string> = { mono: 'MONO', stereo: 'STEREO' };
const AUDIO_CODEC: Record<string, string> = { MP3: 'MP3', AAC: 'AAC' };
const VIDEO_CODEC: Record<string, string> = { H264: 'H264', VP8: 'VP8' };
const POSITION: Record<string, string> = {
  'left top': 'LEFT_TOP',
  'right top': 'RIGHT_TOP',
  'left bottom': 'LEFT_BOTTOM',
  'right bottom': 'RIGHT_BOTTOM',
};
const STORAGE_TYPE: Record<string, string> = {
  aws: 'AWS',
  azure: 'AZURE',
  digitalocean: 'DIGITALOCEAN',
  gcs: 'GCS',
  sftp: 'SFTP',
  cloudflare: 'CLOUDFLARE',
};
const AUTH_METHOD: Record<string, string> = { KEY: 'KEY', PASSWORD: 'PASSWORD' };

function pick(table: Record<string, string>, value: unknown): string | null {
  return typeof value === 'string' && Object.hasOwn(table, value) ? (table[value] as string) : null;
}

function obj(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function val<T>(value: T | undefined): T | null {
  return value === undefined ? null : value;
}

function url(value: unknown): string | null {
  return typeof value === 'string' ? new URL(value).toString() : null;
}

function recording(value: unknown): Json | null {
  const r = obj(value);
  if (r === null) return null;
  const audio = obj(r.audio_config);
  const video = obj(r.video_config);
  const watermark = video === null ? null : obj(video.watermark);
  const size = watermark === null ? null : obj(watermark.size);
  const live = obj(r.live_streaming_config);
  const bucket = obj(r.realtimekit_bucket_config);
  const storage = obj(r.storage_config);
  const storageType = storage === null ? null : pick(STORAGE_TYPE, storage.type);
  return {
    fileNamePrefix: val(r.file_name_prefix),
    maxSeconds: val(r.max_seconds),
    audioConfig:
      audio === null
        ? null
        : {
            channel: pick(CHANNEL, audio.channel),
            codec: pick(AUDIO_CODEC, audio.codec),
            exportFile: val(audio.export_file),
          },
    videoConfig:
      video === null
        ? null
        : {
            codec: pick(VIDEO_CODEC, video.codec),
            width: val(video.width),
            height: val(video.height),
            exportFile: val(video.export_file),
            watermark:
              watermark === null
                ? null
                : {
                    url: url(watermark.url),
                    position: pick(POSITION, watermark.position),
                    size: size === null ? null : { width: val(size.width), height: val(size.height) },
                  },
          },
    liveStreamingConfig: live === null ? null : { rtmpUrl: url(live.rtmp_url) },
    realtimekitBucketConfig:
      bucket === null || typeof bucket.enabled !== 'boolean' ? null : { enabled: bucket.enabled },
    // Only the readable fields are copied: credentials never leave.
    storageConfig:
      storage === null || storageType === null
        ? null
        : {
            type: storageType,
            authMethod: pick(AUTH_METHOD, storage.auth_method),
            bucket: val(storage.bucket),
            path: val(storage.path),
            region: val(storage.region),
            host: val(storage.host),
            port: val(storage.port),
            username: val(storage.username),
          },
  };
}

function node(m: Json): Json {
  const meetingId = String(m.id).toLowerCase();
  return {
    id: Buffer.from(idPrefix + meetingId, 'utf8').toString('base64'),
    meetingId,
    accountId,
    appId,
    title: val(m.title),
    status: pick(STATUS, m.status),
    createdAt: new Date(String(m.created_at)).toISOString(),
    updatedAt: new Date(String(m.updated_at)).toISOString(),
    recordOnStart: val(m.record_on_start),
    liveStreamOnStart: val(m.live_stream_on_start),
    persistChat: val(m.persist_chat),
    summarizeOnEnd: val(m.summarize_on_end),
    transcribeOnEnd: val(m.transcribe_on_end),
    sessionKeepAliveTimeInSecs: val(m.session_keep_alive_time_in_secs),
    recordingConfig: recording(m.recording_config),
  };
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'application/graphql-response+json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query?: unknown };
  if (req.method !== 'POST' || typeof request.query !== 'string') {
    send(res, 400, '{"errors":[{"message":"POST a GraphQL query"}]}');
    return;
  }
  const upstream = await pool.request({ path: listPath, method: 'GET', headers: upstreamHeaders });
  const body = (await upstream.body.json()) as { success?: unknown; data?: unknown };
  if (upstream.statusCode !== 200 || body.success !== true || !Array.isArray(body.data)) {
    send(res, 502, '{"errors":[{"message":"upstream error"}]}');
    return;
  }
  const edges = (body.data as Json[]).map((m) => ({ node: node(m) }));
  send(res, 200, JSON.stringify({ data: { meetings: { edges } } }));
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    if (!res.headersSent) send(res, 500, JSON.stringify({ errors: [{ message: String(error) }] }));
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  process.stdout.write(`floor listening on http://${host}:${actual}/graphql\n`);
});

const stop = () => {
  server.close(() => {
    void pool.close().then(() => process.exit(0));
  });
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
