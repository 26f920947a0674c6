/* test-channel-fakes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The loopback fakes of the channels Sitrep publishes to, through plain
 * libsoup requests: every answer the services give, right or wrong, the
 * signatures computed here independently of the fake, the records of what
 * was delivered, the faults (an answer lost after the message went
 * through above all), the /_fake/ endpoints, and the standalone
 * executable a test runs beside the app. */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sitrep-signing.h"

#include "fakes/sitrep-fake-channels.h"
#include "test-utils.h"

#define PAGE            "/v1/pages/" SITREP_FAKE_CHANNELS_STATUSPAGE_PAGE_ID
#define INCIDENTS       PAGE "/incidents"
#define OAUTH           "OAuth " SITREP_FAKE_CHANNELS_STATUSPAGE_KEY
#define MATRIX_ROOM_URL "/_matrix/client/v3/rooms/%21warroom%3Aexample.org"
#define MATRIX_SEND     MATRIX_ROOM_URL "/send/m.room.message/"
#define MATRIX_BEARER   "Bearer " SITREP_FAKE_CHANNELS_MATRIX_TOKEN
#define CHECKOUT        SITREP_FAKE_CHANNELS_STATUSPAGE_CHECKOUT
#define SLACK           SITREP_FAKE_CHANNELS_SLACK_PATH
#define FEISHU          SITREP_FAKE_CHANNELS_FEISHU_PATH
#define BANNER          SITREP_FAKE_CHANNELS_BANNER_PATH
#define PUSH            SITREP_FAKE_CHANNELS_PUSH_PATH

/* One character more than Statuspage takes in a name. */
#define NAME_LENGTH_TEST 256

/* 2026-11-24T03:00:00Z, for the tests that fix the clock. */
#define FIXED_NOW_S ((gint64)1795921200)

typedef struct
{
  SitrepFakeChannels *fake;
  SoupSession        *session;
} Fixture;

typedef struct
{
  guint               status;
  char               *body;
  SoupMessageHeaders *headers;
  GError             *error;
} Response;

static void
response_free (Response *response)
{
  g_free (response->body);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_error (&response->error);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->fake = sitrep_fake_channels_new ();
  f->session = soup_session_new_with_options ("timeout", 30, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_pointer (&f->fake, sitrep_fake_channels_free);
}

/* Requests */

static Response *
send_va (SoupSession *session,
         const char  *method,
         const char  *url,
         const char  *body,
         va_list      headers)
{
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  Response *response = g_new0 (Response, 1);
  const char *name;

  g_assert_nonnull (message);

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }

  /* After the body, so that a Content-Type given here wins. */
  while ((name = va_arg (headers, const char *)) != NULL)
    {
      const char *value = va_arg (headers, const char *);

      soup_message_headers_replace (soup_message_get_request_headers (message), name, value);
    }

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    test_async_result_cb, &result);
  test_wait_for_result (&result);
  answer = soup_session_send_and_read_finish (session, result, &response->error);

  response->status = soup_message_get_status (message);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
  if (answer != NULL)
    response->body = g_strndup (g_bytes_get_size (answer) > 0 ? g_bytes_get_data (answer, NULL) : "",
                                g_bytes_get_size (answer));

  return response;
}

/* Sends @body (JSON unless a Content-Type follows) to @url, with the
 * headers that follow as name, value pairs, NULL-terminated. */
static Response *
send_to (SoupSession *session,
         const char  *method,
         const char  *url,
         const char  *body,
         ...) G_GNUC_NULL_TERMINATED;

static Response *
send_to (SoupSession *session,
         const char  *method,
         const char  *url,
         const char  *body,
         ...)
{
  Response *response;
  va_list headers;

  va_start (headers, body);
  response = send_va (session, method, url, body, headers);
  va_end (headers);

  return response;
}

/* The same, to @path on the fake. */
static Response *
request (Fixture    *f,
         const char *method,
         const char *path,
         const char *body,
         ...) G_GNUC_NULL_TERMINATED;

static Response *
request (Fixture    *f,
         const char *method,
         const char *path,
         const char *body,
         ...)
{
  g_autofree char *url = g_strconcat (sitrep_fake_channels_get_url (f->fake), path, NULL);
  Response *response;
  va_list headers;

  va_start (headers, body);
  response = send_va (f->session, method, url, body, headers);
  va_end (headers);

  return response;
}

static Response *
statuspage (Fixture    *f,
            const char *method,
            const char *path,
            const char *body)
{
  return request (f, method, path, body, "Authorization", OAUTH, NULL);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_nonnull (text);
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);

  return root;
}

static void
assert_status (Response *response,
               guint     status)
{
  g_assert_no_error (response->error);
  g_assert_cmpuint (response->status, ==, status);
}

static void
assert_content_type (Response   *response,
                     const char *content_type)
{
  const char *given = soup_message_headers_get_content_type (response->headers, NULL);

  g_assert_cmpstr (given, ==, content_type);
}

/* A JSON object's string member. */
static void
assert_member (Response   *response,
               const char *member,
               const char *expected)
{
  g_autoptr(JsonNode) root = parse (response->body);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), member), ==,
                   expected);
}

static void
assert_int_member (Response   *response,
                   const char *member,
                   gint64      expected)
{
  g_autoptr(JsonNode) root = parse (response->body);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), member), ==, expected);
}

/* Statuspage's validation error: 422 and a message in "error". */
static void
assert_unprocessable (Response *response)
{
  g_autoptr(JsonNode) root = NULL;

  assert_status (response, 422);
  root = parse (response->body);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_cmpuint (strlen (json_object_get_string_member (json_node_get_object (root), "error")),
                    >, 0);
}

static void
assert_retry_after (Response *response)
{
  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "Retry-After"), ==, "1");
}

/* The request's answer was lost: the connection closed before it came. */
static void
assert_dropped (Response *response)
{
  g_assert_error (response->error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
}

/* Signatures, computed here with GLib alone */

static char *
hmac_base64 (const char *key,
             const char *message)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *)key, strlen (key));
  guint8 digest[32];
  gsize length = sizeof digest;

  g_hmac_update (hmac, (const guchar *)message, strlen (message));
  g_hmac_get_digest (hmac, digest, &length);

  return g_base64_encode (digest, length);
}

/* DingTalk: key the secret, message "<ms>\n<secret>", URL-encoded. */
static char *
dingtalk_sign (const char *secret,
               gint64      timestamp)
{
  g_autofree char *message = g_strdup_printf ("%" G_GINT64_FORMAT "\n%s", timestamp, secret);
  g_autofree char *base64 = hmac_base64 (secret, message);

  return g_uri_escape_string (base64, NULL, FALSE);
}

static char *
dingtalk_path (const char *token,
               gint64      timestamp,
               const char *sign)
{
  return g_strdup_printf (SITREP_FAKE_CHANNELS_DINGTALK_PATH
                          "?access_token=%s&timestamp=%" G_GINT64_FORMAT "&sign=%s",
                          token, timestamp, sign);
}

static char *
dingtalk_signed_path (gint64 timestamp)
{
  g_autofree char *sign = dingtalk_sign (SITREP_FAKE_CHANNELS_DINGTALK_SECRET, timestamp);
  g_autofree char *theirs = sitrep_signing_dingtalk (SITREP_FAKE_CHANNELS_DINGTALK_SECRET, timestamp);

  g_assert_cmpstr (sign, ==, theirs);
  return dingtalk_path (SITREP_FAKE_CHANNELS_DINGTALK_TOKEN, timestamp, sign);
}

/* Feishu: key "<s>\n<secret>", empty message, not URL-encoded. */
static char *
feishu_sign (const char *secret,
             gint64      timestamp)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "\n%s", timestamp, secret);

  return hmac_base64 (key, "");
}

static char *
feishu_text_message (const char *timestamp,
                     const char *sign,
                     const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (timestamp != NULL)
    {
      json_builder_set_member_name (builder, "timestamp");
      json_builder_add_string_value (builder, timestamp);
    }
  if (sign != NULL)
    {
      json_builder_set_member_name (builder, "sign");
      json_builder_add_string_value (builder, sign);
    }
  json_builder_set_member_name (builder, "msg_type");
  json_builder_add_string_value (builder, "text");
  json_builder_set_member_name (builder, "content");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
feishu_signed_message (gint64      timestamp,
                       const char *text)
{
  g_autofree char *sign = feishu_sign (SITREP_FAKE_CHANNELS_FEISHU_SECRET, timestamp);
  g_autofree char *theirs = sitrep_signing_feishu (SITREP_FAKE_CHANNELS_FEISHU_SECRET, timestamp);
  g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, timestamp);

  g_assert_cmpstr (sign, ==, theirs);
  return feishu_text_message (seconds, sign, text);
}

