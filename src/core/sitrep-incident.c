/* sitrep-incident.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An incident's state, folded from its events. Nothing sets a property of an
 * incident directly: the war room appends an event to the journal and, once
 * it is committed, applies it here. Properties notify only when they change,
 * so a card bound to them redraws only what moved. */

#define G_LOG_DOMAIN "sitrep-incident"

#include "config.h"

#include "sitrep-core-enums.h"
#include "sitrep-incident.h"

struct _SitrepIncident
{
  GObject         parent_instance;

  char           *id;
  char           *title;
  char           *summary;
  char           *declared_by;
  GListStore     *events;
  GHashTable     *event_ids;
  SitrepEvent    *declaration;  /* Borrowed from @events */
  gint64          declared_at;
  gint64          detected_at;
  SitrepSeverity  severity;
  SitrepStatus    status;
  guint           declared : 1;
};

G_DEFINE_FINAL_TYPE (SitrepIncident, sitrep_incident, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_SEVERITY,
  PROP_STATUS,
  PROP_ACTIVE,
  PROP_DECLARED_AT,
  PROP_DETECTED_AT,
  PROP_DECLARED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (SitrepIncident  *self,
            char           **field,
            const char      *value,
            int              prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_int64 (SitrepIncident *self,
           gint64         *field,
           gint64          value,
           int             prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_severity (SitrepIncident *self,
              SitrepSeverity  severity)
{
  if (self->severity == severity)
    return;

  self->severity = severity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
}

static void
set_status (SitrepIncident *self,
            SitrepStatus    status)
{
  gboolean was_active = sitrep_status_is_active (self->status);

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);

  if (was_active != sitrep_status_is_active (status))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static gint64
payload_time (JsonObject *payload,
              const char *member,
              gint64      fallback)
{
  JsonNode *node = json_object_get_member (payload, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;

  return json_node_get_int (node);
}

static gboolean
apply_declared (SitrepIncident *self,
                SitrepEvent    *event)
{
  JsonObject *payload = sitrep_event_get_payload (event);
  SitrepSeverity severity = SITREP_SEVERITY_UNTRIAGED;
  const char *title;

  /* An incident is declared once. Should two declarations meet (copies
   * merged from two machines), the earliest in journal order counts, on
   * every machine, whatever order they arrived in. */
  if (self->declaration != NULL && sitrep_event_compare (event, self->declaration) > 0)
    return FALSE;

  self->declaration = event;

  title = sitrep_event_get_payload_string (event, "title");
  /* A severity this version does not know (written by a newer one) is shown
   * as untriaged rather than guessed. */
  sitrep_severity_from_token (sitrep_event_get_payload_string (event, "severity"), &severity);

  self->declared = TRUE;
  set_string (self, &self->title, title != NULL ? title : "", PROP_TITLE);
  set_string (self, &self->summary, sitrep_event_get_payload_string (event, "summary"),
              PROP_SUMMARY);
  set_string (self, &self->declared_by, sitrep_event_get_author (event), PROP_DECLARED_BY);
  set_severity (self, severity);
  set_status (self, SITREP_STATUS_INVESTIGATING);
  set_int64 (self, &self->declared_at, sitrep_event_get_at (event), PROP_DECLARED_AT);
  set_int64 (self, &self->detected_at,
             payload_time (payload, "detected_at", sitrep_event_get_at (event)),
             PROP_DETECTED_AT);

  return TRUE;
}

static void
sitrep_incident_finalize (GObject *object)
{
  SitrepIncident *self = (SitrepIncident *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->declared_by, g_free);
  g_clear_pointer (&self->event_ids, g_hash_table_unref);
  g_clear_object (&self->events);

  G_OBJECT_CLASS (sitrep_incident_parent_class)->finalize (object);
}

static void
sitrep_incident_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SitrepIncident *self = SITREP_INCIDENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, sitrep_incident_get_title (self));
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, sitrep_incident_get_summary (self));
      break;

    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, sitrep_incident_is_active (self));
      break;

    case PROP_DECLARED_AT:
      g_value_set_int64 (value, self->declared_at);
      break;

    case PROP_DETECTED_AT:
      g_value_set_int64 (value, self->detected_at);
      break;

    case PROP_DECLARED_BY:
      g_value_set_string (value, self->declared_by);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_incident_class_init (SitrepIncidentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_incident_finalize;
  object_class->get_property = sitrep_incident_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       SITREP_TYPE_SEVERITY, SITREP_SEVERITY_UNTRIAGED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       SITREP_TYPE_STATUS, SITREP_STATUS_INVESTIGATING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DECLARED_AT] =
    g_param_spec_int64 ("declared-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DETECTED_AT] =
    g_param_spec_int64 ("detected-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DECLARED_BY] =
    g_param_spec_string ("declared-by", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_incident_init (SitrepIncident *self)
{
  self->events = g_list_store_new (SITREP_TYPE_EVENT);
  self->event_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->severity = SITREP_SEVERITY_UNTRIAGED;
  self->status = SITREP_STATUS_INVESTIGATING;
}

/**
 * sitrep_incident_new:
 * @id: the incident's UUID
 *
 * Returns: (transfer full): an incident with no events yet; it is shown once
 *   its "incident.declared" event has been applied.
 */
SitrepIncident *
sitrep_incident_new (const char *id)
{
  SitrepIncident *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = g_object_new (SITREP_TYPE_INCIDENT, NULL);
  self->id = g_strdup (id);

  return self;
}

static int
compare_events_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return sitrep_event_compare ((SitrepEvent *)a, (SitrepEvent *)b);
}

/**
 * sitrep_incident_apply:
 * @event: a committed event of this incident
 *
 * Folds @event into the incident's state and keeps it in the incident's
 * event list, in journal order. An event already applied is ignored, so
 * applying a journal twice is harmless. Kinds this version does not know are
 * kept in the list but change no state.
 *
 * Returns: %TRUE if the event was new to this incident
 */
gboolean
sitrep_incident_apply (SitrepIncident *self,
                       SitrepEvent    *event)
{
  const char *kind;

  g_return_val_if_fail (SITREP_IS_INCIDENT (self), FALSE);
  g_return_val_if_fail (SITREP_IS_EVENT (event), FALSE);
  g_return_val_if_fail (g_strcmp0 (sitrep_event_get_incident_id (event), self->id) == 0, FALSE);

  if (g_hash_table_contains (self->event_ids, sitrep_event_get_id (event)))
    return FALSE;

  g_hash_table_add (self->event_ids, (gpointer)sitrep_event_get_id (event));
  g_list_store_insert_sorted (self->events, event, compare_events_cb, NULL);

  kind = sitrep_event_get_kind (event);

  g_object_freeze_notify (G_OBJECT (self));

  if (g_str_equal (kind, SITREP_EVENT_INCIDENT_DECLARED))
    apply_declared (self, event);
  else
    g_debug ("Incident %s: event kind “%s” is kept but not understood by this version",
             self->id, kind);

  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

const char *
sitrep_incident_get_id (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->id;
}

gboolean
sitrep_incident_is_declared (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), FALSE);

  return self->declared;
}

const char *
sitrep_incident_get_title (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->title != NULL ? self->title : "";
}

const char *
sitrep_incident_get_summary (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->summary != NULL ? self->summary : "";
}

SitrepSeverity
sitrep_incident_get_severity (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), SITREP_SEVERITY_UNTRIAGED);

  return self->severity;
}

