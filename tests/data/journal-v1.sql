-- A journal as schema version 1 wrote it: two incidents, three events.
-- Never edit this file; each schema version keeps its fixture so the
-- migration test starts from what users really have on disk.
PRAGMA application_id = 1397314642;
CREATE TABLE meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT;
CREATE TABLE events (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT NOT NULL UNIQUE,
  incident_id TEXT NOT NULL,
  kind        TEXT NOT NULL,
  at          INTEGER NOT NULL,
  author      TEXT NOT NULL,
  origin      TEXT NOT NULL,
  payload     TEXT NOT NULL CHECK (json_valid (payload) AND json_type (payload) = 'object')
) STRICT;
CREATE INDEX events_by_time ON events (at, id);
CREATE INDEX events_by_incident ON events (incident_id, at, id);
CREATE TRIGGER events_are_immutable BEFORE UPDATE ON events
  BEGIN SELECT RAISE (ABORT, 'journal events are immutable'); END;
CREATE TRIGGER events_are_kept BEFORE DELETE ON events
  BEGIN SELECT RAISE (ABORT, 'journal events are never deleted'); END;
INSERT INTO meta (key, value) VALUES ('origin', '8d3f1d0e-6a57-4d5e-9a5f-0c1b2a3d4e5f');
INSERT INTO events (id, incident_id, kind, at, author, origin, payload) VALUES
  ('0b6c2a9e-1f7e-4b0c-8d35-6a1f2e3d4c5b', '5b0f7c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b',
   'incident.declared', 1795500131000000, 'Ana', '8d3f1d0e-6a57-4d5e-9a5f-0c1b2a3d4e5f',
   '{"title":"Payments failing","severity":"sev1","summary":"Card payments return 502"}'),
  ('1c7d3b0f-2a8f-4c1d-9e46-7b2a3f4e5d6c', '6c1a8d2f-3e4b-4f6a-9b0c-1d2e3f4a5b6c',
   'incident.declared', 1795500191000000, 'Bo', '8d3f1d0e-6a57-4d5e-9a5f-0c1b2a3d4e5f',
   '{"title":"Search slow in EU","severity":"sev3"}'),
  ('2d8e4c1a-3b9a-4d2e-8f57-8c3b4a5f6e7d', '5b0f7c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b',
   'note.added', 1795500251000000, 'Ana', '8d3f1d0e-6a57-4d5e-9a5f-0c1b2a3d4e5f',
   '{"text":"Rolled back the gateway config"}');
PRAGMA user_version = 1;
