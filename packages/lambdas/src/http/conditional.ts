import { ValidationError } from '@catalog/domain';
import { headerOf, type HttpRequest } from './request';

/** The strong entity tag of a product version: `"3"`. */
export const etagOf = (version: number): string => `"${version}"`;

const VERSION_TAG = /^"([1-9][0-9]{0,14})"$/;
const ANY_TAG = /^(?:W\/)?"([^"]*)"$/;

const parseVersionTag = (tag: string): number | undefined => {
  const match = VERSION_TAG.exec(tag);
  return match?.[1] === undefined ? undefined : Number(match[1]);
};

/** `If-Match`: `*` or one strong entity tag such as `"3"`; absent -> undefined; anything else -> 400. */
export const ifMatchOf = (request: HttpRequest): number | '*' | undefined => {
  const header = headerOf(request, 'if-match')?.trim();
  if (header === undefined) return undefined;
  if (header === '*') return '*';
  const version = parseVersionTag(header);
  if (version === undefined) {
    throw ValidationError.of('If-Match', 'must be * or one strong entity tag such as "3"');
  }
  return version;
};

/** `If-None-Match` on a write: only `*` ("create, never replace") is meaningful. */
export const ifNoneMatchStarOf = (request: HttpRequest): '*' | undefined => {
  const header = headerOf(request, 'if-none-match')?.trim();
  if (header === undefined) return undefined;
  if (header === '*') return '*';
  throw ValidationError.of('If-None-Match', 'must be * on this method');
};

/**
 * `If-None-Match` on a read: `*` or a list of entity tags, compared weakly (RFC 9110 13.1.2). Returns a
 * test of whether the current version matches (then the client's copy is fresh: 304).
 */
export const ifNoneMatchTestOf = (request: HttpRequest): ((version: number) => boolean) | undefined => {
  const header = headerOf(request, 'if-none-match')?.trim();
  if (header === undefined) return undefined;
  if (header === '*') return () => true;
  const tags = header.split(',').map((tag) => ANY_TAG.exec(tag.trim())?.[1]);
  if (tags.length === 0 || tags.some((tag) => tag === undefined)) {
    throw ValidationError.of('If-None-Match', 'must be * or a list of entity tags such as "3", W/"4"');
  }
  const versions = new Set(tags.map((tag) => parseVersionTag(`"${String(tag)}"`)));
  return (version) => versions.has(version);
};