/* The hooks: "t=<s>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>". */
static char *
hook_signature (const char *secret,
                gint64      timestamp,
                const char *body)
{
  g_autofree char *message = g_strdup_printf ("%" G_GINT64_FORMAT ".%s", timestamp, body);
  g_autofree char *mac = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *)secret,
                                                    strlen (secret), message, -1);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autofree char *theirs = sitrep_signing_payload (secret, timestamp, bytes);
  char *header = g_strdup_printf ("t=%" G_GINT64_FORMAT ",v1=%s", timestamp, mac);

  g_assert_cmpstr (header, ==, theirs);
  return header;
}

static Response *
post_hook (Fixture    *f,
           const char *path,
           const char *body,
           const char *signature,
           const char *idempotency_key)
{
  if (idempotency_key != NULL)
    return request (f, "POST", path, body, "Sitrep-Signature", signature,
                    "Idempotency-Key", idempotency_key, NULL);
  if (signature != NULL)
    return request (f, "POST", path, body, "Sitrep-Signature", signature, NULL);
  return request (f, "POST", path, body, NULL);
}

/* Statuspage */

static const char create_body[] =
  "{\"incident\":{\"name\":\"Checkout errors\",\"status\":\"investigating\","
  "\"impact_override\":\"major\","
  "\"body\":\"We are investigating elevated payment failures.\","
  "\"component_ids\":[\"" CHECKOUT "\"],"
  "\"components\":{\"" CHECKOUT "\":\"partial_outage\"},"
  "\"deliver_notifications\":true,"
  "\"metadata\":{\"warroom\":{\"inc\":\"INC-42\"}}}}";

static JsonNode *
create_incident (Fixture    *f,
                 const char *body)
{
  g_autoptr(Response) response = statuspage (f, "POST", INCIDENTS, body);

  assert_status (response, 201);
  return parse (response->body);
}

static void
test_statuspage_create (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonNode) root = create_incident (f, create_body);
  g_autoptr(JsonNode) derived = NULL;
  JsonObject *incident = json_node_get_object (root);
  JsonArray *updates = json_object_get_array_member (incident, "incident_updates");
  JsonObject *update = json_array_get_object_element (updates, 0);
  JsonArray *affected_components = json_object_get_array_member (update, "affected_components");
  JsonObject *affected = json_array_get_object_element (affected_components, 0);
  JsonArray *components = json_object_get_array_member (incident, "components");
  JsonObject *metadata = json_object_get_object_member (incident, "metadata");

  g_assert_cmpstr (json_object_get_string_member (incident, "id"), ==, "fkinc0000001");
  g_assert_cmpstr (json_object_get_string_member (incident, "name"), ==, "Checkout errors");
  g_assert_cmpstr (json_object_get_string_member (incident, "status"), ==, "investigating");
  g_assert_cmpstr (json_object_get_string_member (incident, "impact"), ==, "major");
  g_assert_cmpstr (json_object_get_string_member (incident, "page_id"), ==,
                   SITREP_FAKE_CHANNELS_STATUSPAGE_PAGE_ID);
  g_assert_cmpstr (json_object_get_string_member (incident, "created_at"), ==,
                   "2026-11-24T03:01:00.000Z");
  g_assert_cmpstr (json_object_get_string_member (incident, "updated_at"), ==,
                   "2026-11-24T03:01:00.000Z");

  g_assert_cmpuint (json_array_get_length (updates), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (update, "id"), ==, "fkupd0000001");
  g_assert_cmpstr (json_object_get_string_member (update, "status"), ==, "investigating");
  g_assert_cmpstr (json_object_get_string_member (update, "body"), ==,
                   "We are investigating elevated payment failures.");
  g_assert_cmpstr (json_object_get_string_member (update, "created_at"), ==,
                   "2026-11-24T03:01:00.000Z");
  g_assert_cmpstr (json_object_get_string_member (affected, "code"), ==, CHECKOUT);
  g_assert_cmpstr (json_object_get_string_member (affected, "old_status"), ==, "operational");
  g_assert_cmpstr (json_object_get_string_member (affected, "new_status"), ==, "partial_outage");

  g_assert_cmpuint (json_array_get_length (components), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (components, 0), "status"),
                   ==, "partial_outage");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (metadata, "warroom"), "inc"),
                   ==, "INC-42");

  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE), ==, 1);
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_text (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE, 0),
                   ==, "We are investigating elevated payment failures.");
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_id (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE, 0),
                   ==, "fkinc0000001");
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_path (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE, 0),
                   ==, INCIDENTS);
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_body (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE, 0),
                   ==, create_body);

  /* Without an override, the impact follows the worst component. */
  derived = create_incident (f, "{\"incident\":{\"name\":\"API down\",\"components\":"
                                "{\"" SITREP_FAKE_CHANNELS_STATUSPAGE_API "\":\"major_outage\"}}}");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (derived), "id"), ==,
                   "fkinc0000002");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (derived), "impact"), ==,
                   "critical");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (derived), "status"), ==,
                   "investigating");
}

static JsonArray *
updates_of (JsonNode *root)
{
  return json_object_get_array_member (json_node_get_object (root), "incident_updates");
}

static const char *
update_member (JsonNode   *root,
               guint       index,
               const char *member)
{
  return json_object_get_string_member (json_array_get_object_element (updates_of (root), index),
                                        member);
}

static void
test_statuspage_update (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonNode) created = create_incident (f, create_body);
  g_autofree char *path = g_strconcat (INCIDENTS "/",
                                       json_object_get_string_member (json_node_get_object (created), "id"),
                                       NULL);
  g_autoptr(Response) identified = NULL;
  g_autoptr(Response) renamed = NULL;
  g_autoptr(Response) monitoring = NULL;
  g_autoptr(Response) component = NULL;
  g_autoptr(Response) unresolved = NULL;
  g_autoptr(Response) resolved = NULL;
  g_autoptr(Response) none_left = NULL;
  g_autoptr(Response) found = NULL;
  g_autoptr(Response) not_found = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonObject *incident;

  /* A status and a body: a new update, first in the list. */
  identified = statuspage (f, "PATCH", path,
                           "{\"incident\":{\"status\":\"identified\",\"body\":\"Root cause found\","
                           "\"components\":{\"" CHECKOUT "\":\"degraded_performance\"}}}");
  assert_status (identified, 200);
  root = parse (identified->body);
  g_assert_cmpuint (json_array_get_length (updates_of (root)), ==, 2);
  g_assert_cmpstr (update_member (root, 0, "status"), ==, "identified");
  g_assert_cmpstr (update_member (root, 0, "body"), ==, "Root cause found");
  g_assert_cmpstr (update_member (root, 0, "created_at"), ==, "2026-11-24T03:02:00.000Z");
  g_assert_cmpstr (update_member (root, 1, "status"), ==, "investigating");
  g_clear_pointer (&root, json_node_unref);

  /* Neither: no update. */
  renamed = statuspage (f, "PATCH", path, "{\"incident\":{\"name\":\"Checkout errors (EU)\"}}");
  assert_status (renamed, 200);
  root = parse (renamed->body);
  g_assert_cmpuint (json_array_get_length (updates_of (root)), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "name"), ==,
                   "Checkout errors (EU)");
  g_clear_pointer (&root, json_node_unref);

  /* PUT is taken too; a status alone makes an update with an empty body. */
  monitoring = statuspage (f, "PUT", path, "{\"incident\":{\"status\":\"monitoring\"}}");
  assert_status (monitoring, 200);
  root = parse (monitoring->body);
  g_assert_cmpuint (json_array_get_length (updates_of (root)), ==, 3);
  g_assert_cmpstr (update_member (root, 0, "status"), ==, "monitoring");
  g_assert_cmpstr (update_member (root, 0, "body"), ==, "");
  g_assert_nonnull (json_object_get_string_member (json_node_get_object (root), "monitoring_at"));
  g_clear_pointer (&root, json_node_unref);

  component = statuspage (f, "PATCH", PAGE "/components/" SITREP_FAKE_CHANNELS_STATUSPAGE_API,
                          "{\"component\":{\"status\":\"major_outage\"}}");
  assert_status (component, 200);
  assert_member (component, "status", "major_outage");
  assert_member (component, "id", SITREP_FAKE_CHANNELS_STATUSPAGE_API);

  unresolved = statuspage (f, "GET", INCIDENTS "/unresolved", NULL);
  assert_status (unresolved, 200);
  list = parse (unresolved->body);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  incident = json_array_get_object_element (json_node_get_array (list), 0);
  g_assert_true (json_object_has_member (incident, "metadata"));
  g_clear_pointer (&list, json_node_unref);

  resolved = statuspage (f, "PATCH", path,
                         "{\"incident\":{\"status\":\"resolved\",\"body\":\"Fixed.\"}}");
  assert_status (resolved, 200);
  root = parse (resolved->body);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "status"), ==,
                   "resolved");
  g_assert_nonnull (json_object_get_string_member (json_node_get_object (root), "resolved_at"));
  g_assert_cmpuint (json_array_get_length (updates_of (root)), ==, 4);

  none_left = statuspage (f, "GET", INCIDENTS "/unresolved", NULL);
  assert_status (none_left, 200);
  g_assert_cmpstr (none_left->body, ==, "[]");

  /* q searches the names, case aside; the answer carries the metadata. */
  found = statuspage (f, "GET", INCIDENTS "?q=%28eu%29", NULL);
  assert_status (found, 200);
  list = parse (found->body);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  incident = json_array_get_object_element (json_node_get_array (list), 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_object_get_object_member (incident, "metadata"), "warroom"), "inc"),
                   ==, "INC-42");

  not_found = statuspage (f, "GET", INCIDENTS "?q=ledger", NULL);
  assert_status (not_found, 200);
  g_assert_cmpstr (not_found->body, ==, "[]");

  /* Every write was a delivery; the reads were not. */
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE), ==, 6);
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_text (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE, 1),
                   ==, "Root cause found");
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_text (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE, 3),
                   ==, "monitoring");
}

