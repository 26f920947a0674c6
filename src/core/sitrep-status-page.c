/* sitrep-status-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A dependency's public status page (Atlassian Statuspage, the read API
 * at /api/v2/summary.json) turned into alerts: one per component that is
 * not operational, one per unresolved incident. The parser is pure and
 * runs on a worker thread over a JSON tree the worker owns. Remote text is
 * untrusted: it is clipped like every alert's, a member of the wrong type
 * counts as missing, an element of the wrong type is skipped, and only an
 * answer that is not a status page at all is an error.
 *
 * The fingerprint of an alert comes from the page's id and the
 * component's or incident's id, never from its status or its wording, so
 * a component that goes from a partial to a major outage stays one alert. */

#define G_LOG_DOMAIN "sitrep-status-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sitrep-status-page.h"

typedef struct
{
  const char *status;
  const char *severity;
  const char *label;
} ComponentStatus;

static const ComponentStatus component_statuses[] = {
  { "major_outage",         "critical", N_("Major outage") },
  { "partial_outage",       "warning",  N_("Partial outage") },
  { "degraded_performance", "warning",  N_("Degraded performance") },
  { "under_maintenance",    "info",     N_("Under maintenance") },
};

static const char *indicators[] = { "none", "minor", "major", "critical" };

/* As sitrep-alert.c clips: at most SITREP_ALERT_TEXT_MAX_CHARS
 * characters, then an ellipsis. */
static char *
clip (const char *text)
{
  glong n_chars;
  g_autofree char *cut = NULL;

  if (text == NULL)
    return NULL;

  n_chars = g_utf8_strlen (text, -1);
  if (n_chars <= SITREP_ALERT_TEXT_MAX_CHARS)
    return g_strdup (text);

  cut = g_utf8_substring (text, 0, SITREP_ALERT_TEXT_MAX_CHARS);
  return g_strconcat (cut, "…", NULL);
}

static gboolean
is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

/* Returns the string member, or NULL when it is missing, null or not a
 * string. */
static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static const char *
member_nonempty_string (JsonObject *object,
                        const char *member)
{
  const char *value = member_string (object, member);

  return value != NULL && *value != '\0' ? value : NULL;
}

static gboolean
member_true (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

/* A member that is there but is not a string is the wrong shape; one
 * that is missing or null is merely absent. */
static gboolean
member_is_string_or_absent (JsonObject *object,
                            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return is_null (node) || json_node_get_value_type (node) == G_TYPE_STRING;
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL || !(time = g_date_time_new_from_iso8601 (text, NULL)))
    return 0;

  return g_date_time_to_unix (time) * G_TIME_SPAN_SECOND + g_date_time_get_microsecond (time);
}

static char *
fingerprint (const char *page_id,
             const char *kind,
             const char *id)
{
  g_autoptr(JsonObject) key = json_object_new ();

  json_object_set_string_member (key, "statuspage_page", page_id);
  json_object_set_string_member (key, kind, id);

  return sitrep_alert_fingerprint_labels (key);
}

static const ComponentStatus *
lookup_component_status (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (component_statuses); i++)
    if (g_strcmp0 (status, component_statuses[i].status) == 0)
      return &component_statuses[i];

  return NULL;
}

static const char *
incident_severity (const char *impact)
{
  if (g_strcmp0 (impact, "critical") == 0 || g_strcmp0 (impact, "major") == 0)
    return "critical";
  if (g_strcmp0 (impact, "minor") == 0)
    return "warning";
  if (g_strcmp0 (impact, "none") == 0)
    return "info";

  /* An open incident whose impact is not one Statuspage documents still
   * deserves a look. */
  return "warning";
}

static gboolean
is_incident_closed (const char *status)
{
  return g_strcmp0 (status, "resolved") == 0 ||
         g_strcmp0 (status, "postmortem") == 0 ||
         g_strcmp0 (status, "completed") == 0;
}

