/* sitrep-kpi.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A key metric the war room watches (crash rate, payment success, API
 * errors…): a PromQL expression with a threshold and a direction, and what
 * the last range query said: an hour of values, the latest of them, and
 * whether it breaches. When the expression returns several series (one per
 * provider, say), the tile shows the worst of them at each step, and names
 * the worst one now: a war room wants the provider that is down, not the
 * average that hides it.
 *
 * The configuration comes from a GSettings dictionary; the parser of the
 * range query is pure and runs on a worker thread. */

#define G_LOG_DOMAIN "sitrep-kpi"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "sitrep-alert.h"
#include "sitrep-kpi.h"

struct _SitrepKpi
{
  GObject         parent_instance;

  char           *id;
  char           *name;
  char           *query;
  char           *source_id;
  double          threshold;
  gboolean        bad_above;
  gboolean        percent;
  SitrepBlastConfig *blast;      /* the blast radius of incidents it starts, or NULL */

  GArray         *points;
  char           *worst_labels;
  char           *error;
  double          value;
  gint64          fetched_at;
  guint           interval;       /* seconds between the source's polls */
};

G_DEFINE_FINAL_TYPE (SitrepKpi, sitrep_kpi, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_VALUE,
  PROP_FETCHED_AT,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
sitrep_kpi_series_free (SitrepKpiSeries *series)
{
  if (series == NULL)
    return;

  g_clear_pointer (&series->points, g_array_unref);
  g_free (series->worst_labels);
  g_free (series);
}

static void
sitrep_kpi_finalize (GObject *object)
{
  SitrepKpi *self = (SitrepKpi *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->query);
  g_free (self->source_id);
  g_clear_pointer (&self->blast, sitrep_blast_config_free);
  g_free (self->worst_labels);
  g_free (self->error);
  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (sitrep_kpi_parent_class)->finalize (object);
}

static void
sitrep_kpi_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SitrepKpi *self = SITREP_KPI (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, sitrep_kpi_get_state (self));
      break;

    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;

    case PROP_FETCHED_AT:
      g_value_set_int64 (value, self->fetched_at);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_kpi_class_init (SitrepKpiClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sitrep_kpi_finalize;
  object_class->get_property = sitrep_kpi_get_property;

  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, 0, SITREP_KPI_BREACHED, 0, flags);
  properties[PROP_VALUE] = g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_FETCHED_AT] = g_param_spec_int64 ("fetched-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_kpi_init (SitrepKpi *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (SitrepKpiPoint));
  self->value = NAN;
}

static char *
dup_string (GVariantDict *dict,
            const char   *key)
{
  const char *value = NULL;

  if (!g_variant_dict_lookup (dict, key, "&s", &value))
    return g_strdup ("");

  return g_strstrip (g_strdup (value));
}

static SitrepBlastConfig *
read_blast_config (GVariantDict *dict,
                   const char   *kpi_id)
{
  static const struct { const char *key; const char *member; } keys[] = {
    { "blast-dimension", "dimension" },
    { "blast-affected", "affected" },
    { "blast-total", "total" },
    { "loss", "loss" },
    { "loss-unit", "loss_unit" },
    { "currency", "currency" },
  };
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(SitrepBlastConfig) config = NULL;
  double factor;

  json_object_set_string_member (object, "kpi", kpi_id);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *value = dup_string (dict, keys[i].key);

      json_object_set_string_member (object, keys[i].member, value);
    }
  if (g_variant_dict_lookup (dict, "loss-factor", "d", &factor))
    json_object_set_double_member (object, "loss_factor", factor);

  /* Settings are typed text too: a dimension that is no label name would
   * go into the queries and onto the screen as it is. */
  config = sitrep_blast_config_new_from_json (object);
  if (config != NULL && !sitrep_blast_config_check (config, NULL))
    {
      g_message ("The key metric “%s” says how to measure the blast radius in a way that cannot "
                 "be used; it is left out", kpi_id);
      return NULL;
    }

  return g_steal_pointer (&config);
}

