#!/usr/bin/env node
// `pnpm -s token` (or `npm run -s token`): prints an access token from the running local stack, for
// `Authorization: Bearer <token>`. Options: --port <n> (3000), --scope <scopes>, --client-id <id>,
// --subject <sub>, --expires-in <seconds>, --json (the whole token response).
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.CATALOG_LOCAL_PORT || '3000' },
    scope: { type: 'string' },
    'client-id': { type: 'string' },
    subject: { type: 'string' },
    'expires-in': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const body = {};
if (values.scope !== undefined) body.scope = values.scope;
if (values['client-id'] !== undefined) body.clientId = values['client-id'];
if (values.subject !== undefined) body.subject = values.subject;
if (values['expires-in'] !== undefined) body.expiresIn = Number(values['expires-in']);

const url = 'http://127.0.0.1:' + values.port + '/_local/token';
let response;
try {
  response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
} catch {
  console.error('No local stack answers at ' + url + ': start it with `pnpm start` (or pass --port).');
  process.exit(1);
}
const answer = await response.json();
if (!response.ok) {
  console.error(
    'POST ' + url + ' answered ' + response.status + ': ' + (answer.detail || JSON.stringify(answer)),
  );
  process.exit(1);
}
console.log(values.json ? JSON.stringify(answer, null, 2) : answer.access_token);
