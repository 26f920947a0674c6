/* test-monitoring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The HTTP client and the alert parsers against real servers: a metric
 * pushed to the Pushgateway breaks an alerting rule in Prometheus, which
 * reports the alert and sends it to Alertmanager; an alert posted to
 * Alertmanager directly comes back as posted. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sitrep-alert.h"
#include "sitrep-assessor.h"
#include "sitrep-http.h"
#include "sitrep-memory-journal.h"
#include "sitrep-monitor.h"
#include "sitrep-war-room.h"

#include "servers/sitrep-test-servers.h"
#include "test-utils.h"

static const char rules[] =
  "groups:\n"
  "- name: warroom\n"
  "  rules:\n"
  "  - alert: PaymentSuccessRateLow\n"
  "    expr: payment_success_ratio < 0.95\n"
  "    for: 0s\n"
  "    labels: {severity: critical}\n"
  "    annotations:\n"
  "      summary: 'Payment success rate {{ $value | humanizePercentage }} on {{ $labels.provider }}'\n"
  "      runbook_url: https://runbooks.example/payments\n";

typedef GPtrArray *(*ParseFunc) (JsonNode *root, const char *source, GError **error);

static gboolean
tick_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
pause_a_moment (void)
{
  gboolean done = FALSE;

  g_timeout_add (250, tick_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GPtrArray *
fetch (SitrepHttp *http,
       const char *url,
       ParseFunc   parse_func)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *alerts;

  sitrep_http_get_json_async (http, url, NULL, NULL, test_async_result_cb, &result);
  test_wait_for_result (&result);
  root = sitrep_http_get_json_finish (http, result, NULL, &error);
  g_assert_no_error (error);

  alerts = parse_func (root, "test", &error);
  g_assert_no_error (error);

  return alerts;
}

/* Polls @url until an alert named @name is there, for up to a minute:
 * scraping, rule evaluation and notification each take their seconds. */
static SitrepAlert *
wait_for_alert (SitrepHttp *http,
                const char *url,
                ParseFunc   parse_func,
                const char *name,
                SitrepAlertState state)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  for (;;)
    {
      g_autoptr(GPtrArray) alerts = fetch (http, url, parse_func);

      for (guint i = 0; i < alerts->len; i++)
        {
          SitrepAlert *alert = g_ptr_array_index (alerts, i);

          if (g_str_equal (sitrep_alert_get_name (alert), name) && sitrep_alert_get_state (alert) == state)
            return g_object_ref (alert);
        }

      if (g_get_monotonic_time () > deadline)
        g_error ("No %s alert %s at %s within a minute", sitrep_alert_state_to_token (state), name, url);
      pause_a_moment ();
    }
}

/* The external labels of the harness' Prometheus, which it adds to what it
 * sends to Alertmanager. */
static JsonObject *external_labels;

static GPtrArray *
parse_prometheus_with_external_labels (JsonNode    *root,
                                       const char  *source,
                                       GError     **error)
{
  return sitrep_alert_parse_prometheus_full (root, source, external_labels, error);
}

static void
fetch_external_labels (SitrepHttp *http,
                       const char *prometheus)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (prometheus, "/api/v1/status/config", NULL);
  JsonObject *data;

  sitrep_http_get_json_async (http, url, NULL, NULL, test_async_result_cb, &result);
  root = sitrep_http_get_json_finish (http, test_wait_for_result (&result), NULL, &error);
  g_assert_no_error (error);
  data = json_object_get_object_member (json_node_get_object (root), "data");
  g_clear_pointer (&external_labels, json_object_unref);
  external_labels = sitrep_alert_parse_external_labels (json_object_get_string_member (data, "yaml"));
  g_assert_cmpstr (json_object_get_string_member (external_labels, "env"), ==, "test");
  g_assert_cmpuint (json_object_get_size (external_labels), ==, 1);
}

