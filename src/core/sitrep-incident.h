/* sitrep-incident.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-event.h"
#include "sitrep-severity.h"
#include "sitrep-status.h"

G_BEGIN_DECLS

#define SITREP_TYPE_INCIDENT (sitrep_incident_get_type ())

G_DECLARE_FINAL_TYPE (SitrepIncident, sitrep_incident, SITREP, INCIDENT, GObject)

SitrepIncident *sitrep_incident_new             (const char     *id);
gboolean        sitrep_incident_apply           (SitrepIncident *self,
                                                 SitrepEvent    *event);
const char     *sitrep_incident_get_id          (SitrepIncident *self);
gboolean        sitrep_incident_is_declared     (SitrepIncident *self);
const char     *sitrep_incident_get_title       (SitrepIncident *self);
const char     *sitrep_incident_get_summary     (SitrepIncident *self);
SitrepSeverity  sitrep_incident_get_severity    (SitrepIncident *self);
SitrepStatus    sitrep_incident_get_status      (SitrepIncident *self);
gboolean        sitrep_incident_is_active       (SitrepIncident *self);
gint64          sitrep_incident_get_declared_at (SitrepIncident *self);
gint64          sitrep_incident_get_detected_at (SitrepIncident *self);
const char     *sitrep_incident_get_declared_by (SitrepIncident *self);
GListModel     *sitrep_incident_get_events      (SitrepIncident *self);
int             sitrep_incident_compare         (SitrepIncident *a,
                                                 SitrepIncident *b);

G_END_DECLS
