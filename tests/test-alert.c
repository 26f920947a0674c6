/* test-alert.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Alerts parsed from the answers of Alertmanager and Prometheus, as they
 * are recorded in APIS.md from live servers, and from answers that are
 * wrong in every way a remote answer can be. */

#include "config.h"

#include <string.h>

#include "sitrep-alert-feed.h"

/* Live Alertmanager 0.25 output (APIS.md §2). */
static const char alertmanager_answer[] =
  "[{\"annotations\":{\"summary\":\"p99 latency 2.3s\"},"
  "\"endsAt\":\"2026-11-24T03:15:40.115Z\",\"fingerprint\":\"5d1811aab04f2f5a\","
  "\"receivers\":[{\"name\":\"warroom\"}],"
  "\"startsAt\":\"2026-11-24T03:00:00.000Z\",\"updatedAt\":\"2026-11-24T03:10:40.115Z\","
  "\"status\":{\"inhibitedBy\":[\"57233e8040e7003e\"],\"silencedBy\":[],\"state\":\"suppressed\"},"
  "\"generatorURL\":\"http://127.0.0.1:19090/graph\","
  "\"labels\":{\"alertname\":\"CheckoutLatencyHigh\",\"service\":\"checkout\",\"severity\":\"warning\"}},"
  "{\"annotations\":{},\"fingerprint\":\"0123456789abcdef\",\"startsAt\":\"2026-11-24T03:05:00Z\","
  "\"status\":{\"inhibitedBy\":[],\"silencedBy\":[\"5c9b5b2e\"],\"state\":\"suppressed\"},"
  "\"labels\":{\"alertname\":\"CrashRateHigh\"}},"
  "{\"annotations\":{},\"fingerprint\":\"fedcba9876543210\",\"startsAt\":\"2026-11-24T03:06:00Z\","
  "\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},"
  "\"labels\":{\"alertname\":\"ApiErrorsHigh\",\"count\":3}},"
  "42, {\"annotations\":{\"summary\":\"no labels\"}}]";

/* Live Prometheus 2.42 output (APIS.md §1). */
static const char prometheus_answer[] =
  "{\"status\":\"success\",\"data\":{\"alerts\":[{"
  "\"labels\":{\"alertname\":\"PaymentSuccessRateLow\",\"instance\":\"127.0.0.1:19100\","
  "\"job\":\"warroom-fixture\",\"provider\":\"stripe\",\"service\":\"checkout\","
  "\"severity\":\"critical\",\"team\":\"payments\"},"
  "\"annotations\":{\"runbook_url\":\"https://runbooks.example/payments\","
  "\"summary\":\"Payment success rate 91% on stripe\"},"
  "\"state\":\"firing\",\"activeAt\":\"2026-11-24T03:10:08.797993489Z\",\"value\":\"9.1e-01\"},"
  "{\"labels\":{\"alertname\":\"CheckoutLatencyHigh\",\"service\":\"checkout\",\"severity\":\"warning\"},"
  "\"annotations\":{},\"state\":\"pending\",\"activeAt\":\"2026-11-24T03:11:00Z\",\"value\":\"2.3e+00\"},"
  "{\"labels\":{\"alertname\":\"Quiet\"},\"annotations\":{},\"state\":\"inactive\"}]}}";

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static gint64
utc (const char *iso8601)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso8601, NULL);

  return g_date_time_to_unix (time) * G_TIME_SPAN_SECOND + g_date_time_get_microsecond (time);
}

static void
test_alertmanager (void)
{
  g_autoptr(JsonNode) root = parse (alertmanager_answer);
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  SitrepAlert *latency, *crashes, *errors;

  alerts = sitrep_alert_parse_alertmanager (root, "alertmanager", &error);
  g_assert_no_error (error);
  /* The number and the alert without labels are skipped. */
  g_assert_cmpuint (alerts->len, ==, 3);

  latency = g_ptr_array_index (alerts, 0);
  g_assert_cmpstr (sitrep_alert_get_fingerprint (latency), ==, "5d1811aab04f2f5a");
  g_assert_cmpstr (sitrep_alert_get_source (latency), ==, "alertmanager");
  g_assert_cmpstr (sitrep_alert_get_name (latency), ==, "CheckoutLatencyHigh");
  g_assert_cmpstr (sitrep_alert_get_label (latency, "severity"), ==, "warning");
  g_assert_cmpstr (sitrep_alert_get_annotation (latency, "summary"), ==, "p99 latency 2.3s");
  g_assert_cmpstr (sitrep_alert_get_generator_url (latency), ==, "http://127.0.0.1:19090/graph");
  g_assert_cmpint (sitrep_alert_get_starts_at (latency), ==, utc ("2026-11-24T03:00:00Z"));
  g_assert_cmpint (sitrep_alert_get_state (latency), ==, SITREP_ALERT_INHIBITED);
  names = sitrep_alert_dup_label_names (latency);
  g_assert_cmpstrv (names, ((const char * const[]) { "alertname", "service", "severity", NULL }));

  crashes = g_ptr_array_index (alerts, 1);
  g_assert_cmpint (sitrep_alert_get_state (crashes), ==, SITREP_ALERT_SILENCED);
  g_assert_cmpstr (sitrep_alert_state_to_token (SITREP_ALERT_SILENCED), ==, "silenced");

  /* A label that is not a string is not kept. */
  errors = g_ptr_array_index (alerts, 2);
  g_assert_cmpint (sitrep_alert_get_state (errors), ==, SITREP_ALERT_FIRING);
  g_assert_null (sitrep_alert_get_label (errors, "count"));
  g_assert_null (sitrep_alert_get_generator_url (errors));
}

