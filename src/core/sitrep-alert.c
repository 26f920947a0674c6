/* sitrep-alert.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An alert as a source reports it, immutable, and the parsers that turn
 * the answers of Alertmanager (API v2) and Prometheus (/api/v1/alerts)
 * into alerts. The parsers are pure: they run on a worker thread over a
 * JSON tree the worker owns. Remote text is untrusted: only string labels
 * and annotations are kept, each cut to SITREP_ALERT_TEXT_MAX_CHARS; an
 * alert that lacks what makes it an alert is skipped; an answer of the
 * wrong shape is an error, never a crash. */

#define G_LOG_DOMAIN "sitrep-alert"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sitrep-alert.h"

struct _SitrepAlert
{
  GObject           parent_instance;

  char             *fingerprint;
  char             *source;
  GHashTable       *labels;
  GHashTable       *annotations;
  char             *generator_url;
  gint64            starts_at;
  SitrepAlertState  state;
};

G_DEFINE_FINAL_TYPE (SitrepAlert, sitrep_alert, G_TYPE_OBJECT)

G_DEFINE_QUARK (sitrep-alert-error-quark, sitrep_alert_error)

static void
sitrep_alert_finalize (GObject *object)
{
  SitrepAlert *self = (SitrepAlert *)object;

  g_free (self->fingerprint);
  g_free (self->source);
  g_free (self->generator_url);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  g_clear_pointer (&self->annotations, g_hash_table_unref);

  G_OBJECT_CLASS (sitrep_alert_parent_class)->finalize (object);
}

static void
sitrep_alert_class_init (SitrepAlertClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sitrep_alert_finalize;
}

static void
sitrep_alert_init (SitrepAlert *self)
{
  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->annotations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static char *
clip (const char *text)
{
  glong n_chars = g_utf8_strlen (text, -1);
  g_autofree char *cut = NULL;

  if (n_chars <= SITREP_ALERT_TEXT_MAX_CHARS)
    return g_strdup (text);

  cut = g_utf8_substring (text, 0, SITREP_ALERT_TEXT_MAX_CHARS);
  return g_strconcat (cut, "…", NULL);
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Copies the string members of @object; others are not text to show. */
static void
copy_strings (GHashTable *into,
              JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (object == NULL)
    return;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    if (json_node_get_value_type (node) == G_TYPE_STRING)
      g_hash_table_insert (into, clip (name), clip (json_node_get_string (node)));
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL || !(time = g_date_time_new_from_iso8601 (text, NULL)))
    return 0;

  return g_date_time_to_unix (time) * G_TIME_SPAN_SECOND + g_date_time_get_microsecond (time);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

/**
 * sitrep_alert_fingerprint_labels:
 * @labels: an alert's label set
 *
 * The fingerprint Prometheus and Alertmanager give a label set: FNV-1a,
 * 64 bits, over the labels sorted by name, each name and value followed by
 * a 0xff byte, written as 16 hexadecimal digits. So an alert Prometheus
 * reports and the same one from Alertmanager are one alert here.
 *
 * Returns: (transfer full): the fingerprint
 */
char *
sitrep_alert_fingerprint_labels (JsonObject *labels)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (labels != NULL, NULL);

  json_object_iter_init (&iter, labels);
  while (json_object_iter_next (&iter, &name, &node))
    if (json_node_get_value_type (node) == G_TYPE_STRING)
      g_ptr_array_add (names, (gpointer)name);
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      const char *parts[2] = { g_ptr_array_index (names, i),
                               json_object_get_string_member (labels, g_ptr_array_index (names, i)) };

      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        {
          for (const guchar *c = (const guchar *)parts[p]; *c != '\0'; c++)
            {
              hash ^= *c;
              hash *= G_GUINT64_CONSTANT (1099511628211);
            }
          hash ^= 0xff;
          hash *= G_GUINT64_CONSTANT (1099511628211);
        }
    }

  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x", hash);
}

static SitrepAlert *
alert_new (const char *source,
           JsonObject *labels,
           JsonObject *annotations,
           const char *fingerprint)
{
  SitrepAlert *self = g_object_new (SITREP_TYPE_ALERT, NULL);

  self->source = g_strdup (source);
  copy_strings (self->labels, labels);
  copy_strings (self->annotations, annotations);
  self->fingerprint = fingerprint != NULL && *fingerprint != '\0' && strlen (fingerprint) <= 64
                      ? g_strdup (fingerprint)
                      : sitrep_alert_fingerprint_labels (labels);

  return self;
}

