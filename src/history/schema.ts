// The history store's schema, as numbered migrations. A file records the last one applied
// (SQLite: PRAGMA user_version; PostgreSQL: the schema_version table); opening a file applies the
// missing ones in one transaction, so a newer tool opens an older file and a crash mid-upgrade
// leaves the old schema. A file from a newer tool is refused: its meaning is not ours to guess.

/** Each entry takes the schema from version i to i + 1. SQL common to SQLite and PostgreSQL. */
export const MIGRATIONS: { title: string; sql: string }[] = [
  {
    title: 'audit runs and their findings',
    sql: `
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  site TEXT NOT NULL,
  url TEXT NOT NULL,
  as_of TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  profile TEXT NOT NULL,
  reachable INTEGER NOT NULL,
  score REAL,
  passed INTEGER NOT NULL,
  vetoes TEXT NOT NULL,
  groups TEXT NOT NULL,
  pages INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  limits TEXT NOT NULL
);
CREATE INDEX runs_site ON runs (site, as_of, id);
CREATE TABLE run_findings (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  fingerprint TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  category TEXT NOT NULL,
  severity TEXT NOT NULL,
  veto INTEGER NOT NULL,
  url TEXT NOT NULL,
  target TEXT NOT NULL,
  message TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (run_id, fingerprint)
);
CREATE TABLE run_fixed (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  fingerprint TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  target TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (run_id, fingerprint)
);`,
  },
  {
    title: 'availability probes; batch rounds',
    sql: `
CREATE TABLE probes (
  id INTEGER PRIMARY KEY,
  site TEXT NOT NULL,
  url TEXT NOT NULL,
  at TEXT NOT NULL,
  ok INTEGER NOT NULL,
  status INTEGER,
  ttfb_ms INTEGER,
  load_ms INTEGER,
  reason TEXT,
  detail TEXT,
  cert_days INTEGER
);
CREATE INDEX probes_site ON probes (site, at);
ALTER TABLE runs ADD COLUMN batch TEXT;
CREATE INDEX runs_batch ON runs (batch);`,
  },
  {
    title: 'what a probe may count for: home page or key page, its time limit, simulated time',
    // Rows from version 2 were home-page probes under the 15 s limit, in real time.
    sql: `
ALTER TABLE probes ADD COLUMN home INTEGER NOT NULL DEFAULT 1;
ALTER TABLE probes ADD COLUMN limit_ms INTEGER NOT NULL DEFAULT 15000;
ALTER TABLE probes ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0;`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
