/* test-sqlite-journal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sitrep-sqlite-journal.h"
#include "sitrep-war-room.h"

#include "test-utils.h"

#define T0 (G_GINT64_CONSTANT (1795500131) * G_TIME_SPAN_SECOND)

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sitrep-journal-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "journal.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          g_chmod (child, 0700);
          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }

  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_chmod (f->dir, 0700);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static SitrepSqliteJournal *
open_journal (const char  *path,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sitrep_sqlite_journal_open_async (path, NULL, test_async_result_cb, &result);
  return sitrep_sqlite_journal_open_finish (test_wait_for_result (&result), error);
}

static SitrepSqliteJournal *
open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  SitrepSqliteJournal *journal = open_journal (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (journal);
  return journal;
}

static gboolean
append (SitrepSqliteJournal  *journal,
        GPtrArray            *events,
        GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sitrep_journal_append_async (SITREP_JOURNAL (journal), events, NULL, test_async_result_cb, &result);
  return sitrep_journal_append_finish (SITREP_JOURNAL (journal), test_wait_for_result (&result), error);
}

static GPtrArray *
load (SitrepSqliteJournal *journal)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *events;

  sitrep_journal_load_async (SITREP_JOURNAL (journal), NULL, test_async_result_cb, &result);
  events = sitrep_journal_load_finish (SITREP_JOURNAL (journal), test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return events;
}

static SitrepEvent *
make_event (const char *incident_id,
            gint64      at,
            const char *title)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autofree char *id = g_uuid_string_random ();

  json_object_set_string_member (payload, "title", title);
  json_object_set_string_member (payload, "severity", "sev2");
  return sitrep_event_new (id, incident_id, SITREP_EVENT_INCIDENT_DECLARED, at, "Ana", "origin", payload);
}

/* A journal at @path holding one event, closed again. */
static void
write_one_event (const char *path,
                 const char *title)
{
  g_autoptr(SitrepSqliteJournal) journal = open_ok (path);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (events, make_event ("i1", T0, title));
  g_assert_true (append (journal, events, &error));
  g_assert_no_error (error);
}

static char *
checksum_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

static void
sql (const char *path,
     const char *statements)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, statements, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", statements, message);
  sqlite3_close (db);
}

static gint64
sql_int (const char *path,
         const char *query)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SitrepSqliteJournal) journal = open_ok (f->path);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *origin = NULL;
  const char *hostile = "'); DROP TABLE events; -- <b>&amp;</b> \xe6\x94\xaf\xe4\xbb\x98";

  origin = g_strdup (sitrep_journal_get_origin (SITREP_JOURNAL (journal)));
  g_assert_true (g_uuid_string_is_valid (origin));
  g_assert_cmpstr (sitrep_sqlite_journal_get_path (journal), ==, f->path);

  /* Out of order on purpose: loading gives journal order (at, id). */
  g_ptr_array_add (events, make_event ("i1", T0 + 2, "third"));
  g_ptr_array_add (events, make_event ("i1", T0, "first"));
  g_ptr_array_add (events, make_event ("i2", T0 + 1, hostile));
  g_assert_true (append (journal, events, &error));
  g_assert_no_error (error);

  /* Appending the same events again changes nothing. */
  g_assert_true (append (journal, events, &error));

  loaded = load (journal);
  g_assert_cmpuint (loaded->len, ==, 3);
  g_assert_cmpstr (sitrep_event_get_payload_string (g_ptr_array_index (loaded, 0), "title"), ==, "first");
  g_assert_cmpstr (sitrep_event_get_payload_string (g_ptr_array_index (loaded, 1), "title"), ==, hostile);
  g_assert_cmpstr (sitrep_event_get_payload_string (g_ptr_array_index (loaded, 2), "title"), ==, "third");

  for (guint i = 0; i < loaded->len; i++)
    {
      SitrepEvent *a = g_ptr_array_index (loaded, i);
      SitrepEvent *b = NULL;

      for (guint j = 0; j < events->len; j++)
        if (g_str_equal (sitrep_event_get_id (g_ptr_array_index (events, j)), sitrep_event_get_id (a)))
          b = g_ptr_array_index (events, j);

      g_assert_nonnull (b);
      g_assert_cmpstr (sitrep_event_get_incident_id (a), ==, sitrep_event_get_incident_id (b));
      g_assert_cmpstr (sitrep_event_get_kind (a), ==, sitrep_event_get_kind (b));
      g_assert_cmpint (sitrep_event_get_at (a), ==, sitrep_event_get_at (b));
      g_assert_cmpstr (sitrep_event_get_author (a), ==, sitrep_event_get_author (b));
      g_assert_cmpstr (sitrep_event_get_origin (a), ==, sitrep_event_get_origin (b));
    }

  /* Everything is still there, and the installation keeps its identity,
   * after closing and opening again. */
  g_clear_object (&journal);
  journal = open_ok (f->path);
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = load (journal);
  g_assert_cmpuint (loaded->len, ==, 3);
  g_assert_cmpstr (sitrep_journal_get_origin (SITREP_JOURNAL (journal)), ==, origin);

  /* The file is what the design says: WAL, our schema version and id. */
  g_clear_object (&journal);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, SITREP_SQLITE_JOURNAL_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (f->path, "PRAGMA application_id"), ==, SITREP_SQLITE_JOURNAL_APPLICATION_ID);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM events"), ==, 3);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    sqlite3_open (f->path, &db);
    sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

