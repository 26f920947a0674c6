/* sitrep-event.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Event kinds: stable dotted names, stored in the journal. A kind's payload
 * only ever grows by optional members; an incompatible change is a new kind. */
#define SITREP_EVENT_INCIDENT_DECLARED "incident.declared"
#define SITREP_EVENT_INCIDENT_RETITLED "incident.retitled"
#define SITREP_EVENT_SEVERITY_SET      "severity.set"
#define SITREP_EVENT_STATUS_CHANGED    "status.changed"
#define SITREP_EVENT_ROLE_ASSIGNED     "role.assigned"
#define SITREP_EVENT_ROLE_RELEASED     "role.released"
#define SITREP_EVENT_NOTE_ADDED        "note.added"
#define SITREP_EVENT_LINK_ADDED        "link.added"
#define SITREP_EVENT_TRACE_ADDED       "trace.added"
#define SITREP_EVENT_UPDATE_POSTED     "update.posted"
#define SITREP_EVENT_DECISION_RECORDED "decision.recorded"
#define SITREP_EVENT_ALERT_LINKED      "alert.linked"
#define SITREP_EVENT_ALERT_STATE       "alert.state"
#define SITREP_EVENT_SILENCE_CREATED   "silence.created"
#define SITREP_EVENT_BLAST_CONFIGURED  "blast.configured"
#define SITREP_EVENT_FEATURE_SET       "feature.set"
#define SITREP_EVENT_BLAST_ASSESSED    "blast.assessed"
#define SITREP_EVENT_BLAST_DISMISSED   "blast.dismissed"

#define SITREP_TYPE_EVENT (sitrep_event_get_type ())

G_DECLARE_FINAL_TYPE (SitrepEvent, sitrep_event, SITREP, EVENT, GObject)

SitrepEvent *sitrep_event_new                  (const char   *id,
                                                const char   *incident_id,
                                                const char   *kind,
                                                gint64        at,
                                                const char   *author,
                                                const char   *origin,
                                                JsonObject   *payload);
SitrepEvent *sitrep_event_new_from_json        (const char   *id,
                                                const char   *incident_id,
                                                const char   *kind,
                                                gint64        at,
                                                const char   *author,
                                                const char   *origin,
                                                const char   *payload_json,
                                                GError      **error);
const char  *sitrep_event_get_id               (SitrepEvent  *self);
const char  *sitrep_event_get_incident_id      (SitrepEvent  *self);
const char  *sitrep_event_get_kind             (SitrepEvent  *self);
gint64       sitrep_event_get_at               (SitrepEvent  *self);
const char  *sitrep_event_get_author           (SitrepEvent  *self);
const char  *sitrep_event_get_origin           (SitrepEvent  *self);
JsonObject  *sitrep_event_get_payload          (SitrepEvent  *self);
char        *sitrep_event_dup_payload_json     (SitrepEvent  *self);
const char  *sitrep_event_get_payload_string   (SitrepEvent  *self,
                                                const char   *member);
gboolean     sitrep_event_has_kind             (SitrepEvent  *self,
                                                const char   *kind);
gint64       sitrep_event_get_payload_int      (SitrepEvent  *self,
                                                const char   *member,
                                                gint64        fallback);
gboolean     sitrep_event_get_payload_boolean  (SitrepEvent  *self,
                                                const char   *member);
int          sitrep_event_compare              (SitrepEvent  *a,
                                                SitrepEvent  *b);

G_END_DECLS
