/* sitrep-assessor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Keeps the blast radius of every active incident live. Each has a
 * SitrepAssessment (core); every interval the assessor asks Prometheus
 * the incident's three questions in turn: the affected and the total,
 * summed by the dimension, and the loss per minute since detection. One
 * request is in flight at a time, answers are parsed on the worker
 * thread, and a failure keeps what was known and says why.
 *
 * An incident that has no configuration of its own is measured as its
 * key metric says: the first key metric with blast radius queries that is
 * breached when the incident is first assessed, or else the first with
 * such queries. The choice is kept, so the chart does not jump. */

#define G_LOG_DOMAIN "sitrep-assessor"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "sitrep-assessor.h"

struct _SitrepAssessor
{
  GObject                   parent_instance;

  SitrepMonitor            *monitor;
  SitrepWarRoom            *war_room;
  GHashTable               *assessments;  /* incident id → SitrepAssessment */
  GQueue                    pending;      /* SitrepAssessment, to assess this round */
  SitrepSeverityThresholds  thresholds;
  GCancellable             *cancellable;
  guint                     interval;
  guint                     timeout_id;
  gboolean                  busy;
};

G_DEFINE_FINAL_TYPE (SitrepAssessor, sitrep_assessor, G_TYPE_OBJECT)

/* One incident's three queries, carried from answer to answer. */
typedef struct
{
  SitrepAssessor   *self;
  SitrepAssessment *assessment;
  SitrepSource     *source;
  SitrepBlastConfig *config;
  GArray           *affected;
  GArray           *total;
} Round;

static void assess_next (SitrepAssessor *self);

static void
round_free (Round *round)
{
  g_object_unref (round->self);
  g_object_unref (round->assessment);
  g_object_unref (round->source);
  sitrep_blast_config_free (round->config);
  g_clear_pointer (&round->affected, g_array_unref);
  g_clear_pointer (&round->total, g_array_unref);
  g_free (round);
}

static void
sitrep_assessor_dispose (GObject *object)
{
  SitrepAssessor *self = (SitrepAssessor *)object;

  sitrep_assessor_stop (self);
  g_queue_clear_full (&self->pending, g_object_unref);
  g_clear_pointer (&self->assessments, g_hash_table_unref);
  g_clear_object (&self->war_room);
  g_clear_object (&self->monitor);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sitrep_assessor_parent_class)->dispose (object);
}

static void
sitrep_assessor_class_init (SitrepAssessorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sitrep_assessor_dispose;
}

static void
sitrep_assessor_init (SitrepAssessor *self)
{
  self->assessments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->thresholds.sev1_share = SITREP_SEV1_SHARE_DEFAULT;
  self->thresholds.sev2_share = SITREP_SEV2_SHARE_DEFAULT;
  self->interval = SITREP_ASSESSOR_INTERVAL_DEFAULT;
  self->cancellable = g_cancellable_new ();
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  sitrep_assessor_assess_now (user_data);
  return G_SOURCE_CONTINUE;
}

static void
restart_timer (SitrepAssessor *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->war_room != NULL)
    self->timeout_id = g_timeout_add_seconds (self->interval, on_timeout_cb, self);
}

SitrepAssessor *
sitrep_assessor_new (SitrepMonitor *monitor)
{
  SitrepAssessor *self;

  g_return_val_if_fail (SITREP_IS_MONITOR (monitor), NULL);

  self = g_object_new (SITREP_TYPE_ASSESSOR, NULL);
  self->monitor = g_object_ref (monitor);

  return self;
}

/**
 * sitrep_assessor_set_war_room:
 * @war_room: (nullable): whose incidents to assess
 */
void
sitrep_assessor_set_war_room (SitrepAssessor *self,
                              SitrepWarRoom  *war_room)
{
  g_return_if_fail (SITREP_IS_ASSESSOR (self));
  g_return_if_fail (!war_room || SITREP_IS_WAR_ROOM (war_room));

  if (self->war_room == war_room)
    return;

  /* Another journal: its incidents are other objects. Those asked for
   * before any journal was open belong to the first. */
  if (self->war_room != NULL)
    g_hash_table_remove_all (self->assessments);
  g_set_object (&self->war_room, war_room);
  g_queue_clear_full (&self->pending, g_object_unref);
  restart_timer (self);
  if (war_room != NULL)
    sitrep_assessor_assess_now (self);
}

