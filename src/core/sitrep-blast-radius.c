/* sitrep-blast-radius.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The arithmetic of the blast radius: who is affected (a share per
 * segment and in all), what it costs (a loss per minute integrated since
 * detection), and the severity that suggests. Pure functions: the numbers
 * come from queries elsewhere; NaN means "not known", never zero. */

#define G_LOG_DOMAIN "sitrep-blast-radius"

#include "config.h"

#include <math.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "sitrep-blast-radius.h"

/**
 * sitrep_segment_get_share:
 *
 * Returns: the affected share of the segment, from 0 to 1, or NaN when
 *   it is not known (no total, or a number missing)
 */
double
sitrep_segment_get_share (const SitrepSegment *segment)
{
  g_return_val_if_fail (segment != NULL, NAN);

  if (!isfinite (segment->affected) || !isfinite (segment->total) || segment->total <= 0)
    return NAN;

  return CLAMP (segment->affected / segment->total, 0.0, 1.0);
}

/**
 * sitrep_blast_radius_total_share:
 * @affected: (out) (optional): how many are affected in all
 * @total: (out) (optional): how many there are in all
 *
 * Adds up the segments whose numbers are known.
 *
 * Returns: the affected share over all of them, or NaN when none is known
 */
double
sitrep_blast_radius_total_share (const SitrepSegment *segments,
                                 guint                n_segments,
                                 double              *affected,
                                 double              *total)
{
  double sum_affected = 0, sum_total = 0;

  for (guint i = 0; i < n_segments; i++)
    if (!isnan (sitrep_segment_get_share (&segments[i])))
      {
        sum_affected += MIN (segments[i].affected, segments[i].total);
        sum_total += segments[i].total;
      }

  if (affected != NULL)
    *affected = sum_total > 0 ? sum_affected : NAN;
  if (total != NULL)
    *total = sum_total > 0 ? sum_total : NAN;

  return sum_total > 0 ? sum_affected / sum_total : NAN;
}

/* The loss per minute at @t: between two known samples, the line joining
 * them; before the first or after the last, the nearest. */
static double
value_at (const gint64 *at,
          const double *values,
          guint         n,
          gint64        t)
{
  gint64 before_at = 0, after_at = 0;
  double before = NAN, after = NAN;

  for (guint i = 0; i < n; i++)
    {
      if (!isfinite (values[i]))
        continue;
      if (at[i] <= t)
        {
          before_at = at[i];
          before = values[i];
        }
      else if (isnan (after))
        {
          after_at = at[i];
          after = values[i];
        }
    }

  if (isnan (before))
    return after;
  if (isnan (after) || after_at == before_at)
    return before;

  return before + (after - before) * (double)(t - before_at) / (double)(after_at - before_at);
}

/**
 * sitrep_blast_radius_integrate_loss:
 * @at: (array length=n_samples): the samples' times, µs, in order
 * @per_minute: (array length=n_samples): the loss per minute then; NaN
 *   for a sample that is missing
 * @from: detection, µs
 * @until: now, µs
 *
 * The estimated loss between @from and @until: the loss per minute joined
 * by straight lines between known samples, held flat before the first and
 * after the last, and integrated. An estimate, and said to be one.
 *
 * Returns: the loss, or NaN when no sample is known
 */
double
sitrep_blast_radius_integrate_loss (const gint64 *at,
                                    const double *per_minute,
                                    guint         n_samples,
                                    gint64        from,
                                    gint64        until)
{
  double loss = 0, known = 0;
  gint64 t;

  g_return_val_if_fail (n_samples == 0 || (at != NULL && per_minute != NULL), NAN);

  for (guint i = 0; i < n_samples; i++)
    known += isfinite (per_minute[i]);
  if (known == 0)
    return NAN;
  if (until <= from)
    return 0;

  /* Trapezoids between the breakpoints inside [from, until]: exact for a
   * piecewise linear function. */
  t = from;
  while (t < until)
    {
      gint64 next = until;

      for (guint i = 0; i < n_samples; i++)
        if (isfinite (per_minute[i]) && at[i] > t && at[i] < next)
          next = at[i];

      loss += (value_at (at, per_minute, n_samples, t) + value_at (at, per_minute, n_samples, next)) / 2.0 *
              (double)(next - t) / (60.0 * G_TIME_SPAN_SECOND);
      t = next;
    }

  return loss;
}

