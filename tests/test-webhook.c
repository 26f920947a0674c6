/* test-webhook.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The webhook receiver: the real Alertmanager sends it an alert as it
 * fires and again as it resolves; a plain HTTP client tries every way in
 * that should be refused (no secret, wrong method, bad JSON, other
 * versions, too large, too deep) and hostile text that must come through
 * as plain text; the receiver listens on the loopback address only, and
 * stopping it while a notification is parsed is safe. */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "sitrep-alert-feed.h"
#include "sitrep-webhook-receiver.h"

#include "servers/sitrep-test-servers.h"
#include "test-utils.h"

#define SECRET       "w3bh00k-secret-0123456789abcdef"
#define OTHER_SECRET "w3bh00k-secret-0123456789abcdeX"

/* Runs the main loop until @condition holds, failing the test after
 * @seconds. */
static void
wait_for (gboolean   (*condition) (gpointer),
          gpointer     data,
          guint        seconds,
          const char  *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, test_timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("%s did not happen within %u seconds", what, seconds);
  g_source_remove (id);
}

/* Runs the main loop for @ms milliseconds. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, test_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static char *
alert_json (const char *status,
            const char *fingerprint,
            const char *labels)
{
  return g_strdup_printf ("{\"status\":\"%s\",\"labels\":%s,"
                          "\"annotations\":{\"summary\":\"<i>latency</i> & errors\"},"
                          "\"startsAt\":\"2026-11-24T03:10:08.797Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                          "\"generatorURL\":\"http://prometheus.example/graph?g0.expr=up\","
                          "\"fingerprint\":\"%s\"}",
                          status, labels, fingerprint);
}

static char *
notification (const char *version,
              const char *group_key,
              const char *alerts)
{
  return g_strdup_printf ("{\"receiver\":\"warroom\",\"status\":\"firing\",\"alerts\":[%s],"
                          "\"groupLabels\":{},\"commonLabels\":{},\"commonAnnotations\":{},"
                          "\"externalURL\":\"http://127.0.0.1:9093\",\"version\":\"%s\","
                          "\"groupKey\":\"%s\",\"truncatedAlerts\":0}",
                          alerts, version, group_key);
}

static char *
one_alert (const char *group_key,
           const char *status,
           const char *fingerprint,
           const char *name)
{
  g_autofree char *labels = g_strdup_printf ("{\"alertname\":\"%s\",\"service\":\"checkout\"}", name);
  g_autofree char *alert = alert_json (status, fingerprint, labels);

  return notification ("4", group_key, alert);
}

typedef struct
{
  SitrepAlertFeed       *feed;
  SitrepWebhookReceiver *receiver;
  SoupSession           *session;
  char                  *base;  /* http://127.0.0.1:<port> */
  char                  *url;   /* the receiver's address, secret and all */
  guint                  n_error_notifies;
} Fixture;

static void
on_last_error_notify_cb (GObject    *object,
                         GParamSpec *pspec,
                         Fixture    *f)
{
  f->n_error_notifies++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->feed = sitrep_alert_feed_new ();
  f->receiver = sitrep_webhook_receiver_new (f->feed);
  g_signal_connect (f->receiver, "notify::last-error", G_CALLBACK (on_last_error_notify_cb), f);
  g_assert_true (sitrep_webhook_receiver_start (f->receiver, 0, SECRET, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sitrep_webhook_receiver_get_port (f->receiver), >, 0);

  f->base = g_strdup_printf ("http://127.0.0.1:%u", sitrep_webhook_receiver_get_port (f->receiver));
  f->url = sitrep_webhook_receiver_dup_url (f->receiver);
  f->session = soup_session_new_with_options ("timeout", 30, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  if (f->receiver != NULL)
    g_assert_finalize_object (f->receiver);
  g_assert_finalize_object (f->feed);
  g_free (f->base);
  g_free (f->url);
}

/* Sends a request to the receiver and returns the status; the answer's
 * body goes to @answer_out and its Allow header to @allow_out. */
static guint
send_full (Fixture     *f,
           const char  *method,
           const char  *url,
           const char  *authorization,
           const char  *body,
           gssize       length,
           gboolean     chunked,
           char       **answer_out,
           char       **allow_out)
{
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (message);
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  authorization);

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize)length);

      if (chunked)
        {
          g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);

          soup_message_set_request_body (message, "application/json", stream, -1);
        }
      else
        soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }

  soup_session_send_and_read_async (f->session, message, G_PRIORITY_DEFAULT, NULL,
                                    test_async_result_cb, &result);
  test_wait_for_result (&result);
  answer = soup_session_send_and_read_finish (f->session, result, &error);
  g_assert_no_error (error);

  if (answer_out != NULL)
    *answer_out = g_strndup (g_bytes_get_size (answer) > 0 ? g_bytes_get_data (answer, NULL) : "",
                             g_bytes_get_size (answer));
  if (allow_out != NULL)
    *allow_out = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                         "Allow"));

  return soup_message_get_status (message);
}