static void
test_statuspage_validation (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const refused[] = {
    "{\"incident\":{\"name\":\"\"}}",
    "{\"incident\":{\"name\":\"   \"}}",
    "{\"incident\":{\"status\":\"investigating\",\"body\":\"No name\"}}",
    "{\"incident\":{\"name\":42}}",
    "{\"incident\":{\"name\":\"Checkout\",\"status\":\"fixed\"}}",
    "{\"incident\":{\"name\":\"Checkout\",\"status\":\"scheduled\"}}",
    "{\"incident\":{\"name\":\"Checkout\",\"impact_override\":\"catastrophic\"}}",
    "{\"incident\":{\"name\":\"Checkout\",\"components\":{\"" CHECKOUT "\":\"down\"}}}",
    "{\"incident\":{\"name\":\"Checkout\",\"components\":{\"nosuchcomp\":\"major_outage\"}}}",
    "{\"incident\":{\"name\":\"Checkout\",\"metadata\":{\"inc\":\"INC-42\"}}}",
  };
  g_autofree char *long_name = g_strnfill (NAME_LENGTH_TEST, 'x');
  g_autofree char *long_body = g_strnfill (25001, 'b');
  g_autofree char *too_long_name = NULL;
  g_autofree char *too_long_body = NULL;
  g_autofree char *longest_name = NULL;
  g_autofree char *longest_body = NULL;
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autofree char *path = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(Response) each = statuspage (f, "POST", INCIDENTS, refused[i]);

      g_test_message ("%s", refused[i]);
      assert_unprocessable (each);
    }

  too_long_name = g_strdup_printf ("{\"incident\":{\"name\":\"%s\"}}", long_name);
  response = statuspage (f, "POST", INCIDENTS, too_long_name);
  assert_unprocessable (response);
  g_clear_pointer (&response, response_free);

  too_long_body = g_strdup_printf ("{\"incident\":{\"name\":\"Checkout\",\"body\":\"%s\"}}", long_body);
  response = statuspage (f, "POST", INCIDENTS, too_long_body);
  assert_unprocessable (response);
  g_clear_pointer (&response, response_free);

  /* Without the wrapper, or without JSON: 400. */
  response = statuspage (f, "POST", INCIDENTS, "{\"name\":\"Checkout\"}");
  assert_status (response, 400);
  g_clear_pointer (&response, response_free);
  response = statuspage (f, "POST", INCIDENTS, "{\"incident\":");
  assert_status (response, 400);
  g_clear_pointer (&response, response_free);

  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE), ==, 0);

  /* The limits themselves are allowed. */
  long_name[NAME_LENGTH_TEST - 1] = '\0';
  long_body[25000] = '\0';
  longest_name = g_strdup_printf ("{\"incident\":{\"name\":\"%s\"}}", long_name);
  created = create_incident (f, longest_name);
  g_clear_pointer (&created, json_node_unref);
  longest_body = g_strdup_printf ("{\"incident\":{\"name\":\"Checkout\",\"body\":\"%s\"}}", long_body);
  created = create_incident (f, longest_body);

  /* And the same checks on a change. */
  path = g_strconcat (INCIDENTS "/", json_object_get_string_member (json_node_get_object (created), "id"),
                      NULL);
  response = statuspage (f, "PATCH", path, "{\"incident\":{\"status\":\"bogus\"}}");
  assert_unprocessable (response);
  g_clear_pointer (&response, response_free);
  response = statuspage (f, "PATCH", path, "{\"incident\":{\"name\":\"\"}}");
  assert_unprocessable (response);
  g_clear_pointer (&response, response_free);
  response = statuspage (f, "PATCH", PAGE "/components/" CHECKOUT,
                         "{\"component\":{\"status\":\"broken\"}}");
  assert_unprocessable (response);

  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE), ==, 2);
}

static void
test_statuspage_not_found (Fixture       *f,
                           gconstpointer  data)
{
  static const struct
  {
    const char *method;
    const char *path;
    const char *body;
  } requests[] = {
    { "POST", "/v1/pages/nosuchpage0/incidents", "{\"incident\":{\"name\":\"Checkout\"}}" },
    { "GET", "/v1/pages/nosuchpage0/incidents/unresolved", NULL },
    { "GET", INCIDENTS "/nosuchincid", NULL },
    { "PATCH", INCIDENTS "/nosuchincid", "{\"incident\":{\"status\":\"resolved\"}}" },
    { "PUT", INCIDENTS "/nosuchincid", "{\"incident\":{\"body\":\"Fixed\"}}" },
    { "PATCH", PAGE "/components/nosuchcomp", "{\"component\":{\"status\":\"operational\"}}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autoptr(Response) response = statuspage (f, requests[i].method, requests[i].path,
                                                 requests[i].body);

      g_test_message ("%s %s", requests[i].method, requests[i].path);
      assert_status (response, 404);
      assert_member (response, "error", "Not Found");
    }

  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE), ==, 0);
}

static void
test_statuspage_unauthorized (Fixture       *f,
                              gconstpointer  data)
{
  static const char * const refused[] = {
    "Bearer " SITREP_FAKE_CHANNELS_STATUSPAGE_KEY,
    "OAuth wrong-key",
    "OAuth",
    SITREP_FAKE_CHANNELS_STATUSPAGE_KEY,
  };
  g_autoptr(Response) anonymous = request (f, "POST", INCIDENTS, create_body, NULL);
  g_autoptr(Response) accepted = NULL;

  assert_status (anonymous, 401);
  assert_member (anonymous, "error", "Could not authenticate");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(Response) response = request (f, "POST", INCIDENTS, create_body,
                                              "Authorization", refused[i], NULL);

      assert_status (response, 401);
    }
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE), ==, 0);

  accepted = request (f, "GET", INCIDENTS "/unresolved", NULL, "Authorization", OAUTH, NULL);
  assert_status (accepted, 200);

  /* Another key, set later. */
  sitrep_fake_channels_set_token (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE, "rotated-key");
  g_clear_pointer (&accepted, response_free);
  accepted = request (f, "GET", INCIDENTS "/unresolved", NULL, "Authorization", OAUTH, NULL);
  assert_status (accepted, 401);
  g_clear_pointer (&accepted, response_free);
  accepted = request (f, "GET", INCIDENTS "/unresolved", NULL, "Authorization", "OAuth rotated-key",
                      NULL);
  assert_status (accepted, 200);
}

static void
test_statuspage_rate_limit (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(Response) response = NULL;

  sitrep_fake_channels_set_clock (f->fake, FIXED_NOW_S * G_USEC_PER_SEC);
  sitrep_fake_channels_set_rate_limit (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE, TRUE);

  response = statuspage (f, "GET", INCIDENTS "/unresolved", NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);

  /* The second request in the same second: 429 by default. */
  response = statuspage (f, "GET", INCIDENTS "/unresolved", NULL);
  assert_status (response, 429);
  assert_retry_after (response);
  assert_member (response, "error", "Rate limit exceeded");
  g_clear_pointer (&response, response_free);

  /* Or 420, which Statuspage kept for compatibility. */
  sitrep_fake_channels_set_statuspage_limit_status (f->fake, 420);
  response = statuspage (f, "POST", INCIDENTS, create_body);
  assert_status (response, 420);
  assert_retry_after (response);
  g_clear_pointer (&response, response_free);
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE), ==, 0);

  sitrep_fake_channels_advance_clock (f->fake, G_USEC_PER_SEC - 1);
  response = statuspage (f, "POST", INCIDENTS, create_body);
  assert_status (response, 420);
  g_clear_pointer (&response, response_free);

  sitrep_fake_channels_advance_clock (f->fake, 1);
  response = statuspage (f, "POST", INCIDENTS, create_body);
  assert_status (response, 201);
  g_clear_pointer (&response, response_free);
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE), ==, 1);

  /* On the real, monotonic clock, two requests in a row. */
  sitrep_fake_channels_set_clock (f->fake, 0);
  response = statuspage (f, "GET", INCIDENTS "/unresolved", NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);
  response = statuspage (f, "GET", INCIDENTS "/unresolved", NULL);
  assert_status (response, 420);
  g_clear_pointer (&response, response_free);

  /* Off, no limit. */
  sitrep_fake_channels_set_rate_limit (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE, FALSE);
  for (guint i = 0; i < 3; i++)
    {
      response = statuspage (f, "GET", INCIDENTS "/unresolved", NULL);
      assert_status (response, 200);
      g_clear_pointer (&response, response_free);
    }

  /* The fault gives the same answers, whatever the pace. */
  sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE,
                                  SITREP_FAKE_CHANNEL_FAULT_RATE_LIMITED);
  response = statuspage (f, "GET", INCIDENTS "/unresolved", NULL);
  assert_status (response, 420);
  assert_retry_after (response);
  g_clear_pointer (&response, response_free);
  sitrep_fake_channels_set_statuspage_limit_status (f->fake, 429);
  response = statuspage (f, "GET", INCIDENTS "/unresolved", NULL);
  assert_status (response, 429);
  assert_retry_after (response);
}