/**
 * sitrep_blast_radius_suggest:
 * @thresholds: (nullable): the shares that suggest SEV1 and SEV2; the
 *   defaults when %NULL
 * @reason: (out) (optional) (transfer full): why, in one sentence
 *
 * The severity the blast radius suggests: a core feature down, or more
 * than the SEV1 share of users affected, is SEV1; a core feature degraded,
 * another feature down, or more than the SEV2 share, is SEV2; anything
 * else affected is SEV3, nothing is SEV4. It is a suggestion: nothing
 * changes an incident's severity but a person.
 *
 * Returns: the severity, or %SITREP_SEVERITY_UNTRIAGED when nothing is
 *   known
 */
SitrepSeverity
sitrep_blast_radius_suggest (const SitrepSegment            *segments,
                             guint                           n_segments,
                             const SitrepFeature            *features,
                             guint                           n_features,
                             const SitrepSeverityThresholds *thresholds,
                             char                          **reason)
{
  SitrepSeverityThresholds defaults = { SITREP_SEV1_SHARE_DEFAULT, SITREP_SEV2_SHARE_DEFAULT };
  double share = sitrep_blast_radius_total_share (segments, n_segments, NULL, NULL);
  const SitrepFeature *down = NULL, *core_degraded = NULL, *degraded = NULL;

  if (thresholds == NULL)
    thresholds = &defaults;

  for (guint i = 0; i < n_features; i++)
    {
      const SitrepFeature *feature = &features[i];

      if (feature->state == SITREP_FEATURE_DOWN && feature->core)
        {
          if (reason != NULL)
            /* Translators: %s is a feature, such as "checkout". */
            *reason = g_strdup_printf (_("The core feature “%s” is down."), feature->name);
          return SITREP_SEVERITY_SEV1;
        }
      if (feature->state == SITREP_FEATURE_DOWN && down == NULL)
        down = feature;
      if (feature->state == SITREP_FEATURE_DEGRADED && feature->core && core_degraded == NULL)
        core_degraded = feature;
      if (feature->state == SITREP_FEATURE_DEGRADED && degraded == NULL)
        degraded = feature;
    }

  if (!isnan (share) && share > thresholds->sev1_share)
    {
      if (reason != NULL)
        /* Translators: two percentages; keep the %% signs. */
        *reason = g_strdup_printf (_("%.1f %% of users are affected, more than %.1f %%."),
                                   share * 100, thresholds->sev1_share * 100);
      return SITREP_SEVERITY_SEV1;
    }

  if (core_degraded != NULL)
    {
      if (reason != NULL)
        /* Translators: %s is a feature, such as "checkout". */
        *reason = g_strdup_printf (_("The core feature “%s” is degraded."), core_degraded->name);
      return SITREP_SEVERITY_SEV2;
    }

  if (down != NULL)
    {
      if (reason != NULL)
        /* Translators: %s is a feature, such as "search". */
        *reason = g_strdup_printf (_("The feature “%s” is down."), down->name);
      return SITREP_SEVERITY_SEV2;
    }

  if (!isnan (share) && share > thresholds->sev2_share)
    {
      if (reason != NULL)
        /* Translators: two percentages; keep the %% signs. */
        *reason = g_strdup_printf (_("%.1f %% of users are affected, more than %.1f %%."),
                                   share * 100, thresholds->sev2_share * 100);
      return SITREP_SEVERITY_SEV2;
    }

  if (degraded != NULL || (!isnan (share) && share > 0))
    {
      if (reason != NULL)
        *reason = g_strdup (_("Some users or a feature are affected, within the thresholds of SEV2."));
      return SITREP_SEVERITY_SEV3;
    }

  if (isnan (share) && n_features == 0)
    {
      if (reason != NULL)
        *reason = g_strdup (_("Nothing is known yet of who or what is affected."));
      return SITREP_SEVERITY_UNTRIAGED;
    }

  if (reason != NULL)
    *reason = g_strdup (_("No user and no feature is measured as affected."));
  return SITREP_SEVERITY_SEV4;
}