static void
test_alerts_from_real_servers (void)
{
  g_autoptr(SitrepTestServers) servers = sitrep_test_servers_start (rules);
  g_autoptr(SitrepHttp) http = NULL;
  g_autoptr(SitrepAlert) from_prometheus = NULL;
  g_autoptr(SitrepAlert) from_alertmanager = NULL;
  g_autoptr(SitrepAlert) posted = NULL;
  g_autofree char *prometheus_alerts = NULL;
  g_autofree char *alertmanager_alerts = NULL;
  g_autofree char *post_url = NULL;

  if (servers == NULL)
    {
      g_test_skip ("Prometheus, Alertmanager or the Pushgateway is not installed");
      return;
    }

  http = sitrep_http_new ();
  fetch_external_labels (http, sitrep_test_servers_prometheus (servers));
  prometheus_alerts = g_strconcat (sitrep_test_servers_prometheus (servers), "/api/v1/alerts", NULL);
  alertmanager_alerts = g_strconcat (sitrep_test_servers_alertmanager (servers), "/api/v2/alerts", NULL);

  /* Payment success drops to 91 % on one provider. */
  sitrep_test_servers_push_metrics (servers, "payments",
                                    "# TYPE payment_success_ratio gauge\n"
                                    "payment_success_ratio{provider=\"stripe\"} 0.91\n"
                                    "payment_success_ratio{provider=\"adyen\"} 0.99\n");

  from_prometheus = wait_for_alert (http, prometheus_alerts, parse_prometheus_with_external_labels,
                                    "PaymentSuccessRateLow", SITREP_ALERT_FIRING);
  g_assert_cmpstr (sitrep_alert_get_label (from_prometheus, "provider"), ==, "stripe");
  g_assert_cmpstr (sitrep_alert_get_label (from_prometheus, "severity"), ==, "critical");
  g_assert_cmpstr (sitrep_alert_get_label (from_prometheus, "service"), ==, "checkout");
  g_assert_cmpstr (sitrep_alert_get_annotation (from_prometheus, "summary"), ==,
                   "Payment success rate 91% on stripe");
  g_assert_cmpint (sitrep_alert_get_starts_at (from_prometheus), >, 0);

  /* Prometheus sends it to Alertmanager with its external labels, which
   * Sitrep added too: Alertmanager reports it with the fingerprint Sitrep
   * computed, so it is one alert. */
  from_alertmanager = wait_for_alert (http, alertmanager_alerts, sitrep_alert_parse_alertmanager,
                                      "PaymentSuccessRateLow", SITREP_ALERT_FIRING);
  g_assert_cmpstr (sitrep_alert_get_fingerprint (from_alertmanager), ==,
                   sitrep_alert_get_fingerprint (from_prometheus));
  g_assert_true (g_str_has_prefix (sitrep_alert_get_generator_url (from_alertmanager),
                                   sitrep_test_servers_prometheus (servers)));

  /* An alert posted to Alertmanager comes back as posted, markup and all,
   * as plain text. */
  post_url = g_strconcat (sitrep_test_servers_alertmanager (servers), "/api/v2/alerts", NULL);
  sitrep_test_servers_post (post_url, "application/json",
                            "[{\"labels\":{\"alertname\":\"CrashRateHigh\",\"severity\":\"warning\","
                            "\"app\":\"android\"},\"annotations\":{\"summary\":\"<b>5%</b> & rising\"}}]");
  posted = wait_for_alert (http, alertmanager_alerts, sitrep_alert_parse_alertmanager,
                           "CrashRateHigh", SITREP_ALERT_FIRING);
  g_assert_cmpstr (sitrep_alert_get_annotation (posted, "summary"), ==, "<b>5%</b> & rising");
}

