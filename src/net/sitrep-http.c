/* sitrep-http.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The one way Sitrep speaks HTTP: a shared SoupSession with TLS always
 * verified, a User-Agent naming the version, a connect timeout and a
 * timeout on the whole request, a limit on the size of an answer, and JSON
 * parsed on a worker thread. Every failure becomes a SITREP_SOURCE_ERROR
 * whose message says what went wrong in words a person can act on, naming
 * the server but never the credentials or the query. */

#define G_LOG_DOMAIN "sitrep-http"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sitrep-http.h"

#define READ_CHUNK (64 * 1024)
#define REFUSAL_MAX (64 * 1024)

struct _SitrepHttp
{
  GObject      parent_instance;

  SoupSession *session;
  guint        request_timeout;
  gsize        max_body;
};

G_DEFINE_FINAL_TYPE (SitrepHttp, sitrep_http, G_TYPE_OBJECT)

G_DEFINE_QUARK (sitrep-source-error-quark, sitrep_source_error)

typedef struct
{
  SoupMessage  *message;
  GCancellable *cancellable;  /* ours: cancelled by the caller's or by the timeout */
  GCancellable *caller;
  gulong        caller_handler;
  guint         timeout_id;
  GByteArray   *body;
  char         *where;        /* the address without credentials or query, for messages */
  gsize         max_body;
  guint         request_timeout;
  gint64        retry_after;
  SitrepHttpParseFunc parse_func;
  gpointer      parse_data;
  GDestroyNotify result_free;
  guint         timed_out : 1;
  guint         refused : 1;  /* a 4xx whose body says why */
} Request;

static void
request_free (Request *request)
{
  g_clear_handle_id (&request->timeout_id, g_source_remove);
  if (request->caller != NULL)
    g_cancellable_disconnect (request->caller, request->caller_handler);
  g_clear_object (&request->caller);
  g_clear_object (&request->cancellable);
  g_clear_object (&request->message);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_clear_pointer (&request->where, g_free);
  g_free (request);
}

static void
sitrep_http_finalize (GObject *object)
{
  SitrepHttp *self = (SitrepHttp *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (sitrep_http_parent_class)->finalize (object);
}

static void
sitrep_http_class_init (SitrepHttpClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sitrep_http_finalize;
}

static void
sitrep_http_init (SitrepHttp *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Sitrep/%s", PACKAGE_VERSION);

  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", SITREP_HTTP_CONNECT_TIMEOUT_DEFAULT,
                                                 NULL);
  self->request_timeout = SITREP_HTTP_REQUEST_TIMEOUT_DEFAULT;
  self->max_body = SITREP_HTTP_MAX_BODY_DEFAULT;
}

/**
 * sitrep_http_new:
 *
 * Returns: (transfer full): the HTTP client; one serves the whole
 *   application, so connections are shared
 */
SitrepHttp *
sitrep_http_new (void)
{
  return g_object_new (SITREP_TYPE_HTTP, NULL);
}

/**
 * sitrep_http_set_timeouts:
 * @connect_seconds: the longest wait to connect, and for each read or write
 * @request_seconds: the longest a whole request may take
 */
void
sitrep_http_set_timeouts (SitrepHttp *self,
                          guint       connect_seconds,
                          guint       request_seconds)
{
  g_return_if_fail (SITREP_IS_HTTP (self));
  g_return_if_fail (connect_seconds > 0 && request_seconds > 0);

  soup_session_set_timeout (self->session, connect_seconds);
  self->request_timeout = request_seconds;
}

/**
 * sitrep_http_set_max_body:
 * @max_bytes: the largest answer accepted
 */
void
sitrep_http_set_max_body (SitrepHttp *self,
                          gsize       max_bytes)
{
  g_return_if_fail (SITREP_IS_HTTP (self));
  g_return_if_fail (max_bytes > 0);

  self->max_body = max_bytes;
}

