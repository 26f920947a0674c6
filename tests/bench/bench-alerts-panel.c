/* bench-alerts-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What 10,000 alerts cost the window: the alerts panel shown, the alerts
 * applied to the feed in one batch (as a source's answer is), grouped and
 * drawn; then the same answer with one alert changed, as every poll
 * brings. Prints how long the main loop was blocked, from a 1 ms
 * heartbeat, including the frames drawn. A benchmark: it judges nothing.
 * Needs a display: xvfb-run -a _build/tests/bench-alerts-panel */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "sitrep-alerts-panel.h"

#define N_ALERTS 10000
#define N_RUNS   5

typedef struct
{
  gint64 last_beat;
  gint64 longest_gap;
} Heartbeat;

static gboolean
beat_cb (gpointer user_data)
{
  Heartbeat *heartbeat = user_data;
  gint64 now = g_get_monotonic_time ();

  heartbeat->longest_gap = MAX (heartbeat->longest_gap, now - heartbeat->last_beat);
  heartbeat->last_beat = now;

  return G_SOURCE_CONTINUE;
}

static GPtrArray *
make_alerts (int changed)
{
  GPtrArray *alerts = g_ptr_array_new_with_free_func (g_object_unref);

  for (int i = 0; i < N_ALERTS; i++)
    {
      g_autoptr(JsonObject) labels = json_object_new ();
      g_autoptr(JsonObject) annotations = json_object_new ();
      g_autofree char *name = g_strdup_printf ("Alert%d", i % 50);
      g_autofree char *service = g_strdup_printf ("service-%d", i % 4);
      g_autofree char *instance = g_strdup_printf ("host-%d:9100", i);
      g_autofree char *summary = g_strdup_printf ("Instance host-%d is down", i);

      json_object_set_string_member (labels, "alertname", name);
      json_object_set_string_member (labels, "service", service);
      json_object_set_string_member (labels, "instance", instance);
      json_object_set_string_member (labels, "severity", i % 10 == 0 ? "critical" : "warning");
      json_object_set_string_member (annotations, "summary", summary);
      g_ptr_array_add (alerts, sitrep_alert_new ("Alertmanager", labels, annotations, NULL,
                                                 i == changed ? SITREP_ALERT_SILENCED : SITREP_ALERT_FIRING,
                                                 g_get_real_time () - i * G_TIME_SPAN_SECOND, NULL));
    }

  return alerts;
}

/* Applies @alerts and lets the window draw, for 300 ms. */
static void
apply (SitrepAlertFeed *feed,
       GPtrArray       *alerts,
       gint64          *apply_us,
       gint64          *block_us)
{
  Heartbeat heartbeat = { g_get_monotonic_time (), 0 };
  guint beat = g_timeout_add (1, beat_cb, &heartbeat);
  gint64 start = g_get_monotonic_time ();
  gint64 until;

  sitrep_alert_feed_update (feed, "alertmanager", alerts);
  *apply_us = g_get_monotonic_time () - start;

  until = g_get_monotonic_time () + 300 * 1000;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  beat_cb (&heartbeat);
  g_source_remove (beat);
  *block_us = heartbeat.longest_gap;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SitrepAlertFeed) feed = NULL;
  g_autoptr(SitrepMonitor) monitor = NULL;
  g_autoptr(SitrepClock) clock = NULL;
  GtkWidget *window, *panel;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      fprintf (stderr, "bench-alerts-panel needs a display: run it under xvfb-run -a\n");
      return 1;
    }

  gtk_init ();
  adw_init ();

  feed = sitrep_alert_feed_new ();
  monitor = sitrep_monitor_new (feed);
  clock = sitrep_clock_new_system ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 1000);
  panel = sitrep_alerts_panel_new ();
  sitrep_alerts_panel_set_monitor (SITREP_ALERTS_PANEL (panel), monitor, clock);
  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_present (GTK_WINDOW (window));

  printf ("%d alerts in 200 groups, the alerts panel shown in a 480×1000 window, %d runs\n",
          N_ALERTS, N_RUNS);
  printf ("apply: the feed merges, the panel regroups, on the main thread\n"
          "longest block: the longest the main loop went without running (frames included),\n"
          "  from a 1 ms heartbeat, over the 300 ms after the batch\n");
  printf ("%-4s %14s %16s %14s %16s\n", "run", "first: apply", "longest block", "poll: apply", "longest block");

  for (int run = 1; run <= N_RUNS; run++)
    {
      g_autoptr(GPtrArray) first = make_alerts (-1);
      g_autoptr(GPtrArray) next = make_alerts (run * 37);
      g_autoptr(GPtrArray) none = g_ptr_array_new ();
      gint64 first_apply, first_block, next_apply, next_block, unused_apply, unused_block;

      apply (feed, first, &first_apply, &first_block);
      apply (feed, next, &next_apply, &next_block);
      g_assert (g_list_model_get_n_items (sitrep_alert_feed_get_alerts (feed)) == N_ALERTS);
      apply (feed, none, &unused_apply, &unused_block);

      printf ("%-4d %11.1f ms %13.1f ms %11.1f ms %13.1f ms\n", run,
              first_apply / 1000.0, first_block / 1000.0, next_apply / 1000.0, next_block / 1000.0);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
