/* test-sources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Sources as the monitor runs them, against the faithful fakes of Grafana
 * and a status page: every way a server can fail shows as the source's
 * health and an error in words, without the token, and never blanks what
 * the source said last; Retry-After is honoured; a hanging source does not
 * hold up another; a status page's outage becomes an alert. */

#include "config.h"

#include <string.h>

#include "sitrep-source.h"

#include "fakes/sitrep-fake-server.h"
#include "test-utils.h"

#define TOKEN "glsa_SitrepTestToken_0123456789abcdef"

#define ALERTS_PATH "/api/alertmanager/grafana/api/v2/alerts"

static SitrepSource *
new_source (const char *id,
            const char *kind,
            const char *url,
            const char *auth)
{
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GError) error = NULL;
  SitrepSource *source;

  g_variant_dict_insert (&d, "id", "s", id);
  g_variant_dict_insert (&d, "kind", "s", kind);
  g_variant_dict_insert (&d, "name", "s", id);
  g_variant_dict_insert (&d, "url", "s", url);
  g_variant_dict_insert (&d, "auth", "s", auth);
  g_variant_dict_insert (&d, "interval", "u", 1);
  source = sitrep_source_new_from_variant (g_variant_dict_end (&d), &error);
  g_assert_no_error (error);

  return source;
}

typedef struct
{
  SitrepSource       *source;
  SitrepSourceHealth  health;
  guint               polls;
  SitrepFakeServer   *fake;
  const char         *path;
} Watch;

static gboolean
has_health (gpointer data)
{
  Watch *w = data;

  return sitrep_source_get_health (w->source) == w->health;
}

static gboolean
polled_again (gpointer data)
{
  Watch *w = data;

  return sitrep_fake_server_get_n_requests (w->fake, w->path) > w->polls;
}

static guint
count_from (SitrepAlertFeed *feed,
            const char      *source)
{
  GListModel *alerts = sitrep_alert_feed_get_alerts (feed);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(SitrepAlert) alert = g_list_model_get_item (alerts, i);

      n += g_strcmp0 (sitrep_alert_get_source (alert), source) == 0;
    }

  return n;
}

static void
pause_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5 * 1000);
    }
}

/* Every fault of every kind of source: the health and an error in words,
 * without the token; what the source said last stays in the feed;
 * Retry-After holds the next request back; hostile text is kept as text.
 * Alertmanager and Prometheus are read from the same fake, at the paths
 * where Grafana serves their APIs. */
