/* sitrep-incident.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-blast-radius.h"
#include "sitrep-event.h"
#include "sitrep-role.h"
#include "sitrep-linked-alert.h"
#include "sitrep-severity.h"
#include "sitrep-status.h"

G_BEGIN_DECLS

/* How long before a deadline its countdown turns to a warning. */
#define SITREP_TRIAGE_WARNING (60 * G_TIME_SPAN_SECOND)
#define SITREP_UPDATE_WARNING (3 * 60 * G_TIME_SPAN_SECOND)
#define SITREP_TRIAGE_TARGET_DEFAULT (5 * 60)

#define SITREP_TYPE_INCIDENT (sitrep_incident_get_type ())

G_DECLARE_FINAL_TYPE (SitrepIncident, sitrep_incident, SITREP, INCIDENT, GObject)

SitrepIncident *sitrep_incident_new                  (const char     *id);
gboolean        sitrep_incident_apply                (SitrepIncident *self,
                                                      SitrepEvent    *event);
const char     *sitrep_incident_get_id               (SitrepIncident *self);
gboolean        sitrep_incident_is_declared          (SitrepIncident *self);
const char     *sitrep_incident_get_title            (SitrepIncident *self);
const char     *sitrep_incident_get_summary          (SitrepIncident *self);
SitrepSeverity  sitrep_incident_get_severity         (SitrepIncident *self);
SitrepStatus    sitrep_incident_get_status           (SitrepIncident *self);
gboolean        sitrep_incident_is_active            (SitrepIncident *self);
gint64          sitrep_incident_get_declared_at      (SitrepIncident *self);
gint64          sitrep_incident_get_detected_at      (SitrepIncident *self);
const char     *sitrep_incident_get_declared_by      (SitrepIncident *self);
gint64          sitrep_incident_get_triaged_at       (SitrepIncident *self);
gint64          sitrep_incident_get_mitigated_at     (SitrepIncident *self);
gint64          sitrep_incident_get_resolved_at      (SitrepIncident *self);
gint64          sitrep_incident_get_triage_due_at    (SitrepIncident *self);
gint64          sitrep_incident_get_triage_target    (SitrepIncident *self);
gint64          sitrep_incident_get_update_due_at    (SitrepIncident *self);
gint64          sitrep_incident_get_last_update_at   (SitrepIncident *self);
gint64          sitrep_incident_get_update_cadence   (SitrepIncident *self);
guint           sitrep_incident_get_n_updates        (SitrepIncident *self);
guint           sitrep_incident_get_n_updates_on_time (SitrepIncident *self);
const char     *sitrep_incident_get_commander        (SitrepIncident *self);
GListModel     *sitrep_incident_get_roster           (SitrepIncident *self);
SitrepRosterEntry *sitrep_incident_lookup_role       (SitrepIncident *self,
                                                      const char     *role);
GListModel     *sitrep_incident_get_events           (SitrepIncident *self);
SitrepEvent    *sitrep_incident_lookup_event         (SitrepIncident *self,
                                                      const char     *event_id);
SitrepEvent    *sitrep_incident_get_correction       (SitrepIncident *self,
                                                      const char     *event_id);
GListModel     *sitrep_incident_get_linked_alerts    (SitrepIncident *self);
SitrepLinkedAlert *sitrep_incident_lookup_linked_alert (SitrepIncident *self,
                                                      const char     *fingerprint);
guint           sitrep_incident_get_n_firing_alerts  (SitrepIncident *self);
SitrepBlastConfig *sitrep_incident_dup_blast_config (SitrepIncident *self);
GArray         *sitrep_incident_dup_features         (SitrepIncident *self);
SitrepSeverity  sitrep_incident_get_dismissed_suggestion (SitrepIncident *self);
int             sitrep_incident_compare              (SitrepIncident *a,
                                                      SitrepIncident *b);

G_END_DECLS
