/** The fake's API: the one table of its routes. */
import { route, type Route } from './router.js';
import * as partner from './partner-routes.js';
import * as connections from './connection-routes.js';
import * as workspace from './workspace-routes.js';

const OPTIONAL_SLASH = { optionalSlash: true };

/** Every API route of the fake (peliqan-api.md §2, §3 and §6). */
export const API_ROUTES: Route[] = [
  route('POST', '/api/sub-account/', partner.createSubAccount),
  route('GET', '/api/sub-account/identity/', partner.identityToken),
  route('POST', '/api/sub-account/integrate/', partner.integrateToken),
  route('GET', '/api/partner/sub-accounts/', partner.listSubAccounts),
  route('POST', '/api/partner/sub-account/', partner.createSubAccount),
  route('GET', '/api/partner/sub-account/identity/', partner.identityToken),
  route('POST', '/api/partner/sub-account/integrate/', partner.integrateToken),
  route('GET', '/api/servertypes', connections.listServertypes, OPTIONAL_SLASH),
  route('POST', '/api/servers', connections.createConnection, OPTIONAL_SLASH),
  route('GET', '/api/servers', connections.listConnections, OPTIONAL_SLASH),
  route('GET', '/api/server/:id', connections.readConnection, OPTIONAL_SLASH),
  route('GET', '/api/server/:id/logs', connections.readLogs, OPTIONAL_SLASH),
  // The page's short forms `POST /table` and `POST /interface` are no routes: they answer 404 like
  // any unknown path. These are the paths Peliqan's own SDK calls.
  route('POST', '/api/database/tables/create-sql-query/', workspace.createTable),
  route('POST', '/api/database/tables/database/:id/', workspace.createTableInDatabase),
  route('GET', '/api/applications/', workspace.listDatabases),
  route('GET', '/api/groups/', workspace.listGroups),
  route('POST', '/api/interfaces/group/:id/', workspace.createScript),
  route('GET', '/api/interfaces/', workspace.listScripts),
  route('PATCH', '/api/interfaces/:id/', workspace.updateScript),
];
