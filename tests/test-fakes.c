/* test-fakes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The loopback fakes of Grafana and of a Statuspage, read through the
 * real HTTP client and the real parsers: the alerts that come out, the
 * silences and annotations Grafana takes, the page's indicator as its
 * components and incidents change, and every fault, each ending in the
 * error a person can act on, never showing the token. */

#include "config.h"

#include <string.h>

#include "sitrep-alert.h"
#include "sitrep-http.h"
#include "sitrep-status-page.h"

#include "fakes/sitrep-fake-server.h"
#include "test-utils.h"

#define TOKEN  "glsa_s3cretT0ken_4f9d2c"
#define BEARER "Bearer " TOKEN

#define AM_ALERTS   "/api/alertmanager/grafana/api/v2/alerts"
#define AM_SILENCES "/api/alertmanager/grafana/api/v2/silences"
#define PROM_ALERTS "/api/prometheus/grafana/api/v1/alerts"
#define SUMMARY     "/api/v2/summary.json"

typedef struct
{
  SitrepHttp       *http;
  SoupSession      *session;
  SitrepFakeServer *grafana;
  SitrepFakeServer *statuspage;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->http = sitrep_http_new ();
  f->session = soup_session_new ();
  f->grafana = sitrep_fake_grafana_new (TOKEN);
  f->statuspage = sitrep_fake_statuspage_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* The worker thread that parsed the last answer may still hold its task,
   * and through it the client, for a moment. */
  gpointer http = g_steal_pointer (&f->http);
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_object_add_weak_pointer (http, &http);
  g_object_unref (http);
  while (http != NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (http);

  g_clear_object (&f->session);
  g_clear_pointer (&f->grafana, sitrep_fake_server_free);
  g_clear_pointer (&f->statuspage, sitrep_fake_server_free);
}

static gpointer
fetch (Fixture              *f,
       SitrepFakeServer     *fake,
       const char           *path,
       const char           *authorization,
       SitrepHttpParseFunc   parse_func,
       GDestroyNotify        result_free,
       gint64               *retry_after,
       GError              **error)
{
  g_autofree char *url = g_strconcat (sitrep_fake_server_get_url (fake), path, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  sitrep_http_get_async (f->http, url, authorization, parse_func,
                         (gpointer)(fake == f->grafana ? "grafana" : "payments"), result_free,
                         NULL, test_async_result_cb, &result);
  test_wait_for_result (&result);

  return sitrep_http_get_finish (f->http, result, retry_after, error);
}

static GPtrArray *
fetch_alertmanager (Fixture     *f,
                    const char  *authorization,
                    gint64      *retry_after,
                    GError     **error)
{
  return fetch (f, f->grafana, AM_ALERTS, authorization,
                (SitrepHttpParseFunc)sitrep_alert_parse_alertmanager,
                (GDestroyNotify)g_ptr_array_unref, retry_after, error);
}

static GPtrArray *
fetch_prometheus (Fixture     *f,
                  gint64      *retry_after,
                  GError     **error)
{
  return fetch (f, f->grafana, PROM_ALERTS, BEARER,
                (SitrepHttpParseFunc)sitrep_alert_parse_prometheus,
                (GDestroyNotify)g_ptr_array_unref, retry_after, error);
}

static SitrepStatusPage *
fetch_page (Fixture     *f,
            const char  *path,
            gint64      *retry_after,
            GError     **error)
{
  return fetch (f, f->statuspage, path, NULL,
                (SitrepHttpParseFunc)sitrep_status_page_parse_summary,
                (GDestroyNotify)sitrep_status_page_free, retry_after, error);
}

static JsonNode *
fetch_json (Fixture          *f,
            SitrepFakeServer *fake,
            const char       *path,
            const char       *authorization,
            GError          **error)
{
  return fetch (f, fake, path, authorization, NULL, NULL, NULL, error);
}

/* For what the client has no verb for: POST and DELETE. */
static char *
send_request (Fixture          *f,
              const char       *method,
              SitrepFakeServer *fake,
              const char       *path,
              const char       *authorization,
              const char       *body,
              guint            *status)
{
  g_autofree char *url = g_strconcat (sitrep_fake_server_get_url (fake), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    test_async_result_cb, &result);
  test_wait_for_result (&result);
  answer = soup_session_send_and_read_finish (f->session, result, &error);
  g_assert_no_error (error);

  *status = soup_message_get_status (msg);
  return g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

static void
assert_source_error (const GError *error,
                     int           code)
{
  g_assert_error (error, SITREP_SOURCE_ERROR, code);
  /* The message names the server, never the token. */
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_null (strstr (error->message, TOKEN));
  g_assert_null (strstr (error->message, "s3cret"));
}

static SitrepAlert *
find_alert (GPtrArray  *alerts,
            const char *label,
            const char *value)
{
  for (guint i = 0; i < alerts->len; i++)
    {
      SitrepAlert *alert = g_ptr_array_index (alerts, i);

      if (g_strcmp0 (sitrep_alert_get_label (alert, label), value) == 0)
        return alert;
    }

  return NULL;
}

static gint64
utc (const char *iso8601)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso8601, NULL);

  return g_date_time_to_unix (time) * G_TIME_SPAN_SECOND + g_date_time_get_microsecond (time);
}

static void
assert_clipped (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (text, -1), ==, SITREP_ALERT_TEXT_MAX_CHARS + 1);
  g_assert_true (g_str_has_suffix (text, "…"));
}