/**
 * sitrep_kpi_new_from_variant:
 * @dict: an `a{sv}`: id, name, query (PromQL), threshold (d), direction
 *   ("above": a value over the threshold is a breach; "below": under it),
 *   unit ("percent" or "number") and source (the id of a Prometheus
 *   source, or empty for the first one). Optionally, how the blast radius
 *   of an incident it reveals is measured: blast-dimension, blast-affected
 *   and blast-total, and loss, loss-unit, loss-factor (d) and currency;
 *   see #SitrepBlastConfig
 *
 * Returns: (transfer full) (nullable): the KPI, or %NULL with @error set
 *   when it has no name or no query
 */
SitrepKpi *
sitrep_kpi_new_from_variant (GVariant  *dict,
                             GError   **error)
{
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(SitrepKpi) self = NULL;
  g_autofree char *direction = NULL;
  g_autofree char *unit = NULL;

  g_return_val_if_fail (dict != NULL && g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT), NULL);

  g_variant_dict_init (&d, dict);
  self = g_object_new (SITREP_TYPE_KPI, NULL);
  self->id = dup_string (&d, "id");
  self->name = dup_string (&d, "name");
  self->query = dup_string (&d, "query");
  self->source_id = dup_string (&d, "source");
  direction = dup_string (&d, "direction");
  unit = dup_string (&d, "unit");
  if (!g_variant_dict_lookup (&d, "threshold", "d", &self->threshold))
    self->threshold = NAN;
  self->bad_above = g_strcmp0 (direction, "below") != 0;
  self->percent = g_strcmp0 (unit, "number") != 0;
  self->blast = read_blast_config (&d, self->id);

  if (*self->name == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A key metric needs a name, such as “Payment success rate”."));
      return NULL;
    }

  if (*self->query == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is a metric's name. */
                   _("The key metric “%s” needs a PromQL query."), self->name);
      return NULL;
    }

  if (*self->id == '\0')
    {
      g_free (self->id);
      self->id = g_uuid_string_random ();
    }

  return g_steal_pointer (&self);
}

/**
 * sitrep_kpi_to_variant:
 *
 * Returns: (transfer floating): the configuration, as
 *   sitrep_kpi_new_from_variant() reads it
 */
GVariant *
sitrep_kpi_to_variant (SitrepKpi *self)
{
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (NULL);

  g_return_val_if_fail (SITREP_IS_KPI (self), NULL);

  g_variant_dict_insert (&d, "id", "s", self->id);
  g_variant_dict_insert (&d, "name", "s", self->name);
  g_variant_dict_insert (&d, "query", "s", self->query);
  if (!isnan (self->threshold))
    g_variant_dict_insert (&d, "threshold", "d", self->threshold);
  g_variant_dict_insert (&d, "direction", "s", self->bad_above ? "above" : "below");
  g_variant_dict_insert (&d, "unit", "s", self->percent ? "percent" : "number");
  if (*self->source_id != '\0')
    g_variant_dict_insert (&d, "source", "s", self->source_id);
  if (self->blast != NULL)
    {
      g_variant_dict_insert (&d, "blast-dimension", "s", self->blast->dimension);
      g_variant_dict_insert (&d, "blast-affected", "s", self->blast->affected);
      g_variant_dict_insert (&d, "blast-total", "s", self->blast->total);
      if (sitrep_blast_config_has_loss (self->blast))
        {
          g_variant_dict_insert (&d, "loss", "s", self->blast->loss);
          g_variant_dict_insert (&d, "loss-factor", "d", self->blast->loss_factor);
          if (self->blast->loss_unit != NULL)
            g_variant_dict_insert (&d, "loss-unit", "s", self->blast->loss_unit);
          if (self->blast->currency != NULL)
            g_variant_dict_insert (&d, "currency", "s", self->blast->currency);
        }
    }

  return g_variant_dict_end (&d);
}

/**
 * sitrep_kpi_get_blast_config:
 *
 * Returns: (transfer none) (nullable): how to measure the blast radius of
 *   an incident this metric reveals, if it says
 */
const SitrepBlastConfig *
sitrep_kpi_get_blast_config (SitrepKpi *self)
{
  g_return_val_if_fail (SITREP_IS_KPI (self), NULL);
  return self->blast;
}