G_DEFINE_BOXED_TYPE (SitrepBlastConfig, sitrep_blast_config,
                     sitrep_blast_config_copy, sitrep_blast_config_free)

static char *
dup_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  value = json_node_get_string (node);
  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/**
 * sitrep_blast_config_new_from_json:
 *
 * Reads a configuration as sitrep_blast_config_to_json() writes it.
 *
 * Returns: (transfer full) (nullable): the configuration, or %NULL when
 *   @object has no dimension, affected and total queries
 */
SitrepBlastConfig *
sitrep_blast_config_new_from_json (JsonObject *object)
{
  g_autoptr(SitrepBlastConfig) config = g_new0 (SitrepBlastConfig, 1);
  JsonNode *factor;

  g_return_val_if_fail (object != NULL, NULL);

  config->kpi = dup_member (object, "kpi");
  config->dimension = dup_member (object, "dimension");
  config->affected = dup_member (object, "affected");
  config->total = dup_member (object, "total");
  config->loss = dup_member (object, "loss");
  config->loss_unit = dup_member (object, "loss_unit");
  config->currency = dup_member (object, "currency");

  factor = json_object_get_member (object, "loss_factor");
  if (factor != NULL && JSON_NODE_HOLDS_VALUE (factor) &&
      (json_node_get_value_type (factor) == G_TYPE_DOUBLE ||
       json_node_get_value_type (factor) == G_TYPE_INT64))
    config->loss_factor = json_node_get_double (factor);
  if (!isfinite (config->loss_factor) || config->loss_factor <= 0)
    config->loss_factor = 1.0;

  if (config->dimension == NULL || config->affected == NULL || config->total == NULL)
    return NULL;

  return g_steal_pointer (&config);
}

static void
set_optional (JsonObject *object,
              const char *member,
              const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
}

/**
 * sitrep_blast_config_to_json:
 *
 * Returns: (transfer full): the configuration as JSON, for an event
 */
JsonObject *
sitrep_blast_config_to_json (const SitrepBlastConfig *config)
{
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (config != NULL, object);

  set_optional (object, "kpi", config->kpi);
  set_optional (object, "dimension", config->dimension);
  set_optional (object, "affected", config->affected);
  set_optional (object, "total", config->total);
  set_optional (object, "loss", config->loss);
  set_optional (object, "loss_unit", config->loss_unit);
  if (config->loss != NULL)
    json_object_set_double_member (object, "loss_factor", config->loss_factor);
  set_optional (object, "currency", config->currency);

  return object;
}

SitrepBlastConfig *
sitrep_blast_config_copy (const SitrepBlastConfig *config)
{
  SitrepBlastConfig *copy;

  g_return_val_if_fail (config != NULL, NULL);

  copy = g_new0 (SitrepBlastConfig, 1);
  copy->kpi = g_strdup (config->kpi);
  copy->dimension = g_strdup (config->dimension);
  copy->affected = g_strdup (config->affected);
  copy->total = g_strdup (config->total);
  copy->loss = g_strdup (config->loss);
  copy->loss_unit = g_strdup (config->loss_unit);
  copy->loss_factor = config->loss_factor;
  copy->currency = g_strdup (config->currency);

  return copy;
}

gboolean
sitrep_blast_config_equal (const SitrepBlastConfig *a,
                           const SitrepBlastConfig *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strcmp0 (a->kpi, b->kpi) == 0 &&
         g_strcmp0 (a->dimension, b->dimension) == 0 &&
         g_strcmp0 (a->affected, b->affected) == 0 &&
         g_strcmp0 (a->total, b->total) == 0 &&
         g_strcmp0 (a->loss, b->loss) == 0 &&
         g_strcmp0 (a->loss_unit, b->loss_unit) == 0 &&
         a->loss_factor == b->loss_factor &&
         g_strcmp0 (a->currency, b->currency) == 0;
}

