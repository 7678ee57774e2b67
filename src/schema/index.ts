import { builder } from './builder.ts';
import './scalars.ts';
import './enums.ts';
import './recording-config.ts';
import './ai-config.ts';
import './meeting.ts';
import './meetings-query.ts';
import './meeting-query.ts';
import './node-query.ts';

builder.queryType({ description: 'Read access to RealtimeKit meetings.' });

export const schema = builder.toSchema({ sortSchema: true });