/**
 * sitrep_assessor_get_assessment:
 *
 * Returns: (transfer none): the incident's blast radius, created the
 *   first time it is asked for; kept live while the incident is active
 */
SitrepAssessment *
sitrep_assessor_get_assessment (SitrepAssessor *self,
                                SitrepIncident *incident)
{
  SitrepAssessment *assessment;

  g_return_val_if_fail (SITREP_IS_ASSESSOR (self), NULL);
  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), NULL);

  assessment = g_hash_table_lookup (self->assessments, sitrep_incident_get_id (incident));
  if (assessment == NULL)
    {
      assessment = sitrep_assessment_new (incident);
      sitrep_assessment_set_thresholds (assessment, &self->thresholds);
      g_hash_table_insert (self->assessments, g_strdup (sitrep_incident_get_id (incident)), assessment);
    }

  return assessment;
}

void
sitrep_assessor_set_thresholds (SitrepAssessor                 *self,
                                const SitrepSeverityThresholds *thresholds)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (SITREP_IS_ASSESSOR (self));
  g_return_if_fail (thresholds != NULL);

  self->thresholds = *thresholds;
  g_hash_table_iter_init (&iter, self->assessments);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    sitrep_assessment_set_thresholds (value, thresholds);
}

void
sitrep_assessor_set_interval (SitrepAssessor *self,
                              guint           seconds)
{
  g_return_if_fail (SITREP_IS_ASSESSOR (self));

  self->interval = MAX (1, seconds);
  restart_timer (self);
}

/* The key metric an incident without a configuration is measured by. */
static void
choose_default (SitrepAssessor   *self,
                SitrepAssessment *assessment)
{
  GListModel *kpis = sitrep_monitor_get_kpis (self->monitor);
  const SitrepBlastConfig *current = sitrep_assessment_get_config (assessment);
  SitrepKpi *first = NULL, *breached = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (kpis); i++)
    {
      g_autoptr(SitrepKpi) kpi = g_list_model_get_item (kpis, i);

      if (sitrep_kpi_get_blast_config (kpi) == NULL)
        continue;

      /* Keep the one chosen while it is there. */
      if (current != NULL && g_strcmp0 (current->kpi, sitrep_kpi_get_id (kpi)) == 0)
        {
          sitrep_assessment_set_default_config (assessment, sitrep_kpi_get_blast_config (kpi));
          return;
        }

      if (first == NULL)
        first = kpi;
      if (breached == NULL && sitrep_kpi_get_state (kpi) == SITREP_KPI_BREACHED)
        breached = kpi;
    }

  if (breached != NULL)
    first = breached;
  sitrep_assessment_set_default_config (assessment,
                                        first != NULL ? sitrep_kpi_get_blast_config (first) : NULL);
}

/* The Prometheus to ask: the key metric's own, else the first enabled. */
static SitrepSource *
find_prometheus (SitrepAssessor          *self,
                 const SitrepBlastConfig *config)
{
  GListModel *kpis = sitrep_monitor_get_kpis (self->monitor);
  GListModel *sources = sitrep_monitor_get_sources (self->monitor);
  const char *wanted = "";

  for (guint i = 0; config->kpi != NULL && i < g_list_model_get_n_items (kpis); i++)
    {
      g_autoptr(SitrepKpi) kpi = g_list_model_get_item (kpis, i);

      if (g_str_equal (sitrep_kpi_get_id (kpi), config->kpi))
        wanted = sitrep_kpi_get_source_id (kpi);
    }

  if (*wanted != '\0')
    {
      SitrepSource *source = sitrep_monitor_lookup_source (self->monitor, wanted);

      if (source != NULL && sitrep_source_get_enabled (source))
        return source;
    }

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(SitrepSource) source = g_list_model_get_item (sources, i);

      if (sitrep_source_get_enabled (source) &&
          sitrep_source_get_kind (source) == SITREP_SOURCE_KIND_PROMETHEUS)
        return source;
    }

  return NULL;
}