static void
test_prometheus (void)
{
  g_autoptr(JsonNode) root = parse (prometheus_answer);
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  SitrepAlert *payments, *latency;

  alerts = sitrep_alert_parse_prometheus (root, "prometheus", &error);
  g_assert_no_error (error);
  /* Inactive alerts are not alerts. */
  g_assert_cmpuint (alerts->len, ==, 2);

  payments = g_ptr_array_index (alerts, 0);
  g_assert_cmpstr (sitrep_alert_get_name (payments), ==, "PaymentSuccessRateLow");
  g_assert_cmpint (sitrep_alert_get_state (payments), ==, SITREP_ALERT_FIRING);
  g_assert_cmpint (sitrep_alert_get_starts_at (payments), ==, utc ("2026-11-24T03:10:08.797993Z"));
  g_assert_cmpstr (sitrep_alert_get_annotation (payments, "runbook_url"), ==,
                   "https://runbooks.example/payments");

  /* The same label set as Alertmanager's alert: the same fingerprint, so
   * both sources' reports of it are one alert. */
  latency = g_ptr_array_index (alerts, 1);
  g_assert_cmpint (sitrep_alert_get_state (latency), ==, SITREP_ALERT_PENDING);
  g_assert_cmpstr (sitrep_alert_get_fingerprint (latency), ==, "5d1811aab04f2f5a");
}

/* Prometheus adds its external labels to the alerts it sends; with them,
 * its own report of an alert has Alertmanager's fingerprint. */
static void
test_external_labels (void)
{
  static const char config[] =
    "global:\n"
    "  scrape_interval: 15s\n"
    "  external_labels:\n"
    "    env: prod\n"
    "    region: \"eu-west-1\"\n"
    "alerting:\n"
    "  alertmanagers:\n"
    "  - static_configs:\n"
    "    - targets:\n"
    "      - 127.0.0.1:9093\n";
  g_autoptr(JsonNode) root = parse (prometheus_answer);
  g_autoptr(JsonObject) labels = sitrep_alert_parse_external_labels (config);
  g_autoptr(JsonObject) none = sitrep_alert_parse_external_labels ("global:\n  scrape_interval: 15s\n");
  g_autoptr(JsonObject) expected = json_object_new ();
  g_autoptr(GPtrArray) alerts = NULL;
  g_autofree char *fingerprint = NULL;
  SitrepAlert *latency;

  g_assert_cmpuint (json_object_get_size (labels), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (labels, "env"), ==, "prod");
  g_assert_cmpstr (json_object_get_string_member (labels, "region"), ==, "eu-west-1");
  g_assert_cmpuint (json_object_get_size (none), ==, 0);

  alerts = sitrep_alert_parse_prometheus_full (root, "prometheus", labels, NULL);
  latency = g_ptr_array_index (alerts, 1);
  g_assert_cmpstr (sitrep_alert_get_label (latency, "env"), ==, "prod");
  g_assert_cmpstr (sitrep_alert_get_label (latency, "region"), ==, "eu-west-1");

  json_object_set_string_member (expected, "alertname", "CheckoutLatencyHigh");
  json_object_set_string_member (expected, "service", "checkout");
  json_object_set_string_member (expected, "severity", "warning");
  json_object_set_string_member (expected, "env", "prod");
  json_object_set_string_member (expected, "region", "eu-west-1");
  fingerprint = sitrep_alert_fingerprint_labels (expected);
  g_assert_cmpstr (sitrep_alert_get_fingerprint (latency), ==, fingerprint);
  g_assert_cmpstr (fingerprint, !=, "5d1811aab04f2f5a");
}