static guint
post (Fixture    *f,
      const char *url,
      const char *body)
{
  return send_full (f, "POST", url, NULL, body, -1, FALSE, NULL, NULL);
}

static guint
n_alerts (Fixture *f)
{
  return g_list_model_get_n_items (sitrep_alert_feed_get_alerts (f->feed));
}

/* After a refusal: a sentence was said, and it does not give the secret
 * away. */
static void
assert_refusal_told (Fixture *f,
                     guint    n_notifies_before)
{
  g_autofree char *from_property = NULL;
  const char *last_error = sitrep_webhook_receiver_get_last_error (f->receiver);

  g_assert_nonnull (last_error);
  g_assert_true (g_utf8_validate (last_error, -1, NULL));
  g_assert_nonnull (strchr (last_error, ' '));
  g_assert_true (g_str_has_suffix (last_error, "."));
  g_assert_null (strstr (last_error, SECRET));
  g_assert_null (strstr (last_error, OTHER_SECRET));
  g_assert_cmpuint (f->n_error_notifies, >, n_notifies_before);

  g_object_get (f->receiver, "last-error", &from_property, NULL);
  g_assert_cmpstr (from_property, ==, last_error);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *valid = one_alert ("group-a", "firing", "aaaa000000000001", "CheckoutDown");
  g_autofree char *wrong_path = g_strconcat (f->base, "/alertmanager/" OTHER_SECRET, NULL);
  g_autofree char *longer_path = g_strconcat (f->url, "x", NULL);
  g_autofree char *shorter_path = g_strndup (f->url, strlen (f->url) - 1);
  g_autofree char *bare_path = g_strconcat (f->base, "/alertmanager", NULL);
  g_autofree char *root_path = g_strconcat (f->base, "/", NULL);
  g_autofree char *answer = NULL;
  g_autofree char *allow = NULL;
  g_autofree char *version_3 = NULL;
  g_autoptr(GString) huge = NULL;
  g_autoptr(GString) deep = NULL;
  guint n;

  g_assert_true (g_str_has_prefix (f->url, f->base));
  g_assert_true (g_str_has_suffix (f->url, "/alertmanager/" SECRET));
  g_assert_null (sitrep_webhook_receiver_get_last_error (f->receiver));

  /* Without the secret, or with another one: 401, nothing said about why,
   * nothing applied. */
  n = f->n_error_notifies;
  g_assert_cmpuint (send_full (f, "POST", wrong_path, NULL, valid, -1, FALSE, &answer, NULL), ==, 401);
  g_assert_cmpstr (answer, ==, "");
  assert_refusal_told (f, n);
  g_assert_cmpuint (post (f, longer_path, valid), ==, 401);
  g_assert_cmpuint (post (f, shorter_path, valid), ==, 401);
  g_assert_cmpuint (post (f, bare_path, valid), ==, 401);
  g_assert_cmpuint (post (f, root_path, valid), ==, 401);
  g_assert_cmpuint (send_full (f, "POST", bare_path, "Bearer " OTHER_SECRET, valid, -1, FALSE, NULL, NULL),
                    ==, 401);
  g_assert_cmpuint (send_full (f, "POST", bare_path, "Basic " SECRET, valid, -1, FALSE, NULL, NULL),
                    ==, 401);
  g_assert_cmpuint (send_full (f, "GET", wrong_path, NULL, NULL, -1, FALSE, NULL, NULL), ==, 401);
  g_assert_cmpuint (n_alerts (f), ==, 0);
  g_assert_cmpuint (sitrep_webhook_receiver_get_n_received (f->receiver), ==, 0);
  g_assert_cmpint (sitrep_webhook_receiver_get_last_received_at (f->receiver), ==, 0);

  /* Only POST. */
  n = f->n_error_notifies;
  g_clear_pointer (&answer, g_free);
  g_assert_cmpuint (send_full (f, "GET", f->url, NULL, NULL, -1, FALSE, &answer, &allow), ==, 405);
  g_assert_cmpstr (allow, ==, "POST");
  assert_refusal_told (f, n);
  g_assert_cmpuint (send_full (f, "PUT", f->url, NULL, valid, -1, FALSE, NULL, NULL), ==, 405);

  /* Not JSON, not an object, another version, no alerts: 400 with a
   * short reason. */
  g_clear_pointer (&answer, g_free);
  n = f->n_error_notifies;
  g_assert_cmpuint (send_full (f, "POST", f->url, NULL, "{\"version\":\"4\",", -1, FALSE, &answer, NULL),
                    ==, 400);
  g_assert_cmpstr (answer, ==, "malformed JSON\n");
  assert_refusal_told (f, n);
  g_assert_nonnull (strstr (sitrep_webhook_receiver_get_last_error (f->receiver), "JSON"));
  g_assert_cmpuint (post (f, f->url, ""), ==, 400);
  g_assert_cmpuint (post (f, f->url, "<html>hello</html>"), ==, 400);

  g_clear_pointer (&answer, g_free);
  g_assert_cmpuint (send_full (f, "POST", f->url, NULL, "[1,2,3]", -1, FALSE, &answer, NULL), ==, 400);
  g_assert_cmpstr (answer, ==, "not a JSON object\n");

  version_3 = notification ("3", "group-a", "");
  g_clear_pointer (&answer, g_free);
  n = f->n_error_notifies;
  g_assert_cmpuint (send_full (f, "POST", f->url, NULL, version_3, -1, FALSE, &answer, NULL), ==, 400);
  g_assert_true (g_str_has_prefix (answer, "unsupported payload version"));
  assert_refusal_told (f, n);
  g_assert_cmpuint (post (f, f->url, "{\"version\":4,\"alerts\":[]}"), ==, 400);
  g_assert_cmpuint (post (f, f->url, "{\"version\":{\"v\":\"4\"},\"alerts\":[]}"), ==, 400);
  g_assert_cmpuint (post (f, f->url, "{\"version\":\"4\",\"alerts\":{}}"), ==, 400);

  /* Nesting as deep as the parser's stack could not take, plainly or
   * behind what only json-glib reads (a comment holding a quote). */
  deep = g_string_new ("{\"version\":\"4\",\"alerts\":[],\"x\":");
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  g_assert_cmpuint (post (f, f->url, deep->str), ==, 400);
  g_string_assign (deep, "{\"version\":\"4\",\"alerts\":[],\"x\":/* \" */");
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  g_assert_cmpuint (post (f, f->url, deep->str), ==, 400);
  g_assert_cmpuint (post (f, f->url, "{'version':'4','alerts':[]}"), ==, 400);

  /* Over the limit: 413, whether the size is announced or not. */
  huge = g_string_new (valid);
  g_string_append_c (huge, ' ');
  while (huge->len <= SITREP_WEBHOOK_MAX_BODY)
    g_string_append (huge, "                                                                ");
  n = f->n_error_notifies;
  g_assert_cmpuint (send_full (f, "POST", f->url, NULL, huge->str, huge->len, FALSE, NULL, NULL), ==, 413);
  assert_refusal_told (f, n);
  g_assert_nonnull (strstr (sitrep_webhook_receiver_get_last_error (f->receiver), "max_alerts"));
  g_assert_cmpuint (send_full (f, "POST", f->url, NULL, huge->str, huge->len, TRUE, NULL, NULL), ==, 413);

  /* Just under the limit is fine. */
  g_string_truncate (huge, SITREP_WEBHOOK_MAX_BODY);
  g_assert_cmpuint (send_full (f, "POST", f->url, NULL, huge->str, huge->len, TRUE, NULL, NULL), ==, 200);

  g_assert_cmpuint (sitrep_webhook_receiver_get_n_received (f->receiver), ==, 1);
  g_assert_nonnull (sitrep_alert_feed_lookup (f->feed, "aaaa000000000001"));
  g_assert_null (sitrep_webhook_receiver_get_last_error (f->receiver));
}

