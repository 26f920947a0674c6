/* sitrep-http.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define SITREP_SOURCE_ERROR (sitrep_source_error_quark ())

/**
 * SitrepSourceError:
 * @SITREP_SOURCE_ERROR_CONNECT: the server could not be reached
 * @SITREP_SOURCE_ERROR_TIMEOUT: the server did not answer in time
 * @SITREP_SOURCE_ERROR_TLS: the server's certificate was not trusted
 * @SITREP_SOURCE_ERROR_AUTH: the credentials were refused (401, 403)
 * @SITREP_SOURCE_ERROR_NOT_FOUND: nothing at that address (404)
 * @SITREP_SOURCE_ERROR_RATE_LIMITED: asked to slow down (429, 420)
 * @SITREP_SOURCE_ERROR_SERVER: the server failed (5xx)
 * @SITREP_SOURCE_ERROR_CLIENT: the server refused the request (other 4xx)
 * @SITREP_SOURCE_ERROR_TOO_LARGE: the answer was larger than allowed
 * @SITREP_SOURCE_ERROR_MALFORMED: the answer was not the JSON expected
 */
typedef enum
{
  SITREP_SOURCE_ERROR_CONNECT,
  SITREP_SOURCE_ERROR_TIMEOUT,
  SITREP_SOURCE_ERROR_TLS,
  SITREP_SOURCE_ERROR_AUTH,
  SITREP_SOURCE_ERROR_NOT_FOUND,
  SITREP_SOURCE_ERROR_RATE_LIMITED,
  SITREP_SOURCE_ERROR_SERVER,
  SITREP_SOURCE_ERROR_CLIENT,
  SITREP_SOURCE_ERROR_TOO_LARGE,
  SITREP_SOURCE_ERROR_MALFORMED,
} SitrepSourceError;

GQuark sitrep_source_error_quark (void);

#define SITREP_HTTP_CONNECT_TIMEOUT_DEFAULT 5
#define SITREP_HTTP_REQUEST_TIMEOUT_DEFAULT 15
#define SITREP_HTTP_MAX_BODY_DEFAULT        (32 * 1024 * 1024)
#define SITREP_HTTP_BACKOFF_CAP             (5 * 60 * G_TIME_SPAN_SECOND)

/**
 * SitrepHttpParseFunc:
 * @root: the answer, parsed as JSON
 * @user_data: the data given with the request; read from the worker
 *   thread, so it must not change while the request runs
 * @error: where to say what is wrong with the answer
 *
 * Turns an answer into what the caller wants, on the worker thread.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
typedef gpointer (*SitrepHttpParseFunc) (JsonNode  *root,
                                         gpointer   user_data,
                                         GError   **error);

#define SITREP_TYPE_HTTP (sitrep_http_get_type ())

G_DECLARE_FINAL_TYPE (SitrepHttp, sitrep_http, SITREP, HTTP, GObject)

SitrepHttp *sitrep_http_new               (void);
void        sitrep_http_set_timeouts      (SitrepHttp           *self,
                                           guint                 connect_seconds,
                                           guint                 request_seconds);
void        sitrep_http_set_max_body      (SitrepHttp           *self,
                                           gsize                 max_bytes);
void        sitrep_http_get_json_async    (SitrepHttp           *self,
                                           const char           *url,
                                           const char           *authorization,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
JsonNode   *sitrep_http_get_json_finish   (SitrepHttp           *self,
                                           GAsyncResult         *result,
                                           gint64               *retry_after_us,
                                           GError              **error);
void        sitrep_http_get_async         (SitrepHttp           *self,
                                           const char           *url,
                                           const char           *authorization,
                                           SitrepHttpParseFunc   parse_func,
                                           gpointer              parse_data,
                                           GDestroyNotify        result_free,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
void        sitrep_http_send_async        (SitrepHttp           *self,
                                           const char           *method,
                                           const char           *url,
                                           const char           *authorization,
                                           JsonNode             *body,
                                           SitrepHttpParseFunc   parse_func,
                                           gpointer              parse_data,
                                           GDestroyNotify        result_free,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gpointer    sitrep_http_get_finish        (SitrepHttp           *self,
                                           GAsyncResult         *result,
                                           gint64               *retry_after_us,
                                           GError              **error);
gint64      sitrep_http_backoff_delay     (guint                 attempt,
                                           gint64                retry_after_us,
                                           double                jitter);

G_END_DECLS
