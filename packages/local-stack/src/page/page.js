// The local stack's API page: Swagger UI over docs/api/openapi.yaml, authorised with a local token, beside a
// live view of the product events the stack publishes. Served from the stack itself; no other origin.
/* global SwaggerUIBundle */
'use strict';

const tokenStatus = document.getElementById('token-status');

async function authorize(ui) {
  tokenStatus.dataset.state = 'pending';
  const response = await fetch('/_local/token', { method: 'POST' });
  if (!response.ok) {
    tokenStatus.dataset.state = 'failed';
    tokenStatus.textContent = `No token: POST /_local/token answered ${response.status}`;
    return;
  }
  const token = await response.json();
  ui.preauthorizeApiKey('authorizer', `Bearer ${token.access_token}`);
  tokenStatus.dataset.state = 'ready';
  tokenStatus.textContent = `Authorised as client ${token.client_id}, scope "${token.scope}", for ${token.expires_in} s`;
}

function eventItem(event) {
  const metadata = (event.detail && event.detail.metadata) || {};
  const item = document.createElement('li');
  item.dataset.detailType = event.detailType;
  item.dataset.productId = metadata.productId || '';
  const type = document.createElement('div');
  type.className = 'type';
  type.textContent = `${event.detailType} v${metadata.productVersion}`;
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.textContent = `${event.time} product ${metadata.productId} event ${metadata.eventId} correlation ${metadata.correlationId}`;
  item.append(type, meta);
  return item;
}

let source;
function watchEvents() {
  if (source) source.close();
  const list = document.getElementById('events');
  const status = document.getElementById('events-status');
  list.replaceChildren();
  const query = new URLSearchParams();
  const productId = document.getElementById('filter-product').value.trim();
  const detailType = document.getElementById('filter-type').value;
  if (productId) query.set('productId', productId);
  if (detailType) query.set('detailType', detailType);
  source = new EventSource(`/_local/events/stream?${query}`);
  source.onopen = () => {
    status.textContent = 'Live: new events appear at the top.';
    status.dataset.state = 'live';
  };
  source.onerror = () => {
    status.textContent =
      productId && !/^[0-9A-Fa-f-]{1,36}$/.test(productId)
        ? 'The product id must be a UUID.'
        : 'Disconnected; retrying…';
    status.dataset.state = 'error';
  };
  source.onmessage = (message) => list.prepend(eventItem(JSON.parse(message.data)));
}

window.addEventListener('load', () => {
  const ui = SwaggerUIBundle({
    url: '/_local/openapi.json',
    dom_id: '#reference',
    deepLinking: false,
    validatorUrl: null,
    tryItOutEnabled: true,
    onComplete: () => authorize(ui),
  });
  document.getElementById('new-token').addEventListener('click', () => authorize(ui));
  document.getElementById('event-filter').addEventListener('input', watchEvents);
  document.getElementById('event-filter').addEventListener('submit', (event) => event.preventDefault());
  watchEvents();
});
