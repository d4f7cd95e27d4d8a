import { faultAnswer, type FaultInjector } from './web-api/fault-injector.js';
import { handleApiCall } from './web-api/handle-api-call.js';
import { handlePageAction, type PersonActions } from './http/page-actions.js';
import { servePage, type PageAssets } from './http/serve-page.js';
import type { Routes } from './http/workspace-http-server.js';
import type { LiveUpdates } from './live/live-updates.js';
import type { ResponseUrls } from './response-urls.js';
import { SlackApiError } from './slack-api-error.js';
import type { SocketModeServer } from './socket-mode/socket-mode-server.js';
import type { WorkspaceUrls } from './urls.js';
import type { WorkspaceState } from './workspace-state.js';

/** Wires each route of the HTTP server to the part of the workspace that answers it. */
export function workspaceRoutes(parts: {
  state: WorkspaceState;
  urls: WorkspaceUrls;
  port: number;
  socketMode: SocketModeServer;
  responseUrls: ResponseUrls;
  faults: FaultInjector;
  live: LiveUpdates;
  assets: PageAssets;
  person: PersonActions;
}): Routes {
  const { state, urls, socketMode, responseUrls, faults, live } = parts;
  return {
    api: (method, params, authorization) =>
      handleApiCall(method, params, authorization, { state, urls, openSocketUrl: () => urls.socket(socketMode.issueTicket()) }, faults),

    responseUrl: (hookId, params) => {
      const fault = faults.take('response_url');
      if (fault) return faultAnswer(fault);
      try {
        return responseUrls.post(hookId, params);
      } catch (error) {
        if (error instanceof SlackApiError) return { status: 400, body: error.toBody() };
        throw error;
      }
    },

    upload: (fileId, bytes) =>
      state.files.upload(fileId, bytes)
        ? { status: 200, headers: { 'content-type': 'text/plain' }, body: `OK - ${bytes.length}` }
        : { status: 404, body: { ok: false, error: 'file_not_found' } },

    file: (fileId) => {
      const file = state.files.get(fileId);
      if (!file?.bytes) return undefined;
      return {
        status: 200,
        headers: {
          'content-type': file.mimetype,
          'content-disposition': `inline; filename="${file.name.replace(/[^\w.-]/g, '_')}"`,
          'x-content-type-options': 'nosniff',
          // Uploaded content is data: an SVG or HTML file must not run script on this origin.
          'content-security-policy': "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
        },
        body: file.bytes,
      };
    },

    page: (path) => servePage(parts.assets, path, parts.port),
    pageAction: (action, params) => handlePageAction(parts.person, action, params),
    upgrades: {
      '/socket': (request, socket, head) => socketMode.handleUpgrade(request, socket, head),
      '/live': (request, socket, head) => live.handleUpgrade(request, socket, head),
    },
  };
}
