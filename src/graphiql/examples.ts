import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID, seedMeetings } from '../sandbox/seed.ts';
import { encodeGlobalID, meetingLocalId } from '../schema/global-id.ts';

// The examples GraphiQL opens with: one tab per common frontend task, each holding one
// named operation and its variables, so ▶ (or Ctrl+Enter) runs it straight away.
// `FirstPage` is the first tab, the one GraphiQL shows on first visit. GraphiQL keeps
// tabs in the browser's localStorage: once someone has opened it, their saved tabs win
// over these (clear site data to see the defaults again).
//
// Variables that name a meeting default to the first sandbox meeting, so every example
// returns data under `npm start`; against a real app, paste an ID from `FirstPage`.

export interface GraphiQLExample {
  /** One named operation, with a comment saying what it shows. */
  query: string;
  /** The variables editor's content (JSON), or null for none. */
  variables: string | null;
}

const SANDBOX_MEETING_ID = seedMeetings({ count: 1 })[0]?.id ?? '00000000-0000-0000-0000-000000000000';
const SANDBOX_MEETING_GLOBAL_ID = encodeGlobalID(
  'Meeting',
  meetingLocalId({ accountId: DEFAULT_ACCOUNT_ID, appId: DEFAULT_APP_ID, meetingId: SANDBOX_MEETING_ID }),
);

const json = (value: Record<string, unknown>) => JSON.stringify(value, null, 2);

export const GRAPHIQL_TABS: GraphiQLExample[] = [
  {
    query: `# Each tab is one example: run it with ▶ or Ctrl+Enter.
# Ctrl+Space completes fields; the Docs button (left)
# shows the schema.
#
# The first page of meetings, with the recording
# settings frontends show most. Pass pageInfo.endCursor
# as "after" to get the next page (see NextPage).
query FirstPage {
  meetings(first: 5) {
    totalCount
    edges {
      cursor
      node {
        meetingId
        title
        status
        createdAt
        recordingConfig {
          videoConfig {
            codec
            watermark {
              position
            }
          }
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`,
    variables: null,
  },
  {
    query: `# Forward paging: the page after a cursor. Paste
# FirstPage's pageInfo.endCursor into "after" (in
# Variables, below); null starts at the beginning. Go
# on while hasNextPage is true. \`nodes\` is edges { node }
# without the cursors.
query NextPage($after: String) {
  meetings(first: 5, after: $after) {
    nodes {
      id
      title
      createdAt
    }
    pageInfo {
      hasPreviousPage
      hasNextPage
      startCursor
      endCursor
    }
  }
}
`,
    variables: json({ after: null }),
  },
  {
    query: `# Backward paging: the 5 meetings before a cursor.
# With "before": null this is the end of the list; paste
# pageInfo.startCursor as "before" to step back a page.
query PreviousPage($before: String) {
  meetings(last: 5, before: $before) {
    totalCount
    nodes {
      id
      title
      createdAt
    }
    pageInfo {
      hasPreviousPage
      startCursor
    }
  }
}
`,
    variables: json({ before: null }),
  },
  {
    query: `# Filters: status, title search and a creation-time
# range (ISO 8601, both ends inclusive); leave out any.
# totalCount counts the filtered list. Cursors belong
# to one filter set: keep the filters while paging.
query FilteredMeetings(
  $status: MeetingStatus
  $search: String
  $createdFrom: DateTime
  $createdTo: DateTime
) {
  meetings(
    first: 10
    status: $status
    search: $search
    startTime: $createdFrom
    endTime: $createdTo
  ) {
    totalCount
    nodes {
      meetingId
      title
      status
      createdAt
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`,
    variables: json({
      status: 'ACTIVE',
      search: 'review',
      createdFrom: '2025-10-01T00:00:00Z',
      createdTo: '2026-01-05T23:59:59Z',
    }),
  },
  {
    query: `# One meeting by its RealtimeKit UUID (the meetingId
# field), e.g. for a detail page. Null when there is no
# such meeting.
query MeetingByUuid($meetingId: UUID!) {
  meeting(meetingId: $meetingId) {
    id
    meetingId
    title
    status
    createdAt
    updatedAt
    recordOnStart
    persistChat
    recordingConfig {
      maxSeconds
      fileNamePrefix
      videoConfig {
        codec
        width
        height
      }
      audioConfig {
        codec
        channel
      }
      storageConfig {
        type
        bucket
        region
      }
    }
  }
}
`,
    variables: json({ meetingId: SANDBOX_MEETING_ID }),
  },
  {
    query: `# Any object by its global id (the id field), as Relay
# and normalized caches refetch one item.
query NodeById($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on Meeting {
      meetingId
      title
      status
    }
  }
}
`,
    variables: json({ id: SANDBOX_MEETING_GLOBAL_ID }),
  },
  {
    query: `# AI transcription and summary settings. The upstream
# list does not return them, so aiConfig on a list costs
# one upstream call per meeting (batched): ask for it on
# small pages or on one meeting.
query AiSettings {
  meetings(first: 3) {
    nodes {
      title
      transcribeOnEnd
      summarizeOnEnd
      aiConfig {
        transcription {
          language
          keywords
          profanityFilter
        }
        summarization {
          summaryType
          textFormat
          wordLimit
        }
      }
    }
  }
}
`,
    variables: null,
  },
  {
    query: `# Create a meeting (needs the meetings:write scope when
# callers authenticate with JWTs). Fields left out take
# the upstream's defaults. Run FirstPage again: it is
# listed first.
mutation CreateMeeting($input: CreateMeetingInput!) {
  createMeeting(input: $input) {
    clientMutationId
    meeting {
      id
      meetingId
      title
      status
      createdAt
    }
  }
}
`,
    variables: json({
      input: {
        title: 'Design review from GraphiQL',
        persistChat: true,
        sessionKeepAliveTimeInSecs: 120,
        clientMutationId: 'graphiql-create',
      },
    }),
  },
  {
    query: `# Add a person to a meeting and get the token their
# RealtimeKit client joins with (pass it to the web SDK).
# The token is a credential: it is only ever returned
# here, never by a query. Needs participants:write.
mutation AddParticipant($input: AddParticipantInput!) {
  addParticipant(input: $input) {
    token
    participant {
      id
      participantId
      customParticipantId
      name
      presetName
    }
  }
}
`,
    variables: json({
      input: {
        meetingId: SANDBOX_MEETING_GLOBAL_ID,
        customParticipantId: 'user-42',
        presetName: 'group_call_host',
        name: 'Ada Lovelace',
      },
    }),
  },
  {
    query: `# Who was added to a meeting, and whether it is live now.
# participants is a connection like meetings: page it with
# first/after and last/before; its cursors belong to this
# meeting. activeSession is null when nobody is in it.
query Participants($id: ID!, $after: String) {
  node(id: $id) {
    ... on Meeting {
      title
      activeSession {
        status
        liveParticipants
        startedAt
      }
      participants(first: 10, after: $after) {
        totalCount
        nodes {
          id
          name
          customParticipantId
          presetName
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
}
`,
    variables: json({ id: SANDBOX_MEETING_GLOBAL_ID, after: null }),
  },
  {
    query: `# Turn a meeting off: INACTIVE stops people from joining
# (there is no delete upstream). Set ACTIVE to turn it on
# again. Only the fields given are changed.
mutation DisableMeeting($id: ID!) {
  updateMeeting(input: { id: $id, status: INACTIVE }) {
    meeting {
      id
      title
      status
      updatedAt
    }
  }
}
`,
    variables: json({ id: SANDBOX_MEETING_GLOBAL_ID }),
  },
];
