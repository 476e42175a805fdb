import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authentication } from '../auth/authenticate';
import type { Database } from '../db/connection';
import type { Logger } from '../logger';

/** A route beside /graphql, given the caller the server authenticated before routing (http.ts). */
export type Route = (req: IncomingMessage, res: ServerResponse, db: Database, logger: Logger, auth: Authentication) => Promise<void>;