static void
run_faults (const char       *kind,
            SitrepFakeServer *fake,
            const char       *url,
            const char       *path,
            guint             expected,
            gboolean          hostile_bytes)
{
  static const struct { SitrepFakeFault fault; SitrepSourceHealth health; const char *says; } faults[] = {
    { SITREP_FAKE_FAULT_UNAUTHORIZED, SITREP_SOURCE_HEALTH_AUTH_FAILED, "refused the credentials" },
    { SITREP_FAKE_FAULT_SERVER_ERROR, SITREP_SOURCE_HEALTH_FAILING, "HTTP 500" },
    { SITREP_FAKE_FAULT_HTML, SITREP_SOURCE_HEALTH_FAILING, NULL },
    { SITREP_FAKE_FAULT_MALFORMED, SITREP_SOURCE_HEALTH_FAILING, "not valid JSON" },
    { SITREP_FAKE_FAULT_TRUNCATED, SITREP_SOURCE_HEALTH_FAILING, NULL },
    { SITREP_FAKE_FAULT_OVERSIZED, SITREP_SOURCE_HEALTH_FAILING, "larger" },
    { SITREP_FAKE_FAULT_WRONG_TYPES, SITREP_SOURCE_HEALTH_FAILING, "not what was expected" },
    { SITREP_FAKE_FAULT_SLOW, SITREP_SOURCE_HEALTH_FAILING, "in time" },
    { SITREP_FAKE_FAULT_RATE_LIMITED, SITREP_SOURCE_HEALTH_FAILING, "slow down" },
  };
  g_autoptr(SitrepAlertFeed) feed = sitrep_alert_feed_new ();
  g_autoptr(SitrepHttp) http = sitrep_http_new ();
  g_autoptr(SitrepSource) source = new_source (kind, kind, url, "bearer");
  guint n_alerts;
  Watch w = { source, SITREP_SOURCE_HEALTH_HEALTHY, 0, fake, path };

  sitrep_http_set_timeouts (http, 1, 2);
  sitrep_source_set_secret (source, TOKEN);
  sitrep_source_start (source, http, feed);
  test_wait_until (has_health, &w);
  n_alerts = count_from (feed, kind);
  g_assert_cmpuint (n_alerts, ==, expected);
  g_assert_cmpint (sitrep_source_get_fetched_at (source), >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      const char *error;

      sitrep_fake_server_set_fault (fake, faults[i].fault);
      sitrep_source_poll_now (source);
      w.health = faults[i].health;
      test_wait_until (has_health, &w);

      error = sitrep_source_get_last_error (source);
      g_assert_nonnull (error);
      if (faults[i].says != NULL && strstr (error, faults[i].says) == NULL)
        g_error ("%s, fault %u: “%s” does not say “%s”", kind, faults[i].fault, error, faults[i].says);
      g_assert_null (strstr (error, TOKEN));
      g_assert_cmpuint (count_from (feed, kind), ==, n_alerts);

      /* Healthy again before the next fault. */
      sitrep_fake_server_set_fault (fake, SITREP_FAKE_FAULT_NONE);
      sitrep_source_poll_now (source);
      w.health = SITREP_SOURCE_HEALTH_HEALTHY;
      test_wait_until (has_health, &w);
      g_assert_null (sitrep_source_get_last_error (source));
    }

  /* Retry-After: 7 holds the next request back, whatever the interval. */
  sitrep_fake_server_set_fault (fake, SITREP_FAKE_FAULT_RATE_LIMITED);
  w.polls = sitrep_fake_server_get_n_requests (fake, path);
  test_wait_until (polled_again, &w);
  w.health = SITREP_SOURCE_HEALTH_FAILING;
  test_wait_until (has_health, &w);
  w.polls = sitrep_fake_server_get_n_requests (fake, path);
  pause_for (3000);
  g_assert_cmpuint (sitrep_fake_server_get_n_requests (fake, path), ==, w.polls);

  /* Hostile text: kept as text, clipped; raw bytes that are not UTF-8
   * make the answer unreadable, and the source says so. */
  sitrep_fake_server_set_fault (fake, SITREP_FAKE_FAULT_HOSTILE);
  w.polls = sitrep_fake_server_get_n_requests (fake, path);
  sitrep_source_poll_now (source);
  test_wait_until (polled_again, &w);
  w.health = hostile_bytes ? SITREP_SOURCE_HEALTH_FAILING : SITREP_SOURCE_HEALTH_HEALTHY;
  test_wait_until (has_health, &w);
  while (sitrep_source_get_last_error (source) != NULL &&
         strstr (sitrep_source_get_last_error (source), "slow down") != NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!hostile_bytes)
    {
      GListModel *alerts = sitrep_alert_feed_get_alerts (feed);

      g_assert_cmpuint (g_list_model_get_n_items (alerts), >, 0);
      for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
        {
          g_autoptr(SitrepAlert) alert = g_list_model_get_item (alerts, i);
          g_auto(GStrv) names = sitrep_alert_dup_label_names (alert);

          for (guint j = 0; names[j] != NULL; j++)
            {
              const char *value = sitrep_alert_get_label (alert, names[j]);

              g_assert_true (g_utf8_validate (value, -1, NULL));
              g_assert_cmpint (g_utf8_strlen (value, -1), <=, SITREP_ALERT_TEXT_MAX_CHARS + 1);
            }
        }
    }
  else if (strstr (sitrep_source_get_last_error (source), "not valid JSON") == NULL)
    g_error ("%s, hostile bytes: “%s”", kind, sitrep_source_get_last_error (source));

  sitrep_source_stop (source);
}

