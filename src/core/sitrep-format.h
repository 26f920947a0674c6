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

G_END_DECLS
