/* test-monitoring-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The alerts panel and the key metric tiles, fed by the real Prometheus,
 * Alertmanager and Pushgateway: what the servers say is what the widgets
 * show, in words; a row's declare button hands its alerts over; hostile
 * label text shows as plain text; a source that dies says so. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sitrep-alert-rules.h"
#include "sitrep-alerts-panel.h"
#include "sitrep-kpi-tile.h"
#include "sitrep-monitor.h"

#include "servers/sitrep-test-servers.h"
#include "test-utils.h"
#include "test-widget-utils.h"

static const char rules[] =
  "groups:\n"
  "- name: warroom\n"
  "  rules:\n"
  "  - alert: PaymentSuccessRateLow\n"
  "    expr: payment_success_ratio < 0.95\n"
  "    for: 0s\n"
  "    labels: {severity: critical, tier: core}\n"
  "    annotations:\n"
  "      summary: 'Payment success {{ $value | humanizePercentage }} on {{ $labels.provider }}'\n";

typedef struct
{
  GtkWidget *root;
  const char *text;
} Shown;

static gboolean
label_shown (gpointer data)
{
  Shown *shown = data;

  return test_label_shown (shown->root, shown->text);
}

static guint
test_count_shown (GtkWidget  *root,
                  const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n = 0;

  test_collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    n += g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0 &&
         gtk_widget_get_visible (g_ptr_array_index (labels, i));

  return n;
}

static void
wait_for_label (GtkWidget  *root,
                const char *text)
{
  Shown shown = { root, text };

  test_wait_long (label_shown, &shown, text);
}

static void
on_act_cb (SitrepAlertsPanel  *panel,
           const char         *what,
           GPtrArray          *alerts,
           GPtrArray         **received)
{
  g_assert_cmpstr (what, ==, "declare");
  *received = g_ptr_array_ref (alerts);
}

static void
test_fed_from_real_servers (void)
{
  g_autoptr(SitrepTestServers) servers = sitrep_test_servers_start (rules);
  g_autoptr(SitrepAlertFeed) feed = NULL;
  g_autoptr(SitrepMonitor) monitor = NULL;
  g_autoptr(SitrepClock) clock = NULL;
  g_autoptr(GPtrArray) received = NULL;
  g_autofree char *target = NULL;
  g_autofree char *post_url = NULL;
  GVariantBuilder builder;
  g_auto(GVariantDict) kpi = G_VARIANT_DICT_INIT (NULL);
  GtkWidget *window, *box, *panel, *tile;
  SitrepKpi *payments;

  if (servers == NULL)
    {
      g_test_skip ("Prometheus, Alertmanager or the Pushgateway is not installed");
      return;
    }

  feed = sitrep_alert_feed_new ();
  monitor = sitrep_monitor_new (feed);
  clock = sitrep_clock_new_system ();

  g_variant_dict_insert (&kpi, "id", "s", "payments");
  g_variant_dict_insert (&kpi, "name", "s", "Payment success rate");
  g_variant_dict_insert (&kpi, "query", "s", "min(payment_success_ratio)");
  g_variant_dict_insert (&kpi, "threshold", "d", 0.95);
  g_variant_dict_insert (&kpi, "direction", "s", "below");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_builder_add_value (&builder, g_variant_dict_end (&kpi));
  sitrep_monitor_set_kpis (monitor, g_variant_builder_end (&builder));

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_builder_add_value (&builder, sitrep_test_servers_source ("Prometheus", "prometheus",
                                                        sitrep_test_servers_prometheus (servers)));
  g_variant_builder_add_value (&builder, sitrep_test_servers_source ("Alertmanager", "alertmanager",
                                                        sitrep_test_servers_alertmanager (servers)));
  sitrep_monitor_set_sources (monitor, g_variant_builder_end (&builder));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  payments = g_list_model_get_item (sitrep_monitor_get_kpis (monitor), 0);
  tile = sitrep_kpi_tile_new (payments, clock);
  g_object_unref (payments);
  panel = sitrep_alerts_panel_new ();
  gtk_widget_set_vexpand (panel, TRUE);
  sitrep_alerts_panel_set_monitor (SITREP_ALERTS_PANEL (panel), monitor, clock);
  gtk_box_append (GTK_BOX (box), tile);
  gtk_box_append (GTK_BOX (box), panel);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  /* Both sources say they are fresh. */
  wait_for_label (panel, "Prometheus: updated 0 s ago");
  wait_for_label (panel, "Alertmanager: updated 0 s ago");

  /* The metric breaks its threshold: the tile says so, in words. */
  sitrep_test_servers_push_metrics (servers, "payments",
                                    "# TYPE payment_success_ratio gauge\n"
                                    "payment_success_ratio{provider=\"stripe\"} 0.82\n");
  wait_for_label (tile, "82.0 %");
  g_assert_true (test_label_shown (tile, "Breached"));
  g_assert_true (test_label_shown (tile, "Breach below 95.0 %"));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_first_child (tile), "kpi-breached"));

  /* The rule fires: the alert is in the panel, once, with its severity
   * in words and its summary. */
  wait_for_label (panel, "PaymentSuccessRateLow · checkout");
  wait_for_label (panel, "Payment success 82% on stripe");
  g_assert_true (test_label_shown (panel, "CRITICAL"));
  wait_for_label (panel, "1 firing");

  /* The row's declare action hands over its alerts. */
  g_signal_connect (panel, "act", G_CALLBACK (on_act_cb), &received);
  {
    g_autoptr(SitrepAlert) alert = g_list_model_get_item (sitrep_alert_feed_get_alerts (feed), 0);
    g_autofree char *key = sitrep_alert_dup_group_key (alert);

    target = g_strconcat ("g:", key, NULL);
  }
  g_assert_true (gtk_widget_activate_action (panel, "alerts.declare", "s", target));
  g_assert_nonnull (received);
  g_assert_cmpuint (received->len, ==, 1);
  g_assert_cmpstr (sitrep_alert_get_name (g_ptr_array_index (received, 0)), ==, "PaymentSuccessRateLow");

  /* Hostile text from a remote alert is shown as it is, never as markup. */
  post_url = g_strconcat (sitrep_test_servers_alertmanager (servers), "/api/v2/alerts", NULL);
  sitrep_test_servers_post (post_url, "application/json",
                            "[{\"labels\":{\"alertname\":\"<b>Bold</b>\",\"service\":\"a&b\","
                            "\"severity\":\"warning\"},\"annotations\":{\"summary\":\"<i>x</i> & y\"}}]");
  wait_for_label (panel, "<b>Bold</b> · a&b");
  wait_for_label (panel, "<i>x</i> & y");
  wait_for_label (panel, "WARNING");

  /* Alertmanager dies: its line says it is failing; the tile and the
   * other source go on. */
  sitrep_test_servers_stop (g_steal_pointer (&servers));
  {
    gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
    gboolean failing = FALSE;

    while (!failing)
      {
        g_autoptr(GPtrArray) labels = g_ptr_array_new ();

        test_collect_widgets (panel, GTK_TYPE_LABEL, labels);
        for (guint i = 0; i < labels->len; i++)
          failing |= g_str_has_prefix (gtk_label_get_text (g_ptr_array_index (labels, i)), "Alertmanager: ") &&
                     strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), "Cannot reach") != NULL;
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, FALSE);
        g_usleep (10 * 1000);
      }
  }
  /* What was known stays on screen. */
  g_assert_true (test_label_shown (panel, "Payment success 82% on stripe"));

  sitrep_monitor_stop (monitor);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GPtrArray *
