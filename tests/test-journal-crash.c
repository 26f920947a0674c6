/* test-journal-crash.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Crash safety: a writer process appends to the journal in a loop and is
 * killed with SIGKILL at a random moment, again and again on the same file.
 * After every kill the journal must open, pass PRAGMA integrity_check, and
 * hold every batch whose append the writer had acknowledged, each batch
 * whole: an append is all or nothing, and "done" means on disk. */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sitrep-sqlite-journal.h"

#include "test-utils.h"

#define N_KILLS 60

static void
read_acks (int         fd,
           GString    *pending,
           GHashTable *acked)
{
  char buffer[4096];
  ssize_t n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    {
      char *newline;

      g_string_append_len (pending, buffer, n);
      while ((newline = strchr (pending->str, '\n')) != NULL)
        {
          g_auto(GStrv) fields = NULL;

          *newline = '\0';
          fields = g_strsplit (pending->str, " ", 2);
          g_assert_cmpuint (g_strv_length (fields), ==, 2);
          g_hash_table_insert (acked, g_strdup (fields[0]),
                               GINT_TO_POINTER (atoi (fields[1])));
          g_string_erase (pending, 0, newline - pending->str + 1);
        }
    }
}

static void
check_journal (const char *path,
               GHashTable *acked)
{
  g_autoptr(SitrepSqliteJournal) journal = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) declared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* The application's own way in: open (recovering what the crash left) and load. */
  sitrep_sqlite_journal_open_async (path, NULL, test_async_result_cb, &result);
  journal = sitrep_sqlite_journal_open_finish (test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  g_clear_object (&result);
  sitrep_journal_load_async (SITREP_JOURNAL (journal), NULL, test_async_result_cb, &result);
  events = sitrep_journal_load_finish (SITREP_JOURNAL (journal), test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&journal);

  for (guint i = 0; i < events->len; i++)
    {
      SitrepEvent *event = g_ptr_array_index (events, i);
      const char *incident_id = sitrep_event_get_incident_id (event);
      JsonObject *payload = sitrep_event_get_payload (event);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, incident_id));

      g_hash_table_insert (counts, g_strdup (incident_id), GUINT_TO_POINTER (n + 1));
      g_hash_table_insert (declared, g_strdup (incident_id),
                           GINT_TO_POINTER ((int)json_object_get_int_member (payload, "count")));
    }

  /* Every batch in the file is whole, acknowledged or not. */
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpint (GPOINTER_TO_INT (value), ==, GPOINTER_TO_INT (g_hash_table_lookup (declared, key)));

  /* Every acknowledged batch is in the file. */
  g_hash_table_iter_init (&iter, acked);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_hash_table_contains (counts, key))
        g_error ("Batch %s was acknowledged but is not in the journal", (const char *)key);
      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, key)), ==, GPOINTER_TO_INT (value));
    }

  /* And the file as a whole is sound. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_crash_safety (void)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "journal-writer", NULL);
  g_autoptr(GHashTable) acked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint32 seed = g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitrep-crash-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "journal.db", NULL);
  guint kills_mid_stream = 0;

  g_assert_no_error (error);
  g_test_message ("Kill times seeded with %u (follows --seed)", seed);

  for (int round = 0; round < N_KILLS; round++)
    {
      const char *argv[] = { writer, path, NULL };
      g_autoptr(GString) pending = g_string_new (NULL);
      guint before = g_hash_table_size (acked);
      GPid pid;
      int out_fd;
      int status;
      /* Mostly mid-stream; now and then during start-up and migration. */
      gulong delay_us = round % 10 == 0
        ? g_rand_int_range (rand, 0, 20000)
        : g_rand_int_range (rand, 20000, 250000);

      g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      g_usleep (delay_us);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

      /* Only complete lines count: a half-written line was never a promise. */
      read_acks (out_fd, pending, acked);
      close (out_fd);

      if (g_hash_table_size (acked) > before)
        kills_mid_stream++;

      check_journal (path, acked);
    }

  g_test_message ("%d kills, %u of them after acknowledged appends; %u batches acknowledged",
                  N_KILLS, kills_mid_stream, g_hash_table_size (acked));

  /* The test proves something only if the writer got going most times. */
  g_assert_cmpuint (kills_mid_stream, >=, N_KILLS / 2);
  g_assert_cmpuint (g_hash_table_size (acked), >=, N_KILLS);

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/journal/crash-safety", test_crash_safety);

  return g_test_run ();
}
