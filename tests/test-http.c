/* test-http.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The HTTP client against a loopback server that answers as real servers
 * do when things go wrong: refused credentials, rate limits with
 * Retry-After, server errors, web pages instead of JSON, cut answers,
 * answers too large, no answer at all, nobody listening. */

#include "config.h"

#include <string.h>

#include "sitrep-http.h"

#include "test-utils.h"

#define TOKEN "Bearer s3cret-token"

typedef struct
{
  SoupServer *server;
  GUri       *base;
  SitrepHttp *http;
  char       *last_user_agent;
  char       *last_authorization;
  GPtrArray  *paused;
} Fixture;

static void
serve (SoupServerMessage *msg,
       guint              status,
       const char        *content_type,
       const char        *body,
       gssize             length)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body,
                                      length < 0 ? strlen (body) : (gsize)length);
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);

  g_free (f->last_user_agent);
  f->last_user_agent = g_strdup (soup_message_headers_get_one (request_headers, "User-Agent"));
  g_free (f->last_authorization);
  f->last_authorization = g_strdup (soup_message_headers_get_one (request_headers, "Authorization"));

  if (g_str_equal (path, "/ok"))
    serve (msg, 200, "application/json", "{\"status\":\"success\",\"data\":[1,2,3]}", -1);
  else if (g_str_equal (path, "/hostile"))
    {
      g_autoptr(GString) body = g_string_new ("{\"labels\":{\"summary\":\"<b>bold</b> & \\u0000 ");

      for (int i = 0; i < 10 * 1024; i++)
        g_string_append_c (body, 'x');
      g_string_append (body, "\"}}");
      serve (msg, 200, "application/json", body->str, body->len);
    }
  else if (g_str_equal (path, "/unauthorized"))
    serve (msg, 401, "application/json", "{\"error\":\"bad token\"}", -1);
  else if (g_str_equal (path, "/missing"))
    serve (msg, 404, "text/plain", "404 page not found", -1);
  else if (g_str_equal (path, "/rate-limited"))
    {
      soup_message_headers_replace (response_headers, "Retry-After", "7");
      serve (msg, 429, "application/json", "{\"error\":\"rate limited\"}", -1);
    }
  else if (g_str_equal (path, "/statuspage-limit"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 120);
      g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);

      soup_message_headers_replace (response_headers, "Retry-After", date);
      serve (msg, 420, "application/json", "{\"error\":\"Enhance your calm\"}", -1);
    }
  else if (g_str_equal (path, "/unavailable"))
    serve (msg, 503, "text/html", "<html>down</html>", -1);
  else if (g_str_equal (path, "/html"))
    serve (msg, 200, "text/html", "\n  <!DOCTYPE html><html><body>Sign in</body></html>", -1);
  else if (g_str_equal (path, "/truncated"))
    serve (msg, 200, "application/json", "{\"status\":\"success\",\"data\":[1,2,", -1);
  else if (g_str_equal (path, "/not-utf8"))
    serve (msg, 200, "application/json", "{\"name\":\"\xff\xfe\"}", -1);
  else if (g_str_equal (path, "/empty"))
    serve (msg, 200, "application/json", "", 0);
  else if (g_str_equal (path, "/huge") || g_str_equal (path, "/huge-chunked"))
    {
      g_autofree char *body = g_malloc (4096);

      memset (body, ' ', 4096);
      body[0] = '[';
      body[4095] = ']';
      if (g_str_equal (path, "/huge-chunked"))
        soup_message_headers_set_encoding (response_headers, SOUP_ENCODING_CHUNKED);
      serve (msg, 200, "application/json", body, 4096);
    }
  else if (g_str_equal (path, "/silent"))
    {
      /* Never answers. */
      soup_server_message_pause (msg);
      g_ptr_array_add (f->paused, g_object_ref (msg));
    }
  else
    serve (msg, 500, "text/plain", "unexpected", -1);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, handler_cb, f, NULL);
  g_assert_true (soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);

  uris = soup_server_get_uris (f->server);
  f->base = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  f->http = sitrep_http_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* The worker thread that parsed the last answer may still hold its task,
   * and through it the client, for a moment. */
  {
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
  }
  for (guint i = 0; i < f->paused->len; i++)
    soup_server_message_unpause (g_ptr_array_index (f->paused, i));
  g_clear_pointer (&f->paused, g_ptr_array_unref);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->base, g_uri_unref);
  g_clear_pointer (&f->last_user_agent, g_free);
  g_clear_pointer (&f->last_authorization, g_free);
}

