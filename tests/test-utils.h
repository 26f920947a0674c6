/* test-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Runs the default main context until *result is set by async_result_cb(),
 * giving up (and failing the test) after 30 s of real time. */
static inline void
test_async_result_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static inline gboolean
test_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static inline GAsyncResult *
test_wait_for_result (GAsyncResult **result)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (30, test_timeout_cb, &timed_out);

  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);

  return *result;
}

static inline void
test_wait_until (gboolean (*condition) (gpointer),
                 gpointer   data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (30, test_timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);
}

/* Runs the main loop until @condition holds, for up to a minute (real
 * servers take their seconds), and says what did not happen. */
static inline void
test_wait_long (gboolean   (*condition) (gpointer),
                gpointer     data,
                const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
}

G_END_DECLS