static void
test_grafana_alertmanager (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = fetch_alertmanager (f, BEARER, NULL, &error);
  g_autofree char *generator = NULL;
  SitrepAlert *payments, *webhooks;

  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 2);
  g_assert_cmpstr (sitrep_fake_server_get_last_authorization (f->grafana), ==, BEARER);
  g_assert_cmpuint (sitrep_fake_server_get_n_requests (f->grafana, AM_ALERTS), ==, 1);

  payments = find_alert (alerts, "alertname", "PaymentsErrorRate");
  g_assert_nonnull (payments);
  g_assert_cmpint (sitrep_alert_get_state (payments), ==, SITREP_ALERT_FIRING);
  g_assert_cmpstr (sitrep_alert_get_source (payments), ==, "grafana");
  g_assert_cmpstr (sitrep_alert_get_fingerprint (payments), ==, "6b1f3c9a2d4e5f70");
  g_assert_cmpstr (sitrep_alert_get_label (payments, "severity"), ==, "critical");
  g_assert_cmpstr (sitrep_alert_get_label (payments, "grafana_folder"), ==, "Payments");
  g_assert_cmpstr (sitrep_alert_get_annotation (payments, "summary"), ==,
                   "Payment error rate above 5%");
  g_assert_cmpint (sitrep_alert_get_starts_at (payments), ==, utc ("2026-11-24T03:10:00Z"));
  generator = g_strconcat (sitrep_fake_server_get_url (f->grafana),
                           "/alerting/grafana/pay-err-rate/view?orgId=1", NULL);
  g_assert_cmpstr (sitrep_alert_get_generator_url (payments), ==, generator);

  webhooks = find_alert (alerts, "alertname", "WebhookDeliveryDelayed");
  g_assert_nonnull (webhooks);
  g_assert_cmpint (sitrep_alert_get_state (webhooks), ==, SITREP_ALERT_FIRING);
  g_assert_cmpstr (sitrep_alert_get_label (webhooks, "severity"), ==, "warning");
}

static void
test_grafana_prometheus (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = fetch_prometheus (f, NULL, &error);
  SitrepAlert *payments, *latency;

  g_assert_no_error (error);
  /* "Alerting" twice and "Pending"; "Normal (NoData)" is no alert. */
  g_assert_cmpuint (alerts->len, ==, 3);
  g_assert_null (find_alert (alerts, "alertname", "LedgerExportStale"));

  payments = find_alert (alerts, "alertname", "PaymentsErrorRate");
  g_assert_nonnull (payments);
  g_assert_cmpint (sitrep_alert_get_state (payments), ==, SITREP_ALERT_FIRING);
  g_assert_cmpint (sitrep_alert_get_starts_at (payments), ==, utc ("2026-11-24T03:10:00Z"));
  g_assert_cmpint (sitrep_alert_get_state (find_alert (alerts, "alertname", "WebhookDeliveryDelayed")),
                   ==, SITREP_ALERT_FIRING);

  latency = find_alert (alerts, "alertname", "CheckoutLatencyHigh");
  g_assert_nonnull (latency);
  g_assert_cmpint (sitrep_alert_get_state (latency), ==, SITREP_ALERT_PENDING);
  g_assert_cmpstr (sitrep_alert_get_annotation (latency, "summary"), ==, "Checkout p99 latency 2.3s");
}