static char *
url (Fixture    *f,
     const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%d%s", g_uri_get_port (f->base), path);
}

static JsonNode *
get (Fixture     *f,
     const char  *path,
     gint64      *retry_after,
     GError     **error)
{
  g_autofree char *address = url (f, path);
  g_autoptr(GAsyncResult) result = NULL;

  sitrep_http_get_json_async (f->http, address, TOKEN, NULL, test_async_result_cb, &result);
  test_wait_for_result (&result);
  return sitrep_http_get_json_finish (f->http, result, retry_after, error);
}

static void
expect_error (Fixture    *f,
              const char *path,
              int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = get (f, path, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, SITREP_SOURCE_ERROR, code);
  /* The message names the server, never the credentials or the query. */
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_null (strstr (error->message, "s3cret"));
  g_assert_null (strstr (error->message, "key="));
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = get (f, "/ok?query=up", NULL, &error);
  g_autofree char *expected_agent = g_strdup_printf ("Sitrep/%s", PACKAGE_VERSION);
  JsonObject *object;

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "success");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "data")), ==, 3);

  g_assert_cmpstr (f->last_user_agent, ==, expected_agent);
  g_assert_cmpstr (f->last_authorization, ==, TOKEN);
}

static void
test_hostile_strings_parse (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = get (f, "/hostile", NULL, &error);
  JsonObject *labels;

  g_assert_no_error (error);
  labels = json_object_get_object_member (json_node_get_object (node), "labels");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (labels, "summary"), "<b>bold</b> & "));
}

static void
test_http_errors (Fixture       *f,
                  gconstpointer  data)
{
  expect_error (f, "/unauthorized?key=s3cret", SITREP_SOURCE_ERROR_AUTH);
  expect_error (f, "/missing", SITREP_SOURCE_ERROR_NOT_FOUND);
  expect_error (f, "/unavailable", SITREP_SOURCE_ERROR_SERVER);
  expect_error (f, "/unexpected", SITREP_SOURCE_ERROR_SERVER);
}

