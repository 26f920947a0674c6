/* sitrep-assessment.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The live blast radius of one incident: who is affected, which features,
 * what it costs, and the severity that suggests. The numbers come from
 * queries run elsewhere (the net layer applies them here); the features
 * come from the incident itself, so they follow its linked alerts and the
 * features set by hand as events arrive. Nothing here changes the
 * incident: the IC accepts a suggestion, and that is a command. */

#define G_LOG_DOMAIN "sitrep-assessment"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "sitrep-assessment.h"
#include "sitrep-format.h"

struct _SitrepAssessment
{
  GObject                   parent_instance;

  SitrepIncident           *incident;
  SitrepBlastConfig        *config;          /* the incident's, or NULL */
  SitrepBlastConfig        *default_config;  /* from a key metric, or NULL */
  SitrepSeverityThresholds  thresholds;
  GArray                   *segments;        /* SitrepSegment */
  GArray                   *loss;            /* SitrepKpiPoint: what the loss query counts per minute */
  GArray                   *features;        /* SitrepFeature */
  char                     *error;
  char                     *reason;          /* of the last suggestion computed */
  gint64                    fetched_at;
};

G_DEFINE_FINAL_TYPE (SitrepAssessment, sitrep_assessment, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
segment_clear (gpointer data)
{
  SitrepSegment *segment = data;

  g_free (segment->name);
}

static void
refresh_from_incident (SitrepAssessment *self)
{
  g_clear_pointer (&self->config, sitrep_blast_config_free);
  self->config = sitrep_incident_dup_blast_config (self->incident);
  g_clear_pointer (&self->features, g_array_unref);
  self->features = sitrep_incident_dup_features (self->incident);
}

/* Every event may change the features (linked alerts, features set by
 * hand) or the configuration; both are cheap to read again. */
static void
on_events_changed_cb (SitrepAssessment *self)
{
  refresh_from_incident (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
sitrep_assessment_finalize (GObject *object)
{
  SitrepAssessment *self = (SitrepAssessment *)object;

  g_clear_object (&self->incident);
  g_clear_pointer (&self->config, sitrep_blast_config_free);
  g_clear_pointer (&self->default_config, sitrep_blast_config_free);
  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->loss, g_array_unref);
  g_clear_pointer (&self->features, g_array_unref);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (sitrep_assessment_parent_class)->finalize (object);
}

static void
sitrep_assessment_class_init (SitrepAssessmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_assessment_finalize;

  /**
   * SitrepAssessment::changed:
   *
   * Something shown changed: numbers, features, configuration or error.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sitrep_assessment_init (SitrepAssessment *self)
{
  self->thresholds.sev1_share = SITREP_SEV1_SHARE_DEFAULT;
  self->thresholds.sev2_share = SITREP_SEV2_SHARE_DEFAULT;
  self->segments = g_array_new (FALSE, TRUE, sizeof (SitrepSegment));
  g_array_set_clear_func (self->segments, segment_clear);
  self->loss = g_array_new (FALSE, FALSE, sizeof (SitrepKpiPoint));
}

SitrepAssessment *
sitrep_assessment_new (SitrepIncident *incident)
{
  SitrepAssessment *self;

  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), NULL);

  self = g_object_new (SITREP_TYPE_ASSESSMENT, NULL);
  self->incident = g_object_ref (incident);
  refresh_from_incident (self);
  g_signal_connect_object (sitrep_incident_get_events (incident), "items-changed",
                           G_CALLBACK (on_events_changed_cb), self, G_CONNECT_SWAPPED);
  /* A linked alert's state changes without a new event when the alert
   * itself reports it first; the count of firing alerts follows it. */
  g_signal_connect_object (incident, "notify::n-firing-alerts",
                           G_CALLBACK (on_events_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

SitrepIncident *
sitrep_assessment_get_incident (SitrepAssessment *self)
{
  g_return_val_if_fail (SITREP_IS_ASSESSMENT (self), NULL);
  return self->incident;
}

/**
 * sitrep_assessment_set_default_config:
 * @config: (nullable): what to measure while the incident has no
 *   configuration of its own, such as its key metric's
 */
void
sitrep_assessment_set_default_config (SitrepAssessment        *self,
                                      const SitrepBlastConfig *config)
{
  g_return_if_fail (SITREP_IS_ASSESSMENT (self));

  if (sitrep_blast_config_equal (self->default_config, config))
    return;

  g_clear_pointer (&self->default_config, sitrep_blast_config_free);
  if (config != NULL)
    self->default_config = sitrep_blast_config_copy (config);

  if (self->config == NULL)
    g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sitrep_assessment_get_config:
 *
 * Returns: (transfer none) (nullable): the incident's configuration, else
 *   the default one, else %NULL: nothing to measure
 */
const SitrepBlastConfig *
sitrep_assessment_get_config (SitrepAssessment *self)
{
  g_return_val_if_fail (SITREP_IS_ASSESSMENT (self), NULL);
  return self->config != NULL ? self->config : self->default_config;
}

gboolean
sitrep_assessment_get_config_is_default (SitrepAssessment *self)
{
  g_return_val_if_fail (SITREP_IS_ASSESSMENT (self), FALSE);
  return self->config == NULL && self->default_config != NULL;
}

void
sitrep_assessment_set_thresholds (SitrepAssessment               *self,
                                  const SitrepSeverityThresholds *thresholds)
{
  g_return_if_fail (SITREP_IS_ASSESSMENT (self));
  g_return_if_fail (thresholds != NULL);

  if (self->thresholds.sev1_share == thresholds->sev1_share &&
      self->thresholds.sev2_share == thresholds->sev2_share)
    return;

  self->thresholds = *thresholds;
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sitrep_assessment_apply:
 * @segments: (element-type SitrepSegment): who is affected, per segment;
 *   copied
 * @loss: (element-type SitrepKpiPoint) (nullable): the loss query's
 *   values per minute since detection, oldest first; copied
 * @fetched_at: when the queries answered, µs
 *
 * Takes new numbers, and clears the error.
 */
void
sitrep_assessment_apply (SitrepAssessment *self,
                         GArray           *segments,
                         GArray           *loss,
                         gint64            fetched_at)
{
  g_return_if_fail (SITREP_IS_ASSESSMENT (self));
  g_return_if_fail (segments != NULL);

  g_array_set_size (self->segments, 0);
  for (guint i = 0; i < segments->len; i++)
    {
      SitrepSegment segment = g_array_index (segments, SitrepSegment, i);

      segment.name = g_strdup (segment.name);
      g_array_append_val (self->segments, segment);
    }

  g_array_set_size (self->loss, 0);
  if (loss != NULL)
    g_array_append_vals (self->loss, loss->data, loss->len);

  g_clear_pointer (&self->error, g_free);
  self->fetched_at = fetched_at;
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sitrep_assessment_set_error:
 *
 * Says why the numbers could not be had. What was known stays, with its
 * time, so it can be shown as stale.
 */
void
sitrep_assessment_set_error (SitrepAssessment *self,
                             const char       *message)
{
  g_return_if_fail (SITREP_IS_ASSESSMENT (self));

  if (g_strcmp0 (self->error, message) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (message);
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
sitrep_assessment_get_error (SitrepAssessment *self)
{
  g_return_val_if_fail (SITREP_IS_ASSESSMENT (self), NULL);
  return self->error;
}

gint64
sitrep_assessment_get_fetched_at (SitrepAssessment *self)
{
  g_return_val_if_fail (SITREP_IS_ASSESSMENT (self), 0);
  return self->fetched_at;
}

/**
 * sitrep_assessment_get_segments:
 *
 * Returns: (transfer none) (array length=n_segments): the segments, as
 *   the query gave them
 */
const SitrepSegment *
sitrep_assessment_get_segments (SitrepAssessment *self,
                                guint            *n_segments)
{
  g_return_val_if_fail (SITREP_IS_ASSESSMENT (self), NULL);
  g_return_val_if_fail (n_segments != NULL, NULL);

  *n_segments = self->segments->len;
  return (const SitrepSegment *)(gpointer)self->segments->data;
}

double
sitrep_assessment_get_share (SitrepAssessment *self,
                             double           *affected,
                             double           *total)
{
  g_return_val_if_fail (SITREP_IS_ASSESSMENT (self), NAN);

  return sitrep_blast_radius_total_share ((const SitrepSegment *)(gpointer)self->segments->data,
                                          self->segments->len, affected, total);
}

/**
 * sitrep_assessment_get_features:
 *
 * Returns: (transfer none) (element-type SitrepFeature): the affected
 *   features, as sitrep_incident_dup_features() gives them
 */
GArray *
sitrep_assessment_get_features (SitrepAssessment *self)
{
  g_return_val_if_fail (SITREP_IS_ASSESSMENT (self), NULL);
  return self->features;
}

/**
 * sitrep_assessment_get_loss:
 *
 * Returns: (transfer none) (element-type SitrepKpiPoint): what the loss
 *   query counts per minute, since detection, oldest first
 */
GArray *
sitrep_assessment_get_loss (SitrepAssessment *self)
{
  g_return_val_if_fail (SITREP_IS_ASSESSMENT (self), NULL);
  return self->loss;
}

static double
loss_factor (SitrepAssessment *self)
{
  const SitrepBlastConfig *config = sitrep_assessment_get_config (self);

  return config != NULL ? config->loss_factor : 1.0;
}

/**
 * sitrep_assessment_get_loss_per_minute:
 *
 * Returns: the estimated loss per minute now, in the configured currency,
 *   or NaN when it is not known
 */
double
sitrep_assessment_get_loss_per_minute (SitrepAssessment *self)
{
  g_return_val_if_fail (SITREP_IS_ASSESSMENT (self), NAN);

  if (self->loss->len == 0)
    return NAN;

  return g_array_index (self->loss, SitrepKpiPoint, self->loss->len - 1).value * loss_factor (self);
}

/**
 * sitrep_assessment_get_loss_total:
 * @now: µs
 *
 * Returns: the estimated loss since detection, in the configured
 *   currency, or NaN when it is not known
 */
double
sitrep_assessment_get_loss_total (SitrepAssessment *self,
                                  gint64            now)
{
  g_autofree gint64 *at = NULL;
  g_autofree double *values = NULL;
  gint64 from;

  g_return_val_if_fail (SITREP_IS_ASSESSMENT (self), NAN);

  if (self->loss->len == 0)
    return NAN;

  at = g_new (gint64, self->loss->len);
  values = g_new (double, self->loss->len);
  for (guint i = 0; i < self->loss->len; i++)
    {
      at[i] = g_array_index (self->loss, SitrepKpiPoint, i).at;
      values[i] = g_array_index (self->loss, SitrepKpiPoint, i).value;
    }

  from = sitrep_incident_get_detected_at (self->incident);
  if (from <= 0)
    from = sitrep_incident_get_declared_at (self->incident);

  return sitrep_blast_radius_integrate_loss (at, values, self->loss->len, from, now) *
         loss_factor (self);
}

/**
 * sitrep_assessment_get_suggestion:
 * @reason: (out) (optional) (transfer none): why, in words
 *
 * Returns: the severity the blast radius suggests, or
 *   %SITREP_SEVERITY_UNTRIAGED while nothing is known
 */
SitrepSeverity
sitrep_assessment_get_suggestion (SitrepAssessment  *self,
                                  const char       **reason)
{
  SitrepSeverity severity;

  g_return_val_if_fail (SITREP_IS_ASSESSMENT (self), SITREP_SEVERITY_UNTRIAGED);

  g_clear_pointer (&self->reason, g_free);
  severity = sitrep_blast_radius_suggest ((const SitrepSegment *)(gpointer)self->segments->data,
                                          self->segments->len,
                                          (const SitrepFeature *)(gpointer)self->features->data,
                                          self->features->len, &self->thresholds,
                                          &self->reason);
  if (reason != NULL)
    *reason = self->reason;

  return severity;
}

/**
 * sitrep_assessment_should_offer:
 *
 * Returns: whether to offer the suggestion to the IC: it is known, it
 *   differs from the incident's severity, the incident is active, and the
 *   IC has not dismissed this very suggestion
 */
gboolean
sitrep_assessment_should_offer (SitrepAssessment *self)
{
  SitrepSeverity suggestion;

  g_return_val_if_fail (SITREP_IS_ASSESSMENT (self), FALSE);

  suggestion = sitrep_assessment_get_suggestion (self, NULL);

  return suggestion != SITREP_SEVERITY_UNTRIAGED &&
         sitrep_incident_is_active (self->incident) &&
         suggestion != sitrep_incident_get_severity (self->incident) &&
         suggestion != sitrep_incident_get_dismissed_suggestion (self->incident);
}

/**
 * sitrep_assessment_format_money:
 *
 * Returns: (transfer full): @amount in the configured currency, such as
 *   "USD 1,234", or "—" when it is not known
 */
char *
sitrep_assessment_format_money (SitrepAssessment *self,
                                double            amount)
{
  const SitrepBlastConfig *config;
  const char *currency;

  g_return_val_if_fail (SITREP_IS_ASSESSMENT (self), NULL);

  if (!isfinite (amount))
    return g_strdup ("—");

  config = sitrep_assessment_get_config (self);
  currency = config != NULL && config->currency != NULL ? config->currency : "";

  if (fabs (amount) < 100)
    return g_strdup_printf ("%s%s%'.2f", currency, *currency ? " " : "", amount);

  return g_strdup_printf ("%s%s%'.0f", currency, *currency ? " " : "", amount);
}

static char *
format_count (double value)
{
  if (!isfinite (value))
    return g_strdup ("—");

  if (fabs (value) < 10 && value != floor (value))
    return g_strdup_printf ("%'.1f", value);

  return g_strdup_printf ("%'.0f", round (value));
}

static char *
format_share (double share)
{
  if (!isfinite (share))
    return g_strdup ("—");

  /* Translators: a percentage; keep the %% sign. */
  return g_strdup_printf (_("%.1f %%"), share * 100);
}

/**
 * sitrep_assessment_describe:
 * @now: µs
 *
 * The blast radius in words, numbers included: for screen readers, the
 * chart's accessible description, and whoever copies it into a report.
 *
 * Returns: (transfer full): the description
 */
char *
sitrep_assessment_describe (SitrepAssessment *self,
                            gint64            now)
{
  const SitrepBlastConfig *config;
  g_autoptr(GString) text = g_string_new (NULL);
  double affected, total, share;

  g_return_val_if_fail (SITREP_IS_ASSESSMENT (self), NULL);

  config = sitrep_assessment_get_config (self);
  share = sitrep_assessment_get_share (self, &affected, &total);

  if (config == NULL)
    g_string_append (text, _("Who is affected is not measured: no query is configured."));
  else if (isnan (share))
    g_string_append (text, _("Who is affected is not known yet."));
  else
    {
      g_autofree char *share_text = format_share (share);
      g_autofree char *affected_text = format_count (affected);
      g_autofree char *total_text = format_count (total);

      /* Translators: "12.5 % affected (142 of 1,136), by platform:". */
      g_string_append_printf (text, _("%s affected (%s of %s), by %s:"),
                              share_text, affected_text, total_text, config->dimension);
      for (guint i = 0; i < self->segments->len; i++)
        {
          const SitrepSegment *segment = &g_array_index (self->segments, SitrepSegment, i);
          g_autofree char *segment_share = format_share (sitrep_segment_get_share (segment));

          /* Translators: a segment and its share: " ios 30.0 %", in a list. */
          g_string_append_printf (text, i == 0 ? _(" %s %s") : _(", %s %s"),
                                  segment->name, segment_share);
        }
      g_string_append (text, ".");
    }

  if (self->features->len == 0)
    g_string_append_printf (text, " %s", _("No affected feature is known."));
  else
    {
      g_string_append_printf (text, " %s", _("Features:"));
      for (guint i = 0; i < self->features->len; i++)
        {
          const SitrepFeature *feature = &g_array_index (self->features, SitrepFeature, i);

          g_string_append_printf (text, "%s %s %s%s", i == 0 ? "" : ",", feature->name,
                                  sitrep_feature_state_get_label (feature->state),
                                  feature->core ? _(" (core)") : "");
        }
      g_string_append (text, ".");
    }

  if (sitrep_blast_config_has_loss (config) && self->loss->len > 0)
    {
      g_autofree char *per_minute = sitrep_assessment_format_money (self, sitrep_assessment_get_loss_per_minute (self));
      g_autofree char *since = sitrep_assessment_format_money (self, sitrep_assessment_get_loss_total (self, now));

      /* Translators: an estimate of money lost: "USD 120 per minute, USD 3,400 since detection". */
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Estimated loss: %s per minute, %s since detection."),
                              per_minute, since);
    }

  if (self->error != NULL)
    g_string_append_printf (text, " %s", self->error);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * sitrep_assessment_to_json:
 * @now: µs
 *
 * What the IC saw when accepting a suggestion, for the postmortem: the
 * numbers with their inputs.
 *
 * Returns: (transfer full): a JSON object for a "blast.assessed" event
 */
JsonObject *
sitrep_assessment_to_json (SitrepAssessment *self,
                           gint64            now)
{
  const SitrepBlastConfig *config;
  JsonObject *object = json_object_new ();
  JsonArray *segments = json_array_new ();
  JsonArray *features = json_array_new ();
  const char *reason = NULL;
  SitrepSeverity suggestion;
  double affected, total, share;

  g_return_val_if_fail (SITREP_IS_ASSESSMENT (self), object);

  config = sitrep_assessment_get_config (self);
  suggestion = sitrep_assessment_get_suggestion (self, &reason);
  share = sitrep_assessment_get_share (self, &affected, &total);

  json_object_set_string_member (object, "suggested", sitrep_severity_to_token (suggestion));
  json_object_set_string_member (object, "reason", reason);
  if (config != NULL)
    json_object_set_object_member (object, "config", sitrep_blast_config_to_json (config));
  if (isfinite (share))
    {
      json_object_set_double_member (object, "share", share);
      json_object_set_double_member (object, "affected", affected);
      json_object_set_double_member (object, "total", total);
    }

  for (guint i = 0; i < self->segments->len; i++)
    {
      const SitrepSegment *segment = &g_array_index (self->segments, SitrepSegment, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "name", segment->name);
      if (isfinite (segment->affected))
        json_object_set_double_member (item, "affected", segment->affected);
      if (isfinite (segment->total))
        json_object_set_double_member (item, "total", segment->total);
      json_array_add_object_element (segments, item);
    }
  json_object_set_array_member (object, "segments", segments);

  for (guint i = 0; i < self->features->len; i++)
    {
      const SitrepFeature *feature = &g_array_index (self->features, SitrepFeature, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "name", feature->name);
      json_object_set_string_member (item, "state", sitrep_feature_state_to_token (feature->state));
      json_object_set_boolean_member (item, "core", feature->core);
      json_array_add_object_element (features, item);
    }
  json_object_set_array_member (object, "features", features);

  if (sitrep_blast_config_has_loss (config) && self->loss->len > 0)
    {
      double per_minute = sitrep_assessment_get_loss_per_minute (self);
      double loss_total = sitrep_assessment_get_loss_total (self, now);

      if (isfinite (per_minute))
        json_object_set_double_member (object, "loss_per_minute", per_minute);
      if (isfinite (loss_total))
        json_object_set_double_member (object, "loss_total", loss_total);
    }

  if (self->fetched_at > 0)
    json_object_set_int_member (object, "measured_at", self->fetched_at);

  return object;
}

static int
compare_strings (const char **a,
               const char **b)
{
  return g_strcmp0 (*a, *b);
}

/* A segment's name is remote text: valid, on one line, and short enough
 * for a chart's label. */
static char *
clip_name (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *cut = g_utf8_substring (valid, 0, MIN (g_utf8_strlen (valid, -1), 60));

  for (char *p = cut; *p != '\0'; p++)
    if ((guchar)*p < 0x20 || *p == 0x7f)
      *p = ' ';

  return g_steal_pointer (&cut);
}

/**
 * sitrep_assessment_parse_vector:
 * @root: the answer of GET /api/v1/query, an instant vector
 * @dimension: (type utf8): the label that names each series' segment
 *
 * Reads one number per segment. A series without the label is the
 * segment "" (Prometheus gives one when no series has it). Pure: it runs
 * on a worker thread.
 *
 * Returns: (transfer full) (element-type SitrepSegment) (nullable): the
 *   segments with their numbers in @affected (and @total NaN), or %NULL
 *   with @error set
 */
GArray *
sitrep_assessment_parse_vector (JsonNode  *root,
                                gpointer   dimension,
                                GError   **error)
{
  g_autoptr(GArray) segments = NULL;
  JsonArray *vector;

  if ((vector = sitrep_kpi_parse_result (root, error)) == NULL)
    return NULL;

  segments = g_array_new (FALSE, TRUE, sizeof (SitrepSegment));
  g_array_set_clear_func (segments, segment_clear);

  for (guint i = 0; i < json_array_get_length (vector); i++)
    {
      JsonNode *element = json_array_get_element (vector, i);
      JsonObject *object, *metric = NULL;
      JsonNode *node, *label = NULL;
      SitrepSegment segment = { NULL, NAN, NAN };
      gint64 at;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      if ((node = json_object_get_member (object, "metric")) != NULL && JSON_NODE_HOLDS_OBJECT (node))
        metric = json_node_get_object (node);
      if (metric != NULL)
        label = json_object_get_member (metric, dimension);
      if ((node = json_object_get_member (object, "value")) == NULL ||
          !sitrep_kpi_parse_sample (node, &at, &segment.affected) || !isfinite (segment.affected))
        continue;

      segment.name = clip_name (label != NULL && json_node_get_value_type (label) == G_TYPE_STRING
                                ? json_node_get_string (label) : "");
      g_array_append_val (segments, segment);
    }

  return g_steal_pointer (&segments);
}

static int
compare_segments (gconstpointer a,
                  gconstpointer b)
{
  const SitrepSegment *sa = a, *sb = b;
  double share_a = sitrep_segment_get_share (sa), share_b = sitrep_segment_get_share (sb);

  /* The worst first; unknown shares last, then by name. */
  if (isnan (share_a) != isnan (share_b))
    return isnan (share_a) ? 1 : -1;
  if (!isnan (share_a) && share_a != share_b)
    return share_a > share_b ? -1 : 1;
  return g_strcmp0 (sa->name, sb->name);
}

/**
 * sitrep_assessment_merge_segments:
 * @affected: (element-type SitrepSegment): the affected query's answer
 * @total: (element-type SitrepSegment): the total query's answer, its
 *   numbers in @affected as sitrep_assessment_parse_vector() gives them
 *
 * Returns: (transfer full) (element-type SitrepSegment): every segment
 *   either query knows, with both numbers (NaN where one did not say),
 *   the worst share first
 */
GArray *
sitrep_assessment_merge_segments (GArray *affected,
                                  GArray *total)
{
  GArray *segments = g_array_new (FALSE, TRUE, sizeof (SitrepSegment));

  g_array_set_clear_func (segments, segment_clear);

  for (guint i = 0; i < total->len; i++)
    {
      const SitrepSegment *t = &g_array_index (total, SitrepSegment, i);
      SitrepSegment segment = { g_strdup (t->name), NAN, t->affected };

      g_array_append_val (segments, segment);
    }

  for (guint i = 0; i < affected->len; i++)
    {
      const SitrepSegment *a = &g_array_index (affected, SitrepSegment, i);
      gboolean found = FALSE;

      for (guint j = 0; j < segments->len && !found; j++)
        {
          SitrepSegment *segment = &g_array_index (segments, SitrepSegment, j);

          if (g_str_equal (segment->name, a->name))
            {
              segment->affected = a->affected;
              found = TRUE;
            }
        }

      if (!found)
        {
          SitrepSegment segment = { g_strdup (a->name), a->affected, NAN };

          g_array_append_val (segments, segment);
        }
    }

  g_array_sort (segments, compare_segments);
  return segments;
}

/**
 * sitrep_assessment_parse_label_names:
 * @root: the answer of GET /api/v1/query for an affected query, unsummed
 *
 * The labels the IC can break the affected down by: every label name of
 * the answer's series but the metric's name, sorted. Pure: it runs on a
 * worker thread.
 *
 * Returns: (transfer full) (nullable): the names, or %NULL with @error set
 */
char **
sitrep_assessment_parse_label_names (JsonNode  *root,
                                     gpointer   user_data,
                                     GError   **error)
{
  g_autoptr(GHashTable) names = NULL;
  g_autofree const char **sorted = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *vector;
  guint n;

  if ((vector = sitrep_kpi_parse_result (root, error)) == NULL)
    return NULL;

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (vector); i++)
    {
      JsonNode *element = json_array_get_element (vector, i);
      g_autoptr(GList) members = NULL;
      JsonNode *metric;

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          (metric = json_object_get_member (json_node_get_object (element), "metric")) == NULL ||
          !JSON_NODE_HOLDS_OBJECT (metric))
        continue;

      members = json_object_get_members (json_node_get_object (metric));
      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "__name__") && g_hash_table_size (names) < 200)
          g_hash_table_add (names, clip_name (l->data));
    }

  sorted = (const char **)g_hash_table_get_keys_as_array (names, &n);
  qsort (sorted, n, sizeof (char *), (int (*)(const void *, const void *))compare_strings);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, sorted[i]);

  return g_strv_builder_end (builder);
}
