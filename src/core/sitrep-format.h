/* sitrep-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *sitrep_format_duration   (gint64 duration_us);
char *sitrep_format_local_time (gint64 at_us,
                                gint64 now_us);
char *sitrep_format_utc_time   (gint64 at_us);
char *sitrep_format_timeline_time (gint64 at_us,
                                   gint64 now_us);
char *sitrep_format_countdown  (gint64 remaining_us);

/**
 * SitrepDeadlineState:
 * @SITREP_DEADLINE_NONE: no deadline runs
 * @SITREP_DEADLINE_RUNNING: time is left
 * @SITREP_DEADLINE_WARNING: little time is left
 * @SITREP_DEADLINE_OVERDUE: the deadline has passed
 */
typedef enum
{
  SITREP_DEADLINE_NONE,
  SITREP_DEADLINE_RUNNING,
  SITREP_DEADLINE_WARNING,
  SITREP_DEADLINE_OVERDUE,
} SitrepDeadlineState;

SitrepDeadlineState sitrep_deadline_get_state (gint64 due_at_us,
                                               gint64 now_us,
                                               gint64 warning_us);

G_END_DECLS