static void
test_rate_limits (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  gint64 retry_after = -1;
  g_autoptr(JsonNode) node = get (f, "/rate-limited", &retry_after, &error);
  g_autoptr(JsonNode) node2 = NULL;

  g_assert_null (node);
  g_assert_error (error, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_RATE_LIMITED);
  g_assert_cmpint (retry_after, ==, 7 * G_TIME_SPAN_SECOND);

  /* Statuspage answers 420 with a date. */
  node2 = get (f, "/statuspage-limit", &retry_after, &error2);
  g_assert_null (node2);
  g_assert_error (error2, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_RATE_LIMITED);
  g_assert_cmpint (retry_after, >, 100 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (retry_after, <=, 120 * G_TIME_SPAN_SECOND);
}

static void
test_not_json (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = get (f, "/html", NULL, &error);

  g_assert_error (error, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "web page"));

  expect_error (f, "/truncated", SITREP_SOURCE_ERROR_MALFORMED);
  expect_error (f, "/not-utf8", SITREP_SOURCE_ERROR_MALFORMED);
  expect_error (f, "/empty", SITREP_SOURCE_ERROR_MALFORMED);
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  sitrep_http_set_max_body (f->http, 1024);
  expect_error (f, "/huge", SITREP_SOURCE_ERROR_TOO_LARGE);
  expect_error (f, "/huge-chunked", SITREP_SOURCE_ERROR_TOO_LARGE);

  /* Within the limit, the same answer is fine. */
  sitrep_http_set_max_body (f->http, 4096);
  node = get (f, "/huge", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  sitrep_http_set_timeouts (f->http, 5, 1);
  expect_error (f, "/silent", SITREP_SOURCE_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_TIME_SPAN_SECOND);
}

static void
test_nobody_listening (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *address = NULL;

  /* A port that was free a moment ago and that nobody listens on. */
  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  address = g_strdup_printf ("http://127.0.0.1:%u/api/v1/alerts",
                             g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  sitrep_http_get_json_async (f->http, address, NULL, NULL, test_async_result_cb, &result);
  test_wait_for_result (&result);
  node = sitrep_http_get_json_finish (f->http, result, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_CONNECT);
}

static void
test_cancel_and_bad_address (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *address = url (f, "/silent");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  sitrep_http_get_json_async (f->http, address, NULL, cancellable, test_async_result_cb, &result);
  g_cancellable_cancel (cancellable);
  test_wait_for_result (&result);
  g_assert_null (sitrep_http_get_json_finish (f->http, result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  sitrep_http_get_json_async (f->http, "file:///etc/passwd", NULL, NULL, test_async_result_cb, &result2);
  test_wait_for_result (&result2);
  g_assert_null (sitrep_http_get_json_finish (f->http, result2, NULL, &error2));
  g_assert_error (error2, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_CLIENT);
}

static gpointer
count_data_cb (JsonNode  *root,
               gpointer   user_data,
               GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  guint *count;

  /* On the worker thread, never the main one. */
  g_assert_false (g_main_context_is_owner (g_main_context_default ()));

  if (object == NULL || !json_object_has_member (object, (const char *)user_data))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no data member");
      return NULL;
    }

  count = g_new (guint, 1);
  *count = json_array_get_length (json_object_get_array_member (object, user_data));
  return count;
}

static void
test_parse_on_worker (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *ok = url (f, "/ok");
  g_autofree char *hostile = url (f, "/hostile");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint *count = NULL;

  sitrep_http_get_async (f->http, ok, NULL, count_data_cb, (gpointer)"data", g_free, NULL,
                         test_async_result_cb, &result);
  test_wait_for_result (&result);
  count = sitrep_http_get_finish (f->http, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (*count, ==, 3);

  /* What the parse function refuses is a malformed answer. */
  sitrep_http_get_async (f->http, hostile, NULL, count_data_cb, (gpointer)"data", g_free, NULL,
                         test_async_result_cb, &result2);
  test_wait_for_result (&result2);
  g_assert_null (sitrep_http_get_finish (f->http, result2, NULL, &error));
  g_assert_error (error, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "no data member"));
}

static void
test_backoff (void)
{
  g_assert_cmpint (sitrep_http_backoff_delay (1, 0, 0.0), ==, G_TIME_SPAN_SECOND / 2);
  g_assert_cmpint (sitrep_http_backoff_delay (1, 0, 1.0), ==, G_TIME_SPAN_SECOND);
  g_assert_cmpint (sitrep_http_backoff_delay (4, 0, 0.0), ==, 4 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (sitrep_http_backoff_delay (4, 0, 1.0), ==, 8 * G_TIME_SPAN_SECOND);
  /* Capped at five minutes, however many failures. */
  g_assert_cmpint (sitrep_http_backoff_delay (40, 0, 1.0), ==, SITREP_HTTP_BACKOFF_CAP);
  g_assert_cmpint (sitrep_http_backoff_delay (G_MAXUINT, 0, 0.0), ==, SITREP_HTTP_BACKOFF_CAP / 2);
  /* Retry-After wins when longer. */
  g_assert_cmpint (sitrep_http_backoff_delay (1, 90 * G_TIME_SPAN_SECOND, 0.5), ==, 90 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (sitrep_http_backoff_delay (12, G_TIME_SPAN_SECOND, 0.0), ==, SITREP_HTTP_BACKOFF_CAP / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/http/json", test_json);
  ADD ("/http/hostile-strings-parse", test_hostile_strings_parse);
  ADD ("/http/http-errors", test_http_errors);
  ADD ("/http/rate-limits", test_rate_limits);
  ADD ("/http/not-json", test_not_json);
  ADD ("/http/too-large", test_too_large);
  ADD ("/http/timeout", test_timeout);
  ADD ("/http/nobody-listening", test_nobody_listening);
  ADD ("/http/cancel-and-bad-address", test_cancel_and_bad_address);
  ADD ("/http/parse-on-worker", test_parse_on_worker);
#undef ADD
  g_test_add_func ("/http/backoff", test_backoff);

  return g_test_run ();
}