/* Slack */

static void
test_slack (Fixture       *f,
            gconstpointer  data)
{
  static const struct
  {
    SitrepFakeChannelFault fault;
    guint                  status;
    const char            *body;
  } faults[] = {
    { SITREP_FAKE_CHANNEL_FAULT_CHANNEL_NOT_FOUND, 404, "channel_not_found" },
    { SITREP_FAKE_CHANNEL_FAULT_CHANNEL_ARCHIVED, 410, "channel_is_archived" },
    { SITREP_FAKE_CHANNEL_FAULT_RATE_LIMITED, 429, "rate_limited" },
    { SITREP_FAKE_CHANNEL_FAULT_SERVER_ERROR, 500, "rollup_error" },
  };
  static const char message[] = "{\"text\":\"SEV1: Checkout\"}";
  g_autoptr(Response) response = NULL;

  response = request (f, "POST", SLACK, message, NULL);
  assert_status (response, 200);
  assert_content_type (response, "text/plain");
  g_assert_cmpstr (response->body, ==, "ok");
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", SLACK,
                      "{\"blocks\":[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\","
                      "\"text\":\"SEV1: Checkout\"}}]}", NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", SLACK, "payload=%7B%22text%22%3A%22From+a+form%22%7D",
                      "Content-Type", "application/x-www-form-urlencoded", NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", SLACK, "{\"text\": SEV1", NULL);
  assert_status (response, 400);
  assert_content_type (response, "text/plain");
  g_assert_cmpstr (response->body, ==, "invalid_payload");
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", SLACK, "{}", NULL);
  assert_status (response, 400);
  g_assert_cmpstr (response->body, ==, "no_text");
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", SLACK, "{\"text\":\"\",\"blocks\":[]}", NULL);
  assert_status (response, 400);
  g_assert_cmpstr (response->body, ==, "no_text");
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", "/slack/services/T000/B000/YYYY", message, NULL);
  assert_status (response, 404);
  g_assert_cmpstr (response->body, ==, "no_service");
  g_clear_pointer (&response, response_free);

  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_SLACK), ==, 3);
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_text (f->fake, SITREP_FAKE_CHANNEL_SLACK, 0), ==,
                   "SEV1: Checkout");
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_body (f->fake, SITREP_FAKE_CHANNEL_SLACK, 0), ==,
                   message);
  g_assert_null (sitrep_fake_channels_get_delivered_text (f->fake, SITREP_FAKE_CHANNEL_SLACK, 1));
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_text (f->fake, SITREP_FAKE_CHANNEL_SLACK, 2), ==,
                   "From a form");

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_SLACK, faults[i].fault);
      response = request (f, "POST", SLACK, message, NULL);
      assert_status (response, faults[i].status);
      assert_content_type (response, "text/plain");
      g_assert_cmpstr (response->body, ==, faults[i].body);
      if (faults[i].status == 429)
        assert_retry_after (response);
      g_clear_pointer (&response, response_free);
    }

  sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_SLACK, SITREP_FAKE_CHANNEL_FAULT_DOWN);
  response = request (f, "POST", SLACK, message, NULL);
  assert_status (response, 503);
  g_clear_pointer (&response, response_free);
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_SLACK), ==, 3);

  /* About one a second. */
  sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_SLACK, SITREP_FAKE_CHANNEL_FAULT_NONE);
  sitrep_fake_channels_set_clock (f->fake, FIXED_NOW_S * G_USEC_PER_SEC);
  sitrep_fake_channels_set_rate_limit (f->fake, SITREP_FAKE_CHANNEL_SLACK, TRUE);
  response = request (f, "POST", SLACK, message, NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);
  response = request (f, "POST", SLACK, message, NULL);
  assert_status (response, 429);
  assert_retry_after (response);
  g_assert_cmpstr (response->body, ==, "rate_limited");
  g_clear_pointer (&response, response_free);
  sitrep_fake_channels_advance_clock (f->fake, G_USEC_PER_SEC);
  response = request (f, "POST", SLACK, message, NULL);
  assert_status (response, 200);

  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_SLACK), ==, 5);
  g_assert_cmpint (sitrep_fake_channels_get_delivered_time (f->fake, SITREP_FAKE_CHANNEL_SLACK, 4), ==,
                   (FIXED_NOW_S + 1) * G_USEC_PER_SEC);
}

/* DingTalk */

static const char dingtalk_text[] =
  "{\"msgtype\":\"text\",\"text\":{\"content\":\"SEV1 checkout: payment success 82%\"}}";

static void
assert_errcode (Response *response,
                gint64    errcode)
{
  /* Whatever happens, HTTP 200. */
  assert_status (response, 200);
  assert_int_member (response, "errcode", errcode);
}

static void
test_dingtalk (Fixture       *f,
               gconstpointer  data)
{
  gint64 now_ms = g_get_real_time () / 1000;
  gint64 now_s = now_ms / 1000;
  g_autofree char *path = dingtalk_signed_path (now_ms);
  g_autofree char *other_sign = dingtalk_sign ("SECsomeoneelse", now_ms);
  g_autofree char *wrong_sign = dingtalk_path (SITREP_FAKE_CHANNELS_DINGTALK_TOKEN, now_ms, other_sign);
  g_autofree char *seconds_sign = dingtalk_sign (SITREP_FAKE_CHANNELS_DINGTALK_SECRET, now_s);
  g_autofree char *in_seconds = dingtalk_path (SITREP_FAKE_CHANNELS_DINGTALK_TOKEN, now_s, seconds_sign);
  g_autofree char *stale = dingtalk_signed_path (now_ms - 2 * 60 * 60 * 1000);
  g_autofree char *right_sign = dingtalk_sign (SITREP_FAKE_CHANNELS_DINGTALK_SECRET, now_ms);
  g_autofree char *bad_token = dingtalk_path ("nosuchtoken", now_ms, right_sign);
  g_autofree char *unescaped = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(Response) response = NULL;
  gint64 plus_ms = now_ms;

  response = request (f, "POST", path, dingtalk_text, NULL);
  assert_errcode (response, 0);
  assert_member (response, "errmsg", "ok");
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", path,
                      "{\"msgtype\":\"markdown\",\"markdown\":{\"title\":\"SEV1 Checkout\","
                      "\"text\":\"#### SEV1 Checkout\\n> payment success 82%\"},"
                      "\"at\":{\"atMobiles\":[],\"atUserIds\":[],\"isAtAll\":false}}", NULL);
  assert_errcode (response, 0);
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", wrong_sign, dingtalk_text, NULL);
  assert_errcode (response, 310000);
  g_clear_pointer (&response, response_free);

  /* Seconds, signed right for what they are: refused all the same. */
  response = request (f, "POST", in_seconds, dingtalk_text, NULL);
  assert_errcode (response, 310000);
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", stale, dingtalk_text, NULL);
  assert_errcode (response, 310000);
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", bad_token, dingtalk_text, NULL);
  assert_errcode (response, 300001);
  g_clear_pointer (&response, response_free);

  /* A sign with a "+" must be URL-encoded: raw, it reads as a space. */
  for (;;)
    {
      g_autofree char *sign = dingtalk_sign (SITREP_FAKE_CHANNELS_DINGTALK_SECRET, plus_ms);

      if (strstr (sign, "%2B") != NULL)
        break;
      plus_ms--;
    }
  {
    g_autofree char *message = g_strdup_printf ("%" G_GINT64_FORMAT "\n%s", plus_ms,
                                                SITREP_FAKE_CHANNELS_DINGTALK_SECRET);
    g_autofree char *raw = hmac_base64 (SITREP_FAKE_CHANNELS_DINGTALK_SECRET, message);

    unescaped = dingtalk_path (SITREP_FAKE_CHANNELS_DINGTALK_TOKEN, plus_ms, raw);
    escaped = dingtalk_signed_path (plus_ms);
  }
  response = request (f, "POST", unescaped, dingtalk_text, NULL);
  assert_errcode (response, 310000);
  g_clear_pointer (&response, response_free);
  response = request (f, "POST", escaped, dingtalk_text, NULL);
  assert_errcode (response, 0);
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", path, "{\"msgtype\":\"text\"}", NULL);
  assert_errcode (response, 40035);
  g_clear_pointer (&response, response_free);
  response = request (f, "POST", path, "not json", NULL);
  assert_errcode (response, 40035);
  g_clear_pointer (&response, response_free);

  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_DINGTALK), ==, 3);
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_text (f->fake, SITREP_FAKE_CHANNEL_DINGTALK, 0), ==,
                   "SEV1 checkout: payment success 82%");
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_path (f->fake, SITREP_FAKE_CHANNEL_DINGTALK, 0), ==,
                   SITREP_FAKE_CHANNELS_DINGTALK_PATH);

  sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_DINGTALK,
                                  SITREP_FAKE_CHANNEL_FAULT_RATE_LIMITED);
  response = request (f, "POST", path, dingtalk_text, NULL);
  assert_errcode (response, 130101);
  g_clear_pointer (&response, response_free);
  sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_DINGTALK,
                                  SITREP_FAKE_CHANNEL_FAULT_SERVER_ERROR);
  response = request (f, "POST", path, dingtalk_text, NULL);
  assert_status (response, 500);
  g_clear_pointer (&response, response_free);
  sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_DINGTALK, SITREP_FAKE_CHANNEL_FAULT_NONE);
}

