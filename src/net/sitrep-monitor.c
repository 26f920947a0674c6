/* sitrep-monitor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every monitoring source and key metric, kept in step with their
 * settings: a source whose configuration did not change keeps running
 * (and keeps its state); a changed one is replaced; a removed or disabled
 * one stops and its alerts are forgotten. A source with credentials starts
 * once its secret is read from the keyring. Each key metric is asked of
 * the Prometheus source it names, or of the first enabled one. One source
 * failing never stops the others: each polls on its own. */

#define G_LOG_DOMAIN "sitrep-monitor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sitrep-credentials.h"
#include "sitrep-monitor.h"

struct _SitrepMonitor
{
  GObject          parent_instance;

  SitrepHttp      *http;
  SitrepAlertFeed *feed;
  GListStore      *sources;
  GListStore      *kpis;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (SitrepMonitor, sitrep_monitor, G_TYPE_OBJECT)

enum {
  SOURCE_POLLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sitrep_monitor_dispose (GObject *object)
{
  SitrepMonitor *self = (SitrepMonitor *)object;

  if (self->sources != NULL)
    sitrep_monitor_stop (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sources);
  g_clear_object (&self->kpis);
  g_clear_object (&self->feed);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (sitrep_monitor_parent_class)->dispose (object);
}

static void
sitrep_monitor_class_init (SitrepMonitorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sitrep_monitor_dispose;

  /**
   * SitrepMonitor::source-polled:
   * @source: the source that answered
   */
  signals[SOURCE_POLLED] = g_signal_new ("source-polled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, SITREP_TYPE_SOURCE);
}

static void
on_source_polled_cb (SitrepMonitor *self,
                     SitrepSource  *source)
{
  g_signal_emit (self, signals[SOURCE_POLLED], 0, source);
}

static void
sitrep_monitor_init (SitrepMonitor *self)
{
  self->http = sitrep_http_new ();
  self->sources = g_list_store_new (SITREP_TYPE_SOURCE);
  self->kpis = g_list_store_new (SITREP_TYPE_KPI);
  self->cancellable = g_cancellable_new ();
}

/**
 * sitrep_monitor_new:
 * @feed: where every source's alerts go
 */
SitrepMonitor *
sitrep_monitor_new (SitrepAlertFeed *feed)
{
  SitrepMonitor *self;

  g_return_val_if_fail (SITREP_IS_ALERT_FEED (feed), NULL);

  self = g_object_new (SITREP_TYPE_MONITOR, NULL);
  self->feed = g_object_ref (feed);

  return self;
}

SitrepHttp *
sitrep_monitor_get_http (SitrepMonitor *self)
{
  g_return_val_if_fail (SITREP_IS_MONITOR (self), NULL);
  return self->http;
}

SitrepAlertFeed *
sitrep_monitor_get_feed (SitrepMonitor *self)
{
  g_return_val_if_fail (SITREP_IS_MONITOR (self), NULL);
  return self->feed;
}

/**
 * sitrep_monitor_get_sources:
 *
 * Returns: (transfer none): the sources (#SitrepSource), in the order of
 *   the settings
 */
GListModel *
sitrep_monitor_get_sources (SitrepMonitor *self)
{
  g_return_val_if_fail (SITREP_IS_MONITOR (self), NULL);
  return G_LIST_MODEL (self->sources);
}

/**
 * sitrep_monitor_get_kpis:
 *
 * Returns: (transfer none): the key metrics (#SitrepKpi)
 */
GListModel *
sitrep_monitor_get_kpis (SitrepMonitor *self)
{
  g_return_val_if_fail (SITREP_IS_MONITOR (self), NULL);
  return G_LIST_MODEL (self->kpis);
}

/**
 * sitrep_monitor_lookup_source:
 *
 * Returns: (transfer none) (nullable): the source of that id
 */
SitrepSource *
sitrep_monitor_lookup_source (SitrepMonitor *self,
                              const char    *id)
{
  GListModel *model;

  g_return_val_if_fail (SITREP_IS_MONITOR (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  model = G_LIST_MODEL (self->sources);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SitrepSource) source = g_list_model_get_item (model, i);

      if (g_str_equal (sitrep_source_get_id (source), id))
        return source;
    }

  return NULL;
}

/* Gives each enabled Prometheus source the key metrics it answers for. */
static void
assign_kpis (SitrepMonitor *self)
{
  GListModel *sources = G_LIST_MODEL (self->sources);
  GListModel *kpis = G_LIST_MODEL (self->kpis);
  SitrepSource *first = NULL;

  for (guint j = 0; j < g_list_model_get_n_items (kpis); j++)
    {
      g_autoptr(SitrepKpi) kpi = g_list_model_get_item (kpis, j);

      sitrep_kpi_set_interval (kpi, 0);
    }

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(SitrepSource) source = g_list_model_get_item (sources, i);

      if (first == NULL && sitrep_source_get_enabled (source) &&
          sitrep_source_get_kind (source) == SITREP_SOURCE_KIND_PROMETHEUS)
        first = source;
    }

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(SitrepSource) source = g_list_model_get_item (sources, i);
      g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func (g_object_unref);

      if (sitrep_source_get_kind (source) != SITREP_SOURCE_KIND_PROMETHEUS)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (kpis); j++)
        {
          SitrepKpi *kpi = g_list_model_get_item (kpis, j);
          const char *wanted = sitrep_kpi_get_source_id (kpi);

          if (g_str_equal (wanted, sitrep_source_get_id (source)) ||
              (*wanted == '\0' && source == first))
            {
              sitrep_kpi_set_interval (kpi, sitrep_source_get_enabled (source)
                                            ? sitrep_source_get_interval (source) : 0);
              g_ptr_array_add (mine, kpi);
            }
          else
            g_object_unref (kpi);
        }

