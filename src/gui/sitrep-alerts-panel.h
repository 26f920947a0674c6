/* sitrep-alerts-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sitrep-clock.h"
#include "sitrep-monitor.h"

G_BEGIN_DECLS

#define SITREP_TYPE_ALERTS_PANEL (sitrep_alerts_panel_get_type ())

G_DECLARE_FINAL_TYPE (SitrepAlertsPanel, sitrep_alerts_panel, SITREP, ALERTS_PANEL, GtkWidget)

GtkWidget *sitrep_alerts_panel_new           (void);
void       sitrep_alerts_panel_set_monitor   (SitrepAlertsPanel *self,
                                              SitrepMonitor     *monitor,
                                              SitrepClock       *clock);
guint      sitrep_alerts_panel_get_n_firing  (SitrepAlertsPanel *self);
GPtrArray *sitrep_alerts_panel_dup_alerts    (SitrepAlertsPanel *self,
                                              const char        *target);
void       sitrep_alerts_panel_set_read_only (SitrepAlertsPanel *self,
                                              gboolean           read_only);

G_END_DECLS