static void
test_dingtalk_throttle (Fixture       *f,
                        gconstpointer  data)
{
  gint64 now_ms = FIXED_NOW_S * 1000;
  g_autoptr(Response) response = NULL;

  sitrep_fake_channels_set_clock (f->fake, FIXED_NOW_S * G_USEC_PER_SEC);
  sitrep_fake_channels_set_rate_limit (f->fake, SITREP_FAKE_CHANNEL_DINGTALK, TRUE);

  /* Twenty in a minute, then the robot is silenced for ten minutes. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *path = dingtalk_signed_path (now_ms + i * 1000);

      sitrep_fake_channels_advance_clock (f->fake, G_USEC_PER_SEC);
      response = request (f, "POST", path, dingtalk_text, NULL);
      assert_errcode (response, 0);
      g_clear_pointer (&response, response_free);
    }

  {
    g_autofree char *path = dingtalk_signed_path (now_ms + 21 * 1000);

    response = request (f, "POST", path, dingtalk_text, NULL);
    assert_errcode (response, 130101);
    g_clear_pointer (&response, response_free);
  }

  sitrep_fake_channels_advance_clock (f->fake, (gint64)5 * 60 * G_USEC_PER_SEC);
  {
    g_autofree char *path = dingtalk_signed_path (sitrep_fake_channels_get_clock (f->fake) / 1000);

    response = request (f, "POST", path, dingtalk_text, NULL);
    assert_errcode (response, 130101);
    g_clear_pointer (&response, response_free);
  }

  sitrep_fake_channels_advance_clock (f->fake, (gint64)5 * 60 * G_USEC_PER_SEC);
  {
    g_autofree char *path = dingtalk_signed_path (sitrep_fake_channels_get_clock (f->fake) / 1000);

    response = request (f, "POST", path, dingtalk_text, NULL);
    assert_errcode (response, 0);
  }

  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_DINGTALK), ==, 21);
}

/* Feishu */

static void
assert_code (Response *response,
             guint     status,
             gint64    code)
{
  assert_status (response, status);
  assert_int_member (response, "code", code);
}

static void
test_feishu (Fixture       *f,
             gconstpointer  data)
{
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *message = feishu_signed_message (now_s, "SEV1 checkout");
  g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, now_s);
  g_autofree char *dingtalk_message = g_strdup_printf ("%s\n%s", seconds,
                                                       SITREP_FAKE_CHANNELS_FEISHU_SECRET);
  g_autofree char *dingtalk_style_sign = hmac_base64 (SITREP_FAKE_CHANNELS_FEISHU_SECRET,
                                                      dingtalk_message);
  g_autofree char *dingtalk_style = feishu_text_message (seconds, dingtalk_style_sign, "SEV1");
  g_autofree char *stale = feishu_signed_message (now_s - 2 * 60 * 60, "SEV1");
  g_autofree char *in_ms = feishu_signed_message (now_s * 1000, "SEV1");
  g_autofree char *unsigned_message = feishu_text_message (seconds, NULL, "SEV1");
  g_autofree char *sign = feishu_sign (SITREP_FAKE_CHANNELS_FEISHU_SECRET, now_s);
  g_autofree char *numeric = g_strdup_printf ("{\"timestamp\":%" G_GINT64_FORMAT ",\"sign\":\"%s\","
                                              "\"msg_type\":\"text\",\"content\":{\"text\":\"SEV1\"}}",
                                              now_s, sign);
  g_autofree char *post = g_strdup_printf ("{\"timestamp\":\"%s\",\"sign\":\"%s\",\"msg_type\":\"post\","
                                           "\"content\":{\"post\":{\"zh_cn\":{\"title\":\"SEV1 Checkout\","
                                           "\"content\":[[{\"tag\":\"text\",\"text\":\"82%%\"},"
                                           "{\"tag\":\"at\",\"user_id\":\"all\"}]]}}}}",
                                           seconds, sign);
  g_autoptr(Response) response = NULL;

  response = request (f, "POST", FEISHU, message, NULL);
  assert_code (response, 200, 0);
  assert_member (response, "msg", "success");
  g_assert_cmpstr (response->body, ==, "{\"code\":0,\"data\":{},\"msg\":\"success\"}");
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", FEISHU, post, NULL);
  assert_code (response, 200, 0);
  g_clear_pointer (&response, response_free);

  /* DingTalk's recipe is the most common mistake. */
  response = request (f, "POST", FEISHU, dingtalk_style, NULL);
  assert_code (response, 200, 19021);
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", FEISHU, stale, NULL);
  assert_code (response, 200, 19021);
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", FEISHU, in_ms, NULL);
  assert_code (response, 200, 19021);
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", FEISHU, unsigned_message, NULL);
  assert_code (response, 200, 19021);
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", FEISHU, numeric, NULL);
  assert_code (response, 400, 9499);
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", FEISHU, "{\"msg_type\":", NULL);
  assert_code (response, 400, 9499);
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", "/feishu/open-apis/bot/v2/hook/nosuchhook", message, NULL);
  assert_code (response, 200, 19001);
  g_clear_pointer (&response, response_free);

  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_FEISHU), ==, 2);
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_text (f->fake, SITREP_FAKE_CHANNEL_FEISHU, 0), ==,
                   "SEV1 checkout");
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_text (f->fake, SITREP_FAKE_CHANNEL_FEISHU, 1), ==,
                   "SEV1 Checkout");

  sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_FEISHU,
                                  SITREP_FAKE_CHANNEL_FAULT_RATE_LIMITED);
  response = request (f, "POST", FEISHU, message, NULL);
  assert_code (response, 200, 11232);
  g_clear_pointer (&response, response_free);
  sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_FEISHU, SITREP_FAKE_CHANNEL_FAULT_NONE);

  /* More than five a second. */
  sitrep_fake_channels_set_clock (f->fake, FIXED_NOW_S * G_USEC_PER_SEC);
  sitrep_fake_channels_set_rate_limit (f->fake, SITREP_FAKE_CHANNEL_FEISHU, TRUE);
  g_clear_pointer (&message, g_free);
  message = feishu_signed_message (FIXED_NOW_S, "burst");
  for (guint i = 0; i < 5; i++)
    {
      response = request (f, "POST", FEISHU, message, NULL);
      assert_code (response, 200, 0);
      g_clear_pointer (&response, response_free);
    }
  response = request (f, "POST", FEISHU, message, NULL);
  assert_code (response, 200, 11232);
  g_clear_pointer (&response, response_free);
  sitrep_fake_channels_advance_clock (f->fake, G_USEC_PER_SEC);
  response = request (f, "POST", FEISHU, message, NULL);
  assert_code (response, 200, 0);

  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_FEISHU), ==, 8);
}

/* Matrix */

static void
assert_errcode_name (Response   *response,
                     guint       status,
                     const char *errcode)
{
  assert_status (response, status);
  assert_member (response, "errcode", errcode);
}