static void
test_accepted (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *bare_path = g_strconcat (f->base, "/alertmanager", NULL);
  g_autofree char *a_firing = one_alert ("group-a", "firing", "aaaa000000000001", "CheckoutDown");
  g_autofree char *a_resolved = one_alert ("group-a", "resolved", "aaaa000000000001", "CheckoutDown");
  g_autofree char *b_firing = one_alert ("group-b", "firing", "bbbb000000000001", "SearchDown");
  g_autofree char *no_fingerprint = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(JsonObject) labels = NULL;
  SitrepAlert *alert;
  gint64 before = g_get_real_time ();
  guint n_received = 0;

  /* The secret as a bearer token at /alertmanager. */
  g_assert_cmpuint (send_full (f, "POST", bare_path, "Bearer " SECRET, a_firing, -1, FALSE, NULL, NULL),
                    ==, 200);
  g_object_get (f->receiver, "n-received", &n_received, NULL);
  g_assert_cmpuint (n_received, ==, 1);
  g_assert_cmpint (sitrep_webhook_receiver_get_last_received_at (f->receiver), >=, before);
  g_assert_cmpint (sitrep_webhook_receiver_get_last_received_at (f->receiver), <=, g_get_real_time ());

  alert = sitrep_alert_feed_lookup (f->feed, "aaaa000000000001");
  g_assert_nonnull (alert);
  g_assert_cmpint (sitrep_alert_get_state (alert), ==, SITREP_ALERT_FIRING);
  g_assert_cmpstr (sitrep_alert_get_source (alert), ==, "webhook");
  g_assert_cmpstr (sitrep_alert_get_name (alert), ==, "CheckoutDown");
  g_assert_cmpstr (sitrep_alert_get_label (alert, "service"), ==, "checkout");
  g_assert_cmpstr (sitrep_alert_get_annotation (alert, "summary"), ==, "<i>latency</i> & errors");
  g_assert_cmpstr (sitrep_alert_get_generator_url (alert), ==, "http://prometheus.example/graph?g0.expr=up");
  g_assert_cmpint (sitrep_alert_get_starts_at (alert), ==, G_GINT64_CONSTANT (1795489808797000));

  /* Each group replaces only its own alerts. */
  g_assert_cmpuint (post (f, f->url, b_firing), ==, 200);
  g_assert_cmpuint (n_alerts (f), ==, 2);
  g_assert_cmpuint (post (f, f->url, a_resolved), ==, 200);
  g_assert_cmpuint (n_alerts (f), ==, 1);
  g_assert_null (sitrep_alert_feed_lookup (f->feed, "aaaa000000000001"));
  g_assert_nonnull (sitrep_alert_feed_lookup (f->feed, "bbbb000000000001"));
  g_assert_cmpuint (sitrep_webhook_receiver_get_n_received (f->receiver), ==, 3);

  /* Without a fingerprint, the one Alertmanager would give. */
  no_fingerprint = notification ("4", "group-c",
                                 "{\"status\":\"firing\",\"labels\":{\"alertname\":\"QueueFull\"}}");
  g_assert_cmpuint (post (f, f->url, no_fingerprint), ==, 200);
  labels = json_object_new ();
  json_object_set_string_member (labels, "alertname", "QueueFull");
  expected = sitrep_alert_fingerprint_labels (labels);
  alert = sitrep_alert_feed_lookup (f->feed, expected);
  g_assert_nonnull (alert);
  g_assert_cmpint (sitrep_alert_get_starts_at (alert), ==, 0);
  g_assert_null (sitrep_alert_get_generator_url (alert));

  /* Stopped, the receiver forgets what it reported: nothing would
   * resolve it any more. */
  sitrep_webhook_receiver_stop (f->receiver);
  g_assert_cmpuint (sitrep_webhook_receiver_get_port (f->receiver), ==, 0);
  g_assert_null (sitrep_webhook_receiver_dup_url (f->receiver));
  g_assert_cmpuint (n_alerts (f), ==, 0);
}