      sitrep_source_set_kpis (source, mine);
    }
}

typedef struct
{
  SitrepMonitor *self;
  SitrepSource  *source;
} SecretLookup;

static void
secret_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SecretLookup *lookup = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = sitrep_credentials_lookup_finish (result, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      lookup->self->sources != NULL &&
      sitrep_monitor_lookup_source (lookup->self, sitrep_source_get_id (lookup->source)) == lookup->source)
    {
      if (error != NULL)
        sitrep_source_fail (lookup->source, SITREP_SOURCE_HEALTH_FAILING, error->message);
      else
        {
          if (secret == NULL)
            g_debug ("%s: no secret in the keyring", sitrep_source_get_name (lookup->source));
          sitrep_source_set_secret (lookup->source, secret);
          sitrep_source_start (lookup->source, lookup->self->http, lookup->self->feed);
        }
    }

  if (secret != NULL)
    sitrep_credentials_free (secret);
  g_object_unref (lookup->self);
  g_object_unref (lookup->source);
  g_free (lookup);
}

static void
start_source (SitrepMonitor *self,
              SitrepSource  *source)
{
  g_autofree char *account = NULL;
  SecretLookup *lookup;

  if (!sitrep_source_get_enabled (source))
    return;

  if (sitrep_source_get_auth (source) == SITREP_SOURCE_AUTH_NONE)
    {
      sitrep_source_start (source, self->http, self->feed);
      return;
    }

  account = sitrep_source_dup_account (source);
  lookup = g_new0 (SecretLookup, 1);
  lookup->self = g_object_ref (self);
  lookup->source = g_object_ref (source);
  sitrep_credentials_lookup_async (account, self->cancellable, secret_cb, lookup);
}

/**
 * sitrep_monitor_set_sources:
 * @sources: the "sources" setting, an `aa{sv}`
 *
 * Brings the running sources in step with @sources. Entries that cannot be
 * used are skipped with a warning that says why.
 */