static void
test_grafana_faults (void)
{
  g_autoptr(SitrepFakeServer) grafana = sitrep_fake_grafana_new (TOKEN);
  g_autoptr(SitrepAlertFeed) feed = sitrep_alert_feed_new ();
  g_autoptr(SitrepHttp) http = sitrep_http_new ();
  g_autoptr(SitrepSource) source = new_source ("grafana", "grafana", sitrep_fake_server_get_url (grafana), "bearer");
  GListModel *alerts = sitrep_alert_feed_get_alerts (feed);
  guint n_pending = 0;
  Watch w = { source, SITREP_SOURCE_HEALTH_HEALTHY, 0, grafana, ALERTS_PATH };

  /* Two firing alerts from Grafana's Alertmanager, and the pending one
   * from its Prometheus-compatible endpoint; "Normal (NoData)" is none. */
  sitrep_source_set_secret (source, TOKEN);
  sitrep_source_start (source, http, feed);
  test_wait_until (has_health, &w);
  g_assert_cmpuint (count_from (feed, "grafana"), ==, 3);
  for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(SitrepAlert) alert = g_list_model_get_item (alerts, i);

      n_pending += sitrep_alert_get_state (alert) == SITREP_ALERT_PENDING;
      g_assert_cmpstr (sitrep_alert_get_name (alert), !=, "LedgerExportStale");
    }
  g_assert_cmpuint (n_pending, ==, 1);
  g_assert_cmpstr (sitrep_fake_server_get_last_authorization (grafana), ==, "Bearer " TOKEN);
  sitrep_source_stop (source);

  run_faults ("grafana", grafana, sitrep_fake_server_get_url (grafana), ALERTS_PATH, 3, FALSE);
}

static void
test_alertmanager_faults (void)
{
  g_autoptr(SitrepFakeServer) fake = sitrep_fake_grafana_new (TOKEN);
  g_autofree char *url = g_strconcat (sitrep_fake_server_get_url (fake), "/api/alertmanager/grafana", NULL);

  run_faults ("alertmanager", fake, url, ALERTS_PATH, 2, FALSE);
}

static void
test_prometheus_faults (void)
{
  g_autoptr(SitrepFakeServer) fake = sitrep_fake_grafana_new (TOKEN);
  g_autofree char *url = g_strconcat (sitrep_fake_server_get_url (fake), "/api/prometheus/grafana", NULL);

  run_faults ("prometheus", fake, url, "/api/prometheus/grafana/api/v1/alerts", 3, TRUE);
}

static void
test_statuspage_faults (void)
{
  g_autoptr(SitrepFakeServer) page = sitrep_fake_statuspage_new ();

  sitrep_fake_statuspage_set_component (page, "Checkout", "partial_outage");
  run_faults ("statuspage", page, sitrep_fake_server_get_url (page), "/api/v2/summary.json", 1, FALSE);
}

static gboolean
feed_has_outage (gpointer data)
{
  GListModel *alerts = sitrep_alert_feed_get_alerts (data);

  for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(SitrepAlert) alert = g_list_model_get_item (alerts, i);

      if (g_strcmp0 (sitrep_alert_get_label (alert, "component"), "Checkout") == 0 &&
          g_strcmp0 (sitrep_alert_get_label (alert, "severity"), "critical") == 0)
        return TRUE;
    }

  return FALSE;
}

/* A status page's outage is an alert, and says what the page says; a
 * Grafana that hangs does not hold it up. */
