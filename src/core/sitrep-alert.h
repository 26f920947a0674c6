/* sitrep-alert.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * SitrepAlertState:
 * @SITREP_ALERT_PENDING: the condition holds, not yet for long enough
 * @SITREP_ALERT_FIRING: firing
 * @SITREP_ALERT_SILENCED: firing, but silenced
 * @SITREP_ALERT_INHIBITED: firing, but inhibited by another alert
 */
typedef enum
{
  SITREP_ALERT_PENDING,
  SITREP_ALERT_FIRING,
  SITREP_ALERT_SILENCED,
  SITREP_ALERT_INHIBITED,
} SitrepAlertState;

#define SITREP_ALERT_ERROR (sitrep_alert_error_quark ())

typedef enum
{
  SITREP_ALERT_ERROR_SHAPE,
  SITREP_ALERT_ERROR_REMOTE,
} SitrepAlertError;

/* Remote strings are cut to this many characters: a label is a name, not
 * a document, and a hostile one must not swamp the screen. */
#define SITREP_ALERT_TEXT_MAX_CHARS 1000

GQuark sitrep_alert_error_quark (void);

#define SITREP_TYPE_ALERT (sitrep_alert_get_type ())

G_DECLARE_FINAL_TYPE (SitrepAlert, sitrep_alert, SITREP, ALERT, GObject)

SitrepAlert      *sitrep_alert_new               (const char       *source,
                                                  JsonObject       *labels,
                                                  JsonObject       *annotations,
                                                  const char       *fingerprint,
                                                  SitrepAlertState  state,
                                                  gint64            starts_at,
                                                  const char       *generator_url);
const char       *sitrep_alert_get_fingerprint   (SitrepAlert *self);
const char       *sitrep_alert_get_source        (SitrepAlert *self);
const char       *sitrep_alert_get_name          (SitrepAlert *self);
const char       *sitrep_alert_get_label         (SitrepAlert *self,
                                                  const char  *name);
const char       *sitrep_alert_get_annotation    (SitrepAlert *self,
                                                  const char  *name);
GStrv             sitrep_alert_dup_label_names   (SitrepAlert *self);
SitrepAlertState  sitrep_alert_get_state         (SitrepAlert *self);
gint64            sitrep_alert_get_starts_at     (SitrepAlert *self);
const char       *sitrep_alert_get_generator_url (SitrepAlert *self);
const char       *sitrep_alert_state_to_token    (SitrepAlertState state);

GPtrArray        *sitrep_alert_parse_alertmanager (JsonNode    *root,
                                                   const char  *source,
                                                   GError     **error);
GPtrArray        *sitrep_alert_parse_prometheus   (JsonNode    *root,
                                                   const char  *source,
                                                   GError     **error);
GPtrArray        *sitrep_alert_parse_prometheus_full (JsonNode  *root,
                                                   const char  *source,
                                                   JsonObject  *external_labels,
                                                   GError     **error);
JsonObject       *sitrep_alert_parse_external_labels (const char *config);
GPtrArray        *sitrep_alert_parse_webhook      (JsonNode    *root,
                                                   const char  *source,
                                                   char       **group_key,
                                                   GError     **error);
char             *sitrep_alert_fingerprint_labels (JsonObject  *labels);

G_END_DECLS