static void
test_real_errors (void)
{
  g_autoptr(SitrepTestServers) servers = sitrep_test_servers_start (rules);
  g_autoptr(SitrepHttp) http = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (servers == NULL)
    {
      g_test_skip ("Prometheus, Alertmanager or the Pushgateway is not installed");
      return;
    }

  /* A path Prometheus does not have: plain text "404 page not found". */
  http = sitrep_http_new ();
  url = g_strconcat (sitrep_test_servers_prometheus (servers), "/api/v1/no-such-thing", NULL);
  sitrep_http_get_json_async (http, url, NULL, NULL, test_async_result_cb, &result);
  test_wait_for_result (&result);
  root = sitrep_http_get_json_finish (http, result, NULL, &error);
  g_assert_null (root);
  g_assert_error (error, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_NOT_FOUND);
}

static GVariant *
kpi_config (const char *id,
            const char *query,
            double      threshold,
            const char *direction)
{
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&d, "id", "s", id);
  g_variant_dict_insert (&d, "name", "s", id);
  g_variant_dict_insert (&d, "query", "s", query);
  g_variant_dict_insert (&d, "threshold", "d", threshold);
  g_variant_dict_insert (&d, "direction", "s", direction);
  return g_variant_dict_end (&d);
}

typedef struct
{
  SitrepMonitor   *monitor;
  SitrepAlertFeed *feed;
  SitrepIncident  *incident;
  double           value;
} Watch;

static SitrepKpi *
nth_kpi (Watch *w,
         guint  n)
{
  g_autoptr(SitrepKpi) kpi = g_list_model_get_item (sitrep_monitor_get_kpis (w->monitor), n);

  return kpi;
}

static gboolean
kpi_has_value (gpointer data)
{
  Watch *w = data;
  SitrepKpi *kpi = nth_kpi (w, 0);

  return G_APPROX_VALUE (sitrep_kpi_get_value (kpi), w->value, 1e-9);
}

static gboolean
kpi_has_error (gpointer data)
{
  return sitrep_kpi_get_error (nth_kpi (data, 1)) != NULL;
}

static SitrepAlert *
find_alert (SitrepAlertFeed *feed,
            const char      *name)
{
  GListModel *alerts = sitrep_alert_feed_get_alerts (feed);

  for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(SitrepAlert) alert = g_list_model_get_item (alerts, i);

      if (g_str_equal (sitrep_alert_get_name (alert), name))
        return alert;
    }

  return NULL;
}

static gboolean
payment_alert_firing (gpointer data)
{
  SitrepAlert *alert = find_alert (((Watch *)data)->feed, "PaymentSuccessRateLow");

  return alert != NULL && sitrep_alert_get_state (alert) == SITREP_ALERT_FIRING;
}

static gboolean
payment_alert_silenced (gpointer data)
{
  SitrepAlert *alert = find_alert (((Watch *)data)->feed, "PaymentSuccessRateLow");

  return alert != NULL && sitrep_alert_get_state (alert) == SITREP_ALERT_SILENCED;
}

static gboolean
dead_source_failing (gpointer data)
{
  SitrepSource *dead = sitrep_monitor_lookup_source (((Watch *)data)->monitor, "dead");

  return sitrep_source_get_health (dead) == SITREP_SOURCE_HEALTH_FAILING;
}

static gboolean
linked_alert_resolved (gpointer data)
{
  Watch *w = data;
  g_autoptr(SitrepLinkedAlert) linked = g_list_model_get_item (sitrep_incident_get_linked_alerts (w->incident), 0);

  return g_strcmp0 (sitrep_linked_alert_get_state (linked), SITREP_LINKED_ALERT_RESOLVED) == 0;
}

/* Sources and key metrics as the application runs them, against the real
 * servers: a metric pushed to the Pushgateway shows in a tile and breaches
 * it; the alerting rule fires in Prometheus and reaches Sitrep through
 * Alertmanager; an incident declared from it starts its triage clock when
 * the alert started; a silence Sitrep creates silences it; when the metric
 * recovers, the incident's timeline records the alert resolved. A dead
 * source fails in words without stopping the others. */
