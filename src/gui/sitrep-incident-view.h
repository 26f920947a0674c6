/* sitrep-incident-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-assessor.h"

#include "sitrep-war-room.h"

G_BEGIN_DECLS

#define SITREP_TYPE_INCIDENT_VIEW (sitrep_incident_view_get_type ())

G_DECLARE_FINAL_TYPE (SitrepIncidentView, sitrep_incident_view, SITREP, INCIDENT_VIEW, GtkWidget)

GtkWidget      *sitrep_incident_view_new          (void);
SitrepWarRoom  *sitrep_incident_view_get_war_room (SitrepIncidentView *self);
void            sitrep_incident_view_set_war_room (SitrepIncidentView *self,
                                                   SitrepWarRoom      *war_room);
SitrepIncident *sitrep_incident_view_get_incident (SitrepIncidentView *self);
void            sitrep_incident_view_set_incident (SitrepIncidentView *self,
                                                   SitrepIncident     *incident);
void            sitrep_incident_view_set_trace_url_template (SitrepIncidentView *self,
                                                   const char         *url_template);

void            sitrep_incident_view_set_assessor (SitrepIncidentView *self,
                                                   SitrepAssessor     *assessor);

G_END_DECLS