static void
test_hostile_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) labels = g_string_new ("{\"alertname\":\"Hostile\",\"html\":\"<b>bold</b>\","
                                            "\"entity\":\"&amp;\",\"bytes\":\"a\xff\xfe\xc3z\","
                                            "\"k\xff\":\"v\",\"surrogate\":\"x\\ud800y\","
                                            "\"nul\":\"a\\u0000b\",\"big\":\"");
  g_autofree char *alert_text = NULL;
  g_autofree char *body = NULL;
  g_autofree char *expected_big = NULL;
  g_auto(GStrv) names = NULL;
  SitrepAlert *alert;
  const char *big;

  for (guint i = 0; i < 10 * 1024; i++)
    g_string_append_c (labels, 'x');
  g_string_append (labels, "\"}");
  alert_text = alert_json ("firing", "hostile000000001", labels->str);
  body = notification ("4", "{}:{alertname=\\\"Hostile\\\"}", alert_text);
  g_assert_false (g_utf8_validate (body, -1, NULL));

  g_assert_cmpuint (post (f, f->url, body), ==, 200);
  g_assert_null (sitrep_webhook_receiver_get_last_error (f->receiver));

  alert = sitrep_alert_feed_lookup (f->feed, "hostile000000001");
  g_assert_nonnull (alert);

  /* Markup and entities stay as written: they are text, not markup. */
  g_assert_cmpstr (sitrep_alert_get_label (alert, "html"), ==, "<b>bold</b>");
  g_assert_cmpstr (sitrep_alert_get_label (alert, "entity"), ==, "&amp;");
  g_assert_cmpstr (sitrep_alert_get_annotation (alert, "summary"), ==, "<i>latency</i> & errors");

  /* A long label is clipped as the parsers clip. */
  big = sitrep_alert_get_label (alert, "big");
  expected_big = g_strnfill (SITREP_ALERT_TEXT_MAX_CHARS, 'x');
  g_assert_true (g_str_has_prefix (big, expected_big));
  g_assert_cmpstr (big + SITREP_ALERT_TEXT_MAX_CHARS, ==, "…");

  /* Bytes that are not UTF-8, and escapes that make none, become
   * replacement characters. */
  g_assert_cmpstr (sitrep_alert_get_label (alert, "bytes"), ==, "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz");
  g_assert_true (g_utf8_validate (sitrep_alert_get_label (alert, "surrogate"), -1, NULL));
  g_assert_true (g_str_has_prefix (sitrep_alert_get_label (alert, "surrogate"), "x"));
  g_assert_cmpstr (sitrep_alert_get_label (alert, "nul"), ==, "a");
  names = sitrep_alert_dup_label_names (alert);
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (g_utf8_validate (names[i], -1, NULL));
  g_assert_true (g_strv_contains ((const char * const *)names, "k\xef\xbf\xbd"));
}