const char *
sitrep_kpi_get_id (SitrepKpi *self)
{
  g_return_val_if_fail (SITREP_IS_KPI (self), NULL);
  return self->id;
}

const char *
sitrep_kpi_get_name (SitrepKpi *self)
{
  g_return_val_if_fail (SITREP_IS_KPI (self), NULL);
  return self->name;
}

const char *
sitrep_kpi_get_query (SitrepKpi *self)
{
  g_return_val_if_fail (SITREP_IS_KPI (self), NULL);
  return self->query;
}

/**
 * sitrep_kpi_get_threshold:
 *
 * Returns: the threshold, or NaN when there is none
 */
double
sitrep_kpi_get_threshold (SitrepKpi *self)
{
  g_return_val_if_fail (SITREP_IS_KPI (self), NAN);
  return self->threshold;
}

gboolean
sitrep_kpi_get_bad_above (SitrepKpi *self)
{
  g_return_val_if_fail (SITREP_IS_KPI (self), TRUE);
  return self->bad_above;
}

gboolean
sitrep_kpi_get_percent (SitrepKpi *self)
{
  g_return_val_if_fail (SITREP_IS_KPI (self), TRUE);
  return self->percent;
}

/**
 * sitrep_kpi_get_source_id:
 *
 * Returns: the id of the Prometheus source to ask, or "" for the first one
 */
const char *
sitrep_kpi_get_source_id (SitrepKpi *self)
{
  g_return_val_if_fail (SITREP_IS_KPI (self), NULL);
  return self->source_id;
}

/**
 * sitrep_kpi_is_breach:
 *
 * Returns: whether @value is past the threshold
 */
gboolean
sitrep_kpi_is_breach (SitrepKpi *self,
                      double     value)
{
  g_return_val_if_fail (SITREP_IS_KPI (self), FALSE);

  if (isnan (value) || isnan (self->threshold))
    return FALSE;

  return self->bad_above ? value > self->threshold : value < self->threshold;
}

SitrepKpiState
sitrep_kpi_get_state (SitrepKpi *self)
{
  g_return_val_if_fail (SITREP_IS_KPI (self), SITREP_KPI_NO_DATA);

  if (isnan (self->value))
    return SITREP_KPI_NO_DATA;

  return sitrep_kpi_is_breach (self, self->value) ? SITREP_KPI_BREACHED : SITREP_KPI_OK;
}

/**
 * sitrep_kpi_get_value:
 *
 * Returns: the latest value, or NaN when there is none
 */
double
sitrep_kpi_get_value (SitrepKpi *self)
{
  g_return_val_if_fail (SITREP_IS_KPI (self), NAN);
  return self->value;
}

/**
 * sitrep_kpi_get_worst_labels:
 *
 * Returns: (nullable): which series is worst now ("provider=stripe"), when
 *   the query returns several
 */
const char *
sitrep_kpi_get_worst_labels (SitrepKpi *self)
{
  g_return_val_if_fail (SITREP_IS_KPI (self), NULL);
  return self->worst_labels;
}

/**
 * sitrep_kpi_get_points:
 *
 * Returns: (transfer none) (element-type SitrepKpiPoint): the last hour,
 *   oldest first
 */
GArray *
sitrep_kpi_get_points (SitrepKpi *self)
{
  g_return_val_if_fail (SITREP_IS_KPI (self), NULL);
  return self->points;
}

/**
 * sitrep_kpi_get_fetched_at:
 *
 * Returns: when the data was last fetched, µs since the epoch, or 0
 */
gint64
sitrep_kpi_get_fetched_at (SitrepKpi *self)
{
  g_return_val_if_fail (SITREP_IS_KPI (self), 0);
  return self->fetched_at;
}

/**
 * sitrep_kpi_get_error:
 *
 * Returns: (nullable): why the last query failed, in words
 */
const char *
sitrep_kpi_get_error (SitrepKpi *self)
{
  g_return_val_if_fail (SITREP_IS_KPI (self), NULL);
  return self->error;
}

/**
 * sitrep_kpi_apply:
 * @series: what the range query returned
 * @fetched_at: when
 *
 * Shows @series; the last point is the current value.
 */