/**
 * sitrep_alert_new:
 * @source: the name of the source
 * @labels: the alert's labels; only string members are kept
 * @annotations: (nullable): its annotations
 * @fingerprint: (nullable): the source's fingerprint; without one, the
 *   fingerprint is computed from @labels as Alertmanager does
 * @state: its state
 * @starts_at: when it started, in microseconds since the epoch, or 0
 * @generator_url: (nullable): where it came from
 *
 * Builds an alert from parts, for feeds whose shape the parsers here do
 * not read (a status page, a webhook). Text is clipped as in the parsers.
 *
 * Returns: (transfer full): the alert
 */
SitrepAlert *
sitrep_alert_new (const char       *source,
                  JsonObject       *labels,
                  JsonObject       *annotations,
                  const char       *fingerprint,
                  SitrepAlertState  state,
                  gint64            starts_at,
                  const char       *generator_url)
{
  SitrepAlert *self;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (labels != NULL, NULL);

  self = alert_new (source, labels, annotations, fingerprint);
  self->state = state;
  self->starts_at = starts_at;
  if (generator_url != NULL)
    self->generator_url = clip (generator_url);

  return self;
}

static gboolean
has_items (JsonArray *array)
{
  return array != NULL && json_array_get_length (array) > 0;
}

/**
 * sitrep_alert_parse_alertmanager:
 * @root: the answer of GET /api/v2/alerts
 * @source: the name of the source, kept with each alert
 *
 * Returns: (transfer full) (element-type SitrepAlert) (nullable): the
 *   alerts, or %NULL with @error set when the answer is not a list of
 *   alerts
 */
GPtrArray *
sitrep_alert_parse_alertmanager (JsonNode    *root,
                                 const char  *source,
                                 GError     **error)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_SHAPE,
                           _("The answer is not a list of alerts. Is this the address of an "
                             "Alertmanager (API v2)?"));
      return NULL;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object, *labels, *status;
      SitrepAlert *alert;
      const char *state;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);

      /* Without labels there is no alert: nothing names it. */
      if (!(labels = member_object (object, "labels")))
        continue;

      alert = alert_new (source, labels, member_object (object, "annotations"),
                         member_string (object, "fingerprint"));
      alert->starts_at = parse_time (member_string (object, "startsAt"));
      if (member_string (object, "generatorURL") != NULL)
        alert->generator_url = clip (member_string (object, "generatorURL"));

      status = member_object (object, "status");
      state = status != NULL ? member_string (status, "state") : NULL;
      if (status != NULL && has_items (member_array (status, "silencedBy")))
        alert->state = SITREP_ALERT_SILENCED;
      else if (status != NULL && has_items (member_array (status, "inhibitedBy")))
        alert->state = SITREP_ALERT_INHIBITED;
      else if (g_strcmp0 (state, "suppressed") == 0)
        alert->state = SITREP_ALERT_SILENCED;
      else
        alert->state = SITREP_ALERT_FIRING;

      g_ptr_array_add (alerts, alert);
    }

  /* A list with alerts none of which is one is not Alertmanager's. */
  if (alerts->len == 0 && json_array_get_length (array) > 0)
    {
      g_set_error_literal (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_SHAPE,
                           _("The answer is a list, but of things that are not alerts. Is this "
                             "the address of an Alertmanager (API v2)?"));
      return NULL;
    }

  return g_steal_pointer (&alerts);
}

/**
 * sitrep_alert_parse_prometheus:
 * @root: the answer of GET /api/v1/alerts
 * @source: the name of the source, kept with each alert
 *
 * Returns: (transfer full) (element-type SitrepAlert) (nullable): the
 *   pending and firing alerts, or %NULL with @error set when Prometheus
 *   answered with an error or the answer is not its envelope
 */
GPtrArray *
sitrep_alert_parse_prometheus (JsonNode    *root,
                               const char  *source,
                               GError     **error)
{
  return sitrep_alert_parse_prometheus_full (root, source, NULL, error);
}

