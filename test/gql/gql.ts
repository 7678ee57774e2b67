/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AuthCount {\n    meetings(first: 1) {\n      totalCount\n    }\n  }\n": typeof types.AuthCountDocument,
    "\n      query StorageEverywhere($after: String) {\n        meetings(first: 100, after: $after) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          nodes {\n            id\n            meetingId\n            recordingConfig {\n              storageConfig {\n                type\n                authMethod\n                bucket\n                path\n                region\n                host\n                port\n                username\n              }\n            }\n          }\n        }\n      }\n    ": typeof types.StorageEverywhereDocument,
    "\n  query BadInputPage(\n    $first: Int\n    $last: Int\n    $after: String\n    $before: String\n    $accountId: String\n    $appId: String\n    $status: MeetingStatus\n    $search: String\n    $startTime: DateTime\n    $endTime: DateTime\n  ) {\n    meetings(\n      first: $first\n      last: $last\n      after: $after\n      before: $before\n      accountId: $accountId\n      appId: $appId\n      status: $status\n      search: $search\n      startTime: $startTime\n      endTime: $endTime\n    ) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.BadInputPageDocument,
    "\n  query BadInputMeeting($meetingId: UUID!, $accountId: String, $appId: String) {\n    meeting(meetingId: $meetingId, accountId: $accountId, appId: $appId) {\n      title\n    }\n  }\n": typeof types.BadInputMeetingDocument,
    "\n  query BadInputNode($id: ID!) {\n    node(id: $id) {\n      id\n    }\n  }\n": typeof types.BadInputNodeDocument,
    "\n        query BadInputNodes($ids: [ID!]!) {\n          nodes(ids: $ids) {\n            id\n          }\n        }\n      ": typeof types.BadInputNodesDocument,
    "\n        query PartialBadInput {\n          bad: meetings(first: 1000) {\n            totalCount\n          }\n          good: meetings(first: 2) {\n            totalCount\n          }\n        }\n      ": typeof types.PartialBadInputDocument,
    "\n  query CallerAuthMeetings($appId: String) {\n    meetings(first: 2, appId: $appId) {\n      totalCount\n    }\n  }\n": typeof types.CallerAuthMeetingsDocument,
    "\n  query CallerAuthNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      id\n    }\n  }\n": typeof types.CallerAuthNodesDocument,
    "\n  query WalkForward($first: Int!, $after: String) {\n    meetings(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          meetingId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.WalkForwardDocument,
    "\n  query WalkBackward($last: Int!, $before: String) {\n    meetings(last: $last, before: $before) {\n      totalCount\n      nodes {\n        meetingId\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.WalkBackwardDocument,
    "\n  query ParticipantsForward($id: ID!, $first: Int, $after: String) {\n    node(id: $id) {\n      ... on Meeting {\n        participants(first: $first, after: $after) {\n          totalCount\n          edges {\n            cursor\n            node {\n              participantId\n            }\n          }\n          pageInfo {\n            hasNextPage\n            hasPreviousPage\n            endCursor\n          }\n        }\n      }\n    }\n  }\n": typeof types.ParticipantsForwardDocument,
    "\n  query ParticipantsBackward($id: ID!, $last: Int, $before: String) {\n    node(id: $id) {\n      ... on Meeting {\n        participants(last: $last, before: $before) {\n          totalCount\n          nodes {\n            participantId\n          }\n          pageInfo {\n            hasNextPage\n            hasPreviousPage\n            startCursor\n          }\n        }\n      }\n    }\n  }\n": typeof types.ParticipantsBackwardDocument,
    "\n  query ManyMeetingsParticipants {\n    meetings(first: 10) {\n      nodes {\n        meetingId\n        participants(first: 5) {\n          totalCount\n          nodes {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.ManyMeetingsParticipantsDocument,
    "\n  query LiveSessions {\n    meetings(first: 30) {\n      nodes {\n        meetingId\n        activeSession {\n          sessionId\n          status\n          type\n          liveParticipants\n          startedAt\n          endedAt\n        }\n      }\n    }\n  }\n": typeof types.LiveSessionsDocument,
    "\n  mutation ScopeCreate {\n    createMeeting(input: { title: \"scoped\" }) {\n      meeting {\n        meetingId\n      }\n    }\n  }\n": typeof types.ScopeCreateDocument,
    "\n  mutation ScopeAdd($meetingId: ID!) {\n    addParticipant(input: { meetingId: $meetingId, customParticipantId: \"scope-user\", presetName: \"group_call_host\" }) {\n      token\n    }\n  }\n": typeof types.ScopeAddDocument,
    "\n  query RepeatedTitles {\n    meetings(first: 5) {\n      nodes {\n        meetingId\n        title\n        createdAt\n        recordingConfig {\n          videoConfig {\n            codec\n          }\n        }\n      }\n    }\n  }\n": typeof types.RepeatedTitlesDocument,
    "\n  query CacheFirstPage {\n    meetings(first: 20) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          meetingId\n          title\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.CacheFirstPageDocument,
    "\n  query CacheWindow($first: Int, $after: String) {\n    meetings(first: $first, after: $after) {\n      totalCount\n      nodes {\n        meetingId\n      }\n    }\n  }\n": typeof types.CacheWindowDocument,
    "\n  query CacheOneMeeting($meetingId: UUID!) {\n    meeting(meetingId: $meetingId) {\n      title\n    }\n  }\n": typeof types.CacheOneMeetingDocument,
    "\n  query CacheOneMeetingAi($meetingId: UUID!) {\n    meeting(meetingId: $meetingId) {\n      title\n      aiConfig {\n        summarization {\n          wordLimit\n        }\n      }\n    }\n  }\n": typeof types.CacheOneMeetingAiDocument,
    "\n  query CacheStaleNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Meeting {\n        title\n      }\n    }\n  }\n": typeof types.CacheStaleNodesDocument,
    "\n  query Tail {\n    meetings(last: 3) {\n      totalCount\n      nodes {\n        meetingId\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n      }\n    }\n  }\n": typeof types.TailDocument,
    "\n        query OnePage {\n          meetings(first: 20) {\n            totalCount\n            edges {\n              node {\n                title\n              }\n            }\n          }\n        }\n      ": typeof types.OnePageDocument,
    "\n        query SameArgs {\n          a: meetings(first: 10) {\n            nodes {\n              title\n            }\n          }\n          b: meetings(first: 10) {\n            totalCount\n          }\n          c: meetings(first: 10) {\n            edges {\n              cursor\n            }\n          }\n        }\n      ": typeof types.SameArgsDocument,
    "\n        query CursorAt90 {\n          meetings(first: 90) {\n            pageInfo {\n              endCursor\n            }\n          }\n        }\n      ": typeof types.CursorAt90Document,
    "\n        query TwoWindows($after: String) {\n          head: meetings(first: 5) {\n            nodes {\n              meetingId\n            }\n          }\n          tail: meetings(first: 5, after: $after) {\n            nodes {\n              meetingId\n            }\n          }\n        }\n      ": typeof types.TwoWindowsDocument,
    "\n        query TwoFilters {\n          active: meetings(first: 5, status: ACTIVE) {\n            nodes {\n              status\n            }\n          }\n          inactive: meetings(first: 5, status: INACTIVE) {\n            nodes {\n              status\n            }\n          }\n        }\n      ": typeof types.TwoFiltersDocument,
    "\n        query AiOnPage {\n          meetings(first: 20) {\n            nodes {\n              meetingId\n              aiConfig {\n                summarization {\n                  summaryType\n                }\n                transcription {\n                  language\n                }\n              }\n            }\n          }\n          again: meetings(first: 20) {\n            nodes {\n              aiConfig {\n                summarization {\n                  wordLimit\n                }\n              }\n            }\n          }\n        }\n      ": typeof types.AiOnPageDocument,
    "\n        query Ids {\n          meetings(first: 3) {\n            nodes {\n              id\n              meetingId\n            }\n          }\n        }\n      ": typeof types.IdsDocument,
    "\n        query ListedLookups($meetingId: UUID!, $id: ID!, $ids: [ID!]!) {\n          meetings(first: 3) {\n            totalCount\n          }\n          meeting(meetingId: $meetingId) {\n            title\n          }\n          node(id: $id) {\n            id\n            ... on Meeting {\n              title\n            }\n          }\n          nodes(ids: $ids) {\n            id\n          }\n        }\n      ": typeof types.ListedLookupsDocument,
    "\n        query NodeIdOf($meetingId: UUID!) {\n          meeting(meetingId: $meetingId) {\n            id\n          }\n        }\n      ": typeof types.NodeIdOfDocument,
    "\n        query Unlisted($meetingId: UUID!, $id: ID!) {\n          meeting(meetingId: $meetingId) {\n            title\n            aiConfig {\n              transcription {\n                language\n              }\n            }\n          }\n          node(id: $id) {\n            ... on Meeting {\n              aiConfig {\n                summarization {\n                  textFormat\n                }\n              }\n            }\n          }\n          nodes(ids: [$id, $id]) {\n            id\n          }\n        }\n      ": typeof types.UnlistedDocument,
    "\n  query FaultPage {\n    meetings(first: 5) {\n      totalCount\n      nodes {\n        meetingId\n      }\n    }\n  }\n": typeof types.FaultPageDocument,
    "\n  query FaultPartial($meetingId: UUID!) {\n    meetings(first: 5) {\n      totalCount\n    }\n    meeting(meetingId: $meetingId) {\n      meetingId\n      title\n    }\n  }\n": typeof types.FaultPartialDocument,
    "\n  query FaultTwoFilterSets {\n    active: meetings(first: 3, status: ACTIVE) {\n      totalCount\n      nodes {\n        meetingId\n        status\n      }\n    }\n    activeAgain: meetings(first: 2, status: ACTIVE) {\n      totalCount\n    }\n    inactive: meetings(first: 3, status: INACTIVE) {\n      totalCount\n      nodes {\n        meetingId\n        status\n      }\n    }\n  }\n": typeof types.FaultTwoFilterSetsDocument,
    "\n        query Missing {\n          meeting(meetingId: \"550e8400-e29b-41d4-a716-446655440000\") {\n            title\n          }\n        }\n      ": typeof types.MissingDocument,
    "\n        query AiPartial {\n          meetings(first: 3) {\n            nodes {\n              title\n              aiConfig {\n                transcription {\n                  language\n                }\n              }\n            }\n          }\n        }\n      ": typeof types.AiPartialDocument,
    "\n  query ProtectionPage {\n    meetings(first: 2) {\n      totalCount\n    }\n  }\n": typeof types.ProtectionPageDocument,
    "\n  mutation WritesCreateMeeting($input: CreateMeetingInput!) {\n    createMeeting(input: $input) {\n      clientMutationId\n      meeting {\n        id\n        meetingId\n        title\n        status\n        sessionKeepAliveTimeInSecs\n        recordingConfig {\n          storageConfig {\n            type\n            bucket\n            region\n          }\n        }\n      }\n    }\n  }\n": typeof types.WritesCreateMeetingDocument,
    "\n  mutation WritesUpdateMeeting($input: UpdateMeetingInput!) {\n    updateMeeting(input: $input) {\n      clientMutationId\n      meeting {\n        id\n        title\n        status\n        persistChat\n      }\n    }\n  }\n": typeof types.WritesUpdateMeetingDocument,
    "\n  mutation WritesAddParticipant($input: AddParticipantInput!) {\n    addParticipant(input: $input) {\n      clientMutationId\n      token\n      participant {\n        id\n        participantId\n        meetingId\n        customParticipantId\n        name\n        picture\n        presetName\n      }\n    }\n  }\n": typeof types.WritesAddParticipantDocument,
    "\n  mutation WritesUpdateParticipant($input: UpdateParticipantInput!) {\n    updateParticipant(input: $input) {\n      token\n      participant {\n        id\n        name\n        presetName\n      }\n    }\n  }\n": typeof types.WritesUpdateParticipantDocument,
    "\n  mutation WritesRemoveParticipant($input: RemoveParticipantInput!) {\n    removeParticipant(input: $input) {\n      removedParticipantId\n      customParticipantId\n      clientMutationId\n    }\n  }\n": typeof types.WritesRemoveParticipantDocument,
    "\n  mutation WritesRefreshToken($input: RefreshParticipantTokenInput!) {\n    refreshParticipantToken(input: $input) {\n      token\n      clientMutationId\n    }\n  }\n": typeof types.WritesRefreshTokenDocument,
    "\n  query WritesNewest {\n    meetings(first: 3) {\n      totalCount\n      nodes {\n        meetingId\n        title\n        recordingConfig {\n          storageConfig {\n            type\n            bucket\n          }\n        }\n      }\n    }\n  }\n": typeof types.WritesNewestDocument,
    "\n  query WritesParticipantsOf($id: ID!, $first: Int) {\n    node(id: $id) {\n      ... on Meeting {\n        participants(first: $first) {\n          totalCount\n          nodes {\n            id\n            customParticipantId\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.WritesParticipantsOfDocument,
    "\n  query WritesNodeOf($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Participant {\n        participantId\n        customParticipantId\n        presetName\n      }\n    }\n  }\n": typeof types.WritesNodeOfDocument,
};
const documents: Documents = {
    "\n  query AuthCount {\n    meetings(first: 1) {\n      totalCount\n    }\n  }\n": types.AuthCountDocument,
    "\n      query StorageEverywhere($after: String) {\n        meetings(first: 100, after: $after) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          nodes {\n            id\n            meetingId\n            recordingConfig {\n              storageConfig {\n                type\n                authMethod\n                bucket\n                path\n                region\n                host\n                port\n                username\n              }\n            }\n          }\n        }\n      }\n    ": types.StorageEverywhereDocument,
    "\n  query BadInputPage(\n    $first: Int\n    $last: Int\n    $after: String\n    $before: String\n    $accountId: String\n    $appId: String\n    $status: MeetingStatus\n    $search: String\n    $startTime: DateTime\n    $endTime: DateTime\n  ) {\n    meetings(\n      first: $first\n      last: $last\n      after: $after\n      before: $before\n      accountId: $accountId\n      appId: $appId\n      status: $status\n      search: $search\n      startTime: $startTime\n      endTime: $endTime\n    ) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.BadInputPageDocument,
    "\n  query BadInputMeeting($meetingId: UUID!, $accountId: String, $appId: String) {\n    meeting(meetingId: $meetingId, accountId: $accountId, appId: $appId) {\n      title\n    }\n  }\n": types.BadInputMeetingDocument,
    "\n  query BadInputNode($id: ID!) {\n    node(id: $id) {\n      id\n    }\n  }\n": types.BadInputNodeDocument,
    "\n        query BadInputNodes($ids: [ID!]!) {\n          nodes(ids: $ids) {\n            id\n          }\n        }\n      ": types.BadInputNodesDocument,
    "\n        query PartialBadInput {\n          bad: meetings(first: 1000) {\n            totalCount\n          }\n          good: meetings(first: 2) {\n            totalCount\n          }\n        }\n      ": types.PartialBadInputDocument,
    "\n  query CallerAuthMeetings($appId: String) {\n    meetings(first: 2, appId: $appId) {\n      totalCount\n    }\n  }\n": types.CallerAuthMeetingsDocument,
    "\n  query CallerAuthNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      id\n    }\n  }\n": types.CallerAuthNodesDocument,
    "\n  query WalkForward($first: Int!, $after: String) {\n    meetings(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          meetingId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.WalkForwardDocument,
    "\n  query WalkBackward($last: Int!, $before: String) {\n    meetings(last: $last, before: $before) {\n      totalCount\n      nodes {\n        meetingId\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.WalkBackwardDocument,
    "\n  query ParticipantsForward($id: ID!, $first: Int, $after: String) {\n    node(id: $id) {\n      ... on Meeting {\n        participants(first: $first, after: $after) {\n          totalCount\n          edges {\n            cursor\n            node {\n              participantId\n            }\n          }\n          pageInfo {\n            hasNextPage\n            hasPreviousPage\n            endCursor\n          }\n        }\n      }\n    }\n  }\n": types.ParticipantsForwardDocument,
    "\n  query ParticipantsBackward($id: ID!, $last: Int, $before: String) {\n    node(id: $id) {\n      ... on Meeting {\n        participants(last: $last, before: $before) {\n          totalCount\n          nodes {\n            participantId\n          }\n          pageInfo {\n            hasNextPage\n            hasPreviousPage\n            startCursor\n          }\n        }\n      }\n    }\n  }\n": types.ParticipantsBackwardDocument,
    "\n  query ManyMeetingsParticipants {\n    meetings(first: 10) {\n      nodes {\n        meetingId\n        participants(first: 5) {\n          totalCount\n          nodes {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.ManyMeetingsParticipantsDocument,
    "\n  query LiveSessions {\n    meetings(first: 30) {\n      nodes {\n        meetingId\n        activeSession {\n          sessionId\n          status\n          type\n          liveParticipants\n          startedAt\n          endedAt\n        }\n      }\n    }\n  }\n": types.LiveSessionsDocument,
    "\n  mutation ScopeCreate {\n    createMeeting(input: { title: \"scoped\" }) {\n      meeting {\n        meetingId\n      }\n    }\n  }\n": types.ScopeCreateDocument,
    "\n  mutation ScopeAdd($meetingId: ID!) {\n    addParticipant(input: { meetingId: $meetingId, customParticipantId: \"scope-user\", presetName: \"group_call_host\" }) {\n      token\n    }\n  }\n": types.ScopeAddDocument,
    "\n  query RepeatedTitles {\n    meetings(first: 5) {\n      nodes {\n        meetingId\n        title\n        createdAt\n        recordingConfig {\n          videoConfig {\n            codec\n          }\n        }\n      }\n    }\n  }\n": types.RepeatedTitlesDocument,
    "\n  query CacheFirstPage {\n    meetings(first: 20) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          meetingId\n          title\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.CacheFirstPageDocument,
    "\n  query CacheWindow($first: Int, $after: String) {\n    meetings(first: $first, after: $after) {\n      totalCount\n      nodes {\n        meetingId\n      }\n    }\n  }\n": types.CacheWindowDocument,
    "\n  query CacheOneMeeting($meetingId: UUID!) {\n    meeting(meetingId: $meetingId) {\n      title\n    }\n  }\n": types.CacheOneMeetingDocument,
    "\n  query CacheOneMeetingAi($meetingId: UUID!) {\n    meeting(meetingId: $meetingId) {\n      title\n      aiConfig {\n        summarization {\n          wordLimit\n        }\n      }\n    }\n  }\n": types.CacheOneMeetingAiDocument,
    "\n  query CacheStaleNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Meeting {\n        title\n      }\n    }\n  }\n": types.CacheStaleNodesDocument,
    "\n  query Tail {\n    meetings(last: 3) {\n      totalCount\n      nodes {\n        meetingId\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n      }\n    }\n  }\n": types.TailDocument,
    "\n        query OnePage {\n          meetings(first: 20) {\n            totalCount\n            edges {\n              node {\n                title\n              }\n            }\n          }\n        }\n      ": types.OnePageDocument,
    "\n        query SameArgs {\n          a: meetings(first: 10) {\n            nodes {\n              title\n            }\n          }\n          b: meetings(first: 10) {\n            totalCount\n          }\n          c: meetings(first: 10) {\n            edges {\n              cursor\n            }\n          }\n        }\n      ": types.SameArgsDocument,
    "\n        query CursorAt90 {\n          meetings(first: 90) {\n            pageInfo {\n              endCursor\n            }\n          }\n        }\n      ": types.CursorAt90Document,
    "\n        query TwoWindows($after: String) {\n          head: meetings(first: 5) {\n            nodes {\n              meetingId\n            }\n          }\n          tail: meetings(first: 5, after: $after) {\n            nodes {\n              meetingId\n            }\n          }\n        }\n      ": types.TwoWindowsDocument,
    "\n        query TwoFilters {\n          active: meetings(first: 5, status: ACTIVE) {\n            nodes {\n              status\n            }\n          }\n          inactive: meetings(first: 5, status: INACTIVE) {\n            nodes {\n              status\n            }\n          }\n        }\n      ": types.TwoFiltersDocument,
    "\n        query AiOnPage {\n          meetings(first: 20) {\n            nodes {\n              meetingId\n              aiConfig {\n                summarization {\n                  summaryType\n                }\n                transcription {\n                  language\n                }\n              }\n            }\n          }\n          again: meetings(first: 20) {\n            nodes {\n              aiConfig {\n                summarization {\n                  wordLimit\n                }\n              }\n            }\n          }\n        }\n      ": types.AiOnPageDocument,
    "\n        query Ids {\n          meetings(first: 3) {\n            nodes {\n              id\n              meetingId\n            }\n          }\n        }\n      ": types.IdsDocument,
    "\n        query ListedLookups($meetingId: UUID!, $id: ID!, $ids: [ID!]!) {\n          meetings(first: 3) {\n            totalCount\n          }\n          meeting(meetingId: $meetingId) {\n            title\n          }\n          node(id: $id) {\n            id\n            ... on Meeting {\n              title\n            }\n          }\n          nodes(ids: $ids) {\n            id\n          }\n        }\n      ": types.ListedLookupsDocument,
    "\n        query NodeIdOf($meetingId: UUID!) {\n          meeting(meetingId: $meetingId) {\n            id\n          }\n        }\n      ": types.NodeIdOfDocument,
    "\n        query Unlisted($meetingId: UUID!, $id: ID!) {\n          meeting(meetingId: $meetingId) {\n            title\n            aiConfig {\n              transcription {\n                language\n              }\n            }\n          }\n          node(id: $id) {\n            ... on Meeting {\n              aiConfig {\n                summarization {\n                  textFormat\n                }\n              }\n            }\n          }\n          nodes(ids: [$id, $id]) {\n            id\n          }\n        }\n      ": types.UnlistedDocument,
    "\n  query FaultPage {\n    meetings(first: 5) {\n      totalCount\n      nodes {\n        meetingId\n      }\n    }\n  }\n": types.FaultPageDocument,
    "\n  query FaultPartial($meetingId: UUID!) {\n    meetings(first: 5) {\n      totalCount\n    }\n    meeting(meetingId: $meetingId) {\n      meetingId\n      title\n    }\n  }\n": types.FaultPartialDocument,
    "\n  query FaultTwoFilterSets {\n    active: meetings(first: 3, status: ACTIVE) {\n      totalCount\n      nodes {\n        meetingId\n        status\n      }\n    }\n    activeAgain: meetings(first: 2, status: ACTIVE) {\n      totalCount\n    }\n    inactive: meetings(first: 3, status: INACTIVE) {\n      totalCount\n      nodes {\n        meetingId\n        status\n      }\n    }\n  }\n": types.FaultTwoFilterSetsDocument,
    "\n        query Missing {\n          meeting(meetingId: \"550e8400-e29b-41d4-a716-446655440000\") {\n            title\n          }\n        }\n      ": types.MissingDocument,
    "\n        query AiPartial {\n          meetings(first: 3) {\n            nodes {\n              title\n              aiConfig {\n                transcription {\n                  language\n                }\n              }\n            }\n          }\n        }\n      ": types.AiPartialDocument,
    "\n  query ProtectionPage {\n    meetings(first: 2) {\n      totalCount\n    }\n  }\n": types.ProtectionPageDocument,
    "\n  mutation WritesCreateMeeting($input: CreateMeetingInput!) {\n    createMeeting(input: $input) {\n      clientMutationId\n      meeting {\n        id\n        meetingId\n        title\n        status\n        sessionKeepAliveTimeInSecs\n        recordingConfig {\n          storageConfig {\n            type\n            bucket\n            region\n          }\n        }\n      }\n    }\n  }\n": types.WritesCreateMeetingDocument,
    "\n  mutation WritesUpdateMeeting($input: UpdateMeetingInput!) {\n    updateMeeting(input: $input) {\n      clientMutationId\n      meeting {\n        id\n        title\n        status\n        persistChat\n      }\n    }\n  }\n": types.WritesUpdateMeetingDocument,
    "\n  mutation WritesAddParticipant($input: AddParticipantInput!) {\n    addParticipant(input: $input) {\n      clientMutationId\n      token\n      participant {\n        id\n        participantId\n        meetingId\n        customParticipantId\n        name\n        picture\n        presetName\n      }\n    }\n  }\n": types.WritesAddParticipantDocument,
    "\n  mutation WritesUpdateParticipant($input: UpdateParticipantInput!) {\n    updateParticipant(input: $input) {\n      token\n      participant {\n        id\n        name\n        presetName\n      }\n    }\n  }\n": types.WritesUpdateParticipantDocument,
    "\n  mutation WritesRemoveParticipant($input: RemoveParticipantInput!) {\n    removeParticipant(input: $input) {\n      removedParticipantId\n      customParticipantId\n      clientMutationId\n    }\n  }\n": types.WritesRemoveParticipantDocument,
    "\n  mutation WritesRefreshToken($input: RefreshParticipantTokenInput!) {\n    refreshParticipantToken(input: $input) {\n      token\n      clientMutationId\n    }\n  }\n": types.WritesRefreshTokenDocument,
    "\n  query WritesNewest {\n    meetings(first: 3) {\n      totalCount\n      nodes {\n        meetingId\n        title\n        recordingConfig {\n          storageConfig {\n            type\n            bucket\n          }\n        }\n      }\n    }\n  }\n": types.WritesNewestDocument,
    "\n  query WritesParticipantsOf($id: ID!, $first: Int) {\n    node(id: $id) {\n      ... on Meeting {\n        participants(first: $first) {\n          totalCount\n          nodes {\n            id\n            customParticipantId\n            name\n          }\n        }\n      }\n    }\n  }\n": types.WritesParticipantsOfDocument,
    "\n  query WritesNodeOf($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Participant {\n        participantId\n        customParticipantId\n        presetName\n      }\n    }\n  }\n": types.WritesNodeOfDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthCount {\n    meetings(first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query AuthCount {\n    meetings(first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query StorageEverywhere($after: String) {\n        meetings(first: 100, after: $after) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          nodes {\n            id\n            meetingId\n            recordingConfig {\n              storageConfig {\n                type\n                authMethod\n                bucket\n                path\n                region\n                host\n                port\n                username\n              }\n            }\n          }\n        }\n      }\n    "): (typeof documents)["\n      query StorageEverywhere($after: String) {\n        meetings(first: 100, after: $after) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          nodes {\n            id\n            meetingId\n            recordingConfig {\n              storageConfig {\n                type\n                authMethod\n                bucket\n                path\n                region\n                host\n                port\n                username\n              }\n            }\n          }\n        }\n      }\n    "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BadInputPage(\n    $first: Int\n    $last: Int\n    $after: String\n    $before: String\n    $accountId: String\n    $appId: String\n    $status: MeetingStatus\n    $search: String\n    $startTime: DateTime\n    $endTime: DateTime\n  ) {\n    meetings(\n      first: $first\n      last: $last\n      after: $after\n      before: $before\n      accountId: $accountId\n      appId: $appId\n      status: $status\n      search: $search\n      startTime: $startTime\n      endTime: $endTime\n    ) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BadInputPage(\n    $first: Int\n    $last: Int\n    $after: String\n    $before: String\n    $accountId: String\n    $appId: String\n    $status: MeetingStatus\n    $search: String\n    $startTime: DateTime\n    $endTime: DateTime\n  ) {\n    meetings(\n      first: $first\n      last: $last\n      after: $after\n      before: $before\n      accountId: $accountId\n      appId: $appId\n      status: $status\n      search: $search\n      startTime: $startTime\n      endTime: $endTime\n    ) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BadInputMeeting($meetingId: UUID!, $accountId: String, $appId: String) {\n    meeting(meetingId: $meetingId, accountId: $accountId, appId: $appId) {\n      title\n    }\n  }\n"): (typeof documents)["\n  query BadInputMeeting($meetingId: UUID!, $accountId: String, $appId: String) {\n    meeting(meetingId: $meetingId, accountId: $accountId, appId: $appId) {\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BadInputNode($id: ID!) {\n    node(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query BadInputNode($id: ID!) {\n    node(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query BadInputNodes($ids: [ID!]!) {\n          nodes(ids: $ids) {\n            id\n          }\n        }\n      "): (typeof documents)["\n        query BadInputNodes($ids: [ID!]!) {\n          nodes(ids: $ids) {\n            id\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query PartialBadInput {\n          bad: meetings(first: 1000) {\n            totalCount\n          }\n          good: meetings(first: 2) {\n            totalCount\n          }\n        }\n      "): (typeof documents)["\n        query PartialBadInput {\n          bad: meetings(first: 1000) {\n            totalCount\n          }\n          good: meetings(first: 2) {\n            totalCount\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CallerAuthMeetings($appId: String) {\n    meetings(first: 2, appId: $appId) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query CallerAuthMeetings($appId: String) {\n    meetings(first: 2, appId: $appId) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CallerAuthNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query CallerAuthNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WalkForward($first: Int!, $after: String) {\n    meetings(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          meetingId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query WalkForward($first: Int!, $after: String) {\n    meetings(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          meetingId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WalkBackward($last: Int!, $before: String) {\n    meetings(last: $last, before: $before) {\n      totalCount\n      nodes {\n        meetingId\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query WalkBackward($last: Int!, $before: String) {\n    meetings(last: $last, before: $before) {\n      totalCount\n      nodes {\n        meetingId\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ParticipantsForward($id: ID!, $first: Int, $after: String) {\n    node(id: $id) {\n      ... on Meeting {\n        participants(first: $first, after: $after) {\n          totalCount\n          edges {\n            cursor\n            node {\n              participantId\n            }\n          }\n          pageInfo {\n            hasNextPage\n            hasPreviousPage\n            endCursor\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ParticipantsForward($id: ID!, $first: Int, $after: String) {\n    node(id: $id) {\n      ... on Meeting {\n        participants(first: $first, after: $after) {\n          totalCount\n          edges {\n            cursor\n            node {\n              participantId\n            }\n          }\n          pageInfo {\n            hasNextPage\n            hasPreviousPage\n            endCursor\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ParticipantsBackward($id: ID!, $last: Int, $before: String) {\n    node(id: $id) {\n      ... on Meeting {\n        participants(last: $last, before: $before) {\n          totalCount\n          nodes {\n            participantId\n          }\n          pageInfo {\n            hasNextPage\n            hasPreviousPage\n            startCursor\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ParticipantsBackward($id: ID!, $last: Int, $before: String) {\n    node(id: $id) {\n      ... on Meeting {\n        participants(last: $last, before: $before) {\n          totalCount\n          nodes {\n            participantId\n          }\n          pageInfo {\n            hasNextPage\n            hasPreviousPage\n            startCursor\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ManyMeetingsParticipants {\n    meetings(first: 10) {\n      nodes {\n        meetingId\n        participants(first: 5) {\n          totalCount\n          nodes {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ManyMeetingsParticipants {\n    meetings(first: 10) {\n      nodes {\n        meetingId\n        participants(first: 5) {\n          totalCount\n          nodes {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveSessions {\n    meetings(first: 30) {\n      nodes {\n        meetingId\n        activeSession {\n          sessionId\n          status\n          type\n          liveParticipants\n          startedAt\n          endedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LiveSessions {\n    meetings(first: 30) {\n      nodes {\n        meetingId\n        activeSession {\n          sessionId\n          status\n          type\n          liveParticipants\n          startedAt\n          endedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScopeCreate {\n    createMeeting(input: { title: \"scoped\" }) {\n      meeting {\n        meetingId\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ScopeCreate {\n    createMeeting(input: { title: \"scoped\" }) {\n      meeting {\n        meetingId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScopeAdd($meetingId: ID!) {\n    addParticipant(input: { meetingId: $meetingId, customParticipantId: \"scope-user\", presetName: \"group_call_host\" }) {\n      token\n    }\n  }\n"): (typeof documents)["\n  mutation ScopeAdd($meetingId: ID!) {\n    addParticipant(input: { meetingId: $meetingId, customParticipantId: \"scope-user\", presetName: \"group_call_host\" }) {\n      token\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RepeatedTitles {\n    meetings(first: 5) {\n      nodes {\n        meetingId\n        title\n        createdAt\n        recordingConfig {\n          videoConfig {\n            codec\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RepeatedTitles {\n    meetings(first: 5) {\n      nodes {\n        meetingId\n        title\n        createdAt\n        recordingConfig {\n          videoConfig {\n            codec\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CacheFirstPage {\n    meetings(first: 20) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          meetingId\n          title\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query CacheFirstPage {\n    meetings(first: 20) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          meetingId\n          title\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CacheWindow($first: Int, $after: String) {\n    meetings(first: $first, after: $after) {\n      totalCount\n      nodes {\n        meetingId\n      }\n    }\n  }\n"): (typeof documents)["\n  query CacheWindow($first: Int, $after: String) {\n    meetings(first: $first, after: $after) {\n      totalCount\n      nodes {\n        meetingId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CacheOneMeeting($meetingId: UUID!) {\n    meeting(meetingId: $meetingId) {\n      title\n    }\n  }\n"): (typeof documents)["\n  query CacheOneMeeting($meetingId: UUID!) {\n    meeting(meetingId: $meetingId) {\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CacheOneMeetingAi($meetingId: UUID!) {\n    meeting(meetingId: $meetingId) {\n      title\n      aiConfig {\n        summarization {\n          wordLimit\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CacheOneMeetingAi($meetingId: UUID!) {\n    meeting(meetingId: $meetingId) {\n      title\n      aiConfig {\n        summarization {\n          wordLimit\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CacheStaleNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Meeting {\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  query CacheStaleNodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Meeting {\n        title\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Tail {\n    meetings(last: 3) {\n      totalCount\n      nodes {\n        meetingId\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query Tail {\n    meetings(last: 3) {\n      totalCount\n      nodes {\n        meetingId\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query OnePage {\n          meetings(first: 20) {\n            totalCount\n            edges {\n              node {\n                title\n              }\n            }\n          }\n        }\n      "): (typeof documents)["\n        query OnePage {\n          meetings(first: 20) {\n            totalCount\n            edges {\n              node {\n                title\n              }\n            }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query SameArgs {\n          a: meetings(first: 10) {\n            nodes {\n              title\n            }\n          }\n          b: meetings(first: 10) {\n            totalCount\n          }\n          c: meetings(first: 10) {\n            edges {\n              cursor\n            }\n          }\n        }\n      "): (typeof documents)["\n        query SameArgs {\n          a: meetings(first: 10) {\n            nodes {\n              title\n            }\n          }\n          b: meetings(first: 10) {\n            totalCount\n          }\n          c: meetings(first: 10) {\n            edges {\n              cursor\n            }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query CursorAt90 {\n          meetings(first: 90) {\n            pageInfo {\n              endCursor\n            }\n          }\n        }\n      "): (typeof documents)["\n        query CursorAt90 {\n          meetings(first: 90) {\n            pageInfo {\n              endCursor\n            }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query TwoWindows($after: String) {\n          head: meetings(first: 5) {\n            nodes {\n              meetingId\n            }\n          }\n          tail: meetings(first: 5, after: $after) {\n            nodes {\n              meetingId\n            }\n          }\n        }\n      "): (typeof documents)["\n        query TwoWindows($after: String) {\n          head: meetings(first: 5) {\n            nodes {\n              meetingId\n            }\n          }\n          tail: meetings(first: 5, after: $after) {\n            nodes {\n              meetingId\n            }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query TwoFilters {\n          active: meetings(first: 5, status: ACTIVE) {\n            nodes {\n              status\n            }\n          }\n          inactive: meetings(first: 5, status: INACTIVE) {\n            nodes {\n              status\n            }\n          }\n        }\n      "): (typeof documents)["\n        query TwoFilters {\n          active: meetings(first: 5, status: ACTIVE) {\n            nodes {\n              status\n            }\n          }\n          inactive: meetings(first: 5, status: INACTIVE) {\n            nodes {\n              status\n            }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query AiOnPage {\n          meetings(first: 20) {\n            nodes {\n              meetingId\n              aiConfig {\n                summarization {\n                  summaryType\n                }\n                transcription {\n                  language\n                }\n              }\n            }\n          }\n          again: meetings(first: 20) {\n            nodes {\n              aiConfig {\n                summarization {\n                  wordLimit\n                }\n              }\n            }\n          }\n        }\n      "): (typeof documents)["\n        query AiOnPage {\n          meetings(first: 20) {\n            nodes {\n              meetingId\n              aiConfig {\n                summarization {\n                  summaryType\n                }\n                transcription {\n                  language\n                }\n              }\n            }\n          }\n          again: meetings(first: 20) {\n            nodes {\n              aiConfig {\n                summarization {\n                  wordLimit\n                }\n              }\n            }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query Ids {\n          meetings(first: 3) {\n            nodes {\n              id\n              meetingId\n            }\n          }\n        }\n      "): (typeof documents)["\n        query Ids {\n          meetings(first: 3) {\n            nodes {\n              id\n              meetingId\n            }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query ListedLookups($meetingId: UUID!, $id: ID!, $ids: [ID!]!) {\n          meetings(first: 3) {\n            totalCount\n          }\n          meeting(meetingId: $meetingId) {\n            title\n          }\n          node(id: $id) {\n            id\n            ... on Meeting {\n              title\n            }\n          }\n          nodes(ids: $ids) {\n            id\n          }\n        }\n      "): (typeof documents)["\n        query ListedLookups($meetingId: UUID!, $id: ID!, $ids: [ID!]!) {\n          meetings(first: 3) {\n            totalCount\n          }\n          meeting(meetingId: $meetingId) {\n            title\n          }\n          node(id: $id) {\n            id\n            ... on Meeting {\n              title\n            }\n          }\n          nodes(ids: $ids) {\n            id\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query NodeIdOf($meetingId: UUID!) {\n          meeting(meetingId: $meetingId) {\n            id\n          }\n        }\n      "): (typeof documents)["\n        query NodeIdOf($meetingId: UUID!) {\n          meeting(meetingId: $meetingId) {\n            id\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query Unlisted($meetingId: UUID!, $id: ID!) {\n          meeting(meetingId: $meetingId) {\n            title\n            aiConfig {\n              transcription {\n                language\n              }\n            }\n          }\n          node(id: $id) {\n            ... on Meeting {\n              aiConfig {\n                summarization {\n                  textFormat\n                }\n              }\n            }\n          }\n          nodes(ids: [$id, $id]) {\n            id\n          }\n        }\n      "): (typeof documents)["\n        query Unlisted($meetingId: UUID!, $id: ID!) {\n          meeting(meetingId: $meetingId) {\n            title\n            aiConfig {\n              transcription {\n                language\n              }\n            }\n          }\n          node(id: $id) {\n            ... on Meeting {\n              aiConfig {\n                summarization {\n                  textFormat\n                }\n              }\n            }\n          }\n          nodes(ids: [$id, $id]) {\n            id\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FaultPage {\n    meetings(first: 5) {\n      totalCount\n      nodes {\n        meetingId\n      }\n    }\n  }\n"): (typeof documents)["\n  query FaultPage {\n    meetings(first: 5) {\n      totalCount\n      nodes {\n        meetingId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FaultPartial($meetingId: UUID!) {\n    meetings(first: 5) {\n      totalCount\n    }\n    meeting(meetingId: $meetingId) {\n      meetingId\n      title\n    }\n  }\n"): (typeof documents)["\n  query FaultPartial($meetingId: UUID!) {\n    meetings(first: 5) {\n      totalCount\n    }\n    meeting(meetingId: $meetingId) {\n      meetingId\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FaultTwoFilterSets {\n    active: meetings(first: 3, status: ACTIVE) {\n      totalCount\n      nodes {\n        meetingId\n        status\n      }\n    }\n    activeAgain: meetings(first: 2, status: ACTIVE) {\n      totalCount\n    }\n    inactive: meetings(first: 3, status: INACTIVE) {\n      totalCount\n      nodes {\n        meetingId\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query FaultTwoFilterSets {\n    active: meetings(first: 3, status: ACTIVE) {\n      totalCount\n      nodes {\n        meetingId\n        status\n      }\n    }\n    activeAgain: meetings(first: 2, status: ACTIVE) {\n      totalCount\n    }\n    inactive: meetings(first: 3, status: INACTIVE) {\n      totalCount\n      nodes {\n        meetingId\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query Missing {\n          meeting(meetingId: \"550e8400-e29b-41d4-a716-446655440000\") {\n            title\n          }\n        }\n      "): (typeof documents)["\n        query Missing {\n          meeting(meetingId: \"550e8400-e29b-41d4-a716-446655440000\") {\n            title\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query AiPartial {\n          meetings(first: 3) {\n            nodes {\n              title\n              aiConfig {\n                transcription {\n                  language\n                }\n              }\n            }\n          }\n        }\n      "): (typeof documents)["\n        query AiPartial {\n          meetings(first: 3) {\n            nodes {\n              title\n              aiConfig {\n                transcription {\n                  language\n                }\n              }\n            }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProtectionPage {\n    meetings(first: 2) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query ProtectionPage {\n    meetings(first: 2) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WritesCreateMeeting($input: CreateMeetingInput!) {\n    createMeeting(input: $input) {\n      clientMutationId\n      meeting {\n        id\n        meetingId\n        title\n        status\n        sessionKeepAliveTimeInSecs\n        recordingConfig {\n          storageConfig {\n            type\n            bucket\n            region\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WritesCreateMeeting($input: CreateMeetingInput!) {\n    createMeeting(input: $input) {\n      clientMutationId\n      meeting {\n        id\n        meetingId\n        title\n        status\n        sessionKeepAliveTimeInSecs\n        recordingConfig {\n          storageConfig {\n            type\n            bucket\n            region\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WritesUpdateMeeting($input: UpdateMeetingInput!) {\n    updateMeeting(input: $input) {\n      clientMutationId\n      meeting {\n        id\n        title\n        status\n        persistChat\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WritesUpdateMeeting($input: UpdateMeetingInput!) {\n    updateMeeting(input: $input) {\n      clientMutationId\n      meeting {\n        id\n        title\n        status\n        persistChat\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WritesAddParticipant($input: AddParticipantInput!) {\n    addParticipant(input: $input) {\n      clientMutationId\n      token\n      participant {\n        id\n        participantId\n        meetingId\n        customParticipantId\n        name\n        picture\n        presetName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WritesAddParticipant($input: AddParticipantInput!) {\n    addParticipant(input: $input) {\n      clientMutationId\n      token\n      participant {\n        id\n        participantId\n        meetingId\n        customParticipantId\n        name\n        picture\n        presetName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WritesUpdateParticipant($input: UpdateParticipantInput!) {\n    updateParticipant(input: $input) {\n      token\n      participant {\n        id\n        name\n        presetName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WritesUpdateParticipant($input: UpdateParticipantInput!) {\n    updateParticipant(input: $input) {\n      token\n      participant {\n        id\n        name\n        presetName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WritesRemoveParticipant($input: RemoveParticipantInput!) {\n    removeParticipant(input: $input) {\n      removedParticipantId\n      customParticipantId\n      clientMutationId\n    }\n  }\n"): (typeof documents)["\n  mutation WritesRemoveParticipant($input: RemoveParticipantInput!) {\n    removeParticipant(input: $input) {\n      removedParticipantId\n      customParticipantId\n      clientMutationId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WritesRefreshToken($input: RefreshParticipantTokenInput!) {\n    refreshParticipantToken(input: $input) {\n      token\n      clientMutationId\n    }\n  }\n"): (typeof documents)["\n  mutation WritesRefreshToken($input: RefreshParticipantTokenInput!) {\n    refreshParticipantToken(input: $input) {\n      token\n      clientMutationId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WritesNewest {\n    meetings(first: 3) {\n      totalCount\n      nodes {\n        meetingId\n        title\n        recordingConfig {\n          storageConfig {\n            type\n            bucket\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WritesNewest {\n    meetings(first: 3) {\n      totalCount\n      nodes {\n        meetingId\n        title\n        recordingConfig {\n          storageConfig {\n            type\n            bucket\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WritesParticipantsOf($id: ID!, $first: Int) {\n    node(id: $id) {\n      ... on Meeting {\n        participants(first: $first) {\n          totalCount\n          nodes {\n            id\n            customParticipantId\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WritesParticipantsOf($id: ID!, $first: Int) {\n    node(id: $id) {\n      ... on Meeting {\n        participants(first: $first) {\n          totalCount\n          nodes {\n            id\n            customParticipantId\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WritesNodeOf($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Participant {\n        participantId\n        customParticipantId\n        presetName\n      }\n    }\n  }\n"): (typeof documents)["\n  query WritesNodeOf($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Participant {\n        participantId\n        customParticipantId\n        presetName\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;