import { describe, expect, it } from 'vitest';
import { apiEvent, apiWorld, COLLECTION, cup } from './api-gateway.test-support';

const post = (contentType: string) =>
  apiEvent('POST', COLLECTION, { headers: { 'Content-Type': contentType }, body: JSON.stringify(cup) });

describe('the media type of a body', () => {
  it.each([
    'application/json',
    'application/json;charset=utf-8',
    'application/json; charset=utf-8',
    'Application/JSON; Charset=UTF-8',
    'application/json ; charset = "utf-8"',
    'application/json; charset=utf8',
    'application/merge-patch+json',
    'application/vnd.catalog.product+json; charset=utf-8',
    'application/json; profile=x',
  ])('accepts %j', async (contentType) => {
    expect((await apiWorld().createProduct(post(contentType))).status).toBe(201);
  });

  it.each([
    'text/json',
    'application/jsonx',
    'application/xjson',
    'application/+json',
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'application/json; charset',
    'multipart/form-data; boundary=json',
    'json',
    '',
  ])('refuses %j with 415', async (contentType) => {
    const response = await apiWorld().createProduct(post(contentType));
    expect(response.status).toBe(415);
    expect(response.body.type).toBe('urn:catalog:problem:unsupported-media-type');
  });
});