static void
test_wrong_shapes (void)
{
  static const char * const not_alertmanager[] = {
    "{\"status\":\"success\"}", "\"bad matcher format: foo\"", "null", "3",
  };
  static const char * const not_prometheus[] = {
    "[]", "{\"status\":\"success\"}", "{\"status\":\"success\",\"data\":{\"alerts\":{}}}",
    "{\"status\":true,\"data\":{\"alerts\":[]}}", "\"404 page not found\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (not_alertmanager); i++)
    {
      g_autoptr(JsonNode) root = parse (not_alertmanager[i]);
      g_autoptr(GError) error = NULL;

      g_assert_null (sitrep_alert_parse_alertmanager (root, "am", &error));
      g_assert_error (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_SHAPE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_prometheus); i++)
    {
      g_autoptr(JsonNode) root = parse (not_prometheus[i]);
      g_autoptr(GError) error = NULL;

      g_assert_null (sitrep_alert_parse_prometheus (root, "prom", &error));
      g_assert_error (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_SHAPE);
    }

  {
    g_autoptr(JsonNode) root = parse ("{\"status\":\"error\",\"errorType\":\"timeout\","
                                      "\"error\":\"query timed out in expression evaluation\"}");
    g_autoptr(GError) error = NULL;

    g_assert_null (sitrep_alert_parse_prometheus (root, "prom", &error));
    g_assert_error (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_REMOTE);
    g_assert_nonnull (strstr (error->message, "query timed out"));
  }
}

static void
test_hostile_text (void)
{
  g_autoptr(GString) answer = g_string_new ("[{\"fingerprint\":\"\",\"labels\":{\"alertname\":\"<b>Boom</b> & co\",\"huge\":\"");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  SitrepAlert *alert;
  const char *huge;

  for (int i = 0; i < 10 * 1024; i++)
    g_string_append (answer, "界");
  g_string_append (answer, "\"},\"annotations\":{\"summary\":\"<script>alert(1)</script>\"}}]");

  root = parse (answer->str);
  alerts = sitrep_alert_parse_alertmanager (root, "am", &error);
  g_assert_no_error (error);
  alert = g_ptr_array_index (alerts, 0);

  /* Kept verbatim, as plain text; the view never reads it as markup. */
  g_assert_cmpstr (sitrep_alert_get_name (alert), ==, "<b>Boom</b> & co");
  g_assert_cmpstr (sitrep_alert_get_annotation (alert, "summary"), ==, "<script>alert(1)</script>");
  /* A 10 K-character label is cut, on a character boundary. */
  huge = sitrep_alert_get_label (alert, "huge");
  g_assert_true (g_utf8_validate (huge, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (huge, -1), ==, SITREP_ALERT_TEXT_MAX_CHARS + 1);
  g_assert_true (g_str_has_suffix (huge, "…"));
  /* No fingerprint given: the label set's. */
  g_assert_cmpuint (strlen (sitrep_alert_get_fingerprint (alert)), ==, 16);
}

static void
test_many (void)
{
  g_autoptr(GString) answer = g_string_new ("[");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) fingerprints = g_hash_table_new (g_str_hash, g_str_equal);

  for (int i = 0; i < 10000; i++)
    g_string_append_printf (answer, "%s{\"labels\":{\"alertname\":\"HostDown\",\"instance\":\"host-%d\"},"
                            "\"annotations\":{},\"startsAt\":\"2026-11-24T03:00:00Z\","
                            "\"status\":{\"state\":\"active\",\"silencedBy\":[],\"inhibitedBy\":[]}}",
                            i > 0 ? "," : "", i);
  g_string_append (answer, "]");

  root = parse (answer->str);
  alerts = sitrep_alert_parse_alertmanager (root, "am", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 10000);

  /* Every label set has its own fingerprint. */
  for (guint i = 0; i < alerts->len; i++)
    g_hash_table_add (fingerprints, (gpointer)sitrep_alert_get_fingerprint (g_ptr_array_index (alerts, i)));
  g_assert_cmpuint (g_hash_table_size (fingerprints), ==, 10000);
}

typedef struct
{
  GPtrArray *alerts;
  GArray    *kinds;
  guint      n_items_changed;
} Seen;

static void
on_changed_cb (SitrepAlertFeed *feed,
               SitrepAlert     *alert,
               int              kind,
               Seen            *seen)
{
  g_ptr_array_add (seen->alerts, g_object_ref (alert));
  g_array_append_val (seen->kinds, kind);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Seen       *seen)
{
  seen->n_items_changed++;
}

static void
seen_reset (Seen *seen)
{
  g_ptr_array_set_size (seen->alerts, 0);
  g_array_set_size (seen->kinds, 0);
  seen->n_items_changed = 0;
}

static GPtrArray *
parse_am (const char *json)
{
  g_autoptr(JsonNode) root = parse (json);
  g_autoptr(GError) error = NULL;
  GPtrArray *alerts = sitrep_alert_parse_alertmanager (root, "alertmanager", &error);

  g_assert_no_error (error);
  return alerts;
}

static const char *
nth_name (GListModel *model,
          guint       n)
{
  g_autoptr(SitrepAlert) alert = g_list_model_get_item (model, n);

  return g_intern_string (sitrep_alert_get_name (alert));
}

static void
test_feed (void)
{
  g_autoptr(SitrepAlertFeed) feed = sitrep_alert_feed_new ();
  GListModel *model = sitrep_alert_feed_get_alerts (feed);
  g_autoptr(JsonNode) prometheus_root = parse (prometheus_answer);
  g_autoptr(GPtrArray) from_prometheus = sitrep_alert_parse_prometheus (prometheus_root, "prometheus", NULL);
  g_autoptr(GPtrArray) from_alertmanager = parse_am (alertmanager_answer);
  g_autoptr(GPtrArray) nothing = g_ptr_array_new ();
  Seen seen = { g_ptr_array_new_with_free_func (g_object_unref), g_array_new (FALSE, FALSE, sizeof (int)), 0 };

  g_signal_connect (feed, "changed", G_CALLBACK (on_changed_cb), &seen);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &seen);

  /* Prometheus: a critical firing alert and a pending warning. */
  sitrep_alert_feed_update (feed, "prometheus", from_prometheus);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpuint (seen.n_items_changed, ==, 1);
  g_assert_cmpuint (seen.alerts->len, ==, 2);
  g_assert_cmpint (g_array_index (seen.kinds, int, 0), ==, SITREP_ALERT_CHANGE_NEW);
  g_assert_cmpstr (nth_name (model, 0), ==, "PaymentSuccessRateLow");
  g_assert_cmpstr (nth_name (model, 1), ==, "CheckoutLatencyHigh");
  seen_reset (&seen);

  /* Alertmanager reports the latency alert too (inhibited): one alert,
   * inhibited; and two alerts of its own. One batch for the list. */
  sitrep_alert_feed_update (feed, "alertmanager", from_alertmanager);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_cmpuint (seen.n_items_changed, ==, 1);
  g_assert_cmpint (sitrep_alert_get_state (sitrep_alert_feed_lookup (feed, "5d1811aab04f2f5a")), ==,
                   SITREP_ALERT_INHIBITED);
  g_assert_cmpuint (seen.alerts->len, ==, 3);  /* one state change, two new */
  /* Firing first (critical before unlabelled), silenced and inhibited last. */
  g_assert_cmpstr (nth_name (model, 0), ==, "PaymentSuccessRateLow");
  g_assert_cmpstr (nth_name (model, 1), ==, "ApiErrorsHigh");
  seen_reset (&seen);

  /* Prometheus stops reporting: its firing alert is resolved; the latency
   * alert stays, Alertmanager still has it. */
  sitrep_alert_feed_update (feed, "prometheus", nothing);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (seen.alerts->len, ==, 1);
  g_assert_cmpint (g_array_index (seen.kinds, int, 0), ==, SITREP_ALERT_CHANGE_RESOLVED);
  g_assert_cmpstr (sitrep_alert_get_name (g_ptr_array_index (seen.alerts, 0)), ==, "PaymentSuccessRateLow");
  g_assert_nonnull (sitrep_alert_feed_lookup (feed, "5d1811aab04f2f5a"));
  seen_reset (&seen);

  /* The same answer again changes nothing but the list's one batch. */
  sitrep_alert_feed_update (feed, "alertmanager", from_alertmanager);
  g_assert_cmpuint (seen.alerts->len, ==, 0);

  /* A source switched off: its alerts are forgotten, not resolved. */
  sitrep_alert_feed_remove_source (feed, "alertmanager");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpuint (seen.alerts->len, ==, 3);
  for (guint i = 0; i < seen.kinds->len; i++)
    g_assert_cmpint (g_array_index (seen.kinds, int, i), ==, SITREP_ALERT_CHANGE_FORGOTTEN);

  g_signal_handlers_disconnect_by_data (model, &seen);
  g_ptr_array_unref (seen.alerts);
  g_array_unref (seen.kinds);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alert/alertmanager", test_alertmanager);
  g_test_add_func ("/alert/prometheus", test_prometheus);
  g_test_add_func ("/alert/external-labels", test_external_labels);
  g_test_add_func ("/alert/wrong-shapes", test_wrong_shapes);
  g_test_add_func ("/alert/hostile-text", test_hostile_text);
  g_test_add_func ("/alert/many", test_many);
  g_test_add_func ("/alert/feed", test_feed);

  return g_test_run ();
}