static void
test_secret_in_url (void)
{
  g_autoptr(SitrepAlertFeed) feed = sitrep_alert_feed_new ();
  g_autoptr(SitrepWebhookReceiver) receiver = sitrep_webhook_receiver_new (feed);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *payload = one_alert ("group-a", "firing", "aaaa000000000001", "CheckoutDown");
  Fixture f = { feed, receiver, NULL, NULL, NULL, 0 };
  const char *secret = "b64+like/secret=value0";

  /* Too short, or with spaces: refused, and not repeated in the error. */
  g_assert_false (sitrep_webhook_receiver_start (receiver, 0, "hunter2", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (strstr (error->message, "hunter2"));
  g_clear_error (&error);
  g_assert_false (sitrep_webhook_receiver_start (receiver, 0, "a secret with some spaces", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (sitrep_webhook_receiver_get_port (receiver), ==, 0);

  /* A secret with characters a path must escape still works pasted. */
  g_assert_true (sitrep_webhook_receiver_start (receiver, 0, secret, &error));
  g_assert_no_error (error);
  url = sitrep_webhook_receiver_dup_url (receiver);
  g_assert_null (strstr (url, secret));
  g_assert_true (g_str_has_suffix (url, "/alertmanager/b64%2Blike%2Fsecret%3Dvalue0"));

  f.session = soup_session_new_with_options ("timeout", 30, NULL);
  g_assert_cmpuint (post (&f, url, payload), ==, 200);
  g_assert_nonnull (sitrep_alert_feed_lookup (feed, "aaaa000000000001"));
  g_clear_object (&f.session);
}

static gboolean
proc_net_has_listener (const char *file,
                       guint       port,
                       const char *address)
{
  g_autofree char *contents = NULL;
  g_autofree char *port_hex = g_strdup_printf (":%04X ", port);
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (file, &contents, NULL, NULL))
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) columns = g_ptr_array_new ();

      for (guint j = 0; fields[j] != NULL; j++)
        if (*fields[j] != '\0')
          g_ptr_array_add (columns, fields[j]);

      /* sl local_address rem_address st …; st 0A is LISTEN. */
      if (columns->len < 4 || !g_str_equal (g_ptr_array_index (columns, 3), "0A"))
        continue;

      {
        g_autofree char *local = g_strconcat (g_ptr_array_index (columns, 1), " ", NULL);

        if (g_str_has_suffix (local, port_hex) &&
            (address == NULL || g_str_has_prefix (local, address)))
          return TRUE;
      }
    }

  return FALSE;
}

static void
test_loopback_only (Fixture       *f,
                    gconstpointer  data)
{
  guint port = sitrep_webhook_receiver_get_port (f->receiver);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("http://127.0.0.1:%u/alertmanager/", port);
  guint from_property = 0;

  g_object_get (f->receiver, "port", &from_property, NULL);
  g_assert_cmpuint (from_property, ==, port);
  g_assert_true (g_str_has_prefix (f->url, expected));

  /* The kernel's list of listening sockets: 127.0.0.1 (0100007F) only,
   * no IPv6 socket. */
  if (g_file_test ("/proc/net/tcp", G_FILE_TEST_EXISTS))
    {
      g_assert_true (proc_net_has_listener ("/proc/net/tcp", port, "0100007F:"));
      g_assert_false (proc_net_has_listener ("/proc/net/tcp", port, "00000000:"));
      g_assert_false (proc_net_has_listener ("/proc/net/tcp6", port, NULL));
    }

  /* Reached on 127.0.0.1, and not on another loopback address, which a
   * socket bound to every address would answer. */
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&connection);
  connection = g_socket_client_connect_to_host (client, "127.0.0.2", port, NULL, &error);
  g_assert_null (connection);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
test_port_in_use (void)
{
  g_autoptr(SitrepAlertFeed) feed = sitrep_alert_feed_new ();
  g_autoptr(SitrepWebhookReceiver) receiver = sitrep_webhook_receiver_new (feed);
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = NULL;
  guint port;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  g_assert_true (g_socket_listen (socket, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  g_assert_false (sitrep_webhook_receiver_start (receiver, port, SECRET, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  port_text = g_strdup_printf ("%u", port);
  g_assert_nonnull (strstr (error->message, port_text));
  g_assert_null (strstr (error->message, SECRET));
  g_assert_cmpuint (sitrep_webhook_receiver_get_port (receiver), ==, 0);
  g_assert_null (sitrep_webhook_receiver_dup_url (receiver));

  /* Another port works. */
  g_clear_error (&error);
  g_assert_true (sitrep_webhook_receiver_start (receiver, 0, SECRET, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sitrep_webhook_receiver_get_port (receiver), !=, port);
}

static void
on_wrote_body_cb (SoupMessage *message,
                  gboolean    *wrote)
{
  *wrote = TRUE;
}

static void
test_stop_while_parsing (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GString) alerts = g_string_new (NULL);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  gboolean wrote = FALSE;

  /* About 7 MB: thousands of alerts, long enough to parse that the stop
   * comes while the worker is at it. */
  for (guint i = 0; alerts->len < 7 * 1000 * 1000; i++)
    {
      g_autofree char *fingerprint = g_strdup_printf ("%016x", i);
      g_autofree char *name = g_strdup_printf ("Alert%u", i);
      g_autofree char *labels = g_strdup_printf ("{\"alertname\":\"%s\",\"service\":\"checkout\"}", name);
      g_autofree char *alert = alert_json ("firing", fingerprint, labels);

      if (alerts->len > 0)
        g_string_append_c (alerts, ',');
      g_string_append (alerts, alert);
    }
  body = notification ("4", "group-big", alerts->str);
  g_assert_cmpuint (strlen (body), <, SITREP_WEBHOOK_MAX_BODY);

  message = soup_message_new ("POST", f->url);
  bytes = g_bytes_new (body, strlen (body));
  soup_message_set_request_body_from_bytes (message, "application/json", bytes);
  g_signal_connect (message, "wrote-body", G_CALLBACK (on_wrote_body_cb), &wrote);
  soup_session_send_and_read_async (f->session, message, G_PRIORITY_DEFAULT, NULL,
                                    test_async_result_cb, &result);

  /* Once the whole body is sent, let the receiver read it and start the
   * parse, then stop it and let it go. */
  while (!wrote)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_pending (NULL) && result == NULL)
    g_main_context_iteration (NULL, FALSE);
  if (result != NULL)
    g_test_message ("The parse finished before the stop");

  sitrep_webhook_receiver_stop (f->receiver);
  g_assert_finalize_object (g_steal_pointer (&f->receiver));

  /* The client learns the connection is gone; the parse finishes in
   * the meantime and must leave everything alone. */
  test_wait_for_result (&result);
  answer = soup_session_send_and_read_finish (f->session, result, &error);
  if (error != NULL)
    g_test_message ("The client saw: %s", error->message);
  run_for (1000);

  g_assert_cmpuint (n_alerts (f), ==, 0);
}

/* The real Alertmanager. */

typedef struct
{
  SitrepAlertFeed *feed;
  const char      *fingerprint;
} Lookup;

static gboolean
is_firing (gpointer data)
{
  Lookup *lookup = data;
  SitrepAlert *alert = sitrep_alert_feed_lookup (lookup->feed, lookup->fingerprint);

  return alert != NULL && sitrep_alert_get_state (alert) == SITREP_ALERT_FIRING;
}

static gboolean
is_gone (gpointer data)
{
  Lookup *lookup = data;

  return sitrep_alert_feed_lookup (lookup->feed, lookup->fingerprint) == NULL;
}

static void
on_feed_changed_cb (SitrepAlertFeed *feed,
                    SitrepAlert     *alert,
                    int              change,
                    GArray          *changes)
{
  g_array_append_val (changes, change);
}

static char *
iso8601 (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format_iso8601 (time);
}

static void
test_real_alertmanager (void)
{
  g_autoptr(SitrepAlertFeed) feed = sitrep_alert_feed_new ();
  g_autoptr(SitrepWebhookReceiver) receiver = sitrep_webhook_receiver_new (feed);
  g_autoptr(SitrepTestServers) servers = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(JsonObject) labels = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *post_url = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *starts_at = NULL;
  g_autofree char *ends_at = NULL;
  g_autofree char *firing = NULL;
  g_autofree char *resolved = NULL;
  gint64 now = g_get_real_time () / G_TIME_SPAN_SECOND;
  SitrepAlert *alert;
  Lookup lookup;
  guint n_received;

  g_assert_true (sitrep_webhook_receiver_start (receiver, 0, SECRET, &error));
  g_assert_no_error (error);
  url = sitrep_webhook_receiver_dup_url (receiver);

  servers = sitrep_test_servers_start_with_webhook ("groups: []\n", url);
  if (servers == NULL)
    {
      g_test_skip ("Prometheus, Alertmanager or the Pushgateway is not installed");
      return;
    }

  g_signal_connect (feed, "changed", G_CALLBACK (on_feed_changed_cb), changes);

  json_object_set_string_member (labels, "alertname", "CheckoutWebhookDown");
  json_object_set_string_member (labels, "service", "checkout");
  json_object_set_string_member (labels, "severity", "critical");
  fingerprint = sitrep_alert_fingerprint_labels (labels);
  lookup.feed = feed;
  lookup.fingerprint = fingerprint;

  /* Posted to Alertmanager, it comes through the webhook as it is. */
  starts_at = iso8601 (now - 60);
  ends_at = iso8601 (now + 3600);
  post_url = g_strconcat (sitrep_test_servers_alertmanager (servers), "/api/v2/alerts", NULL);
  firing = g_strdup_printf ("[{\"labels\":{\"alertname\":\"CheckoutWebhookDown\",\"service\":\"checkout\","
                            "\"severity\":\"critical\"},"
                            "\"annotations\":{\"summary\":\"<b>Checkout</b> down & out\"},"
                            "\"generatorURL\":\"http://prometheus.example/graph?g0.expr=up\","
                            "\"startsAt\":\"%s\",\"endsAt\":\"%s\"}]",
                            starts_at, ends_at);
  sitrep_test_servers_post (post_url, "application/json", firing);

  wait_for (is_firing, &lookup, 20, "The alert's arrival through the webhook");
  alert = sitrep_alert_feed_lookup (feed, fingerprint);
  g_assert_cmpstr (sitrep_alert_get_source (alert), ==, "webhook");
  g_assert_cmpstr (sitrep_alert_get_name (alert), ==, "CheckoutWebhookDown");
  g_assert_cmpstr (sitrep_alert_get_label (alert, "service"), ==, "checkout");
  g_assert_cmpstr (sitrep_alert_get_label (alert, "severity"), ==, "critical");
  g_assert_cmpstr (sitrep_alert_get_annotation (alert, "summary"), ==, "<b>Checkout</b> down & out");
  g_assert_cmpstr (sitrep_alert_get_generator_url (alert), ==, "http://prometheus.example/graph?g0.expr=up");
  g_assert_cmpint (sitrep_alert_get_starts_at (alert), ==, (now - 60) * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_alert_feed_get_alerts (feed)), ==, 1);
  n_received = sitrep_webhook_receiver_get_n_received (receiver);
  g_assert_cmpuint (n_received, >=, 1);
  g_assert_cmpint (sitrep_webhook_receiver_get_last_received_at (receiver), >=, now * G_TIME_SPAN_SECOND);
  g_assert_null (sitrep_webhook_receiver_get_last_error (receiver));
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpint (g_array_index (changes, int, 0), ==, SITREP_ALERT_CHANGE_NEW);

  /* Ended now, it resolves; Alertmanager says so and it leaves the feed. */
  g_clear_pointer (&ends_at, g_free);
  ends_at = iso8601 (now);
  resolved = g_strdup_printf ("[{\"labels\":{\"alertname\":\"CheckoutWebhookDown\",\"service\":\"checkout\","
                              "\"severity\":\"critical\"},"
                              "\"startsAt\":\"%s\",\"endsAt\":\"%s\"}]",
                              starts_at, ends_at);
  sitrep_test_servers_post (post_url, "application/json", resolved);

  wait_for (is_gone, &lookup, 20, "The alert's resolution through the webhook");
  g_assert_cmpuint (sitrep_webhook_receiver_get_n_received (receiver), >, n_received);
  g_assert_cmpint (g_array_index (changes, int, changes->len - 1), ==, SITREP_ALERT_CHANGE_RESOLVED);
  g_assert_null (sitrep_webhook_receiver_get_last_error (receiver));

  g_signal_handlers_disconnect_by_func (feed, on_feed_changed_cb, changes);
  g_clear_pointer (&servers, sitrep_test_servers_stop);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/webhook/real-alertmanager", test_real_alertmanager);
  g_test_add ("/webhook/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/webhook/accepted", Fixture, NULL, fixture_set_up, test_accepted, fixture_tear_down);
  g_test_add ("/webhook/hostile-text", Fixture, NULL, fixture_set_up, test_hostile_text, fixture_tear_down);
  g_test_add_func ("/webhook/secret-in-url", test_secret_in_url);
  g_test_add ("/webhook/loopback-only", Fixture, NULL, fixture_set_up, test_loopback_only, fixture_tear_down);
  g_test_add_func ("/webhook/port-in-use", test_port_in_use);
  g_test_add ("/webhook/stop-while-parsing", Fixture, NULL, fixture_set_up, test_stop_while_parsing,
              fixture_tear_down);

  return g_test_run ();
}