static SitrepAlert *
component_alert (JsonObject *component,
                 const char *source,
                 const char *page_id,
                 const char *page_name,
                 const char *page_url)
{
  g_autoptr(JsonObject) labels = NULL;
  g_autoptr(JsonObject) annotations = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *id = NULL;
  const ComponentStatus *status;
  const char *name, *key, *description;

  /* A group's status is its children's, and they are listed each. */
  if (member_true (component, "group"))
    return NULL;

  if (!(name = member_nonempty_string (component, "name")) ||
      !(status = lookup_component_status (member_string (component, "status"))))
    return NULL;

  if (!(key = member_nonempty_string (component, "id")))
    key = name;
  id = fingerprint (page_id, "statuspage_component", key);

  labels = json_object_new ();
  json_object_set_string_member (labels, "alertname", "DependencyDegraded");
  json_object_set_string_member (labels, "dependency", page_name);
  json_object_set_string_member (labels, "component", name);
  json_object_set_string_member (labels, "severity", status->severity);

  /* Translators: a status page's name, one of its components, and that
   * component's status, such as "Payments: API — Partial outage". */
  summary = g_strdup_printf (_("%s: %s — %s"), page_name, name, _(status->label));
  annotations = json_object_new ();
  json_object_set_string_member (annotations, "summary", summary);
  if ((description = member_nonempty_string (component, "description")))
    json_object_set_string_member (annotations, "description", description);

  return sitrep_alert_new (source, labels, annotations, id, SITREP_ALERT_FIRING,
                           parse_time (member_string (component, "updated_at")), page_url);
}

/* Statuspage lists the updates newest first; the times decide if they
 * say otherwise. */
static const char *
newest_update_body (JsonObject *incident)
{
  JsonNode *node = json_object_get_member (incident, "incident_updates");
  const char *body = NULL;
  gint64 newest = G_MININT64;
  JsonArray *updates;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  updates = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (updates); i++)
    {
      JsonNode *element = json_array_get_element (updates, i);
      JsonObject *update;
      const char *text;
      gint64 when;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      update = json_node_get_object (element);
      if (!(text = member_nonempty_string (update, "body")))
        continue;

      when = parse_time (member_string (update, "display_at"));
      if (when == 0)
        when = parse_time (member_string (update, "created_at"));
      if (when > newest)
        {
          newest = when;
          body = text;
        }
    }

  return body;
}

static SitrepAlert *
incident_alert (JsonObject *incident,
                const char *source,
                const char *page_id,
                const char *page_name,
                const char *page_url)
{
  g_autoptr(JsonObject) labels = NULL;
  g_autoptr(JsonObject) annotations = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *id = NULL;
  const char *name, *key, *body, *link;
  gint64 starts_at;

  if (!(name = member_nonempty_string (incident, "name")) ||
      is_incident_closed (member_string (incident, "status")))
    return NULL;

  if (!(key = member_nonempty_string (incident, "id")))
    key = name;
  id = fingerprint (page_id, "statuspage_incident", key);

  labels = json_object_new ();
  json_object_set_string_member (labels, "alertname", "DependencyIncident");
  json_object_set_string_member (labels, "dependency", page_name);
  json_object_set_string_member (labels, "incident", name);
  json_object_set_string_member (labels, "severity",
                                 incident_severity (member_string (incident, "impact")));

  /* Translators: a status page's name and the title of an incident it
   * reports, such as "Payments: Elevated API errors". */
  summary = g_strdup_printf (_("%s: %s"), page_name, name);
  annotations = json_object_new ();
  json_object_set_string_member (annotations, "summary", summary);
  if ((body = newest_update_body (incident)))
    json_object_set_string_member (annotations, "description", body);

  starts_at = parse_time (member_string (incident, "started_at"));
  if (starts_at == 0)
    starts_at = parse_time (member_string (incident, "created_at"));

  link = member_nonempty_string (incident, "shortlink");

  return sitrep_alert_new (source, labels, annotations, id, SITREP_ALERT_FIRING, starts_at,
                           link != NULL ? link : page_url);
}

