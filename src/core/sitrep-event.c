/* sitrep-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One immutable entry of the incident journal. Everything that happens in an
 * incident is an event; an incident's state is the fold of its events. Events
 * are ordered by (at, id), which is the same on every machine that holds a
 * copy, so journals merge by union. */

#define G_LOG_DOMAIN "sitrep-event"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sitrep-event.h"

struct _SitrepEvent
{
  GObject     parent_instance;

  char       *id;
  char       *incident_id;
  char       *kind;
  char       *author;
  char       *origin;
  JsonObject *payload;
  gint64      at;
};

G_DEFINE_FINAL_TYPE (SitrepEvent, sitrep_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_INCIDENT_ID,
  PROP_KIND,
  PROP_AT,
  PROP_AUTHOR,
  PROP_ORIGIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_event_finalize (GObject *object)
{
  SitrepEvent *self = (SitrepEvent *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->incident_id, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->payload, json_object_unref);

  G_OBJECT_CLASS (sitrep_event_parent_class)->finalize (object);
}

static void
sitrep_event_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SitrepEvent *self = SITREP_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_INCIDENT_ID:
      g_value_set_string (value, self->incident_id);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_AT:
      g_value_set_int64 (value, self->at);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case PROP_ORIGIN:
      g_value_set_string (value, self->origin);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_event_class_init (SitrepEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_event_finalize;
  object_class->get_property = sitrep_event_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_INCIDENT_ID] =
    g_param_spec_string ("incident-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_AT] =
    g_param_spec_int64 ("at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ORIGIN] =
    g_param_spec_string ("origin", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_event_init (SitrepEvent *self)
{
}

/**
 * sitrep_event_new:
 * @id: the event's UUID
 * @incident_id: the UUID of the incident it belongs to
 * @kind: a stable dotted name such as "incident.declared"
 * @at: when it happened, UTC microseconds
 * @author: the display name of the person (or source) who did it
 * @origin: the UUID of the installation that wrote it
 * @payload: (nullable): the kind's data; sealed and kept by the event
 *
 * Returns: (transfer full): a new event
 */
SitrepEvent *
sitrep_event_new (const char *id,
                  const char *incident_id,
                  const char *kind,
                  gint64      at,
                  const char *author,
                  const char *origin,
                  JsonObject *payload)
{
  SitrepEvent *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (incident_id != NULL && *incident_id != '\0', NULL);
  g_return_val_if_fail (kind != NULL && *kind != '\0', NULL);
  g_return_val_if_fail (author != NULL, NULL);
  g_return_val_if_fail (origin != NULL, NULL);

  self = g_object_new (SITREP_TYPE_EVENT, NULL);
  self->id = g_strdup (id);
  self->incident_id = g_strdup (incident_id);
  self->kind = g_strdup (kind);
  self->at = at;
  self->author = g_strdup (author);
  self->origin = g_strdup (origin);
  self->payload = payload != NULL ? json_object_ref (payload) : json_object_new ();
  json_object_seal (self->payload);

  return self;
}

/**
 * sitrep_event_new_from_json:
 * @payload_json: the payload as a JSON object text
 *
 * Like sitrep_event_new(), for events read back from storage.
 *
 * Returns: (transfer full) (nullable): the event, or %NULL if the payload is
 *   not a JSON object
 */
SitrepEvent *
sitrep_event_new_from_json (const char  *id,
                            const char  *incident_id,
                            const char  *kind,
                            gint64       at,
                            const char  *author,
                            const char  *origin,
                            const char  *payload_json,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  /* Read back from storage, so checked rather than asserted. */
  if (id == NULL || *id == '\0' || incident_id == NULL || *incident_id == '\0' ||
      kind == NULL || *kind == '\0' || author == NULL || origin == NULL || payload_json == NULL)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("An event without an id, an incident or a kind cannot be read"));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, payload_json, -1, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   _("The data of event %s is not a JSON object"), id);
      return NULL;
    }

  return sitrep_event_new (id, incident_id, kind, at, author, origin,
                           json_node_get_object (root));
}

const char *
sitrep_event_get_id (SitrepEvent *self)
{
  g_return_val_if_fail (SITREP_IS_EVENT (self), NULL);

  return self->id;
}

const char *
sitrep_event_get_incident_id (SitrepEvent *self)
{
  g_return_val_if_fail (SITREP_IS_EVENT (self), NULL);

  return self->incident_id;
}

const char *
sitrep_event_get_kind (SitrepEvent *self)
{
  g_return_val_if_fail (SITREP_IS_EVENT (self), NULL);

  return self->kind;
}

gboolean
sitrep_event_has_kind (SitrepEvent *self,
                       const char  *kind)
{
  g_return_val_if_fail (SITREP_IS_EVENT (self), FALSE);

  return g_strcmp0 (self->kind, kind) == 0;
}

gint64
sitrep_event_get_at (SitrepEvent *self)
{
  g_return_val_if_fail (SITREP_IS_EVENT (self), 0);

  return self->at;
}

const char *
sitrep_event_get_author (SitrepEvent *self)
{
  g_return_val_if_fail (SITREP_IS_EVENT (self), NULL);

  return self->author;
}

const char *
sitrep_event_get_origin (SitrepEvent *self)
{
  g_return_val_if_fail (SITREP_IS_EVENT (self), NULL);

  return self->origin;
}

/**
 * sitrep_event_get_payload:
 *
 * Returns: (transfer none): the sealed payload object
 */
JsonObject *
sitrep_event_get_payload (SitrepEvent *self)
{
  g_return_val_if_fail (SITREP_IS_EVENT (self), NULL);

  return self->payload;
}

/**
 * sitrep_event_get_payload_string:
 *
 * Returns: (nullable): the string member @member of the payload, or %NULL if
 *   it is missing or not a string
 */
const char *
sitrep_event_get_payload_string (SitrepEvent *self,
                                 const char  *member)
{
  JsonNode *node;

  g_return_val_if_fail (SITREP_IS_EVENT (self), NULL);

  node = json_object_get_member (self->payload, member);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * sitrep_event_get_payload_int:
 *
 * Returns: the integer member @member of the payload, or @fallback if it is
 *   missing or not an integer
 */
gint64
sitrep_event_get_payload_int (SitrepEvent *self,
                              const char  *member,
                              gint64       fallback)
{
  JsonNode *node;

  g_return_val_if_fail (SITREP_IS_EVENT (self), fallback);

  node = json_object_get_member (self->payload, member);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;

  return json_node_get_int (node);
}

/**
 * sitrep_event_get_payload_boolean:
 *
 * Returns: whether the payload's member @member is %TRUE; %FALSE if it is
 *   missing or not a boolean
 */
gboolean
sitrep_event_get_payload_boolean (SitrepEvent *self,
                                  const char  *member)
{
  JsonNode *node;

  g_return_val_if_fail (SITREP_IS_EVENT (self), FALSE);

  node = json_object_get_member (self->payload, member);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;

  return json_node_get_boolean (node);
}

/**
 * sitrep_event_dup_payload_json:
 *
 * Returns: (transfer full): the payload as compact JSON text
 */
char *
sitrep_event_dup_payload_json (SitrepEvent *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (SITREP_IS_EVENT (self), NULL);

  node = json_node_init_object (json_node_alloc (), self->payload);
  return json_to_string (node, FALSE);
}

/**
 * sitrep_event_compare:
 *
 * The journal's one order: by time, then by id. Suitable for
 * g_ptr_array_sort() through a wrapper and for sorted inserts.
 */
int
sitrep_event_compare (SitrepEvent *a,
                      SitrepEvent *b)
{
  if (a->at != b->at)
    return a->at < b->at ? -1 : 1;

  return strcmp (a->id, b->id);
}
