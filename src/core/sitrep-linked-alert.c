/* sitrep-linked-alert.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An alert as an incident remembers it: what it was when it was linked
 * (kept in the journal, so the incident still shows it long after every
 * source forgot it) and the last state the journal recorded for it.
 *
 * States are last-writer-wins by time, so folding the journal's state
 * changes in any order gives the same answer. */

#define G_LOG_DOMAIN "sitrep-linked-alert"

#include "config.h"

#include "sitrep-linked-alert.h"

struct _SitrepLinkedAlert
{
  GObject  parent_instance;

  char    *fingerprint;
  char    *name;
  char    *summary;
  char    *service;
  char    *feature;
  char    *tier;
  char    *severity;
  char    *source;
  char    *state;
  gint64   starts_at;
  gint64   linked_at;
  gint64   state_at;
};

G_DEFINE_FINAL_TYPE (SitrepLinkedAlert, sitrep_linked_alert, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_linked_alert_finalize (GObject *object)
{
  SitrepLinkedAlert *self = (SitrepLinkedAlert *)object;

  g_free (self->fingerprint);
  g_free (self->name);
  g_free (self->summary);
  g_free (self->service);
  g_free (self->feature);
  g_free (self->tier);
  g_free (self->severity);
  g_free (self->source);
  g_free (self->state);

  G_OBJECT_CLASS (sitrep_linked_alert_parent_class)->finalize (object);
}

static void
sitrep_linked_alert_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SitrepLinkedAlert *self = SITREP_LINKED_ALERT (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_linked_alert_class_init (SitrepLinkedAlertClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_linked_alert_finalize;
  object_class->get_property = sitrep_linked_alert_get_property;

  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_linked_alert_init (SitrepLinkedAlert *self)
{
}

static char *
dup_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return g_strdup ("");

  return g_strdup (json_node_get_string (node));
}

static gint64
int_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;

  return json_node_get_int (node);
}

/**
 * sitrep_linked_alert_new_from_json:
 * @object: one alert of an "alert.linked" event (see
 *   sitrep_linked_alert_describe_alert())
 * @linked_at: when the event linked it
 *
 * Returns: (transfer full) (nullable): the linked alert, or %NULL when
 *   @object has no fingerprint
 */
SitrepLinkedAlert *
sitrep_linked_alert_new_from_json (JsonObject *object,
                                   gint64      linked_at)
{
  SitrepLinkedAlert *self;
  g_autofree char *fingerprint = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  fingerprint = dup_member (object, "fingerprint");
  if (*fingerprint == '\0')
    return NULL;

  self = g_object_new (SITREP_TYPE_LINKED_ALERT, NULL);
  self->fingerprint = g_steal_pointer (&fingerprint);
  self->name = dup_member (object, "alertname");
  self->summary = dup_member (object, "summary");
  self->service = dup_member (object, "service");
  self->feature = dup_member (object, "feature");
  self->tier = dup_member (object, "tier");
  self->severity = dup_member (object, "severity");
  self->source = dup_member (object, "source");
  self->state = dup_member (object, "state");
  self->starts_at = int_member (object, "starts_at");
  self->linked_at = linked_at;
  self->state_at = linked_at;

  return self;
}

/**
 * sitrep_linked_alert_describe_alert:
 *
 * What an incident keeps of @alert when it is linked: its fingerprint,
 * name, summary, service, feature and tier labels, severity label, source,
 * start and state.
 *
 * Returns: (transfer full): a JSON object for an "alert.linked" event
 */
JsonObject *
sitrep_linked_alert_describe_alert (SitrepAlert *alert)
{
  JsonObject *object = json_object_new ();
  const char *summary;

  g_return_val_if_fail (SITREP_IS_ALERT (alert), NULL);

  summary = sitrep_alert_get_annotation (alert, "summary");
  if (summary == NULL)
    summary = sitrep_alert_get_annotation (alert, "description");

  json_object_set_string_member (object, "fingerprint", sitrep_alert_get_fingerprint (alert));
  json_object_set_string_member (object, "alertname", sitrep_alert_get_name (alert));
  if (summary != NULL)
    json_object_set_string_member (object, "summary", summary);
  if (sitrep_alert_get_label (alert, "service") != NULL)
    json_object_set_string_member (object, "service", sitrep_alert_get_label (alert, "service"));
  if (sitrep_alert_get_label (alert, "feature") != NULL)
    json_object_set_string_member (object, "feature", sitrep_alert_get_label (alert, "feature"));
  if (sitrep_alert_get_label (alert, "tier") != NULL)
    json_object_set_string_member (object, "tier", sitrep_alert_get_label (alert, "tier"));
  if (sitrep_alert_get_label (alert, "severity") != NULL)
    json_object_set_string_member (object, "severity", sitrep_alert_get_label (alert, "severity"));
  json_object_set_string_member (object, "source", sitrep_alert_get_source (alert));
  json_object_set_string_member (object, "state",
                                 sitrep_alert_state_to_token (sitrep_alert_get_state (alert)));
  json_object_set_int_member (object, "starts_at", sitrep_alert_get_starts_at (alert));

  return object;
}

const char *
sitrep_linked_alert_get_fingerprint (SitrepLinkedAlert *self)
{
  g_return_val_if_fail (SITREP_IS_LINKED_ALERT (self), NULL);
  return self->fingerprint;
}

const char *
sitrep_linked_alert_get_name (SitrepLinkedAlert *self)
{
  g_return_val_if_fail (SITREP_IS_LINKED_ALERT (self), NULL);
  return self->name;
}

const char *
sitrep_linked_alert_get_summary (SitrepLinkedAlert *self)
{
  g_return_val_if_fail (SITREP_IS_LINKED_ALERT (self), NULL);
  return self->summary;
}

/**
 * sitrep_linked_alert_get_feature:
 *
 * Returns: the feature the alert is about: its `feature` label, else its
 *   `service` label, else "" when it names neither
 */
const char *
sitrep_linked_alert_get_feature (SitrepLinkedAlert *self)
{
  g_return_val_if_fail (SITREP_IS_LINKED_ALERT (self), NULL);
  return *self->feature != '\0' ? self->feature : self->service;
}

/**
 * sitrep_linked_alert_is_core:
 *
 * Returns: whether the alert's `tier` label says its feature is core
 */
gboolean
sitrep_linked_alert_is_core (SitrepLinkedAlert *self)
{
  g_return_val_if_fail (SITREP_IS_LINKED_ALERT (self), FALSE);
  return g_str_equal (self->tier, "core");
}

const char *
sitrep_linked_alert_get_service (SitrepLinkedAlert *self)
{
  g_return_val_if_fail (SITREP_IS_LINKED_ALERT (self), NULL);
  return self->service;
}

const char *
sitrep_linked_alert_get_severity (SitrepLinkedAlert *self)
{
  g_return_val_if_fail (SITREP_IS_LINKED_ALERT (self), NULL);
  return self->severity;
}

const char *
sitrep_linked_alert_get_source (SitrepLinkedAlert *self)
{
  g_return_val_if_fail (SITREP_IS_LINKED_ALERT (self), NULL);
  return self->source;
}

gint64
sitrep_linked_alert_get_starts_at (SitrepLinkedAlert *self)
{
  g_return_val_if_fail (SITREP_IS_LINKED_ALERT (self), 0);
  return self->starts_at;
}

gint64
sitrep_linked_alert_get_linked_at (SitrepLinkedAlert *self)
{
  g_return_val_if_fail (SITREP_IS_LINKED_ALERT (self), 0);
  return self->linked_at;
}

/**
 * sitrep_linked_alert_get_state:
 *
 * Returns: the last state the journal recorded: a token of
 *   sitrep_alert_state_to_token(), or %SITREP_LINKED_ALERT_RESOLVED
 */
const char *
sitrep_linked_alert_get_state (SitrepLinkedAlert *self)
{
  g_return_val_if_fail (SITREP_IS_LINKED_ALERT (self), NULL);
  return self->state;
}

gint64
sitrep_linked_alert_get_state_at (SitrepLinkedAlert *self)
{
  g_return_val_if_fail (SITREP_IS_LINKED_ALERT (self), 0);
  return self->state_at;
}

gboolean
sitrep_linked_alert_is_firing (SitrepLinkedAlert *self)
{
  g_return_val_if_fail (SITREP_IS_LINKED_ALERT (self), FALSE);
  return g_strcmp0 (self->state, sitrep_alert_state_to_token (SITREP_ALERT_FIRING)) == 0;
}

/**
 * sitrep_linked_alert_set_state:
 * @at: when the journal recorded @state
 *
 * Records a state, unless a later one is already known.
 *
 * Returns: %TRUE if the state changed
 */
gboolean
sitrep_linked_alert_set_state (SitrepLinkedAlert *self,
                               const char        *state,
                               gint64             at)
{
  g_return_val_if_fail (SITREP_IS_LINKED_ALERT (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  if (at < self->state_at)
    return FALSE;

  self->state_at = at;
  if (g_strcmp0 (self->state, state) == 0)
    return FALSE;

  g_free (self->state);
  self->state = g_strdup (state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  return TRUE;
}
