/** What the integration run's globalSetup hands to test files (vitest provide/inject). */
export type ProvidedDynamoDb =
  { readonly endpoint: string; readonly backend: string } | { readonly error: string };

declare module 'vitest' {
  export interface ProvidedContext {
    catalogDynamoDb?: ProvidedDynamoDb;
  }
}
