// postgres.js configured for RDS Proxy: one connection, `prepare: false` (named prepared statements pin).
import postgres from 'postgres';

const sql = postgres(process.env.POSTGRES_URL, { max: 1, prepare: false, idle_timeout: 0 });

export const query = async (id) =>
  (await sql`SELECT catalog_product_json(p) AS product FROM products p WHERE id = ${id}`)[0];
export const close = () => sql.end();
