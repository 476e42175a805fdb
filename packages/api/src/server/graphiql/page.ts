import type { GraphiQLOptions } from 'graphql-yoga';
import { GRAPHIQL_ASSETS_PATH, WORKER_FILES } from './assets';
import { REFERENCE_PATH } from '../reference';
import { loadExampleTabs } from './tabs';

/**
 * GraphiQL opens with one tab per kind of user (examples/*.graphql), each with the operations it
 * would run and its Headers editor saying how to sign in. Tabs a person already has (kept in the
 * browser's local storage) win over these, as in GraphiQL itself; headers are never stored.
 */
export function graphiqlOptions(): GraphiQLOptions {
  return {
    title: 'Temu Bisnis API',
    defaultTabs: loadExampleTabs().map(({ query, headers, variables }) => ({ query, headers, variables })),
    defaultEditorToolsVisibility: 'headers',
    shouldPersistHeaders: false,
  };
}

/** yoga's GraphiQL page, loading everything from GRAPHIQL_ASSETS_PATH on this server. */
export function renderGraphiQLPage(options: GraphiQLOptions = {}): string {
  const title = escapeHtml(options.title ?? 'GraphiQL');
  const workers = Object.fromEntries(Object.entries(WORKER_FILES).map(([label, file]) => [label, GRAPHIQL_ASSETS_PATH + file]));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="icon" href="${GRAPHIQL_ASSETS_PATH}favicon.ico">
<link rel="stylesheet" href="${GRAPHIQL_ASSETS_PATH}graphiql.css">
</head>
<body id="body" class="no-focus-outline">
<noscript>GraphiQL needs JavaScript.</noscript>
<a id="reference-link" href="${REFERENCE_PATH}" target="_blank" rel="noopener" style="position:fixed;top:6px;right:12px;z-index:10;font:13px system-ui,sans-serif">API reference · error codes · scopes</a>
<div id="root">Loading ${title}…</div>
<script>const workers = ${scriptJson(workers)}; self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_id, label) => workers[label] };</script>
<script src="${GRAPHIQL_ASSETS_PATH}yoga-graphiql.js"></script>
<script>YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), ${scriptJson(options)});</script>
</body>
</html>`;
}

/** JSON safe inside a <script> element: no "</script>" or "<!--" can end it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
