import pg from 'pg';

/** Resolves once PostgreSQL at `url` answers a query; rejects after `timeoutMs`. */
export const waitUntilAccepting = async (url: string, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`PostgreSQL at ${redacted(url)} did not answer within ${timeoutMs} ms`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
};

/** The URL without its password, for messages and logs. */
export const redacted = (url: string): string => {
  if (!URL.canParse(url)) return '<unparseable POSTGRES_URL>';
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
};