void
sitrep_monitor_set_sources (SitrepMonitor *self,
                            GVariant      *sources)
{
  g_autoptr(GPtrArray) next = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) started = g_ptr_array_new ();
  GListModel *model;
  GVariantIter iter;
  GVariant *dict;

  g_return_if_fail (SITREP_IS_MONITOR (self));
  g_return_if_fail (sources != NULL && g_variant_is_of_type (sources, G_VARIANT_TYPE ("aa{sv}")));

  model = G_LIST_MODEL (self->sources);
  g_variant_iter_init (&iter, sources);
  while ((dict = g_variant_iter_next_value (&iter)))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SitrepSource) source = sitrep_source_new_from_variant (dict, &error);
      SitrepSource *running;

      g_variant_unref (dict);
      if (source == NULL)
        {
          g_warning ("A monitoring source in the settings was skipped: %s", error->message);
          continue;
        }

      running = sitrep_monitor_lookup_source (self, sitrep_source_get_id (source));
      if (running != NULL && sitrep_source_same_config (running, source))
        g_ptr_array_add (next, g_object_ref (running));
      else
        {
          g_ptr_array_add (next, g_object_ref (source));
          g_ptr_array_add (started, source);
        }
    }

  /* Whatever is not kept stops; its alerts are forgotten unless its
   * replacement reports them again. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SitrepSource) old = g_list_model_get_item (model, i);
      gboolean kept = FALSE, replaced = FALSE;

      for (guint j = 0; j < next->len; j++)
        {
          SitrepSource *source = g_ptr_array_index (next, j);

          kept |= source == old;
          replaced |= g_str_equal (sitrep_source_get_id (source), sitrep_source_get_id (old)) &&
                      sitrep_source_get_enabled (source);
        }

      if (kept)
        continue;

      sitrep_source_stop (old);
      if (!replaced)
        sitrep_alert_feed_remove_source (self->feed, sitrep_source_get_id (old));
    }

  g_list_store_splice (self->sources, 0, g_list_model_get_n_items (model), next->pdata, next->len);
  assign_kpis (self);

  for (guint i = 0; i < started->len; i++)
    {
      g_signal_connect_object (g_ptr_array_index (started, i), "polled",
                               G_CALLBACK (on_source_polled_cb), self, G_CONNECT_SWAPPED);
      start_source (self, g_ptr_array_index (started, i));
    }
}

/**
 * sitrep_monitor_set_kpis:
 * @kpis: the "kpis" setting, an `aa{sv}`
 *
 * Replaces the key metrics; those whose configuration did not change keep
 * their values.
 */
void
sitrep_monitor_set_kpis (SitrepMonitor *self,
                         GVariant      *kpis)
{
  g_autoptr(GPtrArray) next = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model;
  GVariantIter iter;
  GVariant *dict;

  g_return_if_fail (SITREP_IS_MONITOR (self));
  g_return_if_fail (kpis != NULL && g_variant_is_of_type (kpis, G_VARIANT_TYPE ("aa{sv}")));

  model = G_LIST_MODEL (self->kpis);
  g_variant_iter_init (&iter, kpis);
  while ((dict = g_variant_iter_next_value (&iter)))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SitrepKpi) kpi = sitrep_kpi_new_from_variant (dict, &error);
      g_autoptr(GVariant) config = NULL;
      SitrepKpi *same = NULL;

      g_variant_unref (dict);
      if (kpi == NULL)
        {
          g_warning ("A key metric in the settings was skipped: %s", error->message);
          continue;
        }

      config = g_variant_ref_sink (sitrep_kpi_to_variant (kpi));
      for (guint i = 0; same == NULL && i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(SitrepKpi) old = g_list_model_get_item (model, i);
          g_autoptr(GVariant) old_config = g_variant_ref_sink (sitrep_kpi_to_variant (old));

          if (g_variant_equal (config, old_config))
            same = old;
        }

      g_ptr_array_add (next, g_object_ref (same != NULL ? same : kpi));
    }

  g_list_store_splice (self->kpis, 0, g_list_model_get_n_items (model), next->pdata, next->len);
  assign_kpis (self);
}

/**
 * sitrep_monitor_find_silencer:
 *
 * Returns: (transfer none) (nullable): where to silence @alert: the
 *   Alertmanager (or Grafana) that reports it, or else the first enabled
 *   Alertmanager
 */
SitrepSource *
sitrep_monitor_find_silencer (SitrepMonitor *self,
                              SitrepAlert   *alert)
{
  GListModel *model;
  SitrepSource *first = NULL;

  g_return_val_if_fail (SITREP_IS_MONITOR (self), NULL);
  g_return_val_if_fail (SITREP_IS_ALERT (alert), NULL);

  model = G_LIST_MODEL (self->sources);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SitrepSource) source = g_list_model_get_item (model, i);

      if (!sitrep_source_get_enabled (source) || !sitrep_source_can_silence (source))
        continue;

      if (g_strcmp0 (sitrep_source_get_name (source), sitrep_alert_get_source (alert)) == 0)
        return source;

      if (first == NULL && sitrep_source_get_kind (source) == SITREP_SOURCE_KIND_ALERTMANAGER)
        first = source;
    }

  return first;
}

/**
 * sitrep_monitor_stop:
 *
 * Stops every source; nothing polls after this.
 */
void
sitrep_monitor_stop (SitrepMonitor *self)
{
  GListModel *model;

  g_return_if_fail (SITREP_IS_MONITOR (self));

  g_cancellable_cancel (self->cancellable);
  model = G_LIST_MODEL (self->sources);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SitrepSource) source = g_list_model_get_item (model, i);

      sitrep_source_stop (source);
    }
}