gboolean
sitrep_blast_config_has_loss (const SitrepBlastConfig *config)
{
  return config != NULL && config->loss != NULL && *config->loss != '\0';
}

static gboolean
is_label_name (const char *name)
{
  if (!g_ascii_isalpha (*name) && *name != '_')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

static gboolean
check_text (const char  *text,
            const char  *what,
            int          max_chars,
            GError     **error)
{
  if (text == NULL)
    return TRUE;

  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > max_chars)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s names a field, such as "the affected query"; %d is a number. */
                   _("%s can be at most %d characters long."), what, max_chars);
      return FALSE;
    }

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar)*p < 0x20 && *p != '\t')
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     /* Translators: %s names a field, such as "the affected query". */
                     _("%s must be on one line."), what);
        return FALSE;
      }

  return TRUE;
}

/**
 * sitrep_blast_config_check:
 *
 * Checks what a person typed before it is saved: the dimension must be a
 * Prometheus label name (it goes into the queries as one), and every text
 * one line of reasonable length.
 *
 * Returns: %TRUE if @config can be saved, else %FALSE with @error set
 */
gboolean
sitrep_blast_config_check (const SitrepBlastConfig  *config,
                           GError                  **error)
{
  g_return_val_if_fail (config != NULL, FALSE);

  if (config->dimension == NULL || !is_label_name (config->dimension))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is what was typed as a label name. */
                   _("“%s” is not a label name. Use letters, digits and underscores, such as "
                     "“platform” or “app_version”."), config->dimension ? config->dimension : "");
      return FALSE;
    }

  return check_text (config->affected, _("The query of the affected"), SITREP_BLAST_QUERY_MAX_CHARS, error) &&
         check_text (config->total, _("The query of everyone"), SITREP_BLAST_QUERY_MAX_CHARS, error) &&
         check_text (config->loss, _("The loss query"), SITREP_BLAST_QUERY_MAX_CHARS, error) &&
         check_text (config->loss_unit, _("What the loss query counts"), 100, error) &&
         check_text (config->currency, _("The currency"), 10, error);
}

/**
 * sitrep_blast_config_build_query:
 * @expression: the affected or the total query of @config
 *
 * Sums @expression by the dimension, so whatever labels the metric has,
 * the answer is one series per segment.
 *
 * Returns: (transfer full): the PromQL to send
 */
char *
sitrep_blast_config_build_query (const SitrepBlastConfig *config,
                                 const char              *expression)
{
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (expression != NULL, NULL);

  return g_strdup_printf ("sum by (%s) (%s)", config->dimension, expression);
}

void
sitrep_blast_config_free (SitrepBlastConfig *config)
{
  if (config == NULL)
    return;

  g_free (config->kpi);
  g_free (config->dimension);
  g_free (config->affected);
  g_free (config->total);
  g_free (config->loss);
  g_free (config->loss_unit);
  g_free (config->currency);
  g_free (config);
}

static const char * const feature_tokens[] = { "ok", "degraded", "down" };

const char *
sitrep_feature_state_to_token (SitrepFeatureState state)
{
  g_return_val_if_fail (state <= SITREP_FEATURE_DOWN, "ok");

  return feature_tokens[state];
}

gboolean
sitrep_feature_state_from_token (const char         *token,
                                 SitrepFeatureState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (feature_tokens); i++)
    {
      if (g_strcmp0 (token, feature_tokens[i]) == 0)
        {
          *state = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * sitrep_feature_state_get_label:
 *
 * Returns: the state in words, translated: never shown by colour alone
 */
const char *
sitrep_feature_state_get_label (SitrepFeatureState state)
{
  switch (state)
    {
    case SITREP_FEATURE_OK:
      return C_("feature state", "OK");
    case SITREP_FEATURE_DEGRADED:
      return C_("feature state", "Degraded");
    case SITREP_FEATURE_DOWN:
      return C_("feature state", "Down");
    default:
      g_return_val_if_reached ("");
    }
}
