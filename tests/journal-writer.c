/* journal-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The victim of the crash test: appends batches of 1 to 3 events to the
 * journal at argv[1], forever, and after each append has completed writes
 * one line to stdout: "<incident id> <number of events>". A line on stdout
 * is the journal's promise that the batch is durable. */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "sitrep-sqlite-journal.h"

#include "test-utils.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SitrepSqliteJournal) journal = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new ();

  if (argc != 2)
    {
      g_printerr ("usage: journal-writer JOURNAL\n");
      return 2;
    }

  sitrep_sqlite_journal_open_async (argv[1], NULL, test_async_result_cb, &result);
  journal = sitrep_sqlite_journal_open_finish (test_wait_for_result (&result), &error);
  if (journal == NULL)
    {
      g_printerr ("journal-writer: %s\n", error->message);
      return 1;
    }

  for (guint64 n = 0;; n++)
    {
      g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *incident_id = g_uuid_string_random ();
      g_autofree char *line = NULL;
      int count = g_rand_int_range (rand, 1, 4);

      for (int i = 0; i < count; i++)
        {
          g_autoptr(JsonObject) payload = json_object_new ();
          g_autofree char *id = g_uuid_string_random ();
          g_autofree char *title = g_strdup_printf ("batch %" G_GUINT64_FORMAT " event %d", n, i);

          json_object_set_string_member (payload, "title", title);
          json_object_set_int_member (payload, "count", count);
          g_ptr_array_add (events, sitrep_event_new (id, incident_id, "test.written",
                                                     g_get_real_time (), "writer",
                                                     sitrep_journal_get_origin (SITREP_JOURNAL (journal)),
                                                     payload));
        }

      g_clear_object (&result);
      sitrep_journal_append_async (SITREP_JOURNAL (journal), events, NULL, test_async_result_cb, &result);
      if (!sitrep_journal_append_finish (SITREP_JOURNAL (journal), test_wait_for_result (&result), &error))
        {
          g_printerr ("journal-writer: %s\n", error->message);
          return 1;
        }

      /* One write(2) per acknowledgement: the parent reads whole lines only. */
      line = g_strdup_printf ("%s %d\n", incident_id, count);
      if (write (STDOUT_FILENO, line, strlen (line)) < 0)
        return 1;
    }
}
