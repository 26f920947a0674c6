/* sitrep-alert-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The active alerts of every source, merged by fingerprint: Prometheus and
 * the Alertmanager it sends to report the same alert, and it is shown once.
 * When several sources report an alert, the one that knows most about it
 * wins: a silence or an inhibition (only Alertmanager knows those) over
 * firing, firing over pending. Each source's answer replaces what that
 * source said before, and is applied in one batch: one items-changed for
 * the list, then a "changed" signal for each alert that is new, changed
 * state or is reported by no source any more. */

#define G_LOG_DOMAIN "sitrep-alert-feed"

#include "config.h"

#include "sitrep-alert-feed.h"

struct _SitrepAlertFeed
{
  GObject     parent_instance;

  GHashTable *sources;  /* source → (fingerprint → SitrepAlert) */
  GHashTable *merged;   /* fingerprint → SitrepAlert, borrowed from @sources */
  GListStore *alerts;   /* the merged alerts, in panel order */
};

G_DEFINE_FINAL_TYPE (SitrepAlertFeed, sitrep_alert_feed, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
state_weight (SitrepAlertState state)
{
  switch (state)
    {
    case SITREP_ALERT_SILENCED:
    case SITREP_ALERT_INHIBITED:
      return 2;
    case SITREP_ALERT_FIRING:
      return 1;
    case SITREP_ALERT_PENDING:
    default:
      return 0;
    }
}

static int
severity_rank (SitrepAlert *alert)
{
  static const char * const order[] = { "critical", "page", "error", "high", "warning", "info" };
  const char *severity = sitrep_alert_get_label (alert, "severity");

  for (guint i = 0; severity != NULL && i < G_N_ELEMENTS (order); i++)
    if (g_ascii_strcasecmp (severity, order[i]) == 0)
      return (int)i;

  return G_N_ELEMENTS (order);
}

static int
display_rank (SitrepAlertState state)
{
  switch (state)
    {
    case SITREP_ALERT_FIRING:
      return 0;
    case SITREP_ALERT_PENDING:
      return 1;
    case SITREP_ALERT_SILENCED:
    case SITREP_ALERT_INHIBITED:
    default:
      return 2;
    }
}

/**
 * sitrep_alert_compare:
 *
 * The alerts panel's order: firing, then pending, then silenced and
 * inhibited; within each, the most severe first (by the "severity" label:
 * critical, page, error, high, warning, info, then anything else), then
 * the newest first; the fingerprint breaks ties.
 */
int
sitrep_alert_compare (SitrepAlert *a,
                      SitrepAlert *b)
{
  int ra = display_rank (sitrep_alert_get_state (a));
  int rb = display_rank (sitrep_alert_get_state (b));
  gint64 sa, sb;

  if (ra != rb)
    return ra < rb ? -1 : 1;

  ra = severity_rank (a);
  rb = severity_rank (b);
  if (ra != rb)
    return ra < rb ? -1 : 1;

  sa = sitrep_alert_get_starts_at (a);
  sb = sitrep_alert_get_starts_at (b);
  if (sa != sb)
    return sa > sb ? -1 : 1;

  return g_strcmp0 (sitrep_alert_get_fingerprint (a), sitrep_alert_get_fingerprint (b));
}

static int
compare_ptrs (gconstpointer a,
              gconstpointer b)
{
  return sitrep_alert_compare (*(SitrepAlert **)a, *(SitrepAlert **)b);
}

static void
sitrep_alert_feed_finalize (GObject *object)
{
  SitrepAlertFeed *self = (SitrepAlertFeed *)object;

  g_clear_pointer (&self->merged, g_hash_table_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  g_clear_object (&self->alerts);

  G_OBJECT_CLASS (sitrep_alert_feed_parent_class)->finalize (object);
}

static void
sitrep_alert_feed_class_init (SitrepAlertFeedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sitrep_alert_feed_finalize;

  /**
   * SitrepAlertFeed::changed:
   * @alert: the alert as now reported, or as last reported when resolved
   * @change: what happened to it
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                   SITREP_TYPE_ALERT, G_TYPE_INT);
}

static void
sitrep_alert_feed_init (SitrepAlertFeed *self)
{
  self->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)g_hash_table_unref);
  self->merged = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->alerts = g_list_store_new (SITREP_TYPE_ALERT);
}

SitrepAlertFeed *
sitrep_alert_feed_new (void)
{
  return g_object_new (SITREP_TYPE_ALERT_FEED, NULL);
}

/**
 * sitrep_alert_feed_get_alerts:
 *
 * Returns: (transfer none): the merged alerts, in the order of
 *   sitrep_alert_compare()
 */
GListModel *
sitrep_alert_feed_get_alerts (SitrepAlertFeed *self)
{
  g_return_val_if_fail (SITREP_IS_ALERT_FEED (self), NULL);

  return G_LIST_MODEL (self->alerts);
}

/**
 * sitrep_alert_feed_lookup:
 *
 * Returns: (transfer none) (nullable): the active alert @fingerprint
 */
SitrepAlert *
sitrep_alert_feed_lookup (SitrepAlertFeed *self,
                          const char      *fingerprint)
{
  g_return_val_if_fail (SITREP_IS_ALERT_FEED (self), NULL);
  g_return_val_if_fail (fingerprint != NULL, NULL);

  return g_hash_table_lookup (self->merged, fingerprint);
}

/* Merges every source again and tells what changed. Alerts gone because
 * their source was removed are forgotten, not resolved: nobody said so. */
static void
remerge (SitrepAlertFeed *self,
         gboolean         forgetting)
{
  g_autoptr(GHashTable) merged = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GHashTable) old = g_steal_pointer (&self->merged);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (int));
  GHashTableIter sources, alerts;
  gpointer fingerprint, value, table;

  g_hash_table_iter_init (&sources, self->sources);
  while (g_hash_table_iter_next (&sources, NULL, &table))
    {
      g_hash_table_iter_init (&alerts, table);
      while (g_hash_table_iter_next (&alerts, &fingerprint, &value))
        {
          SitrepAlert *known = g_hash_table_lookup (merged, fingerprint);

          if (known == NULL ||
              state_weight (sitrep_alert_get_state (value)) > state_weight (sitrep_alert_get_state (known)))
            g_hash_table_insert (merged, (gpointer)sitrep_alert_get_fingerprint (value), g_object_ref (value));
        }
    }

  g_hash_table_iter_init (&alerts, merged);
  while (g_hash_table_iter_next (&alerts, &fingerprint, &value))
    {
      SitrepAlert *before = g_hash_table_lookup (old, fingerprint);
      int kind = -1;

      g_ptr_array_add (sorted, value);
      if (before == NULL)
        kind = SITREP_ALERT_CHANGE_NEW;
      else if (sitrep_alert_get_state (before) != sitrep_alert_get_state (value))
        kind = SITREP_ALERT_CHANGE_STATE;

      if (kind >= 0)
        {
          g_ptr_array_add (changes, g_object_ref (value));
          g_array_append_val (kinds, kind);
        }
    }

  g_hash_table_iter_init (&alerts, old);
  while (g_hash_table_iter_next (&alerts, &fingerprint, &value))
    if (!g_hash_table_contains (merged, fingerprint))
      {
        int kind = forgetting ? SITREP_ALERT_CHANGE_FORGOTTEN : SITREP_ALERT_CHANGE_RESOLVED;

        g_ptr_array_add (changes, g_object_ref (value));
        g_array_append_val (kinds, kind);
      }

  self->merged = g_steal_pointer (&merged);

  /* One batch for the list. */
  g_ptr_array_sort (sorted, compare_ptrs);
  g_list_store_splice (self->alerts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->alerts)),
                       sorted->pdata, sorted->len);

  for (guint i = 0; i < changes->len; i++)
    g_signal_emit (self, signals[CHANGED], 0, g_ptr_array_index (changes, i),
                   g_array_index (kinds, int, i));
}