static void
test_matrix (Fixture       *f,
             gconstpointer  data)
{
  static const char message[] =
    "{\"msgtype\":\"m.text\",\"body\":\"SEV1 checkout\",\"format\":\"org.matrix.custom.html\","
    "\"formatted_body\":\"<b>SEV1</b> checkout\"}";
  g_autoptr(Response) response = NULL;
  g_autoptr(Response) again = NULL;
  g_autoptr(JsonNode) root = NULL;

  response = request (f, "PUT", MATRIX_SEND "txn-1", message, NULL);
  assert_errcode_name (response, 401, "M_MISSING_TOKEN");
  g_clear_pointer (&response, response_free);

  response = request (f, "PUT", MATRIX_SEND "txn-1", message, "Authorization", "Bearer syt_wrong", NULL);
  assert_errcode_name (response, 401, "M_UNKNOWN_TOKEN");
  g_clear_pointer (&response, response_free);

  response = request (f, "PUT",
                      "/_matrix/client/v3/rooms/%21elsewhere%3Aexample.org/send/m.room.message/txn-1",
                      message, "Authorization", MATRIX_BEARER, NULL);
  assert_errcode_name (response, 403, "M_FORBIDDEN");
  g_clear_pointer (&response, response_free);

  response = request (f, "PUT", MATRIX_SEND "txn-1", "SEV1 checkout", "Authorization", MATRIX_BEARER, NULL);
  assert_errcode_name (response, 400, "M_NOT_JSON");
  g_clear_pointer (&response, response_free);

  response = request (f, "PUT", MATRIX_SEND "txn-1", "[\"SEV1\"]", "Authorization", MATRIX_BEARER, NULL);
  assert_errcode_name (response, 400, "M_BAD_JSON");
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", MATRIX_SEND "txn-1", message, "Authorization", MATRIX_BEARER, NULL);
  assert_errcode_name (response, 405, "M_UNRECOGNIZED");
  g_clear_pointer (&response, response_free);

  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_MATRIX), ==, 0);

  /* The same transaction twice: one message, one event id. */
  response = request (f, "PUT", MATRIX_SEND "txn-1", message, "Authorization", MATRIX_BEARER, NULL);
  assert_status (response, 200);
  assert_member (response, "event_id", "$fkevt000001:example.org");
  again = request (f, "PUT", MATRIX_SEND "txn-1", "{\"msgtype\":\"m.text\",\"body\":\"changed\"}",
                   "Authorization", MATRIX_BEARER, NULL);
  assert_status (again, 200);
  g_assert_cmpstr (again->body, ==, response->body);
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_MATRIX), ==, 1);
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_key (f->fake, SITREP_FAKE_CHANNEL_MATRIX, 0), ==,
                   "txn-1");
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_text (f->fake, SITREP_FAKE_CHANNEL_MATRIX, 0), ==,
                   "SEV1 checkout");
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_id (f->fake, SITREP_FAKE_CHANNEL_MATRIX, 0), ==,
                   "$fkevt000001:example.org");
  g_clear_pointer (&response, response_free);

  /* Another transaction, the token in the query this time. */
  response = request (f, "PUT", MATRIX_SEND "txn-2?access_token=" SITREP_FAKE_CHANNELS_MATRIX_TOKEN,
                      message, NULL);
  assert_status (response, 200);
  assert_member (response, "event_id", "$fkevt000002:example.org");
  g_clear_pointer (&response, response_free);
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_MATRIX), ==, 2);

  sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_MATRIX,
                                  SITREP_FAKE_CHANNEL_FAULT_RATE_LIMITED);
  response = request (f, "PUT", MATRIX_SEND "txn-3", message, "Authorization", MATRIX_BEARER, NULL);
  assert_errcode_name (response, 429, "M_LIMIT_EXCEEDED");
  assert_retry_after (response);
  root = parse (response->body);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "retry_after_ms"), ==, 1000);
  g_clear_pointer (&response, response_free);

  sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_MATRIX,
                                  SITREP_FAKE_CHANNEL_FAULT_SERVER_ERROR);
  response = request (f, "PUT", MATRIX_SEND "txn-3", message, "Authorization", MATRIX_BEARER, NULL);
  assert_errcode_name (response, 500, "M_UNKNOWN");
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_MATRIX), ==, 2);
}

/* The company's hooks */

static void
test_hooks (Fixture       *f,
            gconstpointer  data)
{
  static const char banner[] = "{\"title\":\"Checkout degraded\",\"text\":\"Payments are failing\"}";
  g_autofree char *signature = hook_signature (SITREP_FAKE_CHANNELS_HOOKS_SECRET, FIXED_NOW_S, banner);
  g_autofree char *wrong_secret = hook_signature ("whsec_other", FIXED_NOW_S, banner);
  g_autofree char *replayed = hook_signature (SITREP_FAKE_CHANNELS_HOOKS_SECRET, FIXED_NOW_S - 301, banner);
  g_autofree char *late = hook_signature (SITREP_FAKE_CHANNELS_HOOKS_SECRET, FIXED_NOW_S - 299, banner);
  g_autofree char *array = hook_signature (SITREP_FAKE_CHANNELS_HOOKS_SECRET, FIXED_NOW_S, "[1,2]");
  g_autofree char *text = hook_signature (SITREP_FAKE_CHANNELS_HOOKS_SECRET, FIXED_NOW_S, "banner");
  g_autoptr(Response) response = NULL;
  g_autoptr(Response) again = NULL;

  sitrep_fake_channels_set_clock (f->fake, FIXED_NOW_S * G_USEC_PER_SEC);

  response = post_hook (f, BANNER, banner, signature, NULL);
  assert_status (response, 202);
  assert_member (response, "id", "bnr_000001");
  g_clear_pointer (&response, response_free);

  response = post_hook (f, BANNER, banner, NULL, NULL);
  assert_status (response, 401);
  g_clear_pointer (&response, response_free);
  response = post_hook (f, BANNER, banner, wrong_secret, NULL);
  assert_status (response, 401);
  g_clear_pointer (&response, response_free);
  response = post_hook (f, BANNER, "{\"title\":\"Checkout degraded\",\"text\":\"All is well\"}",
                        signature, NULL);
  assert_status (response, 401);
  g_clear_pointer (&response, response_free);
  response = post_hook (f, BANNER, banner, "t=1795921200", NULL);
  assert_status (response, 401);
  g_clear_pointer (&response, response_free);

  /* More than five minutes old is a replay; less is not. */
  response = post_hook (f, BANNER, banner, replayed, NULL);
  assert_status (response, 401);
  assert_member (response, "error", "invalid signature");
  g_clear_pointer (&response, response_free);
  response = post_hook (f, BANNER, banner, late, NULL);
  assert_status (response, 202);
  g_clear_pointer (&response, response_free);

  /* Signed, but not a JSON object. */
  response = post_hook (f, BANNER, "[1,2]", array, NULL);
  assert_status (response, 400);
  g_clear_pointer (&response, response_free);
  response = post_hook (f, BANNER, "banner", text, NULL);
  assert_status (response, 400);
  g_clear_pointer (&response, response_free);

  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_BANNER), ==, 2);

  /* The same Idempotency-Key twice: one message, one id. */
  response = post_hook (f, PUSH, banner, signature, "outbox-17");
  assert_status (response, 202);
  assert_member (response, "id", "psh_000003");
  again = post_hook (f, PUSH, banner, signature, "outbox-17");
  assert_status (again, 202);
  g_assert_cmpstr (again->body, ==, response->body);
  g_clear_pointer (&again, response_free);
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_PUSH), ==, 1);
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_key (f->fake, SITREP_FAKE_CHANNEL_PUSH, 0), ==,
                   "outbox-17");
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_id (f->fake, SITREP_FAKE_CHANNEL_PUSH, 0), ==,
                   "psh_000003");
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_text (f->fake, SITREP_FAKE_CHANNEL_PUSH, 0), ==,
                   "Payments are failing");

  /* A key is the banner's or the push's, not both. */
  again = post_hook (f, BANNER, banner, signature, "outbox-17");
  assert_status (again, 202);
  assert_member (again, "id", "bnr_000004");
  g_clear_pointer (&again, response_free);

  again = request (f, "GET", BANNER, NULL, NULL);
  assert_status (again, 405);
}

/* Faults every channel shares */

static void
test_server_down (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Response) response = NULL;

  for (guint i = 0; i < SITREP_FAKE_N_CHANNELS; i++)
    sitrep_fake_channels_set_fault (f->fake, i, SITREP_FAKE_CHANNEL_FAULT_DOWN);

  response = statuspage (f, "POST", INCIDENTS, create_body);
  assert_status (response, 503);
  assert_content_type (response, "text/html");
  g_clear_pointer (&response, response_free);
  response = request (f, "PUT", MATRIX_SEND "txn-1", "{\"body\":\"x\"}", "Authorization", MATRIX_BEARER,
                      NULL);
  assert_status (response, 503);
  g_clear_pointer (&response, response_free);
  response = request (f, "POST", FEISHU, "{}", NULL);
  assert_status (response, 503);
  g_clear_pointer (&response, response_free);

  for (guint i = 0; i < SITREP_FAKE_N_CHANNELS; i++)
    g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, i), ==, 0);

  /* A fault for a number of requests clears by itself. */
  sitrep_fake_channels_set_fault_times (f->fake, SITREP_FAKE_CHANNEL_SLACK,
                                        SITREP_FAKE_CHANNEL_FAULT_SERVER_ERROR, 2);
  for (guint i = 0; i < 2; i++)
    {
      response = request (f, "POST", SLACK, "{\"text\":\"x\"}", NULL);
      assert_status (response, 500);
      g_clear_pointer (&response, response_free);
    }
  response = request (f, "POST", SLACK, "{\"text\":\"x\"}", NULL);
  assert_status (response, 200);
  g_assert_cmpint (sitrep_fake_channels_get_fault (f->fake, SITREP_FAKE_CHANNEL_SLACK), ==,
                   SITREP_FAKE_CHANNEL_FAULT_NONE);
}

