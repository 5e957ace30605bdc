/**
 * Preloaded into the api by `bench:api-load -- --instrument` (plain JavaScript: it loads before
 * ts-node). Counts the SQL statements the process sends, by pool, and how long each pool checkout
 * waited; SIGUSR2 starts the count afresh (the bench sends it when the load starts, so the demo
 * seed is left out); on exit, writes them to API_LOAD_INSTRUMENT_FILE. Nothing under apps/ or
 * libs/ knows of it.
 */
const { writeFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
const { Client } = require('pg');
const Pool = require('pg-pool');

let statements = new Map();
let waits = new Map();

const originalQuery = Client.prototype.query;
Client.prototype.query = function query(config, values, callback) {
  const text = typeof config === 'string' ? config : config && config.text;
  if (text) {
    const key = `${this.connectionParameters.application_name ?? 'read models'}: ${text
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 90)}`;
    statements.set(key, (statements.get(key) ?? 0) + 1);
  }
  return originalQuery.call(this, config, values, callback);
};

const originalConnect = Pool.prototype.connect;
Pool.prototype.connect = function connect(callback) {
  const pool = `${this.options.application_name ?? 'read models'} (max ${this.options.max})`;
  const start = performance.now();
  const waited = () => {
    if (!waits.has(pool)) waits.set(pool, []);
    waits.get(pool).push(performance.now() - start);
  };
  if (callback) {
    return originalConnect.call(this, (error, client, done) => {
      waited();
      callback(error, client, done);
    });
  }
  return originalConnect.call(this).then((client) => {
    waited();
    return client;
  });
};

process.on('SIGUSR2', () => {
  statements = new Map();
  waits = new Map();
});

const percentile = (sorted, p) =>
  sorted.length
    ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10) / 10
    : 0;

process.on('exit', () => {
  const file = process.env.API_LOAD_INSTRUMENT_FILE;
  if (!file) return;
  const pools = {};
  for (const [pool, ms] of waits) {
    ms.sort((a, b) => a - b);
    pools[pool] = {
      checkouts: ms.length,
      waitedSeconds: Math.round(ms.reduce((sum, one) => sum + one, 0) / 100) / 10,
      p50Ms: percentile(ms, 0.5),
      p95Ms: percentile(ms, 0.95),
      p99Ms: percentile(ms, 0.99),
    };
  }
  const byCount = [...statements].sort((a, b) => b[1] - a[1]);
  writeFileSync(
    file,
    JSON.stringify({
      statements: byCount.reduce((sum, [, count]) => sum + count, 0),
      pools,
      top: Object.fromEntries(byCount.slice(0, 40)),
    }),
  );
});
