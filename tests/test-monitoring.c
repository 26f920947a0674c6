/* test-monitoring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The HTTP client and the alert parsers against real servers: a metric
 * pushed to the Pushgateway breaks an alerting rule in Prometheus, which
 * reports the alert and sends it to Alertmanager; an alert posted to
 * Alertmanager directly comes back as posted. */

#include "config.h"

#include <string.h>

#include "sitrep-alert.h"
#include "sitrep-http.h"

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
  prometheus_alerts = g_strconcat (sitrep_test_servers_prometheus (servers), "/api/v1/alerts", NULL);
  alertmanager_alerts = g_strconcat (sitrep_test_servers_alertmanager (servers), "/api/v2/alerts", NULL);

  /* Payment success drops to 91 % on one provider. */
  sitrep_test_servers_push_metrics (servers, "payments",
                                    "# TYPE payment_success_ratio gauge\n"
                                    "payment_success_ratio{provider=\"stripe\"} 0.91\n"
                                    "payment_success_ratio{provider=\"adyen\"} 0.99\n");

  from_prometheus = wait_for_alert (http, prometheus_alerts, sitrep_alert_parse_prometheus,
                                    "PaymentSuccessRateLow", SITREP_ALERT_FIRING);
  g_assert_cmpstr (sitrep_alert_get_label (from_prometheus, "provider"), ==, "stripe");
  g_assert_cmpstr (sitrep_alert_get_label (from_prometheus, "severity"), ==, "critical");
  g_assert_cmpstr (sitrep_alert_get_label (from_prometheus, "service"), ==, "checkout");
  g_assert_cmpstr (sitrep_alert_get_annotation (from_prometheus, "summary"), ==,
                   "Payment success rate 91% on stripe");
  g_assert_cmpint (sitrep_alert_get_starts_at (from_prometheus), >, 0);

  /* Prometheus sends it to Alertmanager, which reports it with the
   * fingerprint Sitrep computed from Prometheus' labels: one alert. */
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/monitoring/alerts-from-real-servers", test_alerts_from_real_servers);
  g_test_add_func ("/monitoring/real-errors", test_real_errors);

  return g_test_run ();
}