void
sitrep_kpi_apply (SitrepKpi       *self,
                  SitrepKpiSeries *series,
                  gint64           fetched_at)
{
  SitrepKpiState old_state;
  double old_value;

  g_return_if_fail (SITREP_IS_KPI (self));
  g_return_if_fail (series != NULL);

  old_state = sitrep_kpi_get_state (self);
  old_value = self->value;

  g_array_set_size (self->points, 0);
  g_array_append_vals (self->points, series->points->data, series->points->len);
  g_free (self->worst_labels);
  self->worst_labels = g_strdup (series->worst_labels);
  /* A series that stopped (its exporter is down) has no value now, even
   * if it had one a while ago. */
  self->value = self->points->len > 0 &&
                g_array_index (self->points, SitrepKpiPoint, self->points->len - 1).at >= series->current_after
                ? g_array_index (self->points, SitrepKpiPoint, self->points->len - 1).value
                : NAN;
  self->fetched_at = fetched_at;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->error != NULL)
    {
      g_clear_pointer (&self->error, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  if (!(isnan (old_value) && isnan (self->value)) && old_value != self->value)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
  if (old_state != sitrep_kpi_get_state (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCHED_AT]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * sitrep_kpi_set_error:
 * @message: (nullable): why the query failed, or %NULL
 *
 * Keeps the last values (they turn stale with time) and says what failed.
 */
void
sitrep_kpi_set_error (SitrepKpi  *self,
                      const char *message)
{
  g_return_if_fail (SITREP_IS_KPI (self));

  if (g_strcmp0 (self->error, message) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static char *
format_with_digits (SitrepKpi *self,
                    double     value,
                    int        digits)
{
  if (self->percent)
    /* Translators: a percentage with as many decimals as given; keep the %% sign. */
    return g_strdup_printf (_("%.*f %%"), digits, value * 100.0);

  return g_strdup_printf ("%.*f", digits, value);
}

static int
default_digits (SitrepKpi *self,
                double     value)
{
  double shown = self->percent ? value * 100.0 : value;

  if (self->percent)
    /* Small rates need their decimals: 0.35 %, not 0 %. */
    return fabs (shown) < 10.0 ? 2 : 1;

  if (fabs (shown) >= 1000.0 || shown == floor (shown))
    return 0;

  return fabs (shown) < 1.0 ? 3 : 2;
}

/**
 * sitrep_kpi_format_value:
 *
 * Returns: (transfer full): @value as the tile shows it: "94.2 %", or a
 *   number; "—" for no value. A value past the threshold never reads as
 *   the threshold itself: it gets the decimals that tell them apart.
 */
char *
sitrep_kpi_format_value (SitrepKpi *self,
                         double     value)
{
  int digits;

  g_return_val_if_fail (SITREP_IS_KPI (self), NULL);

  if (isnan (value))
    return g_strdup ("—");

  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");

  digits = default_digits (self, value);
  if (!isnan (self->threshold) && value != self->threshold)
    {
      int threshold_digits = default_digits (self, self->threshold);

      for (; digits < 6; digits++)
        {
          g_autofree char *a = format_with_digits (self, value, MAX (digits, threshold_digits));
          g_autofree char *b = format_with_digits (self, self->threshold, MAX (digits, threshold_digits));

          if (!g_str_equal (a, b))
            break;
        }
    }

  return format_with_digits (self, value, digits);
}

/**
 * sitrep_kpi_get_display_name:
 *
 * Returns: the name to show: the name of one of the metrics Sitrep comes
 *   with, translated, or the name the team gave
 */
const char *
sitrep_kpi_get_display_name (SitrepKpi *self)
{
  /* The names of the default metrics in the settings schema. */
  static const char * const defaults[] = {
    N_("Crash rate"), N_("Payment success rate"), N_("API error rate"),
  };

  g_return_val_if_fail (SITREP_IS_KPI (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    if (g_str_equal (self->name, defaults[i]))
      return _(defaults[i]);

  return self->name;
}

/**
 * sitrep_kpi_describe_threshold:
 *
 * Returns: (transfer full): "Breach above 2.00 %" or "Breach below 95.0 %",
 *   or "No threshold"
 */
char *
sitrep_kpi_describe_threshold (SitrepKpi *self)
{
  g_autofree char *threshold = NULL;

  g_return_val_if_fail (SITREP_IS_KPI (self), NULL);

  if (isnan (self->threshold))
    return g_strdup (_("No threshold"));

  threshold = sitrep_kpi_format_value (self, self->threshold);
  if (self->bad_above)
    /* Translators: %s is a threshold such as "2.00 %". */
    return g_strdup_printf (_("Breach above %s"), threshold);

  /* Translators: %s is a threshold such as "95.0 %". */
  return g_strdup_printf (_("Breach below %s"), threshold);
}

/**
 * sitrep_kpi_parse_result:
 * @root: the answer of a Prometheus query
 *
 * Checks the envelope of a query's answer, and says Prometheus' own words
 * when it refused the query.
 *
 * Returns: (transfer none) (nullable): the answer's `data.result`, or
 *   %NULL with @error set
 */
JsonArray *
sitrep_kpi_parse_result (JsonNode  *root,
                         GError   **error)
{
  JsonObject *envelope;
  JsonNode *status, *result = NULL, *node;

  g_return_val_if_fail (root != NULL, NULL);

  envelope = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  status = envelope != NULL ? json_object_get_member (envelope, "status") : NULL;

  if (status != NULL && json_node_get_value_type (status) == G_TYPE_STRING &&
      g_str_equal (json_node_get_string (status), "error"))
    {
      JsonNode *message = json_object_get_member (envelope, "error");

      g_set_error (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_REMOTE,
                   /* Translators: %s is Prometheus' own error message. */
                   _("Prometheus could not run the query: %s"),
                   message != NULL && json_node_get_value_type (message) == G_TYPE_STRING
                   ? json_node_get_string (message) : "");
      return NULL;
    }

  if (status == NULL || json_node_get_value_type (status) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (status), "success") ||
      !(node = json_object_get_member (envelope, "data")) || !JSON_NODE_HOLDS_OBJECT (node) ||
      !(result = json_object_get_member (json_node_get_object (node), "result")) ||
      !JSON_NODE_HOLDS_ARRAY (result))
    {
      g_set_error_literal (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_SHAPE,
                           _("The answer is not a Prometheus query result. Is this the address "
                             "of a Prometheus server?"));
      return NULL;
    }

  return json_node_get_array (result);
}

/**
 * sitrep_kpi_parse_sample:
 * @node: a sample, `[1795500000.123, "0.035"]`
 * @at: (out): its time, µs
 * @value: (out): its value
 *
 * Returns: whether @node is a sample with a number (not NaN)
 */
gboolean
sitrep_kpi_parse_sample (JsonNode *node,
              gint64   *at,
              double   *value)
{
  JsonArray *pair;
  JsonNode *time, *text;
  char *end = NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (pair = json_node_get_array (node)) != 2)
    return FALSE;

  time = json_array_get_element (pair, 0);
  text = json_array_get_element (pair, 1);
  if (!JSON_NODE_HOLDS_VALUE (time) || !JSON_NODE_HOLDS_VALUE (text) ||
      (json_node_get_value_type (time) != G_TYPE_DOUBLE &&
       json_node_get_value_type (time) != G_TYPE_INT64) ||
      json_node_get_value_type (text) != G_TYPE_STRING)
    return FALSE;

  /* Prometheus writes values as strings: "0.035", "NaN", "+Inf". */
  *at = (gint64)(json_node_get_double (time) * G_TIME_SPAN_SECOND);
  *value = g_ascii_strtod (json_node_get_string (text), &end);
  return end != NULL && *end == '\0' && end != json_node_get_string (text) && !isnan (*value);
}

static char *
format_labels (JsonObject *metric)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GList) names = NULL;

  if (metric == NULL)
    return NULL;

  names = g_list_sort (json_object_get_members (metric), (GCompareFunc)g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (metric, l->data);

      if (g_str_equal (l->data, "__name__") || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s=%s", (const char *)l->data, json_node_get_string (node));
    }

  if (text->len == 0)
    return NULL;

  if (g_utf8_validate (text->str, -1, NULL) && g_utf8_strlen (text->str, -1) > 200)
    {
      g_autofree char *start = g_utf8_substring (text->str, 0, 200);

      return g_strconcat (start, "…", NULL);
    }

  return g_strdup (text->str);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const SitrepKpiPoint *pa = a, *pb = b;

  return pa->at < pb->at ? -1 : pa->at > pb->at;
}

/**
 * sitrep_kpi_parse_range:
 * @root: the answer of GET /api/v1/query_range
 * @bad_above: GINT_TO_POINTER (TRUE) when high values are bad
 *
 * Merges every series into the worst value at each step. NaN samples are
 * left out. Pure: it runs on a worker thread.
 *
 * Returns: (transfer full) (nullable): the series, or %NULL with @error
 *   set when Prometheus answered with an error or the answer is not a
 *   range query's
 */
SitrepKpiSeries *
sitrep_kpi_parse_range (JsonNode  *root,
                        gpointer   bad_above,
                        GError   **error)
{
  g_autoptr(SitrepKpiSeries) series = g_new0 (SitrepKpiSeries, 1);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (SitrepKpiPoint));
  JsonNode *node;
  JsonArray *matrix;
  gboolean above = GPOINTER_TO_INT (bad_above);
  gint64 last_at = G_MININT64;
  double last_worst = NAN;
  JsonObject *worst_metric = NULL;

  g_return_val_if_fail (root != NULL, NULL);

  series->points = g_array_new (FALSE, FALSE, sizeof (SitrepKpiPoint));
  if ((matrix = sitrep_kpi_parse_result (root, error)) == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (matrix); i++)
    {
      JsonNode *element = json_array_get_element (matrix, i);
      JsonObject *object, *metric = NULL;
      JsonNode *values;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      if ((node = json_object_get_member (object, "metric")) != NULL && JSON_NODE_HOLDS_OBJECT (node))
        metric = json_node_get_object (node);
      if (!(values = json_object_get_member (object, "values")) || !JSON_NODE_HOLDS_ARRAY (values))
        continue;

      for (guint j = 0; j < json_array_get_length (json_node_get_array (values)); j++)
        {
          SitrepKpiPoint point;

          if (!sitrep_kpi_parse_sample (json_array_get_element (json_node_get_array (values), j),
                             &point.at, &point.value))
            continue;

          g_array_append_val (all, point);

          if (point.at > last_at ||
              (point.at == last_at && (above ? point.value > last_worst : point.value < last_worst)))
            {
              last_at = point.at;
              last_worst = point.value;
              worst_metric = metric;
            }
        }
    }

  /* Every series' samples in time order; at each time, the worst. */
  g_array_sort (all, compare_points);
  for (guint i = 0; i < all->len; i++)
    {
      SitrepKpiPoint *point = &g_array_index (all, SitrepKpiPoint, i);
      SitrepKpiPoint *last = series->points->len > 0
                             ? &g_array_index (series->points, SitrepKpiPoint, series->points->len - 1)
                             : NULL;

      if (last != NULL && last->at == point->at)
        {
          if (above ? point->value > last->value : point->value < last->value)
            last->value = point->value;
        }
      else
        g_array_append_vals (series->points, point, 1);
    }

  if (json_array_get_length (matrix) > 1)
    series->worst_labels = format_labels (worst_metric);

  return g_steal_pointer (&series);
}

/**
 * sitrep_kpi_set_interval:
 * @seconds: how often the source that answers for the metric polls
 */
void
sitrep_kpi_set_interval (SitrepKpi *self,
                         guint      seconds)
{
  g_return_if_fail (SITREP_IS_KPI (self));
  self->interval = seconds;
}

/**
 * sitrep_kpi_get_interval:
 *
 * Returns: how often the metric is asked for, in seconds; 0 when no
 *   source answers for it
 */
guint
sitrep_kpi_get_interval (SitrepKpi *self)
{
  g_return_val_if_fail (SITREP_IS_KPI (self), 0);
  return self->interval;
}