/* Ends a round: @error, if any, is what the assessment shows. */
static void
round_done (Round  *round,
            GError *error)
{
  /* The round may hold the last reference. */
  g_autoptr(SitrepAssessor) self = g_object_ref (round->self);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      round_free (round);
      return;
    }

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", sitrep_source_get_name (round->source),
                                                  error->message);

      sitrep_assessment_set_error (round->assessment, message);
    }

  round_free (round);
  self->busy = FALSE;
  assess_next (self);
}

static void
loss_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Round *round = user_data;
  g_autoptr(SitrepKpiSeries) series = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) segments = NULL;

  series = sitrep_http_get_finish (SITREP_HTTP (object), result, NULL, &error);
  if (series == NULL)
    {
      round_done (round, error);
      return;
    }

  segments = sitrep_assessment_merge_segments (round->affected, round->total);
  sitrep_assessment_apply (round->assessment, segments, series->points, g_get_real_time ());
  round_done (round, NULL);
}

static void
query_loss (Round *round)
{
  SitrepAssessor *self = round->self;
  SitrepIncident *incident = sitrep_assessment_get_incident (round->assessment);
  g_autofree char *expression = NULL;
  g_autofree char *query = NULL;
  g_autoptr(GArray) segments = NULL;
  gint64 end, start, step;

  if (!sitrep_blast_config_has_loss (round->config))
    {
      segments = sitrep_assessment_merge_segments (round->affected, round->total);
      sitrep_assessment_apply (round->assessment, segments, NULL, g_get_real_time ());
      round_done (round, NULL);
      return;
    }

  /* From detection to now, in at most about 240 steps of at least 15 s:
   * enough for a curve, and Prometheus' limit of 11,000 points is far. */
  end = g_get_real_time () / G_TIME_SPAN_SECOND;
  start = sitrep_incident_get_detected_at (incident) / G_TIME_SPAN_SECOND;
  if (start <= 0 || start >= end)
    start = end - 60;
  step = MAX (15, (end - start) / 240);
  /* Steps that land on now, so the last point is the loss now, not up to
   * a step ago; the first may fall before detection, which the total
   * leaves out. */
  start = end - MAX (1, (end - start + step - 1) / step) * step;

  expression = g_uri_escape_string (round->config->loss, NULL, FALSE);
  query = g_strdup_printf ("query=%s&start=%" G_GINT64_FORMAT "&end=%" G_GINT64_FORMAT
                           "&step=%" G_GINT64_FORMAT, expression, start, end, step);
  sitrep_source_query_async (round->source, sitrep_monitor_get_http (self->monitor),
                             "/api/v1/query_range", query,
                             (SitrepHttpParseFunc)sitrep_kpi_parse_range, GINT_TO_POINTER (TRUE),
                             (GDestroyNotify)sitrep_kpi_series_free, self->cancellable,
                             loss_cb, round);
}

static void query_vector (Round *round);

static void
vector_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Round *round = user_data;
  g_autoptr(GError) error = NULL;
  GArray *segments;

  segments = sitrep_http_get_finish (SITREP_HTTP (object), result, NULL, &error);
  if (segments == NULL)
    {
      round_done (round, error);
      return;
    }

  if (round->affected == NULL)
    {
      round->affected = segments;
      query_vector (round);
    }
  else
    {
      round->total = segments;
      query_loss (round);
    }
}

/* The affected query first, then the total one. */
static void
query_vector (Round *round)
{
  g_autofree char *promql = NULL;
  g_autofree char *expression = NULL;
  g_autofree char *query = NULL;

  promql = sitrep_blast_config_build_query (round->config, round->affected == NULL
                                                           ? round->config->affected
                                                           : round->config->total);
  expression = g_uri_escape_string (promql, NULL, FALSE);
  query = g_strdup_printf ("query=%s", expression);
  sitrep_source_query_async (round->source, sitrep_monitor_get_http (round->self->monitor),
                             "/api/v1/query", query,
                             (SitrepHttpParseFunc)sitrep_assessment_parse_vector, round->config->dimension,
                             (GDestroyNotify)g_array_unref, round->self->cancellable,
                             vector_cb, round);
}

