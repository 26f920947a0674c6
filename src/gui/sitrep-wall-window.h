/* sitrep-wall-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-assessor.h"
#include "sitrep-monitor.h"
#include "sitrep-war-room.h"

G_BEGIN_DECLS

#define SITREP_WALL_ROTATE_DEFAULT 15

#define SITREP_TYPE_WALL_WINDOW (sitrep_wall_window_get_type ())

G_DECLARE_FINAL_TYPE (SitrepWallWindow, sitrep_wall_window, SITREP, WALL_WINDOW, AdwWindow)

GtkWidget      *sitrep_wall_window_new              (GtkApplication   *application,
                                                     SitrepMonitor    *monitor,
                                                     SitrepAssessor   *assessor,
                                                     SitrepClock      *clock);
void            sitrep_wall_window_set_war_room     (SitrepWallWindow *self,
                                                     SitrepWarRoom    *war_room);
void            sitrep_wall_window_set_rotate_seconds (SitrepWallWindow *self,
                                                     guint             seconds);
SitrepIncident *sitrep_wall_window_get_pinned       (SitrepWallWindow *self);
SitrepIncident *sitrep_wall_window_get_rotating     (SitrepWallWindow *self);
void            sitrep_wall_window_restyle          (SitrepWallWindow *self,
                                                     int               width,
                                                     int               height);
double          sitrep_wall_window_get_unit         (SitrepWallWindow *self);

G_END_DECLS
