/* sitrep-severity-badge.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sitrep-severity.h"

G_BEGIN_DECLS

#define SITREP_TYPE_SEVERITY_BADGE (sitrep_severity_badge_get_type ())

G_DECLARE_FINAL_TYPE (SitrepSeverityBadge, sitrep_severity_badge, SITREP, SEVERITY_BADGE, GtkWidget)

GtkWidget      *sitrep_severity_badge_new          (SitrepSeverity       severity);
SitrepSeverity  sitrep_severity_badge_get_severity (SitrepSeverityBadge *self);
void            sitrep_severity_badge_set_severity (SitrepSeverityBadge *self,
                                                    SitrepSeverity       severity);

G_END_DECLS