static void
test_events_are_immutable (Fixture       *f,
                           gconstpointer  data)
{
  sqlite3 *db = NULL;

  write_one_event (f->path, "kept");

  /* Even another program cannot rewrite or delete history. */
  sqlite3_open (f->path, &db);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE events SET kind = 'x.y'", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM events", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO events (id, incident_id, kind, at, author, origin, payload)"
                                     " VALUES ('x', 'i', 'k.k', 0, 'a', 'o', '[1]')",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM events"), ==, 1);
}

/* A row edited in by hand without an id must not take the journal down: it
 * is skipped, and everything else loads. */
static void
test_skips_unreadable_rows (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(SitrepSqliteJournal) journal = NULL;
  g_autoptr(GPtrArray) loaded = NULL;

  write_one_event (f->path, "kept");

  sql (f->path,
       "INSERT INTO events (id, incident_id, kind, at, author, origin, payload) VALUES "
       "('', 'i1', 'incident.declared', 1, 'a', 'o', '{}'),"
       "('x1', '', 'incident.declared', 2, 'a', 'o', '{}'),"
       "('x2', 'i1', '', 3, 'a', 'o', '{}');");

  journal = open_ok (f->path);
  loaded = load (journal);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpstr (sitrep_event_get_payload_string (g_ptr_array_index (loaded, 0), "title"), ==, "kept");
  /* Still in the file, untouched. */
  g_clear_object (&journal);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM events"), ==, 4);
}

static void
test_migrates_every_earlier_schema (Fixture       *f,
                                    gconstpointer  data)
{
  /* Version 0: no file at all, and an empty file. */
  {
    g_autoptr(SitrepSqliteJournal) journal = open_ok (f->path);
    g_autoptr(GPtrArray) loaded = load (journal);

    g_assert_cmpuint (loaded->len, ==, 0);
  }

  {
    g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
    g_autoptr(SitrepSqliteJournal) journal = NULL;

    g_assert_true (g_file_set_contents (empty, "", 0, NULL));
    journal = open_ok (empty);
    g_clear_object (&journal);
    g_assert_cmpint (sql_int (empty, "PRAGMA user_version"), ==, SITREP_SQLITE_JOURNAL_SCHEMA_VERSION);
  }

  /* Every released schema from 1 on has a fixture: a journal as that
   * version wrote it. Each is migrated and keeps every event. */
  for (int version = 1; version <= SITREP_SQLITE_JOURNAL_SCHEMA_VERSION; version++)
    {
      g_autofree char *name = g_strdup_printf ("journal-v%d.sql", version);
      g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
      g_autofree char *script = NULL;
      g_autofree char *path = g_strdup_printf ("%s/v%d.db", f->dir, version);
      g_autoptr(SitrepSqliteJournal) journal = NULL;
      g_autoptr(GPtrArray) loaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(SitrepWarRoom) war_room = NULL;
      g_autoptr(SitrepClock) clock = sitrep_clock_new_test (T0);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(SitrepIncident) first = NULL;

      g_test_message ("Migrating a version %d journal", version);
      g_assert_true (g_file_get_contents (fixture, &script, NULL, &error));
      g_assert_no_error (error);
      sql (path, script);
      g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, version);

      journal = open_ok (path);
      loaded = load (journal);
      g_assert_cmpuint (loaded->len, ==, sql_int (path, "SELECT count(*) FROM events"));
      g_assert_cmpuint (loaded->len, ==, 3);

      /* The fixture's incidents fold as they did in their day. */
      war_room = sitrep_war_room_new (SITREP_JOURNAL (journal), clock);
      sitrep_war_room_load_async (war_room, NULL, test_async_result_cb, &result);
      g_assert_true (sitrep_war_room_load_finish (war_room, test_wait_for_result (&result), &error));
      g_assert_cmpuint (g_list_model_get_n_items (sitrep_war_room_get_incidents (war_room)), ==, 2);
      first = g_list_model_get_item (sitrep_war_room_get_incidents (war_room), 0);
      g_assert_cmpstr (sitrep_incident_get_title (first), ==, "Payments failing");
      g_assert_cmpint (sitrep_incident_get_severity (first), ==, SITREP_SEVERITY_SEV1);

      g_clear_object (&war_room);
      g_clear_object (&journal);
      g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, SITREP_SQLITE_JOURNAL_SCHEMA_VERSION);
    }
}

