/* sitrep-sparkline.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SITREP_TYPE_SPARKLINE (sitrep_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (SitrepSparkline, sitrep_sparkline, SITREP, SPARKLINE, GtkWidget)

GtkWidget *sitrep_sparkline_new        (void);
void       sitrep_sparkline_set_points (SitrepSparkline *self,
                                        GArray          *points,
                                        double           threshold,
                                        gboolean         bad_above);

G_END_DECLS
