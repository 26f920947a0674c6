/* test-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-clock.h"
#include "sitrep-format.h"

#include "test-utils.h"

static void
count_tick_cb (SitrepClock *clock,
               guint       *count)
{
  (*count)++;
}

static void
test_clock_test_clock (void)
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new_test (1000 * G_TIME_SPAN_SECOND);
  guint ticks = 0;

  g_signal_connect (clock, "tick", G_CALLBACK (count_tick_cb), &ticks);

  g_assert_true (sitrep_clock_is_test (clock));
  g_assert_cmpint (sitrep_clock_get_now (clock), ==, 1000 * G_TIME_SPAN_SECOND);

  /* It stands still until told to move. */
  g_usleep (2000);
  g_assert_cmpint (sitrep_clock_get_now (clock), ==, 1000 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (ticks, ==, 0);

  sitrep_clock_advance (clock, 90 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (sitrep_clock_get_now (clock), ==, 1090 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (ticks, ==, 1);

  sitrep_clock_set_now (clock, 5);
  g_assert_cmpint (sitrep_clock_get_now (clock), ==, 5);
  g_assert_cmpuint (ticks, ==, 2);

  g_assert_finalize_object (g_steal_pointer (&clock));
}

typedef struct
{
  SitrepClock *clock;
  GArray      *offsets;
} TickLog;

static void
log_tick_cb (SitrepClock *clock,
             TickLog     *log)
{
  gint64 now = sitrep_clock_get_now (clock);
  gint64 offset = now % G_TIME_SPAN_SECOND;

  g_array_append_val (log->offsets, offset);
}

static gboolean
three_ticks (gpointer data)
{
  return ((TickLog *)data)->offsets->len >= 3;
}

/* The system clock follows the real time and ticks just after each second
 * boundary, never on a drifting interval of its own. */
static void
test_clock_system_ticks_on_the_second (void)
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new_system ();
  TickLog log = { clock, g_array_new (FALSE, FALSE, sizeof (gint64)) };
  gint64 before = g_get_real_time ();
  gint64 now = sitrep_clock_get_now (clock);

  g_assert_false (sitrep_clock_is_test (clock));
  g_assert_cmpint (now, >=, before);
  g_assert_cmpint (now - before, <, G_TIME_SPAN_SECOND);

  g_signal_connect (clock, "tick", G_CALLBACK (log_tick_cb), &log);
  test_wait_until (three_ticks, &log);

  for (guint i = 0; i < log.offsets->len; i++)
    {
      gint64 offset = g_array_index (log.offsets, gint64, i);

      /* Within 0.25 s after the boundary, even on a loaded test machine. */
      g_assert_cmpint (offset, <, G_TIME_SPAN_SECOND / 4);
    }

  g_array_unref (log.offsets);
  g_assert_finalize_object (g_steal_pointer (&clock));
}

static void
test_format_duration (void)
{
  static const struct {
    gint64      seconds;
    const char *expected;
  } cases[] = {
    { 0, "0:00:00" },
    { 7, "0:00:07" },
    { 247, "0:04:07" },
    { 3600, "1:00:00" },
    { 13 * 3600 + 2 * 60 + 59, "13:02:59" },
    { 86400 - 1, "23:59:59" },
    { 86400, "1 d 00:00:00" },
    { 2 * 86400 + 3 * 3600 + 4 * 60 + 5, "2 d 03:04:05" },
    { -30, "0:00:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sitrep_format_duration (cases[i].seconds * G_TIME_SPAN_SECOND);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  /* Truncated to the second: it changes exactly when the clock ticks. */
  {
    g_autofree char *text = sitrep_format_duration (59 * G_TIME_SPAN_SECOND + 999999);
    g_assert_cmpstr (text, ==, "0:00:59");
  }
}

static void
test_format_times (void)
{
  /* 2026-11-24 06:02:11 UTC; the test runs with TZ=UTC. */
  gint64 at = G_GINT64_CONSTANT (1795500131) * G_TIME_SPAN_SECOND;
  g_autofree char *utc = sitrep_format_utc_time (at);
  g_autofree char *same_day = sitrep_format_local_time (at, at + 3600 * G_TIME_SPAN_SECOND);
  g_autofree char *next_day = sitrep_format_local_time (at, at + 86400 * G_TIME_SPAN_SECOND);
  g_autofree char *next_year = sitrep_format_local_time (at, at + 60 * 86400 * G_TIME_SPAN_SECOND);

  g_assert_cmpstr (utc, ==, "2026-11-24 06:02:11 UTC");
  g_assert_cmpstr (same_day, ==, "06:02");
  g_assert_cmpstr (next_day, ==, "Nov 24 06:02");
  g_assert_cmpstr (next_year, ==, "Nov 24 2026 06:02");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clock/test-clock", test_clock_test_clock);
  g_test_add_func ("/clock/system-ticks-on-the-second", test_clock_system_ticks_on_the_second);
  g_test_add_func ("/format/duration", test_format_duration);
  g_test_add_func ("/format/times", test_format_times);

  return g_test_run ();
}