static void
assert_refused_unchanged (const char *path,
                          int         code,
                          const char *words)
{
  g_autofree char *before = checksum_of (path);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(SitrepSqliteJournal) journal = NULL;
  g_autoptr(GError) error = NULL;

  journal = open_journal (path, &error);
  g_assert_null (journal);
  g_assert_error (error, SITREP_JOURNAL_ERROR, code);

  /* In words, with the file's location. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, words));

  /* Not a byte changed, nothing added beside it. */
  after = checksum_of (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuses_corrupt (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.db", NULL);
  g_autofree char *damaged = g_build_filename (f->dir, "damaged.db", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.db", NULL);
  g_autofree char *contents = NULL;
  GRand *rand = g_rand_new_with_seed (42);
  char noise[8192];
  gsize length;

  /* Not a database at all. */
  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (char)g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (garbage, noise, sizeof noise, NULL));
  assert_refused_unchanged (garbage, SITREP_JOURNAL_ERROR_CORRUPT, "damaged");

  /* A real journal whose pages were overwritten in the middle. */
  {
    g_autoptr(SitrepSqliteJournal) journal = open_ok (damaged);
    g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

    for (int i = 0; i < 400; i++)
      g_ptr_array_add (events, make_event ("i1", T0 + i, "a title long enough to fill several pages of the file"));
    g_assert_true (append (journal, events, NULL));
  }
  g_assert_true (g_file_get_contents (damaged, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 3 * 4096);
  memcpy (contents + 4096 + 100, noise, 2 * 4096);
  g_assert_true (g_file_set_contents (damaged, contents, length, NULL));
  assert_refused_unchanged (damaged, SITREP_JOURNAL_ERROR_CORRUPT, "damaged");

  /* Some other program's database. */
  sql (foreign, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');");
  assert_refused_unchanged (foreign, SITREP_JOURNAL_ERROR_CORRUPT, "not a Sitrep journal");

  /* Another program's database that is still empty, but has a version of
   * its own: not ours to turn into a journal. */
  {
    g_autofree char *other_empty = g_build_filename (f->dir, "other-empty.db", NULL);

    sql (other_empty, "PRAGMA user_version = 1;");
    assert_refused_unchanged (other_empty, SITREP_JOURNAL_ERROR_CORRUPT, "not a Sitrep journal");
  }

  g_rand_free (rand);
}

static void
test_refuses_newer_schema (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *statements = NULL;

  write_one_event (f->path, "from the future");

  statements = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %d;",
                                SITREP_SQLITE_JOURNAL_SCHEMA_VERSION + 1);
  sql (f->path, statements);
  assert_refused_unchanged (f->path, SITREP_JOURNAL_ERROR_TOO_NEW, "newer version of Sitrep");
}

static void
test_refuses_unwritable (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (f->dir, "not-a-folder", NULL);
  g_autofree char *inside = g_build_filename (blocker, "journal.db", NULL);
  g_autoptr(SitrepSqliteJournal) journal = NULL;
  g_autoptr(GError) error = NULL;

  /* The journal's folder cannot be created: a file is in the way. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  journal = open_journal (inside, &error);
  g_assert_null (journal);
  g_assert_error (error, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_UNWRITABLE);
  g_assert_nonnull (strstr (error->message, blocker));
  g_clear_error (&error);

  journal = open_ok (f->path);
  g_clear_object (&journal);
  sql (f->path, "PRAGMA journal_mode = DELETE");

  if (geteuid () != 0)
    {
      /* A read-only file. */
      g_assert_cmpint (g_chmod (f->path, 0400), ==, 0);
      assert_refused_unchanged (f->path, SITREP_JOURNAL_ERROR_UNWRITABLE, "cannot be written");
    }
  else
    {
      /* Permissions do not stop root: the folder is mounted read-only in
       * a mount namespace of its own, and this test binary checks the
       * journal from in there (see main()). */
      g_autofree char *self = g_test_build_filename (G_TEST_BUILT, "test-sqlite-journal", NULL);
      g_autofree char *before = checksum_of (f->path);
      g_autofree char *after = NULL;
      const char *argv[] = {
        "unshare", "--mount", "sh", "-c",
        "mount --bind -o ro \"$0\" \"$0\" || exit 77; exec \"$1\" --check-unwritable \"$0/journal.db\"",
        f->dir, self, NULL
      };
      const char *probe[] = { "unshare", "--mount", "true", NULL };
      g_autofree char *output = NULL;
      int status = 0;

      /* Some places (a chroot, a locked-down container) allow no mount
       * namespace; there this case cannot be made, and says so. */
      if (!g_spawn_sync (NULL, (char **)probe, NULL,
                         G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, &status, NULL) ||
          !WIFEXITED (status) || WEXITSTATUS (status) != 0)
        {
          g_test_skip ("Running as root where no private mount namespace can be made: "
                       "the read-only file case cannot be set up here");
          return;
        }

      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, &output, NULL, &status, &error);
      g_assert_no_error (error);
      if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
        {
          g_test_skip ("Running as root without the right to mount: the read-only file case cannot be made here");
          return;
        }
      g_test_message ("%s", output);
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      g_assert_nonnull (strstr (output, "cannot be written"));

      after = checksum_of (f->path);
      g_assert_cmpstr (before, ==, after);
    }
}

/* Run inside a read-only mount by test_refuses_unwritable(): prints the
 * error and exits 0 if the journal is refused as unwritable. */
static int
check_unwritable (const char *path)
{
  g_autoptr(SitrepSqliteJournal) journal = NULL;
  g_autoptr(GError) error = NULL;

  journal = open_journal (path, &error);
  if (journal != NULL || !g_error_matches (error, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_UNWRITABLE))
    {
      g_print ("expected the journal to be refused as unwritable: %s\n",
               error != NULL ? error->message : "it opened");
      return 1;
    }

  g_print ("%s\n", error->message);
  return 0;
}

static void
test_move_aside (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *before = NULL;
  g_autofree char *moved_wal = NULL;
  g_autofree char *wal_before = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(SitrepSqliteJournal) fresh = NULL;
  g_autoptr(GPtrArray) loaded = NULL;

  g_assert_true (g_file_set_contents (f->path, "not a journal", -1, NULL));
  g_assert_true (g_file_set_contents (wal, "its log", -1, NULL));
  before = checksum_of (f->path);
  wal_before = checksum_of (wal);

  sitrep_sqlite_journal_move_aside_async (f->path, NULL, test_async_result_cb, &result);
  moved = sitrep_sqlite_journal_move_aside_finish (test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (moved, f->path));
  g_assert_nonnull (strstr (moved, ".broken-"));

  /* Kept byte for byte, the log beside it under the same new name. */
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (checksum_of (moved), ==, before);
  moved_wal = g_strconcat (moved, "-wal", NULL);
  g_assert_cmpstr (checksum_of (moved_wal), ==, wal_before);

  /* A fresh journal now opens in its place. */
  fresh = open_ok (f->path);
  loaded = load (fresh);
  g_assert_cmpuint (loaded->len, ==, 0);

  /* Moving aside twice in the same second never overwrites the first. */
  g_clear_object (&fresh);
  g_clear_object (&result);
  {
    g_autofree char *second = NULL;

    sitrep_sqlite_journal_move_aside_async (f->path, NULL, test_async_result_cb, &result);
    second = sitrep_sqlite_journal_move_aside_finish (test_wait_for_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (second, !=, moved);
    g_assert_cmpstr (checksum_of (moved), ==, before);
  }
}

static void
test_closed_journal (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SitrepSqliteJournal) journal = open_ok (f->path);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (events, make_event ("i1", T0, "queued before close"));

  /* Close finishes what was queued before it. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    sitrep_journal_append_async (SITREP_JOURNAL (journal), events, NULL, test_async_result_cb, &result);
    sitrep_sqlite_journal_close (journal);
    g_assert_true (sitrep_journal_append_finish (SITREP_JOURNAL (journal),
                                                 test_wait_for_result (&result), &error));
    g_assert_no_error (error);
  }

  g_assert_false (append (journal, events, &error));
  g_assert_error (error, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_CLOSED);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM events"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  if (argc == 3 && g_str_equal (argv[1], "--check-unwritable"))
    return check_unwritable (argv[2]);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sqlite-journal/round-trip", test_round_trip);
  ADD ("/sqlite-journal/events-are-immutable", test_events_are_immutable);
  ADD ("/sqlite-journal/skips-unreadable-rows", test_skips_unreadable_rows);
  ADD ("/sqlite-journal/migrates-every-earlier-schema", test_migrates_every_earlier_schema);
  ADD ("/sqlite-journal/refuses-corrupt", test_refuses_corrupt);
  ADD ("/sqlite-journal/refuses-newer-schema", test_refuses_newer_schema);
  ADD ("/sqlite-journal/refuses-unwritable", test_refuses_unwritable);
  ADD ("/sqlite-journal/move-aside", test_move_aside);
  ADD ("/sqlite-journal/closed-journal", test_closed_journal);

#undef ADD

  return g_test_run ();
}
