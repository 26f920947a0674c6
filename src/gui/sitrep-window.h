/* sitrep-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-assessor.h"

#include "sitrep-monitor.h"
#include "sitrep-war-room.h"

G_BEGIN_DECLS

#define SITREP_TYPE_WINDOW (sitrep_window_get_type ())

G_DECLARE_FINAL_TYPE (SitrepWindow, sitrep_window, SITREP, WINDOW, AdwApplicationWindow)

SitrepWindow  *sitrep_window_new                (gpointer      application);
SitrepWarRoom *sitrep_window_get_war_room       (SitrepWindow *self);
void           sitrep_window_set_war_room       (SitrepWindow  *self,
                                                 SitrepWarRoom *war_room);
void           sitrep_window_show_loading       (SitrepWindow  *self);
void           sitrep_window_show_journal_error (SitrepWindow  *self,
                                                 const GError  *error,
                                                 const char    *path);
void           sitrep_window_add_toast          (SitrepWindow  *self,
                                                 const char    *text);
void           sitrep_window_set_monitor        (SitrepWindow  *self,
                                                 SitrepMonitor *monitor,
                                                 SitrepClock   *clock);

void           sitrep_window_show_incident      (SitrepWindow  *self,
                                                 const char    *incident_id);

void          sitrep_window_set_assessor (SitrepWindow   *self,
                                          SitrepAssessor *assessor);

G_END_DECLS