static void
test_status_page (void)
{
  g_autoptr(SitrepFakeServer) page = sitrep_fake_statuspage_new ();
  g_autoptr(SitrepFakeServer) grafana = sitrep_fake_grafana_new (TOKEN);
  g_autoptr(SitrepAlertFeed) feed = sitrep_alert_feed_new ();
  g_autoptr(SitrepHttp) http = sitrep_http_new ();
  g_autoptr(SitrepSource) status = new_source ("Payments Provider", "statuspage",
                                               sitrep_fake_server_get_url (page), "none");
  g_autoptr(SitrepSource) hanging = new_source ("grafana", "grafana", sitrep_fake_server_get_url (grafana),
                                                "bearer");
  Watch w = { status, SITREP_SOURCE_HEALTH_HEALTHY, 0, page, NULL };

  sitrep_fake_server_set_fault (grafana, SITREP_FAKE_FAULT_SLOW);
  sitrep_source_set_secret (hanging, TOKEN);
  sitrep_source_start (hanging, http, feed);

  sitrep_source_start (status, http, feed);
  test_wait_until (has_health, &w);
  g_assert_cmpstr (sitrep_source_get_detail (status), ==, "All Systems Operational");
  g_assert_cmpuint (count_from (feed, "Payments Provider"), ==, 0);
  g_assert_cmpint (sitrep_source_get_health (hanging), ==, SITREP_SOURCE_HEALTH_UNKNOWN);

  sitrep_fake_statuspage_set_component (page, "Checkout", "major_outage");
  sitrep_source_poll_now (status);
  test_wait_until (feed_has_outage, feed);
  g_assert_cmpstr (sitrep_source_get_detail (status), !=, "All Systems Operational");

  /* The test itself: what it says, and an error in words. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *said = NULL;

    sitrep_source_test_async (status, http, NULL, test_async_result_cb, &result);
    said = sitrep_source_test_finish (status, test_wait_for_result (&result), &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (said, "1 alert firing"));
    g_clear_object (&result);

    sitrep_fake_server_set_fault (grafana, SITREP_FAKE_FAULT_NONE);
    sitrep_source_set_secret (hanging, "glsa_wrong");
    sitrep_source_test_async (hanging, http, NULL, test_async_result_cb, &result);
    g_clear_pointer (&said, g_free);
    said = sitrep_source_test_finish (hanging, test_wait_for_result (&result), &error);
    g_assert_null (said);
    g_assert_error (error, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_AUTH);
    g_assert_null (strstr (error->message, "glsa_wrong"));
    g_clear_object (&result);
    g_clear_error (&error);

    sitrep_source_set_secret (hanging, TOKEN);
    sitrep_source_test_async (hanging, http, NULL, test_async_result_cb, &result);
    said = sitrep_source_test_finish (hanging, test_wait_for_result (&result), &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (said, "Grafana 10.2.3 · "));
  }

  sitrep_source_stop (status);
  sitrep_source_stop (hanging);
}

/* What a person types as an address is checked before anything runs. */
static void
test_config (void)
{
  static const char * const bad[] = {
    "", "prometheus:9090", "ftp://prometheus", "https://user:pw@prometheus", "https://prometheus/?q=1",
  };
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(SitrepSource) source = new_source ("x", "prometheus", "https://prometheus.example.com:9090///", "none");
  g_autoptr(GVariant) config = NULL;

  g_assert_cmpstr (sitrep_source_get_url (source), ==, "https://prometheus.example.com:9090");
  config = g_variant_ref_sink (sitrep_source_to_variant (source));
  g_assert_false (g_variant_lookup (config, "secret", "s", NULL));
  g_assert_false (g_variant_lookup (config, "token", "s", NULL));
  g_assert_false (sitrep_source_is_stale (source, g_get_real_time ()));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(GVariantDict) b = G_VARIANT_DICT_INIT (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(SitrepSource) refused = NULL;

      g_variant_dict_insert (&b, "kind", "s", "prometheus");
      g_variant_dict_insert (&b, "url", "s", bad[i]);
      refused = sitrep_source_new_from_variant (g_variant_dict_end (&b), &error);
      g_assert_null (refused);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_null (strstr (error->message, "pw@"));
    }

  g_variant_dict_insert (&d, "kind", "s", "nagios");
  g_variant_dict_insert (&d, "url", "s", "https://nagios");
  g_assert_null (sitrep_source_new_from_variant (g_variant_dict_end (&d), NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sources/config", test_config);
  g_test_add_func ("/sources/grafana-faults", test_grafana_faults);
  g_test_add_func ("/sources/alertmanager-faults", test_alertmanager_faults);
  g_test_add_func ("/sources/prometheus-faults", test_prometheus_faults);
  g_test_add_func ("/sources/statuspage-faults", test_statuspage_faults);
  g_test_add_func ("/sources/status-page", test_status_page);

  return g_test_run ();
}