static gboolean
on_request_timeout_cb (gpointer user_data)
{
  Request *request = user_data;

  request->timeout_id = 0;
  request->timed_out = TRUE;
  g_cancellable_cancel (request->cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled_cb (GCancellable *caller,
                        GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

/* Maps a transport failure to a source error, or passes a cancellation by
 * the caller through as it is. */
static void
return_transport_error (GTask   *task,
                        Request *request,
                        GError  *error)
{
  if (request->timed_out)
    {
      g_task_return_new_error (task, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_TIMEOUT,
                               /* Translators: %s is a server address; %u a number of seconds. */
                               _("%s did not answer within %u seconds. It may be overloaded, or "
                                 "a firewall may be dropping the connection."),
                               request->where, request->request_timeout);
      g_error_free (error);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }

  if (error->domain == G_TLS_ERROR)
    g_task_return_new_error (task, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_TLS,
                             /* Translators: the first %s is a server address, the second the reason. */
                             _("The secure connection to %s failed: %s. Sitrep always checks "
                               "certificates; install the server’s certificate authority on this "
                               "computer."),
                             request->where, error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_task_return_new_error (task, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_TIMEOUT,
                             /* Translators: %s is a server address. */
                             _("%s did not answer in time. It may be overloaded, or a firewall "
                               "may be dropping the connection."),
                             request->where);
  else
    g_task_return_new_error (task, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_CONNECT,
                             /* Translators: the first %s is a server address, the second the reason. */
                             _("Cannot reach %s: %s. Check the address and that the server is "
                               "running."),
                             request->where, error->message);
  g_error_free (error);
}

/* Retry-After: a number of seconds or an HTTP date. */
static gint64
parse_retry_after (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *end = NULL;
  guint64 seconds;

  if (value == NULL)
    return 0;

  seconds = g_ascii_strtoull (value, &end, 10);
  if (end != value && *end == '\0')
    return (gint64)MIN (seconds, 86400) * G_TIME_SPAN_SECOND;

  if (!(date = soup_date_time_new_from_http_string (value)))
    return 0;

  now = g_date_time_new_now_utc ();
  return CLAMP (g_date_time_difference (date, now), 0, 86400 * G_TIME_SPAN_SECOND);
}

/* Returns TRUE if the status is a success; otherwise returns the error. */
static gboolean
check_status (GTask   *task,
              Request *request)
{
  guint status = soup_message_get_status (request->message);
  const char *phrase = soup_message_get_reason_phrase (request->message);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return TRUE;

  if (phrase == NULL || !g_utf8_validate (phrase, -1, NULL))
    phrase = "";

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    g_task_return_new_error (task, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_AUTH,
                             /* Translators: %s is a server address, %u an HTTP status. */
                             _("%s refused the credentials (HTTP %u). Check the token or the "
                               "user name and password of this source in Preferences."),
                             request->where, status);
  else if (status == SOUP_STATUS_NOT_FOUND)
    g_task_return_new_error (task, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_NOT_FOUND,
                             /* Translators: %s is a server address. */
                             _("There is nothing at %s (HTTP 404). Check the address: it should "
                               "name the server, such as http://prometheus:9090, without the API "
                               "path."),
                             request->where);
  else if (status == 429 || status == 420)
    {
      request->retry_after = parse_retry_after (request->message);
      g_task_return_new_error (task, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_RATE_LIMITED,
                               /* Translators: %s is a server address, %u an HTTP status. */
                               _("%s asks Sitrep to slow down (HTTP %u); it will wait before "
                                 "asking again."),
                               request->where, status);
    }
  else if (status >= 500)
    {
      request->retry_after = parse_retry_after (request->message);
      g_task_return_new_error (task, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_SERVER,
                               /* Translators: %s is a server address, %u an HTTP status, the last %s its reason. */
                               _("%s failed to answer (HTTP %u %s). The problem is on the server; "
                                 "Sitrep will try again."),
                               request->where, status, phrase);
    }
  else
    {
      /* Read why (a bad query, a bad silence): servers say it in the body. */
      request->refused = TRUE;
      request->max_body = MIN (request->max_body, REFUSAL_MAX);
      return TRUE;
    }

  return FALSE;
}

/* The reason a server gives for refusing a request: Prometheus' "error",
 * Alertmanager's and Grafana's "message", a bare JSON string, or the first
 * line of plain text; cut short, and only if it is text. */
static char *
dup_refusal_reason (GByteArray *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *text = NULL;
  JsonNode *root;
  const char *reason = NULL;

  if (body->len == 0 || !g_utf8_validate ((const char *)body->data, body->len, NULL))
    return NULL;

  text = g_strndup ((const char *)body->data, body->len);
  if (json_parser_load_from_data (parser, text, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL)
    {
      if (JSON_NODE_HOLDS_VALUE (root) && json_node_get_value_type (root) == G_TYPE_STRING)
        reason = json_node_get_string (root);
      else if (JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonObject *object = json_node_get_object (root);
          const char * const members[] = { "error", "message", "detail" };

          for (guint i = 0; reason == NULL && i < G_N_ELEMENTS (members); i++)
            {
              JsonNode *node = json_object_get_member (object, members[i]);

              if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
                reason = json_node_get_string (node);
            }
        }
    }
  else
    {
      g_strdelimit (text, "\r", '\n');
      reason = g_strstrip (text);
      if (strchr (reason, '\n') != NULL)
        *strchr (reason, '\n') = '\0';
    }

  if (reason == NULL || *reason == '\0')
    return NULL;

  if (g_utf8_strlen (reason, -1) > 300)
    {
      g_autofree char *start = g_utf8_substring (reason, 0, 300);

      return g_strconcat (start, "…", NULL);
    }

  return g_strdup (reason);
}

static void
return_refusal (GTask   *task,
                Request *request)
{
  guint status = soup_message_get_status (request->message);
  g_autofree char *reason = dup_refusal_reason (request->body);

  if (reason != NULL)
    g_task_return_new_error (task, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_CLIENT,
                             /* Translators: a server address, an HTTP status, the server's own reason. */
                             _("%s refused the request (HTTP %u): %s"),
                             request->where, status, reason);
  else
    g_task_return_new_error (task, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_CLIENT,
                             /* Translators: %s is a server address, %u an HTTP status. */
                             _("%s refused the request (HTTP %u)."),
                             request->where, status);
}

static void
return_too_large (GTask   *task,
                  Request *request)
{
  g_autofree char *limit = g_format_size (request->max_body);

  g_task_return_new_error (task, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_TOO_LARGE,
                           /* Translators: the first %s is a server address, the second a size such as "32.0 MB". */
                           _("The answer from %s is larger than %s, the most Sitrep accepts. "
                             "Narrow the query, or raise the limit."),
                           request->where, limit);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  const char *data = (const char *)request->body->data;
  gsize len = request->body->len;

  if (len == 0 || !g_utf8_validate (data, len, NULL) ||
      !json_parser_load_from_data (parser, data, len, &error) ||
      json_parser_get_root (parser) == NULL)
    {
      gsize skip = 0;

      while (skip < len && g_ascii_isspace (data[skip]))
        skip++;

      if (skip < len && data[skip] == '<')
        g_task_return_new_error (task, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_MALFORMED,
                                 /* Translators: %s is a server address. */
                                 _("%s answered with a web page instead of JSON. The address may "
                                   "point at a login page or a proxy."),
                                 request->where);
      else
        g_task_return_new_error (task, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_MALFORMED,
                                 /* Translators: %s is a server address. */
                                 _("The answer from %s is not valid JSON; it may have been cut "
                                   "short."),
                                 request->where);
      return;
    }

  if (request->parse_func == NULL)
    {
      g_task_return_pointer (task, json_parser_steal_root (parser), (GDestroyNotify)json_node_unref);
      return;
    }

  {
    gpointer parsed = request->parse_func (json_parser_get_root (parser), request->parse_data, &error);

    if (parsed == NULL)
      {
        g_autofree char *message = g_strdup (error != NULL ? error->message : "");

        g_task_return_new_error (task, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_MALFORMED,
                                 /* Translators: the first %s is a server address, the second what is wrong. */
                                 _("The answer from %s is not what was expected: %s"),
                                 request->where, message);
        return;
      }

    g_task_return_pointer (task, parsed, request->result_free);
  }
}

static void read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
read_more (GTask        *task,
           GInputStream *stream)
{
  Request *request = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (stream, READ_CHUNK, G_PRIORITY_DEFAULT, request->cancellable,
                                   read_cb, task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  GInputStream *stream = G_INPUT_STREAM (object);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  if (!(bytes = g_input_stream_read_bytes_finish (stream, result, &error)))
    {
      return_transport_error (task, request, error);
      g_object_unref (task);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      /* The whole answer is in: the timer stops, the parse runs aside. */
      g_clear_handle_id (&request->timeout_id, g_source_remove);
      if (request->refused)
        return_refusal (task, request);
      else
        g_task_run_in_thread (task, parse_thread);
      g_object_unref (task);
      return;
    }

  if (request->body->len + g_bytes_get_size (bytes) > request->max_body)
    {
      g_cancellable_cancel (request->cancellable);
      if (request->refused)
        {
          g_byte_array_set_size (request->body, 0);
          return_refusal (task, request);
        }
      else
        return_too_large (task, request);
      g_object_unref (task);
      return;
    }

  g_byte_array_append (request->body, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  read_more (task, stream);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  goffset length;
  GError *error = NULL;

  if (!(stream = soup_session_send_finish (SOUP_SESSION (object), result, &error)))
    {
      return_transport_error (task, request, error);
      g_object_unref (task);
      return;
    }

  if (!check_status (task, request))
    {
      g_object_unref (task);
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (request->message));
  if (length > 0 && (guint64)length > request->max_body && !request->refused)
    {
      return_too_large (task, request);
      g_object_unref (task);
      return;
    }

  read_more (task, stream);
}

/**
 * sitrep_http_get_json_async:
 * @url: an http or https address
 * @authorization: (nullable): the Authorization header's value; it is
 *   sent and never shown, logged or kept
 * @cancellable: (nullable): cancels the request
 *
 * Fetches @url and parses the answer as JSON on a worker thread.
 */
void
sitrep_http_get_json_async (SitrepHttp          *self,
                            const char          *url,
                            const char          *authorization,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  sitrep_http_get_async (self, url, authorization, NULL, NULL, NULL, cancellable, callback, user_data);
}

/**
 * sitrep_http_get_async:
 * @parse_func: (nullable): turns the JSON into the result, on the worker
 *   thread too; %NULL to have the JSON itself
 * @parse_data: passed to @parse_func
 * @result_free: frees what @parse_func returns
 *
 * Like sitrep_http_get_json_async(), and then @parse_func builds the
 * result off the main thread as well, so a large answer costs the main
 * loop nothing but applying it. What @parse_func refuses is a
 * %SITREP_SOURCE_ERROR_MALFORMED.
 */
void
sitrep_http_get_async (SitrepHttp          *self,
                       const char          *url,
                       const char          *authorization,
                       SitrepHttpParseFunc  parse_func,
                       gpointer             parse_data,
                       GDestroyNotify       result_free,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  sitrep_http_send_async (self, SOUP_METHOD_GET, url, authorization, NULL,
                          parse_func, parse_data, result_free, cancellable, callback, user_data);
}

/**
 * sitrep_http_send_async:
 * @method: the HTTP method, such as %SOUP_METHOD_POST
 * @body: (nullable): a JSON body to send
 *
 * Like sitrep_http_get_async(), with another method and a JSON body.
 * Finish with sitrep_http_get_finish().
 */
void
sitrep_http_send_async (SitrepHttp          *self,
                        const char          *method,
                        const char          *url,
                        const char          *authorization,
                        JsonNode            *body,
                        SitrepHttpParseFunc  parse_func,
                        gpointer             parse_data,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;
  GTask *task;
  Request *request;

  g_return_if_fail (SITREP_IS_HTTP (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_http_get_async);

  request = g_new0 (Request, 1);
  request->parse_func = parse_func;
  request->parse_data = parse_data;
  request->result_free = result_free;
  request->max_body = self->max_body;
  request->request_timeout = self->request_timeout;
  request->body = g_byte_array_new ();
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_task_return_new_error (task, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_CLIENT,
                               _("This is not a web address. A source’s address starts with "
                                 "https:// or http:// and names the server."));
      g_object_unref (task);
      return;
    }

  request->where = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO | G_URI_HIDE_QUERY |
                                                 G_URI_HIDE_FRAGMENT);
  request->message = soup_message_new_from_uri (method, uri);
  if (body != NULL)
    {
      g_autofree char *text = json_to_string (body, FALSE);
      gsize len = strlen (text);

      soup_message_set_request_body_from_bytes (request->message, "application/json",
                                                g_bytes_new_take (g_steal_pointer (&text), len));
    }
  soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                "Accept", "application/json");
  if (authorization != NULL && *authorization != '\0')
    soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                  "Authorization", authorization);

  request->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      request->caller = g_object_ref (cancellable);
      request->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled_cb),
                                                       request->cancellable, NULL);
    }
  request->timeout_id = g_timeout_add_seconds (self->request_timeout, on_request_timeout_cb, request);

  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT, request->cancellable,
                           send_cb, task);
}