SitrepStatus
sitrep_incident_get_status (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), SITREP_STATUS_INVESTIGATING);

  return self->status;
}

gboolean
sitrep_incident_is_active (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), FALSE);

  return sitrep_status_is_active (self->status);
}

/**
 * sitrep_incident_get_declared_at:
 *
 * Returns: when the incident was declared, UTC microseconds
 */
gint64
sitrep_incident_get_declared_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->declared_at;
}

/**
 * sitrep_incident_get_detected_at:
 *
 * Returns: when the problem was first detected, UTC microseconds; the
 *   declaration time unless the declaration says otherwise
 */
gint64
sitrep_incident_get_detected_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->detected_at;
}

const char *
sitrep_incident_get_declared_by (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->declared_by;
}

/**
 * sitrep_incident_get_events:
 *
 * Returns: (transfer none): the incident's events in journal order
 */
GListModel *
sitrep_incident_get_events (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return G_LIST_MODEL (self->events);
}

/**
 * sitrep_incident_compare:
 *
 * The board's order: active incidents before resolved ones, then the most
 * severe first (see sitrep_severity_get_rank()), then the most recently
 * declared first; the id breaks ties so the order is total.
 */
int
sitrep_incident_compare (SitrepIncident *a,
                         SitrepIncident *b)
{
  gboolean a_active = sitrep_incident_is_active (a);
  gboolean b_active = sitrep_incident_is_active (b);
  int a_rank, b_rank;

  if (a_active != b_active)
    return a_active ? -1 : 1;

  a_rank = sitrep_severity_get_rank (a->severity);
  b_rank = sitrep_severity_get_rank (b->severity);
  if (a_rank != b_rank)
    return a_rank < b_rank ? -1 : 1;

  if (a->declared_at != b->declared_at)
    return a->declared_at > b->declared_at ? -1 : 1;

  return g_strcmp0 (a->id, b->id);
}
