// node-postgres as the adapter uses it: a one-connection pool, unnamed statements (extended protocol).
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.POSTGRES_URL, max: 1, idleTimeoutMillis: 0 });

export const query = async (id) =>
  (await pool.query('SELECT catalog_product_json(p) AS product FROM products p WHERE id = $1', [id])).rows[0];
export const close = () => pool.end();
