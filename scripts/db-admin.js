// Database chores for the shell scripts, in plain JavaScript so they run before the build.
//   node scripts/db-admin.js create-database        creates the DATABASE_URL database if absent
//   node scripts/db-admin.js has-postgis            prints yes/no: can CREATE EXTENSION postgis work
//   node scripts/db-admin.js server-major           prints the server's major version
'use strict';
const { Client } = require('pg');

const url = new URL(process.env.DATABASE_URL);
const database = decodeURIComponent(url.pathname.slice(1));
const maintenance = new URL(url);
maintenance.pathname = '/postgres';

async function withClient(connectionString, work) {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const commands = {
  'create-database': () =>
    withClient(maintenance.toString(), async (client) => {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (rowCount === 0) {
        await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
        console.log(`created database ${database}`);
      }
    }),
  'has-postgis': () =>
    withClient(maintenance.toString(), async (client) => {
      const { rowCount } = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'");
      console.log(rowCount > 0 ? 'yes' : 'no');
    }),
  'server-major': () =>
    withClient(maintenance.toString(), async (client) => {
      const { rows } = await client.query('SHOW server_version_num');
      console.log(Math.floor(Number(rows[0].server_version_num) / 10000));
    }),
};

const command = commands[process.argv[2]];
if (!command) {
  console.error(`usage: node scripts/db-admin.js ${Object.keys(commands).join('|')}`);
  process.exit(2);
}
command().catch((error) => {
  console.error(`db-admin ${process.argv[2]}: ${error.message}`);
  process.exit(1);
});