/**
 * sitrep_http_get_json_finish:
 * @retry_after_us: (out) (optional): how long the server asked to wait
 *   before asking again (Retry-After), or 0
 *
 * Returns: (transfer full) (nullable): the parsed answer, or %NULL with
 *   @error set: a %SITREP_SOURCE_ERROR, or %G_IO_ERROR_CANCELLED
 */
JsonNode *
sitrep_http_get_json_finish (SitrepHttp    *self,
                             GAsyncResult  *result,
                             gint64        *retry_after_us,
                             GError       **error)
{
  return sitrep_http_get_finish (self, result, retry_after_us, error);
}

/**
 * sitrep_http_get_finish:
 * @retry_after_us: (out) (optional): how long the server asked to wait
 *   before asking again (Retry-After), or 0
 *
 * Returns: (transfer full) (nullable): what the parse function built (the
 *   JSON when there was none), or %NULL with @error set
 */
gpointer
sitrep_http_get_finish (SitrepHttp    *self,
                        GAsyncResult  *result,
                        gint64        *retry_after_us,
                        GError       **error)
{
  Request *request;

  g_return_val_if_fail (SITREP_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  request = g_task_get_task_data (G_TASK (result));
  if (retry_after_us != NULL)
    *retry_after_us = request->retry_after;

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sitrep_http_backoff_delay:
 * @attempt: how many attempts in a row have failed, from 1
 * @retry_after_us: what the server asked for, or 0
 * @jitter: a random number in [0, 1)
 *
 * Exponential back-off with jitter: 1, 2, 4… seconds, each between half
 * and all of that, up to %SITREP_HTTP_BACKOFF_CAP, and never less than the
 * server's Retry-After.
 *
 * Returns: how long to wait before the next attempt, microseconds
 */
gint64
sitrep_http_backoff_delay (guint  attempt,
                           gint64 retry_after_us,
                           double jitter)
{
  gint64 base = G_TIME_SPAN_SECOND;
  gint64 delay;

  for (guint i = 1; i < attempt && base < SITREP_HTTP_BACKOFF_CAP; i++)
    base *= 2;
  base = MIN (base, SITREP_HTTP_BACKOFF_CAP);

  jitter = CLAMP (jitter, 0.0, 1.0);
  delay = base / 2 + (gint64)((base / 2) * jitter);

  return MAX (delay, MIN (retry_after_us, 86400 * G_TIME_SPAN_SECOND));
}
