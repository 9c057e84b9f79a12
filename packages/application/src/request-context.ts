/** What a use case needs to know about the request that triggered it; passed explicitly, never ambient. */
export interface RequestContext {
  readonly correlationId: string;
}