static void
test_sources (void)
{
  g_autoptr(SitrepTestServers) servers = sitrep_test_servers_start (rules);
  g_autoptr(SitrepAlertFeed) feed = NULL;
  g_autoptr(SitrepMonitor) monitor = NULL;
  g_autoptr(SitrepJournal) journal = NULL;
  g_autoptr(SitrepWarRoom) war_room = NULL;
  g_autoptr(SitrepClock) clock = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) sources = NULL;
  g_autofree char *silence_id = NULL;
  g_autofree char *silences_url = NULL;
  g_autoptr(GPtrArray) silences = NULL;
  GVariantBuilder builder;
  SitrepSource *alertmanager;
  SitrepAlert *alert;
  GListModel *events;
  gboolean found = FALSE;
  Watch w = { 0 };

  if (servers == NULL)
    {
      g_test_skip ("Prometheus, Alertmanager or the Pushgateway is not installed");
      return;
    }

  feed = sitrep_alert_feed_new ();
  monitor = sitrep_monitor_new (feed);
  w.monitor = monitor;
  w.feed = feed;

  journal = SITREP_JOURNAL (sitrep_memory_journal_new ());
  clock = sitrep_clock_new_system ();
  war_room = sitrep_war_room_new (journal, clock);
  sitrep_war_room_load_async (war_room, NULL, test_async_result_cb, &result);
  g_assert_true (sitrep_war_room_load_finish (war_room, test_wait_for_result (&result), NULL));
  g_clear_object (&result);
  sitrep_war_room_set_alert_feed (war_room, feed);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_builder_add_value (&builder, kpi_config ("payments", "min(payment_success_ratio)", 0.95, "below"));
  g_variant_builder_add_value (&builder, kpi_config ("broken", "sum(", 1, "above"));
  sitrep_monitor_set_kpis (monitor, g_variant_builder_end (&builder));

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_builder_add_value (&builder, sitrep_test_servers_source ("prometheus", "prometheus",
                                                        sitrep_test_servers_prometheus (servers)));
  g_variant_builder_add_value (&builder, sitrep_test_servers_source ("alertmanager", "alertmanager",
                                                        sitrep_test_servers_alertmanager (servers)));
  g_variant_builder_add_value (&builder, sitrep_test_servers_source ("dead", "alertmanager", "http://127.0.0.1:9"));
  sources = g_variant_ref_sink (g_variant_builder_end (&builder));
  sitrep_monitor_set_sources (monitor, sources);

  /* The dead source says why, in words; the others go on. */
  test_wait_long (dead_source_failing, &w, "the dead source to fail");
  g_assert_nonnull (strstr (sitrep_source_get_last_error (sitrep_monitor_lookup_source (monitor, "dead")),
                            "127.0.0.1"));

  /* A tile: the worst provider's success rate, and a breach. */
  sitrep_test_servers_push_metrics (servers, "payments",
                                    "# TYPE payment_success_ratio gauge\n"
                                    "payment_success_ratio{provider=\"stripe\"} 0.82\n"
                                    "payment_success_ratio{provider=\"adyen\"} 0.99\n");
  w.value = 0.82;
  test_wait_long (kpi_has_value, &w, "the payment tile to read 82 %");
  g_assert_cmpint (sitrep_kpi_get_state (nth_kpi (&w, 0)), ==, SITREP_KPI_BREACHED);
  g_assert_cmpuint (sitrep_kpi_get_points (nth_kpi (&w, 0))->len, >=, 1);
  g_assert_cmpint (sitrep_kpi_get_fetched_at (nth_kpi (&w, 0)), >, 0);

  /* A query Prometheus refuses says what Prometheus said. */
  test_wait_long (kpi_has_error, &w, "the broken query to fail");
  g_assert_nonnull (strstr (sitrep_kpi_get_error (nth_kpi (&w, 1)), "parse error"));
  g_assert_cmpint (sitrep_kpi_get_state (nth_kpi (&w, 1)), ==, SITREP_KPI_NO_DATA);

  /* The rule fires; the alert reaches Sitrep through Alertmanager too:
   * with Prometheus switched off, it stays. */
  test_wait_long (payment_alert_firing, &w, "PaymentSuccessRateLow to fire");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_builder_add_value (&builder, sitrep_test_servers_source ("alertmanager", "alertmanager",
                                                        sitrep_test_servers_alertmanager (servers)));
  sitrep_monitor_set_sources (monitor, g_variant_builder_end (&builder));
  test_wait_long (payment_alert_firing, &w, "PaymentSuccessRateLow to come through Alertmanager");
  alert = find_alert (feed, "PaymentSuccessRateLow");
  g_assert_nonnull (alert);
  g_assert_cmpstr (sitrep_alert_get_source (alert), ==, "alertmanager");
  g_assert_cmpint (sitrep_alert_get_starts_at (alert), >, 0);

  /* Declared from the alert: linked, and detected when it started. */
  alerts = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (alerts, g_object_ref (alert));
  sitrep_war_room_declare_from_alerts_async (war_room, "Payments failing", SITREP_SEVERITY_SEV1, NULL,
                                             alerts, NULL, test_async_result_cb, &result);
  incident = sitrep_war_room_declare_finish (war_room, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (sitrep_incident_get_detected_at (incident), ==, sitrep_alert_get_starts_at (alert));
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_incident_get_linked_alerts (incident)), ==, 1);
  g_assert_cmpuint (sitrep_incident_get_n_firing_alerts (incident), ==, 1);

  /* Silenced from Sitrep, with the incident in the comment. */
  alertmanager = sitrep_monitor_find_silencer (monitor, alert);
  g_assert_nonnull (alertmanager);
  sitrep_source_create_silence_async (alertmanager, sitrep_monitor_get_http (monitor), alerts,
                                      g_get_real_time () + 3600 * G_TIME_SPAN_SECOND,
                                      "Ann (IC)", "Payments failing — Sitrep incident", NULL,
                                      test_async_result_cb, &result);
  silence_id = sitrep_source_create_silence_finish (alertmanager, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_nonnull (silence_id);

  silences_url = g_strconcat (sitrep_test_servers_alertmanager (servers), "/api/v2/silences", NULL);
  {
    g_autoptr(SitrepHttp) http = sitrep_http_new ();
    g_autoptr(JsonNode) root = NULL;
    JsonArray *array;

    sitrep_http_get_json_async (http, silences_url, NULL, NULL, test_async_result_cb, &result);
    root = sitrep_http_get_json_finish (http, test_wait_for_result (&result), NULL, &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    array = json_node_get_array (root);
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *silence = json_array_get_object_element (array, i);

        if (g_str_equal (json_object_get_string_member (silence, "id"), silence_id))
          {
            found = TRUE;
            g_assert_cmpstr (json_object_get_string_member (silence, "createdBy"), ==, "Ann (IC)");
            g_assert_cmpstr (json_object_get_string_member (silence, "comment"), ==,
                             "Payments failing — Sitrep incident");
          }
      }
    g_assert_true (found);
  }

  sitrep_source_poll_now (alertmanager);
  test_wait_long (payment_alert_silenced, &w, "the alert to be silenced");

  /* Recovery: the alert resolves and the incident's timeline says so. */
  sitrep_test_servers_push_metrics (servers, "payments",
                                    "# TYPE payment_success_ratio gauge\n"
                                    "payment_success_ratio{provider=\"stripe\"} 0.99\n"
                                    "payment_success_ratio{provider=\"adyen\"} 0.99\n");
  w.incident = incident;
  test_wait_long (linked_alert_resolved, &w, "the linked alert to resolve");
  g_assert_cmpuint (sitrep_incident_get_n_firing_alerts (incident), ==, 0);
  events = sitrep_incident_get_events (incident);
  {
    g_autoptr(SitrepEvent) last = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);

    g_assert_cmpstr (sitrep_event_get_kind (last), ==, SITREP_EVENT_ALERT_STATE);
    g_assert_cmpstr (sitrep_event_get_payload_string (last, "state"), ==, "resolved");
    g_assert_cmpstr (sitrep_event_get_author (last), ==, "alertmanager");
  }

  sitrep_monitor_stop (monitor);
}

