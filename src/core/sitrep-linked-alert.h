/* sitrep-linked-alert.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sitrep-alert.h"

G_BEGIN_DECLS

/* The state an incident's timeline records when an alert no source reports
 * any more. The others are sitrep_alert_state_to_token()'s. */
#define SITREP_LINKED_ALERT_RESOLVED "resolved"

#define SITREP_TYPE_LINKED_ALERT (sitrep_linked_alert_get_type ())

G_DECLARE_FINAL_TYPE (SitrepLinkedAlert, sitrep_linked_alert, SITREP, LINKED_ALERT, GObject)

SitrepLinkedAlert *sitrep_linked_alert_new_from_json   (JsonObject        *object,
                                                        gint64             linked_at);
JsonObject        *sitrep_linked_alert_describe_alert  (SitrepAlert       *alert);
const char        *sitrep_linked_alert_get_fingerprint (SitrepLinkedAlert *self);
const char        *sitrep_linked_alert_get_name        (SitrepLinkedAlert *self);
const char        *sitrep_linked_alert_get_summary     (SitrepLinkedAlert *self);
const char        *sitrep_linked_alert_get_service     (SitrepLinkedAlert *self);
const char        *sitrep_linked_alert_get_feature     (SitrepLinkedAlert *self);
gboolean           sitrep_linked_alert_is_core         (SitrepLinkedAlert *self);
const char        *sitrep_linked_alert_get_severity    (SitrepLinkedAlert *self);
const char        *sitrep_linked_alert_get_source      (SitrepLinkedAlert *self);
gint64             sitrep_linked_alert_get_starts_at   (SitrepLinkedAlert *self);
gint64             sitrep_linked_alert_get_linked_at   (SitrepLinkedAlert *self);
const char        *sitrep_linked_alert_get_state       (SitrepLinkedAlert *self);
gint64             sitrep_linked_alert_get_state_at    (SitrepLinkedAlert *self);
gboolean           sitrep_linked_alert_is_firing       (SitrepLinkedAlert *self);
gboolean           sitrep_linked_alert_set_state       (SitrepLinkedAlert *self,
                                                        const char        *state,
                                                        gint64             at);

G_END_DECLS