alerts_named (const char * const *names)
{
  GPtrArray *alerts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(JsonObject) labels = json_object_new ();

      json_object_set_string_member (labels, "alertname", names[i]);
      json_object_set_string_member (labels, "severity", "critical");
      g_ptr_array_add (alerts, sitrep_alert_new ("Alertmanager", labels, NULL, NULL, SITREP_ALERT_FIRING, 0, NULL));
    }

  return alerts;
}

static void
settle (void)
{
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* "New" for an alert that came after the panel opened, for five minutes
 * by the clock; not for what was there from the start. */
static void
test_new_alerts (void)
{
  static const char * const first[] = { "DiskFull", NULL };
  static const char * const later[] = { "DiskFull", "SearchDown", NULL };
  g_autoptr(SitrepAlertFeed) feed = sitrep_alert_feed_new ();
  g_autoptr(SitrepMonitor) monitor = sitrep_monitor_new (feed);
  g_autoptr(SitrepClock) clock = sitrep_clock_new_test (G_GINT64_CONSTANT (1795500000) * G_TIME_SPAN_SECOND);
  g_autoptr(GPtrArray) first_alerts = alerts_named (first);
  g_autoptr(GPtrArray) later_alerts = alerts_named (later);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *panel = sitrep_alerts_panel_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 500, 600);
  sitrep_alerts_panel_set_monitor (SITREP_ALERTS_PANEL (panel), monitor, clock);
  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_present (GTK_WINDOW (window));

  sitrep_alert_feed_update (feed, "am", first_alerts);
  settle ();
  g_assert_true (test_label_shown (panel, "DiskFull"));
  g_assert_false (test_label_shown (panel, "New"));

  sitrep_clock_advance (clock, 60 * G_TIME_SPAN_SECOND);
  sitrep_alert_feed_update (feed, "am", later_alerts);
  settle ();
  g_assert_true (test_label_shown (panel, "SearchDown"));
  g_assert_cmpuint (test_count_shown (panel, "New"), ==, 1);
  g_assert_true (test_label_shown (panel, "2 firing"));

  sitrep_clock_advance (clock, 4 * 60 * G_TIME_SPAN_SECOND);
  settle ();
  g_assert_cmpuint (test_count_shown (panel, "New"), ==, 1);

  sitrep_clock_advance (clock, 61 * G_TIME_SPAN_SECOND);
  settle ();
  g_assert_false (test_label_shown (panel, "New"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      if (g_getenv ("SITREP_REQUIRE_DISPLAY") != NULL)
        g_error ("No display, but SITREP_REQUIRE_DISPLAY is set");
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/monitoring-view/new-alerts", test_new_alerts);
  g_test_add_func ("/monitoring-view/fed-from-real-servers", test_fed_from_real_servers);

  return g_test_run ();
}