typedef struct
{
  SitrepAssessment *assessment;
  guint             n_segments;
  gboolean          want_error;
} BlastWatch;

static gboolean
blast_measured (gpointer data)
{
  BlastWatch *w = data;
  guint n = 0;

  sitrep_assessment_get_segments (w->assessment, &n);
  return n >= w->n_segments && sitrep_assessment_get_loss (w->assessment)->len > 0 &&
         !isnan (sitrep_assessment_get_share (w->assessment, NULL, NULL)) &&
         (sitrep_assessment_get_error (w->assessment) != NULL) == w->want_error;
}

/* The blast radius of a real incident, measured by a real Prometheus:
 * per provider, from the key metric's queries, with the loss since
 * detection; a query Prometheus refuses says why and keeps the numbers. */
static void
test_blast_radius (void)
{
  g_autoptr(SitrepTestServers) servers = sitrep_test_servers_start (rules);
  g_autoptr(SitrepAlertFeed) feed = NULL;
  g_autoptr(SitrepMonitor) monitor = NULL;
  g_autoptr(SitrepAssessor) assessor = NULL;
  g_autoptr(SitrepJournal) journal = NULL;
  g_autoptr(SitrepWarRoom) war_room = NULL;
  g_autoptr(SitrepClock) clock = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepBlastConfig) broken = NULL;
  g_auto(GStrv) labels = NULL;
  g_auto(GVariantDict) kpi = G_VARIANT_DICT_INIT (NULL);
  const SitrepSegment *segments;
  const char *reason = NULL;
  GVariantBuilder builder;
  BlastWatch w = { NULL, 2, FALSE };
  double affected, total;
  guint n;

  if (servers == NULL)
    {
      g_test_skip ("Prometheus, Alertmanager or the Pushgateway is not installed");
      return;
    }

  sitrep_test_servers_push_metrics (servers, "payments",
                                    "# TYPE payment_failures gauge\n"
                                    "payment_failures{provider=\"stripe\"} 300\n"
                                    "payment_failures{provider=\"adyen\"} 10\n"
                                    "# TYPE payment_attempts gauge\n"
                                    "payment_attempts{provider=\"stripe\",region=\"eu\"} 600\n"
                                    "payment_attempts{provider=\"stripe\",region=\"us\"} 400\n"
                                    "payment_attempts{provider=\"adyen\",region=\"eu\"} 1000\n"
                                    "# TYPE payment_failures_per_minute gauge\n"
                                    "payment_failures_per_minute 12\n");

  feed = sitrep_alert_feed_new ();
  monitor = sitrep_monitor_new (feed);
  journal = SITREP_JOURNAL (sitrep_memory_journal_new ());
  clock = sitrep_clock_new_system ();
  war_room = sitrep_war_room_new (journal, clock);
  sitrep_war_room_load_async (war_room, NULL, test_async_result_cb, &result);
  g_assert_true (sitrep_war_room_load_finish (war_room, test_wait_for_result (&result), NULL));
  g_clear_object (&result);

  g_variant_dict_insert (&kpi, "id", "s", "payment-success");
  g_variant_dict_insert (&kpi, "name", "s", "Payment success");
  g_variant_dict_insert (&kpi, "query", "s", "vector(1)");
  g_variant_dict_insert (&kpi, "blast-dimension", "s", "provider");
  g_variant_dict_insert (&kpi, "blast-affected", "s", "payment_failures");
  g_variant_dict_insert (&kpi, "blast-total", "s", "payment_attempts");
  g_variant_dict_insert (&kpi, "loss", "s", "sum(payment_failures_per_minute)");
  g_variant_dict_insert (&kpi, "loss-factor", "d", 40.0);
  g_variant_dict_insert (&kpi, "currency", "s", "EUR");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_builder_add_value (&builder, g_variant_dict_end (&kpi));
  sitrep_monitor_set_kpis (monitor, g_variant_builder_end (&builder));
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_builder_add_value (&builder, sitrep_test_servers_source ("prometheus", "prometheus",
                                                        sitrep_test_servers_prometheus (servers)));
  sitrep_monitor_set_sources (monitor, g_variant_builder_end (&builder));

  sitrep_war_room_declare_async (war_room, "Payments failing", SITREP_SEVERITY_SEV3, NULL, NULL,
                                 test_async_result_cb, &result);
  incident = sitrep_war_room_declare_finish (war_room, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  assessor = sitrep_assessor_new (monitor);
  sitrep_assessor_set_interval (assessor, 1);
  sitrep_assessor_set_war_room (assessor, war_room);
  w.assessment = sitrep_assessor_get_assessment (assessor, incident);

  test_wait_long (blast_measured, &w, "the blast radius to be measured");
  g_assert_true (sitrep_assessment_get_config_is_default (w.assessment));
  g_assert_cmpstr (sitrep_assessment_get_config (w.assessment)->kpi, ==, "payment-success");

  /* Summed by provider whatever other labels the series have; the worst
   * first. */
  segments = sitrep_assessment_get_segments (w.assessment, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (segments[0].name, ==, "stripe");
  g_assert_cmpfloat (segments[0].affected, ==, 300);
  g_assert_cmpfloat (segments[0].total, ==, 1000);
  g_assert_cmpstr (segments[1].name, ==, "adyen");
  g_assert_cmpfloat_with_epsilon (sitrep_assessment_get_share (w.assessment, &affected, &total),
                                  310.0 / 2000.0, 1e-9);
  g_assert_cmpfloat (total, ==, 2000);
  g_assert_cmpfloat_with_epsilon (sitrep_assessment_get_loss_per_minute (w.assessment), 480.0, 1e-9);
  g_assert_cmpfloat (sitrep_assessment_get_loss_total (w.assessment, g_get_real_time ()), >, 0);
  g_assert_cmpint (sitrep_assessment_get_suggestion (w.assessment, &reason), ==, SITREP_SEVERITY_SEV2);
  g_assert_nonnull (strstr (reason, "15.5"));

  /* The labels the IC can break the affected down by, as Prometheus has
   * them on the affected query's series. */
  sitrep_assessor_list_labels_async (assessor, sitrep_assessment_get_config (w.assessment), NULL,
                                     test_async_result_cb, &result);
  labels = sitrep_assessor_list_labels_finish (assessor, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (g_strv_contains ((const char * const *)labels, "provider"));
  g_assert_false (g_strv_contains ((const char * const *)labels, "__name__"));

  /* The IC saves a query Prometheus cannot run: it says why, in
   * Prometheus' words, and what was known stays. */
  broken = sitrep_blast_config_copy (sitrep_assessment_get_config (w.assessment));
  g_free (broken->affected);
  broken->affected = g_strdup ("payment_failures{");
  sitrep_war_room_configure_blast_radius_async (war_room, incident, broken, NULL,
                                                test_async_result_cb, &result);
  g_assert_true (sitrep_war_room_command_finish (war_room, test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  w.want_error = TRUE;
  test_wait_long (blast_measured, &w, "the broken query to fail");
  g_assert_nonnull (strstr (sitrep_assessment_get_error (w.assessment), "parse error"));
  g_assert_nonnull (strstr (sitrep_assessment_get_error (w.assessment), "prometheus"));
  g_assert_cmpfloat_with_epsilon (sitrep_assessment_get_share (w.assessment, NULL, NULL), 310.0 / 2000.0, 1e-9);

  sitrep_assessor_stop (assessor);
  sitrep_monitor_stop (monitor);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/monitoring/alerts-from-real-servers", test_alerts_from_real_servers);
  g_test_add_func ("/monitoring/real-errors", test_real_errors);
  g_test_add_func ("/monitoring/sources", test_sources);
  g_test_add_func ("/monitoring/blast-radius", test_blast_radius);

  return g_test_run ();
}
