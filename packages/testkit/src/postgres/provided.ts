/** What the integration run's globalSetup hands to test files (vitest provide/inject). */
export type ProvidedPostgres =
  { readonly url: string; readonly backend: string; readonly version: string } | { readonly error: string };

declare module 'vitest' {
  export interface ProvidedContext {
    catalogPostgres?: ProvidedPostgres;
  }
}
