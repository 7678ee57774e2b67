/**
 * The document GraphiQL opens with: one named operation per common task. Run one with
 * the ▶ button's menu, or by placing the cursor inside it.
 */
export const GRAPHIQL_EXAMPLES = `# Welcome to the RealtimeKit GraphQL gateway.
# Each operation below is a ready example: put the cursor in one and press Ctrl+Enter.

# The first page of meetings, with the recording settings frontends show most.
query FirstPage {
  meetings(first: 5) {
    totalCount
    edges {
      cursor
      node {
        id
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

# The page after a cursor: paste an endCursor from FirstPage into "after".
query NextPage($after: String) {
  meetings(first: 5, after: $after) {
    edges {
      cursor
      node {
        title
        createdAt
      }
    }
    pageInfo {
      hasNextPage
      hasPreviousPage
      endCursor
    }
  }
}

# Backwards from the end of the list: the last 5 meetings.
query LastPage {
  meetings(last: 5) {
    totalCount
    nodes {
      title
      createdAt
    }
    pageInfo {
      hasPreviousPage
      startCursor
    }
  }
}

# Filters: active meetings whose title mentions "review".
query ActiveReviews {
  meetings(first: 10, status: ACTIVE, search: "review") {
    totalCount
    nodes {
      meetingId
      title
      status
    }
  }
}

# One meeting with its AI settings (aiConfig costs one upstream call per meeting).
query OneMeetingWithAi {
  meetings(first: 1) {
    nodes {
      id
      meetingId
      title
      aiConfig {
        summarization {
          summaryType
          wordLimit
        }
        transcription {
          language
          keywords
        }
      }
    }
  }
}
`;