/**
 * sitrep_alert_feed_update:
 * @source: the name of the source that answered
 * @alerts: (element-type SitrepAlert): every alert it reports now
 *
 * Replaces what @source reported with @alerts.
 */
void
sitrep_alert_feed_update (SitrepAlertFeed *self,
                          const char      *source,
                          GPtrArray       *alerts)
{
  GHashTable *table;

  g_return_if_fail (SITREP_IS_ALERT_FEED (self));
  g_return_if_fail (source != NULL);
  g_return_if_fail (alerts != NULL);

  table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (guint i = 0; i < alerts->len; i++)
    {
      SitrepAlert *alert = g_ptr_array_index (alerts, i);

      g_return_if_fail (SITREP_IS_ALERT (alert));
      g_hash_table_replace (table, (gpointer)sitrep_alert_get_fingerprint (alert), g_object_ref (alert));
    }

  g_hash_table_replace (self->sources, g_strdup (source), table);
  remerge (self, FALSE);
}

/**
 * sitrep_alert_feed_remove_source:
 *
 * Forgets what @source reported (it was removed or switched off): alerts
 * only it reported leave the feed as %SITREP_ALERT_CHANGE_FORGOTTEN.
 */
void
sitrep_alert_feed_remove_source (SitrepAlertFeed *self,
                                 const char      *source)
{
  g_return_if_fail (SITREP_IS_ALERT_FEED (self));
  g_return_if_fail (source != NULL);

  if (g_hash_table_remove (self->sources, source))
    remerge (self, TRUE);
}