static void
test_accept_then_drop (Fixture       *f,
                       gconstpointer  data)
{
  static const char ledger[] =
    "{\"incident\":{\"name\":\"Ledger export delayed\",\"body\":\"Investigating.\","
    "\"metadata\":{\"sitrep\":{\"outbox_id\":\"ob-7\"}}}}";
  static const char matrix_message[] = "{\"msgtype\":\"m.text\",\"body\":\"SEV2 ledger\"}";
  g_autofree char *signature = NULL;
  g_autofree char *path = dingtalk_signed_path (g_get_real_time () / 1000);
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonObject *incident;
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;

  /* Slack: the message is posted, the answer never comes. */
  sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_SLACK,
                                  SITREP_FAKE_CHANNEL_FAULT_ACCEPT_THEN_DROP);
  response = request (f, "POST", SLACK, "{\"text\":\"SEV2 ledger\"}", NULL);
  assert_dropped (response);
  g_clear_pointer (&response, response_free);
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_SLACK), ==, 1);
  g_assert_cmpstr (sitrep_fake_channels_get_delivered_text (f->fake, SITREP_FAKE_CHANNEL_SLACK, 0), ==,
                   "SEV2 ledger");

  /* Until cleared, and a message sent again blindly is there twice. */
  response = request (f, "POST", SLACK, "{\"text\":\"SEV2 ledger\"}", NULL);
  assert_dropped (response);
  g_clear_pointer (&response, response_free);
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_SLACK), ==, 2);

  /* A refused message is not delivered, and its answer is lost too. */
  response = request (f, "POST", SLACK, "{}", NULL);
  assert_dropped (response);
  g_clear_pointer (&response, response_free);
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_SLACK), ==, 2);
  sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_SLACK, SITREP_FAKE_CHANNEL_FAULT_NONE);

  /* Statuspage: the incident exists, and a read finds it by its
   * metadata while writes are still dropped. */
  sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE,
                                  SITREP_FAKE_CHANNEL_FAULT_ACCEPT_THEN_DROP);
  response = statuspage (f, "POST", INCIDENTS, ledger);
  assert_dropped (response);
  g_clear_pointer (&response, response_free);
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE), ==, 1);

  response = statuspage (f, "GET", INCIDENTS "?q=ledger&limit=5&page=1", NULL);
  assert_status (response, 200);
  list = parse (response->body);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  incident = json_array_get_object_element (json_node_get_array (list), 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_object_get_object_member (incident, "metadata"), "sitrep"), "outbox_id"),
                   ==, "ob-7");
  g_assert_cmpstr (json_object_get_string_member (incident, "id"), ==,
                   sitrep_fake_channels_get_delivered_id (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE, 0));
  g_clear_pointer (&response, response_free);
  sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_STATUSPAGE, SITREP_FAKE_CHANNEL_FAULT_NONE);

  /* DingTalk. */
  sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_DINGTALK,
                                  SITREP_FAKE_CHANNEL_FAULT_ACCEPT_THEN_DROP);
  response = request (f, "POST", path, dingtalk_text, NULL);
  assert_dropped (response);
  g_clear_pointer (&response, response_free);
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_DINGTALK), ==, 1);
  sitrep_fake_channels_set_fault (f->fake, SITREP_FAKE_CHANNEL_DINGTALK, SITREP_FAKE_CHANNEL_FAULT_NONE);

  /* Matrix, once: sending the same transaction again is safe. libsoup
   * would itself resend a PUT whose reused connection closed, so this
   * one goes on a new connection. */
  sitrep_fake_channels_set_fault_times (f->fake, SITREP_FAKE_CHANNEL_MATRIX,
                                        SITREP_FAKE_CHANNEL_FAULT_ACCEPT_THEN_DROP, 1);
  soup_session_abort (f->session);
  response = request (f, "PUT", MATRIX_SEND "txn-dropped", matrix_message,
                      "Authorization", MATRIX_BEARER, NULL);
  assert_dropped (response);
  g_clear_pointer (&response, response_free);
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_MATRIX), ==, 1);
  g_assert_cmpint (sitrep_fake_channels_get_fault (f->fake, SITREP_FAKE_CHANNEL_MATRIX), ==,
                   SITREP_FAKE_CHANNEL_FAULT_NONE);

  response = request (f, "PUT", MATRIX_SEND "txn-dropped", matrix_message,
                      "Authorization", MATRIX_BEARER, NULL);
  assert_status (response, 200);
  assert_member (response, "event_id",
                 sitrep_fake_channels_get_delivered_id (f->fake, SITREP_FAKE_CHANNEL_MATRIX, 0));
  g_clear_pointer (&response, response_free);
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_MATRIX), ==, 1);

  /* The push hook, with an Idempotency-Key: the same. */
  signature = hook_signature (SITREP_FAKE_CHANNELS_HOOKS_SECRET, now_s, "{\"text\":\"SEV2 ledger\"}");
  sitrep_fake_channels_set_fault_times (f->fake, SITREP_FAKE_CHANNEL_PUSH,
                                        SITREP_FAKE_CHANNEL_FAULT_ACCEPT_THEN_DROP, 1);
  response = post_hook (f, PUSH, "{\"text\":\"SEV2 ledger\"}", signature, "outbox-8");
  assert_dropped (response);
  g_clear_pointer (&response, response_free);
  response = post_hook (f, PUSH, "{\"text\":\"SEV2 ledger\"}", signature, "outbox-8");
  assert_status (response, 202);
  assert_member (response, "id",
                 sitrep_fake_channels_get_delivered_id (f->fake, SITREP_FAKE_CHANNEL_PUSH, 0));
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_PUSH), ==, 1);
}

/* /_fake/ */

