/* sitrep-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-monitor.h"
#include "sitrep-assessor.h"
#include "sitrep-war-room.h"

G_BEGIN_DECLS

#define SITREP_TYPE_APPLICATION (sitrep_application_get_type ())

G_DECLARE_FINAL_TYPE (SitrepApplication, sitrep_application, SITREP, APPLICATION, AdwApplication)

SitrepApplication *sitrep_application_new              (void);
GSettings         *sitrep_application_get_settings     (SitrepApplication *self);
const char        *sitrep_application_get_journal_path (SitrepApplication *self);
SitrepWarRoom     *sitrep_application_get_war_room     (SitrepApplication *self);
SitrepMonitor     *sitrep_application_get_monitor      (SitrepApplication *self);
SitrepAssessor    *sitrep_application_get_assessor     (SitrepApplication *self);

G_END_DECLS