static void
test_grafana_auth (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) wrong = NULL;
  g_autoptr(GError) missing = NULL;
  g_autoptr(GError) other_user = NULL;
  g_autoptr(GError) basic_error = NULL;
  g_autoptr(GError) not_found = NULL;
  g_autoptr(GError) health_error = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) basic_alerts = NULL;
  g_autoptr(JsonNode) health = NULL;
  g_autoptr(JsonNode) nothing = NULL;
  g_autofree char *credentials = g_base64_encode ((const guchar *)"api_key:" TOKEN,
                                                  strlen ("api_key:" TOKEN));
  g_autofree char *basic = g_strconcat ("Basic ", credentials, NULL);
  g_autofree char *admin = g_base64_encode ((const guchar *)"admin:" TOKEN, strlen ("admin:" TOKEN));
  g_autofree char *basic_admin = g_strconcat ("Basic ", admin, NULL);
  g_autofree char *body = NULL;
  JsonObject *object;
  guint status = 0;

  none = fetch_alertmanager (f, "Bearer glsa_wrong", NULL, &wrong);
  g_assert_null (none);
  assert_source_error (wrong, SITREP_SOURCE_ERROR_AUTH);

  none = fetch_alertmanager (f, NULL, NULL, &missing);
  g_assert_null (none);
  assert_source_error (missing, SITREP_SOURCE_ERROR_AUTH);
  g_assert_null (sitrep_fake_server_get_last_authorization (f->grafana));

  none = fetch_alertmanager (f, basic_admin, NULL, &other_user);
  g_assert_null (none);
  assert_source_error (other_user, SITREP_SOURCE_ERROR_AUTH);

  /* A token is also a password, for the user "api_key". */
  basic_alerts = fetch_alertmanager (f, basic, NULL, &basic_error);
  g_assert_no_error (basic_error);
  g_assert_cmpuint (basic_alerts->len, ==, 2);

  body = send_request (f, SOUP_METHOD_GET, f->grafana, AM_ALERTS, "Bearer nope", NULL, &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpstr (body, ==, "{\"message\":\"Unauthorized\"}");
  g_assert_cmpuint (sitrep_fake_server_get_n_requests (f->grafana, AM_ALERTS), ==, 5);

  /* Health needs no token. */
  health = fetch_json (f, f->grafana, "/api/health", NULL, &health_error);
  g_assert_no_error (health_error);
  object = json_node_get_object (health);
  g_assert_cmpstr (json_object_get_string_member (object, "database"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, "10.2.3");

  nothing = fetch_json (f, f->grafana, "/api/nothing/here", BEARER, &not_found);
  g_assert_null (nothing);
  assert_source_error (not_found, SITREP_SOURCE_ERROR_NOT_FOUND);
}

static void
test_grafana_set_alerts (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alertmanager = NULL;
  g_autoptr(GPtrArray) prometheus = NULL;
  g_autoptr(GPtrArray) restored = NULL;

  sitrep_fake_grafana_set_alerts (f->grafana,
                                  "[{\"labels\":{\"alertname\":\"DiskFull\"},\"annotations\":{},"
                                  "\"fingerprint\":\"00000000000000aa\","
                                  "\"startsAt\":\"2026-11-24T02:00:00Z\",\"status\":{\"state\":\"active\","
                                  "\"silencedBy\":[],\"inhibitedBy\":[]}}]",
                                  "{\"status\":\"success\",\"data\":{\"alerts\":["
                                  "{\"labels\":{\"alertname\":\"DiskFull\"},\"state\":\"Alerting (Error)\"},"
                                  "{\"labels\":{\"alertname\":\"Quiet\"},\"state\":\"Normal\"},"
                                  "{\"labels\":{\"alertname\":\"Gap\"},\"state\":\"NoData\"},"
                                  "{\"labels\":{\"alertname\":\"Soon\"},\"state\":\"Pending (NoData)\"}]}}");

  alertmanager = fetch_alertmanager (f, BEARER, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alertmanager->len, ==, 1);
  g_assert_cmpstr (sitrep_alert_get_name (g_ptr_array_index (alertmanager, 0)), ==, "DiskFull");

  prometheus = fetch_prometheus (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prometheus->len, ==, 2);
  g_assert_cmpint (sitrep_alert_get_state (find_alert (prometheus, "alertname", "DiskFull")), ==,
                   SITREP_ALERT_FIRING);
  g_assert_cmpint (sitrep_alert_get_state (find_alert (prometheus, "alertname", "Soon")), ==,
                   SITREP_ALERT_PENDING);

  sitrep_fake_grafana_set_alerts (f->grafana, NULL, NULL);
  restored = fetch_alertmanager (f, BEARER, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (restored->len, ==, 2);
}

#define SILENCE_BODY(matchers, starts, ends) \
  "{\"matchers\":" matchers ",\"startsAt\":\"" starts "\",\"endsAt\":\"" ends "\"," \
  "\"createdBy\":\"ic\",\"comment\":\"INC-42\"}"

static void
expect_silence_refused (Fixture    *f,
                        const char *body,
                        guint       expected_status,
                        const char *expected_body)
{
  guint status = 0;
  g_autofree char *answer = send_request (f, SOUP_METHOD_POST, f->grafana, AM_SILENCES, BEARER,
                                          body, &status);

  g_assert_cmpuint (status, ==, expected_status);
  g_assert_cmpstr (answer, ==, expected_body);
}

static SitrepAlertState
state_of (Fixture    *f,
          const char *alertname)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = fetch_alertmanager (f, BEARER, NULL, &error);
  SitrepAlert *alert;

  g_assert_no_error (error);
  alert = find_alert (alerts, "alertname", alertname);
  g_assert_nonnull (alert);
  return sitrep_alert_get_state (alert);
}

static void
test_grafana_silence (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) raw = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) answer_node = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *regex_answer = NULL;
  g_autofree char *update_answer = NULL;
  g_autofree char *delete_answer = NULL;
  g_autofree char *unauthorized = NULL;
  g_autofree char *delete_path = NULL;
  g_autofree char *silence_id = NULL;
  JsonArray *alerts;
  guint status = 0;

  answer = send_request (f, SOUP_METHOD_POST, f->grafana, AM_SILENCES, BEARER,
                         SILENCE_BODY ("[{\"name\":\"alertname\",\"value\":\"PaymentsErrorRate\","
                                       "\"isRegex\":false,\"isEqual\":true}]",
                                       "2026-11-24T03:20:00Z", "2026-11-24T05:20:00Z"),
                         &status);
  g_assert_cmpuint (status, ==, 200);
  answer_node = json_from_string (answer, &error);
  g_assert_no_error (error);
  silence_id = g_strdup (json_object_get_string_member (json_node_get_object (answer_node),
                                                        "silenceID"));
  g_assert_cmpstr (silence_id, ==, "6d4f0e1b-2c3a-4b5d-8e9f-000000000001");
  g_assert_nonnull (strstr (sitrep_fake_server_get_last_body (f->grafana, AM_SILENCES), "INC-42"));

  /* The matching alert is silenced, the other is not. */
  g_assert_cmpint (state_of (f, "PaymentsErrorRate"), ==, SITREP_ALERT_SILENCED);
  g_assert_cmpint (state_of (f, "WebhookDeliveryDelayed"), ==, SITREP_ALERT_FIRING);

  raw = fetch_json (f, f->grafana, AM_ALERTS, BEARER, &error);
  g_assert_no_error (error);
  alerts = json_node_get_array (raw);
  for (guint i = 0; i < json_array_get_length (alerts); i++)
    {
      JsonObject *alert = json_array_get_object_element (alerts, i);
      JsonObject *labels = json_object_get_object_member (alert, "labels");
      JsonObject *state = json_object_get_object_member (alert, "status");
      JsonArray *silenced_by = json_object_get_array_member (state, "silencedBy");

      if (g_str_equal (json_object_get_string_member (labels, "alertname"), "PaymentsErrorRate"))
        {
          g_assert_cmpstr (json_object_get_string_member (state, "state"), ==, "suppressed");
          g_assert_cmpuint (json_array_get_length (silenced_by), ==, 1);
          g_assert_cmpstr (json_array_get_string_element (silenced_by, 0), ==, silence_id);
        }
      else
        {
          g_assert_cmpstr (json_object_get_string_member (state, "state"), ==, "active");
          g_assert_cmpuint (json_array_get_length (silenced_by), ==, 0);
        }
    }

  /* A regular expression matcher, anchored as Alertmanager anchors it. */
  regex_answer = send_request (f, SOUP_METHOD_POST, f->grafana, AM_SILENCES, BEARER,
                               SILENCE_BODY ("[{\"name\":\"service\",\"value\":\"web.*\","
                                             "\"isRegex\":true},{\"name\":\"severity\","
                                             "\"value\":\"critical\",\"isRegex\":false,"
                                             "\"isEqual\":false}]",
                                             "2026-11-24T03:20:00Z", "2026-11-24T05:20:00Z"),
                               &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (regex_answer, ==, "{\"silenceID\":\"6d4f0e1b-2c3a-4b5d-8e9f-000000000002\"}");
  g_assert_cmpint (state_of (f, "WebhookDeliveryDelayed"), ==, SITREP_ALERT_SILENCED);

  listed = fetch_json (f, f->grafana, AM_SILENCES, BEARER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 2);

  /* Updating a silence keeps its id; an unknown one is not found. */
  update_answer = send_request (f, SOUP_METHOD_POST, f->grafana, AM_SILENCES, BEARER,
                                "{\"id\":\"6d4f0e1b-2c3a-4b5d-8e9f-000000000002\","
                                "\"matchers\":[{\"name\":\"service\",\"value\":\"nothing\","
                                "\"isRegex\":false}],\"startsAt\":\"2026-11-24T03:20:00Z\","
                                "\"endsAt\":\"2026-11-24T05:20:00Z\",\"createdBy\":\"ic\","
                                "\"comment\":\"narrower\"}",
                                &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (update_answer, ==, "{\"silenceID\":\"6d4f0e1b-2c3a-4b5d-8e9f-000000000002\"}");
  g_assert_cmpint (state_of (f, "WebhookDeliveryDelayed"), ==, SITREP_ALERT_FIRING);
  expect_silence_refused (f, "{\"id\":\"unknown\",\"matchers\":[{\"name\":\"a\",\"value\":\"b\","
                             "\"isRegex\":false}],\"startsAt\":\"2026-11-24T03:20:00Z\","
                             "\"endsAt\":\"2026-11-24T05:20:00Z\",\"createdBy\":\"ic\","
                             "\"comment\":\"x\"}",
                          404, "\"silence not found\"");

  /* Expiring the silence brings the alert back. */
  delete_path = g_strconcat ("/api/alertmanager/grafana/api/v2/silence/", silence_id, NULL);
  delete_answer = send_request (f, SOUP_METHOD_DELETE, f->grafana, delete_path, BEARER, NULL,
                                &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (state_of (f, "PaymentsErrorRate"), ==, SITREP_ALERT_FIRING);

  /* Bodies Alertmanager refuses, refused as it does. */
  expect_silence_refused (f, "{\"matchers\":",
                          400, "{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" "
                               "failed, because unexpected end of JSON input\"}");
  expect_silence_refused (f, "[]",
                          400, "{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" "
                               "failed, because json: cannot unmarshal array into Go value of "
                               "type models.PostableSilence\"}");
  expect_silence_refused (f, "{\"matchers\":[{\"name\":\"a\",\"value\":\"b\",\"isRegex\":false}],"
                             "\"startsAt\":\"2026-11-24T03:20:00Z\","
                             "\"endsAt\":\"2026-11-24T05:20:00Z\",\"createdBy\":\"ic\"}",
                          422, "{\"code\":602,\"message\":\"comment in body is required\"}");
  expect_silence_refused (f, SILENCE_BODY ("[]", "2026-11-24T03:20:00Z", "2026-11-24T05:20:00Z"),
                          422, "{\"code\":612,\"message\":\"matchers in body should have at "
                               "least 1 items\"}");
  expect_silence_refused (f, SILENCE_BODY ("[{\"name\":\"a\",\"value\":\"b\"}]",
                                           "2026-11-24T03:20:00Z", "2026-11-24T05:20:00Z"),
                          422, "{\"code\":602,\"message\":\"matchers.0.isRegex in body is "
                               "required\"}");
  expect_silence_refused (f, SILENCE_BODY ("[{\"name\":\"a\",\"value\":\"b\",\"isRegex\":false}]",
                                           "2026-11-24T05:20:00Z", "2026-11-24T03:20:00Z"),
                          400, "\"Failed to create silence: start time must be before end "
                               "time\"");
  expect_silence_refused (f, SILENCE_BODY ("[{\"name\":\"a\",\"value\":\"\",\"isRegex\":false}]",
                                           "2026-11-24T03:20:00Z", "2026-11-24T05:20:00Z"),
                          400, "\"Failed to create silence: at least one matcher must not match "
                               "the empty string\"");
  expect_silence_refused (f, SILENCE_BODY ("[{\"name\":\"a\",\"value\":\"b\",\"isRegex\":false}]",
                                           "soon", "2026-11-24T03:20:00Z"),
                          422, "{\"code\":601,\"message\":\"startsAt in body must be of type "
                               "date-time: \\\"soon\\\"\"}");

  unauthorized = send_request (f, SOUP_METHOD_POST, f->grafana, AM_SILENCES, NULL,
                               SILENCE_BODY ("[{\"name\":\"a\",\"value\":\"b\",\"isRegex\":false}]",
                                             "2026-11-24T03:20:00Z", "2026-11-24T05:20:00Z"),
                               &status);
  g_assert_cmpuint (status, ==, 401);
}

static void
test_grafana_annotations (Fixture       *f,
                          gconstpointer  data)
{
  static const char sev1[] = "{\"time\":1795922400000,\"tags\":[\"incident\",\"INC-42\"],"
                             "\"text\":\"IC declared SEV1\"}";
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *without_text = NULL;
  g_autofree char *not_json = NULL;
  g_autofree char *unauthorized = NULL;
  guint status = 0;

  first = send_request (f, SOUP_METHOD_POST, f->grafana, "/api/annotations", BEARER, sev1, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (first, ==, "{\"message\":\"Annotation added\",\"id\":1}");
  g_assert_cmpstr (sitrep_fake_server_get_last_body (f->grafana, "/api/annotations"), ==, sev1);

  second = send_request (f, SOUP_METHOD_POST, f->grafana, "/api/annotations", BEARER,
                         "{\"text\":\"Mitigated\"}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (second, ==, "{\"message\":\"Annotation added\",\"id\":2}");

  without_text = send_request (f, SOUP_METHOD_POST, f->grafana, "/api/annotations", BEARER,
                               "{\"tags\":[\"incident\"],\"text\":\"\"}", &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (without_text, ==, "{\"message\":\"Failed to save annotation\"}");

  not_json = send_request (f, SOUP_METHOD_POST, f->grafana, "/api/annotations", BEARER,
                           "text=hello", &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (not_json, ==, "{\"message\":\"bad request data\"}");

  unauthorized = send_request (f, SOUP_METHOD_POST, f->grafana, "/api/annotations", NULL, sev1,
                               &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpuint (sitrep_fake_server_get_n_requests (f->grafana, "/api/annotations"), ==, 5);
}

static void
test_statuspage_read_api (Fixture       *f,
                          gconstpointer  data)
{
  static const char *paths[] = {
    "/api/v2/status.json",
    "/api/v2/components.json",
    "/api/v2/incidents/unresolved.json",
    "/api/v2/incidents.json",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStatusPage) page = fetch_page (f, SUMMARY, NULL, &error);
  g_autoptr(JsonNode) components = NULL;
  g_autoptr(SitrepStatusPage) nothing = NULL;
  JsonArray *array;

  g_assert_no_error (error);
  g_assert_cmpstr (page->name, ==, "Payments Provider");
  g_assert_cmpstr (page->url, ==, sitrep_fake_server_get_url (f->statuspage));
  g_assert_cmpstr (page->indicator, ==, "none");
  g_assert_cmpstr (page->description, ==, "All Systems Operational");
  g_assert_cmpuint (page->alerts->len, ==, 0);
  /* The public API takes no credentials. */
  g_assert_null (sitrep_fake_server_get_last_authorization (f->statuspage));

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(SitrepStatusPage) part = fetch_page (f, paths[i], NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (part->name, ==, "Payments Provider");
      g_assert_cmpuint (part->alerts->len, ==, 0);
      g_assert_cmpuint (sitrep_fake_server_get_n_requests (f->statuspage, paths[i]), ==, 1);
    }

  components = fetch_json (f, f->statuspage, "/api/v2/components.json", NULL, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (components), "components");
  g_assert_cmpuint (json_array_get_length (array), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "id"),
                   ==, "b13yz5g2cw10");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 4), "group"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_array_get_object_element (array, 4), "components")), ==, 2);

  nothing = fetch_page (f, "/api/v2/nothing.json", NULL, &error);
  g_assert_null (nothing);
  assert_source_error (error, SITREP_SOURCE_ERROR_NOT_FOUND);
}

static SitrepStatusPage *
summary (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SitrepStatusPage *page = fetch_page (f, SUMMARY, NULL, &error);

  g_assert_no_error (error);
  return page;
}

static char *
status_indicator (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStatusPage) page = fetch_page (f, "/api/v2/status.json", NULL, &error);

  g_assert_no_error (error);
  return g_strdup (page->indicator);
}

static void
assert_indicator (Fixture    *f,
                  const char *indicator,
                  const char *description)
{
  g_autoptr(SitrepStatusPage) page = summary (f);
  g_autofree char *from_status = status_indicator (f);

  g_assert_cmpstr (page->indicator, ==, indicator);
  g_assert_cmpstr (page->description, ==, description);
  g_assert_cmpstr (from_status, ==, indicator);
}

static void
test_statuspage_indicator (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(SitrepStatusPage) degraded = NULL;
  g_autoptr(SitrepStatusPage) partial = NULL;
  g_autoptr(SitrepStatusPage) major = NULL;
  g_autoptr(SitrepStatusPage) incident_page = NULL;
  g_autoptr(SitrepStatusPage) group_page = NULL;
  g_autoptr(SitrepStatusPage) resolved = NULL;
  g_autofree char *api_fingerprint = NULL;
  SitrepAlert *alert;

  sitrep_fake_statuspage_set_component (f->statuspage, "Checkout", "degraded_performance");
  assert_indicator (f, "minor", "Minor Service Outage");
  degraded = summary (f);
  g_assert_cmpuint (degraded->alerts->len, ==, 1);
  alert = g_ptr_array_index (degraded->alerts, 0);
  g_assert_cmpstr (sitrep_alert_get_name (alert), ==, "DependencyDegraded");
  g_assert_cmpstr (sitrep_alert_get_label (alert, "severity"), ==, "warning");
  g_assert_cmpstr (sitrep_alert_get_annotation (alert, "summary"), ==,
                   "Payments Provider: Checkout — Degraded performance");
  g_assert_cmpstr (sitrep_alert_get_annotation (alert, "description"), ==, "Hosted payment pages");
  g_assert_cmpint (sitrep_alert_get_starts_at (alert), ==, utc ("2026-11-24T03:01:00Z"));
  g_assert_cmpstr (sitrep_alert_get_source (alert), ==, "payments");

  sitrep_fake_statuspage_set_component (f->statuspage, "API", "partial_outage");
  assert_indicator (f, "major", "Partial System Outage");
  partial = summary (f);
  alert = find_alert (partial->alerts, "component", "API");
  g_assert_cmpstr (sitrep_alert_get_label (alert, "severity"), ==, "warning");
  api_fingerprint = g_strdup (sitrep_alert_get_fingerprint (alert));

  /* Worse, and still the same alert. */
  sitrep_fake_statuspage_set_component (f->statuspage, "API", "major_outage");
  assert_indicator (f, "critical", "Major System Outage");
  major = summary (f);
  alert = find_alert (major->alerts, "component", "API");
  g_assert_cmpstr (sitrep_alert_get_label (alert, "severity"), ==, "critical");
  g_assert_cmpstr (sitrep_alert_get_fingerprint (alert), ==, api_fingerprint);
  g_assert_cmpint (sitrep_alert_get_starts_at (alert), ==, utc ("2026-11-24T03:03:00Z"));

  /* Components back to normal; an incident alone sets the indicator. */
  sitrep_fake_statuspage_set_component (f->statuspage, "API", "operational");
  sitrep_fake_statuspage_set_component (f->statuspage, "Checkout", "operational");
  assert_indicator (f, "none", "All Systems Operational");
  sitrep_fake_statuspage_open_incident (f->statuspage, "Elevated API errors", "minor",
                                        "We are investigating elevated error rates.");
  assert_indicator (f, "minor", "Minor Service Outage");
  incident_page = summary (f);
  g_assert_cmpuint (incident_page->alerts->len, ==, 1);
  alert = g_ptr_array_index (incident_page->alerts, 0);
  g_assert_cmpstr (sitrep_alert_get_name (alert), ==, "DependencyIncident");
  g_assert_cmpstr (sitrep_alert_get_label (alert, "incident"), ==, "Elevated API errors");
  g_assert_cmpstr (sitrep_alert_get_label (alert, "severity"), ==, "warning");
  g_assert_cmpstr (sitrep_alert_get_annotation (alert, "summary"), ==,
                   "Payments Provider: Elevated API errors");
  g_assert_cmpstr (sitrep_alert_get_annotation (alert, "description"), ==,
                   "We are investigating elevated error rates.");
  g_assert_cmpstr (sitrep_alert_get_generator_url (alert), ==, "https://stspg.io/p31zjt");
  g_assert_cmpint (sitrep_alert_get_starts_at (alert), ==, utc ("2026-11-24T03:06:00Z"));

  sitrep_fake_statuspage_open_incident (f->statuspage, "Payouts delayed", "critical",
                                        "Payouts are delayed.");
  assert_indicator (f, "critical", "Major System Outage");
  sitrep_fake_statuspage_open_incident (f->statuspage, "Scheduled note", "none", "FYI.");
  assert_indicator (f, "critical", "Major System Outage");

  /* A group: its members go down, and are the alerts. */
  sitrep_fake_statuspage_resolve_incident (f->statuspage, "Payouts delayed");
  sitrep_fake_statuspage_resolve_incident (f->statuspage, "Elevated API errors");
  sitrep_fake_statuspage_set_component (f->statuspage, "Card Networks", "partial_outage");
  assert_indicator (f, "major", "Partial System Outage");
  group_page = summary (f);
  g_assert_cmpuint (group_page->alerts->len, ==, 3);
  g_assert_nonnull (find_alert (group_page->alerts, "component", "Visa"));
  g_assert_nonnull (find_alert (group_page->alerts, "component", "Mastercard"));
  g_assert_null (find_alert (group_page->alerts, "component", "Card Networks"));
  g_assert_cmpstr (sitrep_alert_get_label (find_alert (group_page->alerts, "incident",
                                                       "Scheduled note"), "severity"), ==, "info");

  sitrep_fake_statuspage_set_component (f->statuspage, "Card Networks", "operational");
  sitrep_fake_statuspage_resolve_incident (f->statuspage, "Scheduled note");
  assert_indicator (f, "none", "All Systems Operational");
  resolved = summary (f);
  g_assert_cmpuint (resolved->alerts->len, ==, 0);

  /* A component the page did not have. */
  sitrep_fake_statuspage_set_component (f->statuspage, "Payouts", "under_maintenance");
  {
    g_autoptr(SitrepStatusPage) page = summary (f);

    g_assert_cmpuint (page->alerts->len, ==, 1);
    g_assert_cmpstr (sitrep_alert_get_label (g_ptr_array_index (page->alerts, 0), "severity"), ==,
                     "info");
  }
}

typedef enum
{
  TARGET_ALERTMANAGER,
  TARGET_PROMETHEUS,
  TARGET_STATUSPAGE,
} Target;

static gpointer
fetch_target (Fixture  *f,
              Target    target,
              gint64   *retry_after,
              GError  **error)
{
  switch (target)
    {
    case TARGET_ALERTMANAGER:
      return fetch_alertmanager (f, BEARER, retry_after, error);
    case TARGET_PROMETHEUS:
      return fetch_prometheus (f, retry_after, error);
    case TARGET_STATUSPAGE:
      return fetch_page (f, SUMMARY, retry_after, error);
    default:
      g_assert_not_reached ();
    }
}

static void
expect_fault (Fixture         *f,
              Target           target,
              SitrepFakeFault  fault,
              int              code)
{
  SitrepFakeServer *fake = target == TARGET_STATUSPAGE ? f->statuspage : f->grafana;
  g_autoptr(GError) error = NULL;
  gint64 retry_after = -1;
  gpointer result;

  sitrep_fake_server_set_fault (fake, fault);
  result = fetch_target (f, target, &retry_after, &error);
  sitrep_fake_server_set_fault (fake, SITREP_FAKE_FAULT_NONE);

  g_assert_null (result);
  assert_source_error (error, code);

  if (fault == SITREP_FAKE_FAULT_RATE_LIMITED)
    g_assert_cmpint (retry_after, ==, 7 * G_TIME_SPAN_SECOND);
  if (fault == SITREP_FAKE_FAULT_HTML && code == SITREP_SOURCE_ERROR_MALFORMED)
    g_assert_nonnull (strstr (error->message, "web page"));
}

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  static const Target targets[] = { TARGET_ALERTMANAGER, TARGET_PROMETHEUS, TARGET_STATUSPAGE };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      Target target = targets[i];
      gboolean grafana = target != TARGET_STATUSPAGE;

      expect_fault (f, target, SITREP_FAKE_FAULT_UNAUTHORIZED, SITREP_SOURCE_ERROR_AUTH);
      expect_fault (f, target, SITREP_FAKE_FAULT_RATE_LIMITED, SITREP_SOURCE_ERROR_RATE_LIMITED);
      expect_fault (f, target, SITREP_FAKE_FAULT_SERVER_ERROR, SITREP_SOURCE_ERROR_SERVER);
      /* Grafana's login page comes with a 200; a proxy's page with a 502. */
      expect_fault (f, target, SITREP_FAKE_FAULT_HTML,
                    grafana ? SITREP_SOURCE_ERROR_MALFORMED : SITREP_SOURCE_ERROR_SERVER);
      expect_fault (f, target, SITREP_FAKE_FAULT_MALFORMED, SITREP_SOURCE_ERROR_MALFORMED);
      expect_fault (f, target, SITREP_FAKE_FAULT_TRUNCATED, SITREP_SOURCE_ERROR_MALFORMED);
      expect_fault (f, target, SITREP_FAKE_FAULT_OVERSIZED, SITREP_SOURCE_ERROR_TOO_LARGE);

      /* The parsers refuse a wrong envelope, and a list of things that
       * are not alerts. */
      expect_fault (f, target, SITREP_FAKE_FAULT_WRONG_TYPES, SITREP_SOURCE_ERROR_MALFORMED);
    }

  /* After the faults, the same client reads as before. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) alerts = fetch_alertmanager (f, BEARER, NULL, &error);
    g_autoptr(JsonNode) health = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (alerts->len, ==, 2);

    sitrep_fake_server_set_fault (f->grafana, SITREP_FAKE_FAULT_TRUNCATED);
    health = fetch_json (f, f->grafana, "/api/health", NULL, &error);
    sitrep_fake_server_set_fault (f->grafana, SITREP_FAKE_FAULT_NONE);
    g_assert_null (health);
    assert_source_error (error, SITREP_SOURCE_ERROR_MALFORMED);
  }
}

static gboolean
has_requests (gpointer user_data)
{
  Fixture *f = user_data;

  return sitrep_fake_server_get_n_requests (f->grafana, AM_ALERTS) > 0;
}

static void
test_slow (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *url = g_strconcat (sitrep_fake_server_get_url (f->grafana), AM_ALERTS, NULL);
  g_autoptr(GAsyncResult) slow = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) quick = NULL;
  g_autoptr(JsonNode) health = NULL;
  gint64 start = g_get_monotonic_time ();

  sitrep_http_set_timeouts (f->http, 1, 2);
  sitrep_fake_server_set_fault (f->grafana, SITREP_FAKE_FAULT_SLOW);
  sitrep_http_get_async (f->http, url, BEARER,
                         (SitrepHttpParseFunc)sitrep_alert_parse_alertmanager, (gpointer)"grafana",
                         (GDestroyNotify)g_ptr_array_unref, NULL, test_async_result_cb, &slow);

  /* While it holds that request, the fake answers others. */
  test_wait_until (has_requests, f);
  sitrep_fake_server_set_fault (f->grafana, SITREP_FAKE_FAULT_NONE);
  health = fetch_json (f, f->grafana, "/api/health", NULL, &error);
  g_assert_no_error (error);
  quick = fetch_alertmanager (f, BEARER, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quick->len, ==, 2);
  g_assert_null (slow);

  test_wait_for_result (&slow);
  alerts = sitrep_http_get_finish (f->http, slow, NULL, &error);
  g_assert_null (alerts);
  assert_source_error (error, SITREP_SOURCE_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_TIME_SPAN_SECOND);
}