/**
 * sitrep_alert_parse_external_labels:
 * @config: the YAML of Prometheus' configuration, as GET
 *   /api/v1/status/config gives it in data.yaml
 *
 * Finds the external labels Prometheus adds to the alerts it sends to
 * Alertmanager. Prometheus writes its configuration back in a fixed form
 * (two spaces per level), so this reads only global.external_labels, not
 * YAML at large.
 *
 * Returns: (transfer full): the labels, maybe none
 */
JsonObject *
sitrep_alert_parse_external_labels (const char *config)
{
  JsonObject *labels = json_object_new ();
  g_auto(GStrv) lines = NULL;
  gboolean in_global = FALSE, in_labels = FALSE;

  if (config == NULL)
    return labels;

  lines = g_strsplit (config, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (*line != ' ')
        {
          in_global = g_str_equal (line, "global:");
          in_labels = FALSE;
        }
      else if (in_global && g_str_has_prefix (line, "  ") && line[2] != ' ')
        in_labels = g_str_equal (line, "  external_labels:");
      else if (in_labels && g_str_has_prefix (line, "    ") && line[4] != ' ')
        {
          g_autofree char *name = NULL;
          g_autofree char *value = NULL;
          const char *colon = strstr (line, ": ");

          if (colon == NULL)
            continue;
          name = g_strstrip (g_strndup (line + 4, colon - line - 4));
          value = g_strstrip (g_strdup (colon + 2));
          if (value[0] == '"' || value[0] == '\'')
            {
              gsize len = strlen (value);

              if (len >= 2 && value[len - 1] == value[0])
                {
                  value[len - 1] = '\0';
                  memmove (value, value + 1, len - 1);
                }
            }
          json_object_set_string_member (labels, name, value);
        }
    }

  return labels;
}

/**
 * sitrep_alert_parse_prometheus_full:
 * @external_labels: (nullable): the labels Prometheus adds to what it
 *   sends to Alertmanager (see sitrep_alert_parse_external_labels())
 *
 * Like sitrep_alert_parse_prometheus(), with @external_labels added to
 * each alert that lacks them, as Prometheus does when it notifies: so an
 * alert has the same fingerprint here as in Alertmanager, and shows once.
 */