/* Returns the array member, NULL when it is absent; FALSE when it is
 * there and not an array. */
static gboolean
optional_array (JsonObject  *object,
                const char  *member,
                JsonArray  **array)
{
  JsonNode *node = json_object_get_member (object, member);

  *array = NULL;
  if (is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  *array = json_node_get_array (node);
  return TRUE;
}

static gpointer
shape_error (GError **error)
{
  g_set_error_literal (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_SHAPE,
                       _("The answer is not a Statuspage summary. Is this the address of a "
                         "status page, such as https://status.example.com?"));
  return NULL;
}

void
sitrep_status_page_free (SitrepStatusPage *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->url);
  g_free (self->indicator);
  g_free (self->description);
  g_clear_pointer (&self->alerts, g_ptr_array_unref);
  g_free (self);
}

/**
 * sitrep_status_page_parse_summary:
 * @root: the answer of GET /api/v2/summary.json; the answers of
 *   status.json, components.json and incidents/unresolved.json are read
 *   as well, as far as they go
 * @source: the name of the source, kept with each alert
 *
 * Returns: (transfer full) (nullable): what the page says, or %NULL with
 *   @error set (%SITREP_ALERT_ERROR_SHAPE) when the answer is not a
 *   status page
 */
SitrepStatusPage *
sitrep_status_page_parse_summary (JsonNode    *root,
                                  const char  *source,
                                  GError     **error)
{
  g_autoptr(SitrepStatusPage) page = NULL;
  JsonObject *envelope, *page_object, *status = NULL;
  JsonArray *components, *incidents;
  JsonNode *node;
  const char *page_id, *page_name, *indicator;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return shape_error (error);
  envelope = json_node_get_object (root);

  node = json_object_get_member (envelope, "page");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return shape_error (error);
  page_object = json_node_get_object (node);

  if (!member_is_string_or_absent (page_object, "id") ||
      !member_is_string_or_absent (page_object, "name") ||
      !member_is_string_or_absent (page_object, "url"))
    return shape_error (error);

  page_name = member_nonempty_string (page_object, "name");
  page_id = member_nonempty_string (page_object, "id");
  if (page_name == NULL && page_id == NULL)
    return shape_error (error);
  if (page_name == NULL)
    page_name = page_id;
  if (page_id == NULL)
    page_id = page_name;

  node = json_object_get_member (envelope, "status");
  if (!is_null (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return shape_error (error);
      status = json_node_get_object (node);
    }

  if (!optional_array (envelope, "components", &components) ||
      !optional_array (envelope, "incidents", &incidents))
    return shape_error (error);

  page = g_new0 (SitrepStatusPage, 1);
  page->name = clip (page_name);
  page->url = clip (member_nonempty_string (page_object, "url"));
  page->alerts = g_ptr_array_new_with_free_func (g_object_unref);

  indicator = status != NULL ? member_string (status, "indicator") : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (indicators) && page->indicator == NULL; i++)
    if (g_strcmp0 (indicator, indicators[i]) == 0)
      page->indicator = g_strdup (indicators[i]);
  if (page->indicator == NULL)
    page->indicator = g_strdup ("unknown");
  if (status != NULL)
    page->description = clip (member_nonempty_string (status, "description"));

  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonNode *element = json_array_get_element (components, i);
      SitrepAlert *alert;

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          (alert = component_alert (json_node_get_object (element), source, page_id, page_name,
                                    page->url)))
        g_ptr_array_add (page->alerts, alert);
    }

  for (guint i = 0; incidents != NULL && i < json_array_get_length (incidents); i++)
    {
      JsonNode *element = json_array_get_element (incidents, i);
      SitrepAlert *alert;

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          (alert = incident_alert (json_node_get_object (element), source, page_id, page_name,
                                   page->url)))
        g_ptr_array_add (page->alerts, alert);
    }

  return g_steal_pointer (&page);
}