static void
assess_next (SitrepAssessor *self)
{
  while (!self->busy && !g_queue_is_empty (&self->pending))
    {
      g_autoptr(SitrepAssessment) assessment = g_queue_pop_head (&self->pending);
      const SitrepBlastConfig *config;
      SitrepSource *source;
      Round *round;

      if (sitrep_assessment_get_config (assessment) == NULL ||
          sitrep_assessment_get_config_is_default (assessment))
        choose_default (self, assessment);

      if ((config = sitrep_assessment_get_config (assessment)) == NULL)
        continue;

      if ((source = find_prometheus (self, config)) == NULL)
        {
          sitrep_assessment_set_error (assessment, _("No Prometheus source is set up to measure the blast "
                                                 "radius. Add one in Preferences → Monitoring."));
          continue;
        }

      round = g_new0 (Round, 1);
      round->self = g_object_ref (self);
      round->assessment = g_steal_pointer (&assessment);
      round->source = g_object_ref (source);
      round->config = sitrep_blast_config_copy (config);
      self->busy = TRUE;
      query_vector (round);
    }
}

/**
 * sitrep_assessor_assess_now:
 *
 * Starts a round over every active incident, unless one is under way.
 */
void
sitrep_assessor_assess_now (SitrepAssessor *self)
{
  GListModel *incidents;

  g_return_if_fail (SITREP_IS_ASSESSOR (self));

  if (self->war_room == NULL || self->busy || !g_queue_is_empty (&self->pending))
    return;

  incidents = sitrep_war_room_get_incidents (self->war_room);
  for (guint i = 0; i < g_list_model_get_n_items (incidents); i++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (incidents, i);

      if (sitrep_incident_is_active (incident))
        g_queue_push_tail (&self->pending,
                           g_object_ref (sitrep_assessor_get_assessment (self, incident)));
    }

  assess_next (self);
}

void
sitrep_assessor_stop (SitrepAssessor *self)
{
  g_return_if_fail (SITREP_IS_ASSESSOR (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = FALSE;
  g_queue_clear_full (&self->pending, g_object_unref);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
}

static void
labels_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char **names;

  names = sitrep_http_get_finish (SITREP_HTTP (object), result, NULL, &error);
  if (names == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, names, (GDestroyNotify)g_strfreev);
}

/**
 * sitrep_assessor_list_labels_async:
 * @config: the configuration whose affected query to ask about
 *
 * Asks the Prometheus that measures @config which labels its affected
 * query's series carry: what the IC can break the affected down by.
 */
void
sitrep_assessor_list_labels_async (SitrepAssessor          *self,
                                   const SitrepBlastConfig *config,
                                   GCancellable            *cancellable,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *expression = NULL;
  g_autofree char *query = NULL;
  SitrepSource *source;

  g_return_if_fail (SITREP_IS_ASSESSOR (self));
  g_return_if_fail (config != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_assessor_list_labels_async);

  if ((source = find_prometheus (self, config)) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("No Prometheus source is set up to measure the blast radius. Add one "
                                 "in Preferences → Monitoring."));
      return;
    }

  expression = g_uri_escape_string (config->affected, NULL, FALSE);
  query = g_strdup_printf ("query=%s", expression);
  sitrep_source_query_async (source, sitrep_monitor_get_http (self->monitor), "/api/v1/query", query,
                             (SitrepHttpParseFunc)sitrep_assessment_parse_label_names, NULL,
                             (GDestroyNotify)g_strfreev, cancellable, labels_cb,
                             g_steal_pointer (&task));
}

/**
 * sitrep_assessor_list_labels_finish:
 *
 * Returns: (transfer full) (nullable): the label names, sorted, or %NULL
 *   with @error set
 */
char **
sitrep_assessor_list_labels_finish (SitrepAssessor  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