static void
test_control (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *from_c = NULL;
  JsonArray *records;
  JsonObject *record;

  response = request (f, "POST", SLACK, "{\"text\":\"SEV1 checkout\"}", NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);
  response = request (f, "PUT", MATRIX_SEND "txn-9", "{\"msgtype\":\"m.text\",\"body\":\"SEV1\"}",
                      "Authorization", MATRIX_BEARER, NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);

  response = request (f, "GET", "/_fake/delivered", NULL, NULL);
  assert_status (response, 200);
  root = parse (response->body);
  records = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (records), ==, 2);
  record = json_array_get_object_element (records, 0);
  g_assert_cmpstr (json_object_get_string_member (record, "channel"), ==, "slack");
  g_assert_cmpstr (json_object_get_string_member (record, "method"), ==, "POST");
  g_assert_cmpstr (json_object_get_string_member (record, "path"), ==, SLACK);
  g_assert_cmpstr (json_object_get_string_member (record, "body"), ==, "{\"text\":\"SEV1 checkout\"}");
  g_assert_cmpstr (json_object_get_string_member (record, "text"), ==, "SEV1 checkout");
  g_assert_true (json_object_get_null_member (record, "key"));
  g_assert_cmpint (json_object_get_int_member (record, "time_us"), ==,
                   sitrep_fake_channels_get_delivered_time (f->fake, SITREP_FAKE_CHANNEL_SLACK, 0));
  record = json_array_get_object_element (records, 1);
  g_assert_cmpstr (json_object_get_string_member (record, "channel"), ==, "matrix");
  g_assert_cmpstr (json_object_get_string_member (record, "key"), ==, "txn-9");
  g_assert_cmpstr (json_object_get_string_member (record, "id"), ==, "$fkevt000001:example.org");
  from_c = sitrep_fake_channels_dup_delivered_json (f->fake);
  g_assert_cmpstr (from_c, ==, response->body);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&response, response_free);

  response = request (f, "GET", "/_fake/delivered?channel=matrix", NULL, NULL);
  assert_status (response, 200);
  root = parse (response->body);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&response, response_free);
  response = request (f, "GET", "/_fake/delivered?channel=telegram", NULL, NULL);
  assert_status (response, 400);
  g_clear_pointer (&response, response_free);

  /* Faults over HTTP, and the control endpoints answer through them. */
  response = request (f, "POST", "/_fake/fault", "{\"channel\":\"slack\",\"fault\":\"down\"}", NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);
  g_assert_cmpint (sitrep_fake_channels_get_fault (f->fake, SITREP_FAKE_CHANNEL_SLACK), ==,
                   SITREP_FAKE_CHANNEL_FAULT_DOWN);
  response = request (f, "POST", SLACK, "{\"text\":\"SEV1\"}", NULL);
  assert_status (response, 503);
  g_clear_pointer (&response, response_free);
  response = request (f, "POST", "/_fake/fault", "{\"channel\":\"slack\",\"fault\":\"none\"}", NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);
  response = request (f, "POST", SLACK, "{\"text\":\"SEV1\"}", NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);

  response = request (f, "POST", "/_fake/fault", "{\"channel\":\"slack\",\"fault\":\"accept-then-drop\"}",
                      NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);
  g_assert_cmpint (sitrep_fake_channels_get_fault (f->fake, SITREP_FAKE_CHANNEL_SLACK), ==,
                   SITREP_FAKE_CHANNEL_FAULT_ACCEPT_THEN_DROP);

  response = request (f, "POST", "/_fake/fault", "{\"channel\":\"feishu\",\"fault\":\"channel_not_found\"}",
                      NULL);
  assert_status (response, 400);
  g_clear_pointer (&response, response_free);
  response = request (f, "POST", "/_fake/fault", "{\"channel\":\"telegram\",\"fault\":\"down\"}", NULL);
  assert_status (response, 400);
  g_clear_pointer (&response, response_free);
  response = request (f, "POST", "/_fake/fault", "{\"channel\":\"slack\",\"fault\":\"melting\"}", NULL);
  assert_status (response, 400);
  g_clear_pointer (&response, response_free);
  response = request (f, "POST", "/_fake/fault", "{\"channel\":\"statuspage\",\"rate_limit_status\":430}",
                      NULL);
  assert_status (response, 400);
  g_clear_pointer (&response, response_free);

  /* Every channel at once, for one request each. */
  response = request (f, "POST", "/_fake/fault",
                      "{\"channel\":\"all\",\"fault\":\"server_error\",\"times\":1}", NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);
  response = request (f, "POST", SLACK, "{\"text\":\"SEV1\"}", NULL);
  assert_status (response, 500);
  g_clear_pointer (&response, response_free);
  response = request (f, "POST", SLACK, "{\"text\":\"SEV1\"}", NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);
  response = statuspage (f, "GET", INCIDENTS, NULL);
  assert_status (response, 500);
  g_clear_pointer (&response, response_free);

  /* The rate limit and its status, and the clock. */
  response = request (f, "POST", "/_fake/clock", "{\"now\":1795921200}", NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);
  g_assert_cmpint (sitrep_fake_channels_get_clock (f->fake), ==, FIXED_NOW_S * G_USEC_PER_SEC);
  response = request (f, "POST", "/_fake/fault",
                      "{\"channel\":\"statuspage\",\"rate_limit\":true,\"rate_limit_status\":420}", NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);
  response = statuspage (f, "GET", INCIDENTS, NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);
  response = statuspage (f, "GET", INCIDENTS, NULL);
  assert_status (response, 420);
  g_clear_pointer (&response, response_free);
  response = request (f, "POST", "/_fake/clock", "{\"advance\":1}", NULL);
  assert_status (response, 200);
  assert_int_member (response, "now_us", (FIXED_NOW_S + 1) * G_USEC_PER_SEC);
  g_clear_pointer (&response, response_free);
  response = statuspage (f, "GET", INCIDENTS, NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);

  response = request (f, "GET", "/_fake/requests", NULL, NULL);
  assert_status (response, 200);
  assert_int_member (response, "slack",
                     sitrep_fake_channels_get_n_requests (f->fake, SITREP_FAKE_CHANNEL_SLACK));
  assert_int_member (response, "statuspage", 4);
  g_clear_pointer (&response, response_free);

  response = request (f, "DELETE", "/_fake/delivered", NULL, NULL);
  assert_status (response, 204);
  g_clear_pointer (&response, response_free);
  g_assert_cmpuint (sitrep_fake_channels_get_n_delivered (f->fake, SITREP_FAKE_CHANNEL_SLACK), ==, 0);
  response = request (f, "GET", "/_fake/delivered", NULL, NULL);
  assert_status (response, 200);
  g_assert_cmpstr (response->body, ==, "[]");
}

/* The standalone executable */

static void
test_executable (void)
{
  g_autofree char *binary = g_test_build_filename (G_TEST_BUILT, "sitrep-fake-channels", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *push = NULL;
  g_autofree char *slack = NULL;
  g_autofree char *matrix = NULL;
  g_autofree char *fault = NULL;
  g_autofree char *delivered = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *default_signature = NULL;
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;
  static const char body[] = "{\"text\":\"Maintenance tonight\"}";
  JsonObject *first;
  const char *url;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, binary,
                              "--secret-hooks", "whsec_from_the_command_line",
                              "--matrix-room", "!other:example.org",
                              NULL);
  g_assert_no_error (error);

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "READY http://127.0.0.1:"));
  url = line + strlen ("READY ");

  push = g_strconcat (url, PUSH, NULL);
  signature = hook_signature ("whsec_from_the_command_line", now_s, body);
  default_signature = hook_signature (SITREP_FAKE_CHANNELS_HOOKS_SECRET, now_s, body);
  response = send_to (session, "POST", push, body, "Sitrep-Signature", signature, NULL);
  assert_status (response, 202);
  g_clear_pointer (&response, response_free);
  response = send_to (session, "POST", push, body, "Sitrep-Signature", default_signature, NULL);
  assert_status (response, 401);
  g_clear_pointer (&response, response_free);

  matrix = g_strconcat (url, "/_matrix/client/v3/rooms/%21other%3Aexample.org/send/m.room.message/t1",
                        NULL);
  response = send_to (session, "PUT", matrix, "{\"msgtype\":\"m.text\",\"body\":\"SEV3\"}",
                      "Authorization", MATRIX_BEARER, NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);

  fault = g_strconcat (url, "/_fake/fault", NULL);
  response = send_to (session, "POST", fault, "{\"channel\":\"slack\",\"fault\":\"down\"}", NULL);
  assert_status (response, 200);
  g_clear_pointer (&response, response_free);
  slack = g_strconcat (url, SLACK, NULL);
  response = send_to (session, "POST", slack, "{\"text\":\"SEV3\"}", NULL);
  assert_status (response, 503);
  g_clear_pointer (&response, response_free);

  delivered = g_strconcat (url, "/_fake/delivered", NULL);
  response = send_to (session, "GET", delivered, NULL, NULL);
  assert_status (response, 200);
  root = parse (response->body);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  first = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "channel"), ==, "push");
  g_assert_cmpstr (json_object_get_string_member (first, "text"), ==, "Maintenance tonight");

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  /* One line, and only one. */
  rest = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (rest);
}

static void
test_executable_port_in_use (void)
{
  g_autoptr(SitrepFakeChannels) fake = sitrep_fake_channels_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepFakeChannels) second = NULL;
  g_autoptr(GUri) uri = g_uri_parse (sitrep_fake_channels_get_url (fake), G_URI_FLAGS_NONE, NULL);

  second = sitrep_fake_channels_new_on_port ((guint)g_uri_get_port (uri), &error);
  g_assert_null (second);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/channel-fakes/statuspage/create", Fixture, NULL, fixture_set_up,
              test_statuspage_create, fixture_tear_down);
  g_test_add ("/channel-fakes/statuspage/update", Fixture, NULL, fixture_set_up,
              test_statuspage_update, fixture_tear_down);
  g_test_add ("/channel-fakes/statuspage/validation", Fixture, NULL, fixture_set_up,
              test_statuspage_validation, fixture_tear_down);
  g_test_add ("/channel-fakes/statuspage/not-found", Fixture, NULL, fixture_set_up,
              test_statuspage_not_found, fixture_tear_down);
  g_test_add ("/channel-fakes/statuspage/unauthorized", Fixture, NULL, fixture_set_up,
              test_statuspage_unauthorized, fixture_tear_down);
  g_test_add ("/channel-fakes/statuspage/rate-limit", Fixture, NULL, fixture_set_up,
              test_statuspage_rate_limit, fixture_tear_down);
  g_test_add ("/channel-fakes/slack", Fixture, NULL, fixture_set_up, test_slack, fixture_tear_down);
  g_test_add ("/channel-fakes/dingtalk", Fixture, NULL, fixture_set_up, test_dingtalk, fixture_tear_down);
  g_test_add ("/channel-fakes/dingtalk/throttle", Fixture, NULL, fixture_set_up, test_dingtalk_throttle,
              fixture_tear_down);
  g_test_add ("/channel-fakes/feishu", Fixture, NULL, fixture_set_up, test_feishu, fixture_tear_down);
  g_test_add ("/channel-fakes/matrix", Fixture, NULL, fixture_set_up, test_matrix, fixture_tear_down);
  g_test_add ("/channel-fakes/hooks", Fixture, NULL, fixture_set_up, test_hooks, fixture_tear_down);
  g_test_add ("/channel-fakes/down", Fixture, NULL, fixture_set_up, test_server_down, fixture_tear_down);
  g_test_add ("/channel-fakes/accept-then-drop", Fixture, NULL, fixture_set_up, test_accept_then_drop,
              fixture_tear_down);
  g_test_add ("/channel-fakes/control", Fixture, NULL, fixture_set_up, test_control, fixture_tear_down);
  g_test_add_func ("/channel-fakes/executable", test_executable);
  g_test_add_func ("/channel-fakes/port-in-use", test_executable_port_in_use);

  return g_test_run ();
}