static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) prometheus_error = NULL;
  g_autoptr(GError) components_error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) prometheus = NULL;
  g_autoptr(SitrepStatusPage) page = NULL;
  g_autoptr(SitrepStatusPage) components = NULL;
  SitrepAlert *alert, *incident;
  guint n_long = 0;

  sitrep_fake_server_set_fault (f->grafana, SITREP_FAKE_FAULT_HOSTILE);
  sitrep_fake_server_set_fault (f->statuspage, SITREP_FAKE_FAULT_HOSTILE);

  /* Plain text in, plain text out: neither escaped nor unescaped, and
   * clipped. */
  alerts = fetch_alertmanager (f, BEARER, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 1);
  alert = g_ptr_array_index (alerts, 0);
  g_assert_cmpstr (sitrep_alert_get_name (alert), ==, "<b>bold</b>");
  g_assert_cmpstr (sitrep_alert_get_label (alert, "service"), ==, "&amp; co");
  g_assert_cmpstr (sitrep_alert_get_label (alert, "<i>name</i>"), ==, "&lt;v&gt;");
  g_assert_cmpstr (sitrep_alert_get_label (alert, "note"), ==, "\001bell\007 \033[31mred\r\nnext");
  assert_clipped (sitrep_alert_get_label (alert, "team"));
  assert_clipped (sitrep_alert_get_annotation (alert, "description"));
  g_assert_cmpstr (sitrep_alert_get_annotation (alert, "summary"), ==,
                   "<script>alert(1)</script> &amp;");
  g_assert_cmpstr (sitrep_alert_get_generator_url (alert), ==, "javascript:alert(1)");

  /* Bytes that are not UTF-8 make the whole answer unreadable. */
  prometheus = fetch_prometheus (f, NULL, &prometheus_error);
  g_assert_null (prometheus);
  assert_source_error (prometheus_error, SITREP_SOURCE_ERROR_MALFORMED);

  page = fetch_page (f, SUMMARY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->alerts->len, ==, 5);
  g_assert_nonnull (find_alert (page->alerts, "component", "<b>bold</b>"));
  g_assert_nonnull (find_alert (page->alerts, "component", "&amp; Co"));
  g_assert_nonnull (find_alert (page->alerts, "component", "\001bell\007 \033[31mred\r\nnext"));
  for (guint i = 0; i < page->alerts->len; i++)
    {
      const char *component = sitrep_alert_get_label (g_ptr_array_index (page->alerts, i),
                                                      "component");

      if (component != NULL && g_str_has_prefix (component, "éé"))
        {
          assert_clipped (component);
          assert_clipped (sitrep_alert_get_annotation (g_ptr_array_index (page->alerts, i),
                                                       "summary"));
          n_long++;
        }
    }
  g_assert_cmpuint (n_long, ==, 1);
  incident = find_alert (page->alerts, "incident", "<script>alert(1)</script>");
  g_assert_nonnull (incident);
  g_assert_cmpstr (sitrep_alert_get_label (incident, "severity"), ==, "critical");
  assert_clipped (sitrep_alert_get_annotation (incident, "description"));

  components = fetch_page (f, "/api/v2/components.json", NULL, &components_error);
  g_assert_null (components);
  assert_source_error (components_error, SITREP_SOURCE_ERROR_MALFORMED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fakes/grafana/alertmanager", test_grafana_alertmanager);
  ADD ("/fakes/grafana/prometheus", test_grafana_prometheus);
  ADD ("/fakes/grafana/auth", test_grafana_auth);
  ADD ("/fakes/grafana/set-alerts", test_grafana_set_alerts);
  ADD ("/fakes/grafana/silence", test_grafana_silence);
  ADD ("/fakes/grafana/annotations", test_grafana_annotations);
  ADD ("/fakes/statuspage/read-api", test_statuspage_read_api);
  ADD ("/fakes/statuspage/indicator", test_statuspage_indicator);
  ADD ("/fakes/faults", test_faults);
  ADD ("/fakes/slow", test_slow);
  ADD ("/fakes/hostile", test_hostile);
#undef ADD

  return g_test_run ();
}