GPtrArray *
sitrep_alert_parse_prometheus_full (JsonNode    *root,
                                    const char  *source,
                                    JsonObject  *external_labels,
                                    GError     **error)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *envelope, *data;
  JsonArray *array;
  const char *status;
  guint n_alerts = 0;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  envelope = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  status = envelope != NULL ? member_string (envelope, "status") : NULL;

  if (g_strcmp0 (status, "error") == 0)
    {
      const char *remote = member_string (envelope, "error");
      g_autofree char *message = clip (remote != NULL ? remote : "");

      g_set_error (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_REMOTE,
                   /* Translators: %s is Prometheus' own error message. */
                   _("Prometheus reported an error: %s"), message);
      return NULL;
    }

  if (g_strcmp0 (status, "success") != 0 ||
      !(data = member_object (envelope, "data")) ||
      !(array = member_array (data, "alerts")))
    {
      g_set_error_literal (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_SHAPE,
                           _("The answer is not Prometheus’ list of alerts. Is this the address "
                             "of a Prometheus server?"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object, *labels;
      SitrepAlertState alert_state;
      SitrepAlert *alert;
      const char *state;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      state = member_string (object, "state");

      if (!(labels = member_object (object, "labels")) || state == NULL)
        continue;
      n_alerts++;

      /* Prometheus says "firing" and "pending"; Grafana's compatible
       * endpoint says "Alerting" and "Pending", maybe with a reason:
       * "Alerting (NoData)". Every other state is not an alert. */
      if (g_ascii_strcasecmp (state, "firing") == 0 ||
          g_ascii_strncasecmp (state, "Alerting", 8) == 0)
        alert_state = SITREP_ALERT_FIRING;
      else if (g_ascii_strncasecmp (state, "pending", 7) == 0)
        alert_state = SITREP_ALERT_PENDING;
      else
        continue;

      if (external_labels != NULL && json_object_get_size (external_labels) > 0)
        {
          g_autoptr(JsonObject) all = json_object_new ();
          JsonObjectIter iter;
          const char *name;
          JsonNode *node;

          json_object_iter_init (&iter, labels);
          while (json_object_iter_next (&iter, &name, &node))
            json_object_set_member (all, name, json_node_copy (node));
          json_object_iter_init (&iter, external_labels);
          while (json_object_iter_next (&iter, &name, &node))
            if (!json_object_has_member (all, name))
              json_object_set_member (all, name, json_node_copy (node));

          alert = alert_new (source, all, member_object (object, "annotations"), NULL);
        }
      else
        alert = alert_new (source, labels, member_object (object, "annotations"), NULL);
      alert->starts_at = parse_time (member_string (object, "activeAt"));
      alert->state = alert_state;
      g_ptr_array_add (alerts, alert);
    }

  /* Alerts in states that are not alerts are fine ("Normal"); a list of
   * things that are not alerts at all is not Prometheus'. */
  if (n_alerts == 0 && json_array_get_length (array) > 0)
    {
      g_set_error_literal (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_SHAPE,
                           _("The answer lists things that are not alerts. Is this the address "
                             "of a Prometheus server?"));
      return NULL;
    }

  return g_steal_pointer (&alerts);
}

const char *
sitrep_alert_get_fingerprint (SitrepAlert *self)
{
  g_return_val_if_fail (SITREP_IS_ALERT (self), NULL);

  return self->fingerprint;
}

const char *
sitrep_alert_get_source (SitrepAlert *self)
{
  g_return_val_if_fail (SITREP_IS_ALERT (self), NULL);

  return self->source;
}

/**
 * sitrep_alert_get_name:
 *
 * Returns: the alertname label, or "" when there is none
 */
const char *
sitrep_alert_get_name (SitrepAlert *self)
{
  const char *name;

  g_return_val_if_fail (SITREP_IS_ALERT (self), NULL);

  name = g_hash_table_lookup (self->labels, "alertname");
  return name != NULL ? name : "";
}

/**
 * sitrep_alert_get_label:
 *
 * Returns: (nullable): the value of the label @name
 */
const char *
sitrep_alert_get_label (SitrepAlert *self,
                        const char  *name)
{
  g_return_val_if_fail (SITREP_IS_ALERT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->labels, name);
}

/**
 * sitrep_alert_get_annotation:
 *
 * Returns: (nullable): the value of the annotation @name
 */
const char *
sitrep_alert_get_annotation (SitrepAlert *self,
                             const char  *name)
{
  g_return_val_if_fail (SITREP_IS_ALERT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->annotations, name);
}

/**
 * sitrep_alert_dup_label_names:
 *
 * Returns: (transfer full): the label names, sorted
 */
GStrv
sitrep_alert_dup_label_names (SitrepAlert *self)
{
  g_autofree const char **keys = NULL;
  guint n_keys;
  GStrv names;

  g_return_val_if_fail (SITREP_IS_ALERT (self), NULL);

  keys = (const char **)g_hash_table_get_keys_as_array (self->labels, &n_keys);
  qsort (keys, n_keys, sizeof (char *), compare_strings);
  names = g_new0 (char *, n_keys + 1);
  for (guint i = 0; i < n_keys; i++)
    names[i] = g_strdup (keys[i]);

  return names;
}

SitrepAlertState
sitrep_alert_get_state (SitrepAlert *self)
{
  g_return_val_if_fail (SITREP_IS_ALERT (self), SITREP_ALERT_FIRING);

  return self->state;
}

/**
 * sitrep_alert_get_starts_at:
 *
 * Returns: when the alert began, UTC microseconds, or 0 if unknown
 */
gint64
sitrep_alert_get_starts_at (SitrepAlert *self)
{
  g_return_val_if_fail (SITREP_IS_ALERT (self), 0);

  return self->starts_at;
}

/**
 * sitrep_alert_get_generator_url:
 *
 * Returns: (nullable): where the alert comes from, as the source gave it;
 *   check it is a web address before opening it
 */
const char *
sitrep_alert_get_generator_url (SitrepAlert *self)
{
  g_return_val_if_fail (SITREP_IS_ALERT (self), NULL);

  return self->generator_url;
}

const char *
sitrep_alert_state_to_token (SitrepAlertState state)
{
  switch (state)
    {
    case SITREP_ALERT_PENDING:
      return "pending";
    case SITREP_ALERT_FIRING:
      return "firing";
    case SITREP_ALERT_SILENCED:
      return "silenced";
    case SITREP_ALERT_INHIBITED:
      return "inhibited";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Text from a JSON escape such as \ud800 is not UTF-8; a replacement
 * character stands in for what cannot be shown. */
static char *
valid_text (const char *text)
{
  return g_utf8_validate (text, -1, NULL) ? g_strdup (text) : g_utf8_make_valid (text, -1);
}

static gboolean
object_is_valid_text (JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    if (!g_utf8_validate (name, -1, NULL) ||
        (json_node_get_value_type (node) == G_TYPE_STRING &&
         !g_utf8_validate (json_node_get_string (node), -1, NULL)))
      return FALSE;

  return TRUE;
}

/* @object itself when all its text is UTF-8, or else a copy of its string
 * members made valid. */
static JsonObject *
valid_object (JsonObject *object)
{
  JsonObject *copy;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (object == NULL)
    return NULL;

  if (object_is_valid_text (object))
    return json_object_ref (object);

  copy = json_object_new ();
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    if (json_node_get_value_type (node) == G_TYPE_STRING)
      {
        g_autofree char *valid_name = valid_text (name);
        g_autofree char *valid_value = valid_text (json_node_get_string (node));

        json_object_set_string_member (copy, valid_name, valid_value);
      }

  return copy;
}

/* The group key names the source of a group's alerts; a key too long to
 * keep is kept as its checksum, so two groups never share one. */
static char *
webhook_group_key (const char *key)
{
  g_autofree char *valid = valid_text (key != NULL ? key : "");
  g_autofree char *checksum = NULL;

  if (g_utf8_strlen (valid, -1) <= SITREP_ALERT_TEXT_MAX_CHARS)
    return g_steal_pointer (&valid);

  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, valid, -1);
  return g_strconcat ("sha256:", checksum, NULL);
}

/**
 * sitrep_alert_parse_webhook:
 * @root: the body of a notification from Alertmanager's webhook
 *   (payload version 4)
 * @source: the name of the source, kept with each alert
 * @group_key: (out) (optional): the notification's group key, which
 *   names the group of alerts it replaces; "" when it has none
 *
 * A notification tells the state of every alert of one group: those
 * firing, and with send_resolved those that resolved since the last one.
 * The resolved alerts are left out, so the result is what fires now.
 *
 * Returns: (transfer full) (element-type SitrepAlert) (nullable): the
 *   firing alerts, or %NULL with @error set when @root is not a
 *   notification of version 4
 */
GPtrArray *
sitrep_alert_parse_webhook (JsonNode    *root,
                            const char  *source,
                            char       **group_key,
                            GError     **error)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *payload;
  JsonArray *array;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_SHAPE,
                           _("The notification is not a JSON object. Check that the sender is "
                             "Alertmanager’s webhook."));
      return NULL;
    }

  payload = json_node_get_object (root);
  if (g_strcmp0 (member_string (payload, "version"), "4") != 0)
    {
      g_set_error_literal (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_SHAPE,
                           _("The notification is not in version 4 of Alertmanager’s webhook "
                             "format, the one Sitrep reads. Update Alertmanager, or check that "
                             "the sender is its webhook."));
      return NULL;
    }

  if (!(array = member_array (payload, "alerts")))
    {
      g_set_error_literal (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_SHAPE,
                           _("The notification has no list of alerts. Check that the sender is "
                             "Alertmanager’s webhook."));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(JsonObject) labels = NULL;
      g_autoptr(JsonObject) annotations = NULL;
      g_autofree char *generator_url = NULL;
      const char *fingerprint;
      JsonObject *object;
      SitrepAlert *alert;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);

      /* Without labels there is no alert: nothing names it. */
      if (!(labels = valid_object (member_object (object, "labels"))))
        continue;

      if (g_strcmp0 (member_string (object, "status"), "resolved") == 0)
        continue;

      annotations = valid_object (member_object (object, "annotations"));
      fingerprint = member_string (object, "fingerprint");
      if (fingerprint != NULL && !g_utf8_validate (fingerprint, -1, NULL))
        fingerprint = NULL;
      if (member_string (object, "generatorURL") != NULL)
        generator_url = valid_text (member_string (object, "generatorURL"));

      alert = sitrep_alert_new (source, labels, annotations, fingerprint, SITREP_ALERT_FIRING,
                                parse_time (member_string (object, "startsAt")), generator_url);
      g_ptr_array_add (alerts, alert);
    }

  if (group_key != NULL)
    *group_key = webhook_group_key (member_string (payload, "groupKey"));

  return g_steal_pointer (&alerts);
}
