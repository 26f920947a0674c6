/* sitrep-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How times read on screen, shared by every view so the board, the incident
 * and the wall always agree. */

#define G_LOG_DOMAIN "sitrep-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sitrep-format.h"

/**
 * sitrep_format_duration:
 * @duration_us: a duration in microseconds; negative counts as zero
 *
 * Formats an elapsed time as H:MM:SS ("0:04:07", "13:02:59"), with a day
 * count in front from 24 hours on ("2 d 03:04:05"), truncated to the second
 * so that it changes exactly when the clock ticks.
 *
 * Returns: (transfer full): the formatted duration
 */
char *
sitrep_format_duration (gint64 duration_us)
{
  gint64 total = MAX (duration_us, 0) / G_USEC_PER_SEC;
  int days = (int)MIN (total / 86400, G_MAXINT);
  int hours = (int)(total % 86400 / 3600);
  int minutes = (int)(total % 3600 / 60);
  int seconds = (int)(total % 60);

  if (days > 0)
    /* Translators: a duration of days, hours, minutes and seconds, as in "2 d 03:04:05". */
    return g_strdup_printf (_("%d d %02d:%02d:%02d"), days, hours, minutes, seconds);

  return g_strdup_printf ("%d:%02d:%02d", hours, minutes, seconds);
}

/**
 * sitrep_format_local_time:
 * @at_us: the moment, UTC microseconds
 * @now_us: now, UTC microseconds
 *
 * Formats a moment in local time, as precisely as needed to be unambiguous
 * next to now: "14:02" today, "Nov 23 14:02" another day this year,
 * "Nov 23 2025 14:02" another year. Incidents run past midnight; a bare
 * time would then be wrong half the time.
 *
 * Returns: (transfer full): the formatted time
 */
char *
sitrep_format_local_time (gint64 at_us,
                          gint64 now_us)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (at_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (now_us / G_USEC_PER_SEC);

  if (at == NULL || now == NULL)
    return g_strdup ("");

  if (g_date_time_get_year (at) != g_date_time_get_year (now))
    /* Translators: a date and time in another year; see g_date_time_format() for the codes. */
    return g_date_time_format (at, _("%b %-d %Y %H:%M"));

  if (g_date_time_get_day_of_year (at) != g_date_time_get_day_of_year (now))
    /* Translators: a date and time earlier this year; see g_date_time_format() for the codes. */
    return g_date_time_format (at, _("%b %-d %H:%M"));

  return g_date_time_format (at, "%H:%M");
}

/**
 * sitrep_format_utc_time:
 * @at_us: the moment, UTC microseconds
 *
 * Returns: (transfer full): the moment in UTC, to the second, with its
 *   zone spelled out: "2026-11-24 06:02:11 UTC"
 */
char *
sitrep_format_utc_time (gint64 at_us)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (at_us / G_USEC_PER_SEC);

  if (at == NULL)
    return g_strdup ("");

  return g_date_time_format (at, "%Y-%m-%d %H:%M:%S UTC");
}

/**
 * sitrep_format_timeline_time:
 * @at_us: the moment, UTC microseconds
 * @now_us: now, UTC microseconds
 *
 * Formats a moment of an incident's timeline in local time, always with
 * its date and to the second ("Nov 24 14:02:11"), and with the year when
 * it is not this year: a timeline spans days and is read again weeks later.
 *
 * Returns: (transfer full): the formatted time
 */
char *
sitrep_format_timeline_time (gint64 at_us,
                             gint64 now_us)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (at_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (now_us / G_USEC_PER_SEC);

  if (at == NULL || now == NULL)
    return g_strdup ("");

  if (g_date_time_get_year (at) != g_date_time_get_year (now))
    /* Translators: a timeline entry's date and time in another year; see g_date_time_format(). */
    return g_date_time_format (at, _("%b %-d %Y %H:%M:%S"));

  /* Translators: a timeline entry's date and time; see g_date_time_format() for the codes. */
  return g_date_time_format (at, _("%b %-d %H:%M:%S"));
}

/**
 * sitrep_format_countdown:
 * @remaining_us: the time left; negative when overdue
 *
 * Formats a countdown as M:SS, or H:MM:SS from an hour on. Time left is
 * rounded up to the second, so a countdown reads 15:00 for the whole first
 * second and 0:00 exactly when it falls due; time overdue is rounded down
 * and counts up from 0:00.
 *
 * Returns: (transfer full): the formatted countdown, without a sign
 */
char *
sitrep_format_countdown (gint64 remaining_us)
{
  gint64 total;

  if (remaining_us > 0)
    total = (remaining_us + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND;
  else
    total = -remaining_us / G_TIME_SPAN_SECOND;

  if (total >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int)MIN (total / 3600, G_MAXINT),
                            (int)(total % 3600 / 60), (int)(total % 60));

  return g_strdup_printf ("%d:%02d", (int)(total / 60), (int)(total % 60));
}

/**
 * sitrep_deadline_get_state:
 * @due_at_us: the deadline, UTC microseconds, or 0 when there is none
 * @now_us: now
 * @warning_us: how long before the deadline it turns to a warning
 *
 * Returns: where @now_us stands against the deadline
 */
SitrepDeadlineState
sitrep_deadline_get_state (gint64 due_at_us,
                           gint64 now_us,
                           gint64 warning_us)
{
  if (due_at_us <= 0)
    return SITREP_DEADLINE_NONE;

  if (now_us >= due_at_us)
    return SITREP_DEADLINE_OVERDUE;

  if (due_at_us - now_us <= warning_us)
    return SITREP_DEADLINE_WARNING;

  return SITREP_DEADLINE_RUNNING;
}
