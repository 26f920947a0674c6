/* sitrep-fake-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The fakes answer as APIS.md §3, §4 and §E record the real services:
 *
 * Grafana: every /api path but /api/health needs `Authorization: Bearer
 * <token>` (or Basic with the user "api_key" and the token as password),
 * else 401 {"message":"Unauthorized"}. Its built-in Alertmanager speaks
 * the Alertmanager v2 contract, silences included: a silence whose
 * matchers all match an alert's labels makes it "suppressed", silenced by
 * the silence's id. Its Prometheus-compatible list gives the capitalised
 * instance states ("Alerting", "Pending", "Normal (NoData)").
 *
 * Statuspage: the public, unauthenticated read API of one page, whose
 * indicator follows its worst component and unresolved incident.
 *
 * Nothing here blocks the main context: a slow answer is a paused
 * message, an oversized one is written a chunk at a time as the client
 * reads it. */

#define G_LOG_DOMAIN "sitrep-fake-server"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sitrep-fake-server.h"

#define STREAM_CHUNK     (64 * 1024)
#define OVERSIZED_BYTES  ((gsize)33 * 1024 * 1024 + 512 * 1024)
#define RAW_BYTES_MARK   "@@raw-bytes@@"
#define RAW_BYTES        "\xff\xfe raw \xc3\x28 bytes"
#define URL_MARK         "@@url@@"

#define GRAFANA_AM_ALERTS   "/api/alertmanager/grafana/api/v2/alerts"
#define GRAFANA_AM_SILENCES "/api/alertmanager/grafana/api/v2/silences"
#define GRAFANA_AM_SILENCE  "/api/alertmanager/grafana/api/v2/silence/"
#define GRAFANA_PROM_ALERTS "/api/prometheus/grafana/api/v1/alerts"

typedef enum
{
  KIND_GRAFANA,
  KIND_STATUSPAGE,
} Kind;

typedef struct
{
  char     *name;
  char     *value;
  gboolean  is_regex;
  gboolean  is_equal;
  GRegex   *regex;
} Matcher;

typedef struct
{
  char      *id;
  GPtrArray *matchers;
  char      *starts_at;
  char      *ends_at;
  char      *created_by;
  char      *comment;
  gboolean   expired;
} Silence;

typedef struct
{
  char     *id;
  char     *name;
  char     *status;
  char     *description;
  char     *group_id;
  char     *updated_at;
  int       position;
  gboolean  group;
} Component;

typedef struct
{
  char *id;
  char *status;
  char *body;
  char *created_at;
} IncidentUpdate;

typedef struct
{
  char      *id;
  char      *name;
  char      *status;
  char      *impact;
  char      *created_at;
  char      *updated_at;
  char      *resolved_at;
  GPtrArray *updates;   /* newest first */
} Incident;

struct _SitrepFakeServer
{
  Kind             kind;
  SoupServer      *server;
  char            *url;
  SitrepFakeFault  fault;
  GHashTable      *n_requests;    /* path → count */
  GHashTable      *last_bodies;   /* path → text */
  char            *last_authorization;
  GPtrArray       *paused;

  /* Grafana */
  char            *token;
  char            *alertmanager_json;
  char            *prometheus_json;
  GPtrArray       *silences;
  guint            n_annotations;

  /* Statuspage */
  GPtrArray       *components;
  GPtrArray       *incidents;
  gint64           clock;         /* seconds since the epoch, moved by each change */
  guint            n_components;
};

typedef struct
{
  guint       status;
  const char *content_type;
  char       *body;
  gsize       length;
} Reply;

typedef struct
{
  gsize    remaining;
  gboolean opened;
  gboolean completed;
} Stream;

static const char *component_statuses[] = {
  "operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage",
};

static const char *impacts[] = { "none", "minor", "major", "critical" };

static const char *indicator_descriptions[] = {
  "All Systems Operational", "Minor Service Outage", "Partial System Outage", "Major System Outage",
};

static const char grafana_login_page[] =
  "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
  "<title>Grafana</title>\n<base href=\"/\" />\n</head>\n"
  "<body class=\"theme-dark app-grafana\">\n<div class=\"preloader\">Loading Grafana</div>\n"
  "<script nonce=\"\">window.grafanaBootData = { user: {}, settings: {} };</script>\n"
  "</body>\n</html>\n";

static const char proxy_error_page[] =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
  "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
  "</body>\r\n</html>\r\n";

/* Grafana 10's alert lists, as its APIs give them; URL_MARK becomes the
 * fake's address. */
static const char grafana_alertmanager_default[] =
  "[{\"annotations\":{\"__dashboardUid__\":\"payments-overview\",\"__orgId__\":\"1\","
  "\"__panelId__\":\"4\",\"description\":\"5.2% of charges failed in the last 5 minutes.\","
  "\"runbook_url\":\"https://runbooks.example/payments-errors\","
  "\"summary\":\"Payment error rate above 5%\"},"
  "\"endsAt\":\"2026-11-24T03:24:00.000Z\",\"fingerprint\":\"6b1f3c9a2d4e5f70\","
  "\"receivers\":[{\"name\":\"warroom\"}],\"startsAt\":\"2026-11-24T03:10:00.000Z\","
  "\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},"
  "\"updatedAt\":\"2026-11-24T03:20:00.000Z\","
  "\"generatorURL\":\"" URL_MARK "/alerting/grafana/pay-err-rate/view?orgId=1\","
  "\"labels\":{\"__alert_rule_uid__\":\"pay-err-rate\",\"alertname\":\"PaymentsErrorRate\","
  "\"grafana_folder\":\"Payments\",\"service\":\"payments\",\"severity\":\"critical\"}},"
  "{\"annotations\":{\"__orgId__\":\"1\",\"summary\":\"Webhook deliveries are 4 minutes late\"},"
  "\"endsAt\":\"2026-11-24T03:24:00.000Z\",\"fingerprint\":\"0a9e8d7c6b5a4f3e\","
  "\"receivers\":[{\"name\":\"warroom\"}],\"startsAt\":\"2026-11-24T03:14:00.000Z\","
  "\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},"
  "\"updatedAt\":\"2026-11-24T03:20:00.000Z\","
  "\"generatorURL\":\"" URL_MARK "/alerting/grafana/webhook-delay/view?orgId=1\","
  "\"labels\":{\"__alert_rule_uid__\":\"webhook-delay\",\"alertname\":\"WebhookDeliveryDelayed\","
  "\"grafana_folder\":\"Payments\",\"service\":\"webhooks\",\"severity\":\"warning\"}}]";

static const char grafana_prometheus_default[] =
  "{\"status\":\"success\",\"data\":{\"alerts\":["
  "{\"labels\":{\"alertname\":\"PaymentsErrorRate\",\"grafana_folder\":\"Payments\","
  "\"service\":\"payments\",\"severity\":\"critical\"},"
  "\"annotations\":{\"description\":\"5.2% of charges failed in the last 5 minutes.\","
  "\"runbook_url\":\"https://runbooks.example/payments-errors\","
  "\"summary\":\"Payment error rate above 5%\"},"
  "\"state\":\"Alerting\",\"activeAt\":\"2026-11-24T03:10:00Z\",\"value\":\"5.2e-02\"},"
  "{\"labels\":{\"alertname\":\"WebhookDeliveryDelayed\",\"grafana_folder\":\"Payments\","
  "\"service\":\"webhooks\",\"severity\":\"warning\"},"
  "\"annotations\":{\"summary\":\"Webhook deliveries are 4 minutes late\"},"
  "\"state\":\"Alerting\",\"activeAt\":\"2026-11-24T03:14:00Z\",\"value\":\"2.4e+02\"},"
  "{\"labels\":{\"alertname\":\"CheckoutLatencyHigh\",\"grafana_folder\":\"Payments\","
  "\"service\":\"checkout\",\"severity\":\"warning\"},"
  "\"annotations\":{\"summary\":\"Checkout p99 latency 2.3s\"},"
  "\"state\":\"Pending\",\"activeAt\":\"2026-11-24T03:18:00Z\",\"value\":\"2.3e+00\"},"
  "{\"labels\":{\"alertname\":\"LedgerExportStale\",\"grafana_folder\":\"Finance\","
  "\"severity\":\"warning\"},\"annotations\":{},"
  "\"state\":\"Normal (NoData)\",\"activeAt\":\"0001-01-01T00:00:00Z\",\"value\":\"\"}]}}";

static const char grafana_alertmanager_wrong_types[] =
  "[{\"labels\":[\"alertname\",\"PaymentsErrorRate\"],\"annotations\":\"Payment error rate\","
  "\"status\":\"active\",\"fingerprint\":42,\"startsAt\":1795921800,\"receivers\":\"warroom\"},"
  "\"PaymentsErrorRate\",7,null,[]]";

static const char grafana_prometheus_wrong_types[] =
  "{\"status\":\"success\",\"data\":{\"alerts\":\"PaymentsErrorRate\"}}";

static const char statuspage_wrong_types_page[] =
  "\"page\":{\"id\":\"" SITREP_FAKE_STATUSPAGE_PAGE_ID "\",\"name\":\""
  SITREP_FAKE_STATUSPAGE_PAGE_NAME "\"}";

/* Helpers */

static void
matcher_free (Matcher *matcher)
{
  g_free (matcher->name);
  g_free (matcher->value);
  g_clear_pointer (&matcher->regex, g_regex_unref);
  g_free (matcher);
}

static void
silence_free (Silence *silence)
{
  g_free (silence->id);
  g_clear_pointer (&silence->matchers, g_ptr_array_unref);
  g_free (silence->starts_at);
  g_free (silence->ends_at);
  g_free (silence->created_by);
  g_free (silence->comment);
  g_free (silence);
}

static void
component_free (Component *component)
{
  g_free (component->id);
  g_free (component->name);
  g_free (component->status);
  g_free (component->description);
  g_free (component->group_id);
  g_free (component->updated_at);
  g_free (component);
}

static void
incident_update_free (IncidentUpdate *update)
{
  g_free (update->id);
  g_free (update->status);
  g_free (update->body);
  g_free (update->created_at);
  g_free (update);
}

static void
incident_free (Incident *incident)
{
  g_free (incident->id);
  g_free (incident->name);
  g_free (incident->status);
  g_free (incident->impact);
  g_free (incident->created_at);
  g_free (incident->updated_at);
  g_free (incident->resolved_at);
  g_clear_pointer (&incident->updates, g_ptr_array_unref);
  g_free (incident);
}

static char *
format_time (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S.000Z");
}

static int
index_of (const char * const *values,
          guint               n_values,
          const char         *value)
{
  for (guint i = 0; i < n_values; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return (int)i;

  return -1;
}

static char *
ten_kilobytes (const char *unit)
{
  GString *text = g_string_new (NULL);

  while (text->len < 10 * 1024)
    g_string_append (text, unit);

  return g_string_free (text, FALSE);
}

static void
set_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
set_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
set_boolean (JsonBuilder *builder,
             const char  *name,
             gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* Replaces the mark with raw bytes that are not UTF-8: only a hostile
 * server could send them, since a JSON generator never would. */
static char *
with_raw_bytes (char *text)
{
  GString *string = g_string_new (text);

  g_free (text);
  g_string_replace (string, RAW_BYTES_MARK, RAW_BYTES, 0);
  return g_string_free (string, FALSE);
}

static void
reply_take (Reply      *reply,
            guint       status,
            const char *content_type,
            char       *body)
{
  g_free (reply->body);
  reply->status = status;
  reply->content_type = content_type;
  reply->body = body;
  reply->length = body != NULL ? strlen (body) : 0;
}

static void
reply_json (Reply      *reply,
            guint       status,
            const char *body)
{
  reply_take (reply, status, "application/json", g_strdup (body));
}

static void
reply_printf (Reply      *reply,
              guint       status,
              const char *format,
              ...) G_GNUC_PRINTF (3, 4);

static void
reply_printf (Reply      *reply,
              guint       status,
              const char *format,
              ...)
{
  va_list args;
  char *body;

  va_start (args, format);
  body = g_strdup_vprintf (format, args);
  va_end (args);

  reply_take (reply, status, "application/json", body);
}

/* A JSON string literal, quotes included. */
static char *
json_quote (const char *text)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return json_to_string (node, FALSE);
}

static void
reply_json_string (Reply      *reply,
                   guint       status,
                   const char *text)
{
  reply_take (reply, status, "application/json", json_quote (text));
}

/* Grafana */

static gboolean
grafana_authorized (SitrepFakeServer *fake,
                    const char       *authorization)
{
  if (authorization == NULL)
    return FALSE;

  if (g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0)
    return g_str_equal (authorization + 7, fake->token);

  /* Grafana takes a token as the password of the user "api_key". */
  if (g_ascii_strncasecmp (authorization, "Basic ", 6) == 0)
    {
      g_autofree char *expected = g_strconcat ("api_key:", fake->token, NULL);
      g_autofree guchar *decoded = NULL;
      gsize length = 0;

      decoded = g_base64_decode (authorization + 6, &length);
      return length == strlen (expected) && memcmp (decoded, expected, length) == 0;
    }

  return FALSE;
}

static const char *
label_value (JsonObject *labels,
             const char *name)
{
  JsonNode *node = json_object_get_member (labels, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";

  return json_node_get_string (node);
}

static gboolean
matcher_matches (Matcher    *matcher,
                 const char *value)
{
  gboolean matches;

  if (matcher->is_regex)
    matches = g_regex_match (matcher->regex, value, 0, NULL);
  else
    matches = g_str_equal (matcher->value, value);

  return matcher->is_equal ? matches : !matches;
}

static gboolean
silence_matches (Silence    *silence,
                 JsonObject *labels)
{
  if (silence->expired)
    return FALSE;

  for (guint i = 0; i < silence->matchers->len; i++)
    {
      Matcher *matcher = g_ptr_array_index (silence->matchers, i);

      if (!matcher_matches (matcher, label_value (labels, matcher->name)))
        return FALSE;
    }

  return TRUE;
}

/* The Alertmanager list with the silences applied, as Alertmanager
 * reports a silenced alert. */
static char *
grafana_alertmanager_body (SitrepFakeServer *fake)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *alerts;
  gboolean changed = FALSE;

  if (fake->silences->len == 0 ||
      !(root = json_from_string (fake->alertmanager_json, NULL)) ||
      !JSON_NODE_HOLDS_ARRAY (root))
    return g_strdup (fake->alertmanager_json);

  alerts = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (alerts); i++)
    {
      JsonNode *element = json_array_get_element (alerts, i);
      g_autoptr(JsonArray) silenced_by = json_array_new ();
      JsonObject *alert, *status;
      JsonNode *labels;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      alert = json_node_get_object (element);
      labels = json_object_get_member (alert, "labels");
      if (labels == NULL || !JSON_NODE_HOLDS_OBJECT (labels))
        continue;

      for (guint s = 0; s < fake->silences->len; s++)
        {
          Silence *silence = g_ptr_array_index (fake->silences, s);

          if (silence_matches (silence, json_node_get_object (labels)))
            json_array_add_string_element (silenced_by, silence->id);
        }

      if (json_array_get_length (silenced_by) == 0)
        continue;

      status = json_object_new ();
      json_object_set_array_member (status, "inhibitedBy", json_array_new ());
      json_object_set_array_member (status, "silencedBy", json_array_ref (silenced_by));
      json_object_set_string_member (status, "state", "suppressed");
      json_object_set_object_member (alert, "status", status);
      changed = TRUE;
    }

  if (!changed)
    return g_strdup (fake->alertmanager_json);

  return json_to_string (root, FALSE);
}

static void
add_hostile_grafana_alert (JsonBuilder *builder,
                           gboolean     prometheus,
                           gboolean     raw_bytes)
{
  g_autofree char *long_value = ten_kilobytes ("x");
  g_autofree char *long_text = ten_kilobytes ("é");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_object (builder);
  set_string (builder, "alertname", "<b>bold</b>");
  set_string (builder, "service", "&amp; co");
  set_string (builder, "team", long_value);
  set_string (builder, "note", "\001bell\007 \033[31mred\r\nnext");
  set_string (builder, "<i>name</i>", "&lt;v&gt;");
  if (raw_bytes)
    set_string (builder, "raw", RAW_BYTES_MARK);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "annotations");
  json_builder_begin_object (builder);
  set_string (builder, "summary", "<script>alert(1)</script> &amp;");
  set_string (builder, "description", long_text);
  json_builder_end_object (builder);

  if (prometheus)
    {
      set_string (builder, "state", "Alerting");
      set_string (builder, "activeAt", "2026-11-24T03:10:00Z");
      set_string (builder, "value", "1e+00");
    }
  else
    {
      set_string (builder, "fingerprint", "0123456789abcdef");
      set_string (builder, "startsAt", "2026-11-24T03:10:00.000Z");
      set_string (builder, "updatedAt", "2026-11-24T03:20:00.000Z");
      set_string (builder, "endsAt", "2026-11-24T03:24:00.000Z");
      set_string (builder, "generatorURL", "javascript:alert(1)");
      json_builder_set_member_name (builder, "receivers");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      set_string (builder, "name", "warroom");
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "status");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "inhibitedBy");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "silencedBy");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
      set_string (builder, "state", "active");
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static char *
grafana_hostile_alertmanager (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  add_hostile_grafana_alert (builder, FALSE, FALSE);
  json_builder_end_array (builder);

  return builder_to_string (builder);
}

static char *
grafana_hostile_prometheus (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  set_string (builder, "status", "success");
  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "alerts");
  json_builder_begin_array (builder);
  add_hostile_grafana_alert (builder, TRUE, FALSE);
  add_hostile_grafana_alert (builder, TRUE, TRUE);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return with_raw_bytes (builder_to_string (builder));
}

static JsonNode *
parse_request_body (SoupServerMessage  *msg,
                    GError            **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *text = NULL;

  if (body->length == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "EOF");
      return NULL;
    }

  text = g_strndup (body->data, body->length);
  return json_from_string (text, error);
}

static const char *
json_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "object";
    case JSON_NODE_ARRAY:
      return "array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return "string";
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return "bool";
      return "number";
    default:
      return "value";
    }
}

static void
grafana_post_annotation (SitrepFakeServer  *fake,
                         SoupServerMessage *msg,
                         Reply             *reply)
{
  g_autoptr(JsonNode) root = parse_request_body (msg, NULL);
  JsonNode *text;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      reply_json (reply, 400, "{\"message\":\"bad request data\"}");
      return;
    }

  text = json_object_get_member (json_node_get_object (root), "text");
  if (text != NULL && !JSON_NODE_HOLDS_NULL (text) &&
      json_node_get_value_type (text) != G_TYPE_STRING)
    {
      reply_json (reply, 400, "{\"message\":\"bad request data\"}");
      return;
    }
  if (text == NULL || JSON_NODE_HOLDS_NULL (text) || *json_node_get_string (text) == '\0')
    {
      reply_json (reply, 400, "{\"message\":\"Failed to save annotation\"}");
      return;
    }

  fake->n_annotations++;
  reply_printf (reply, 200, "{\"message\":\"Annotation added\",\"id\":%u}", fake->n_annotations);
}

/* Alertmanager's answers to a bad silence: 400 when the body does not
 * parse into its model, 422 when a required member is missing or a value
 * does not validate, 400 with a bare string when the silence makes no
 * sense. */
static gboolean
check_member (JsonObject *object,
              const char *prefix,
              const char *member,
              GType       type,
              Reply      *reply)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      reply_printf (reply, 422, "{\"code\":602,\"message\":\"%s%s in body is required\"}",
                    prefix, member);
      return FALSE;
    }

  if ((type == G_TYPE_INVALID && !JSON_NODE_HOLDS_ARRAY (node)) ||
      (type != G_TYPE_INVALID && json_node_get_value_type (node) != type))
    {
      reply_printf (reply, 400,
                    "{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, "
                    "because json: cannot unmarshal %s into Go struct field %s of type %s\"}",
                    json_type_name (node), member,
                    type == G_TYPE_INVALID ? "models.Matchers" :
                    type == G_TYPE_BOOLEAN ? "bool" : "string");
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_time (JsonObject  *object,
            const char  *member,
            GDateTime  **time,
            Reply       *reply)
{
  const char *text = json_object_get_string_member (object, member);

  if (!(*time = g_date_time_new_from_iso8601 (text, NULL)))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *message = g_strdup_printf ("%s in body must be of type date-time: \"%s\"",
                                                  member, text);

      json_builder_begin_object (builder);
      set_int (builder, "code", 601);
      set_string (builder, "message", message);
      json_builder_end_object (builder);
      reply_take (reply, 422, "application/json", builder_to_string (builder));
      return FALSE;
    }

  return TRUE;
}

static Matcher *
parse_matcher (JsonNode *node,
               guint     index,
               Reply    *reply)
{
  g_autofree char *prefix = g_strdup_printf ("matchers.%u.", index);
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  JsonNode *is_equal;
  Matcher *matcher;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      reply_printf (reply, 400,
                    "{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, "
                    "because json: cannot unmarshal %s into Go value of type models.Matcher\"}",
                    json_type_name (node));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!check_member (object, prefix, "isRegex", G_TYPE_BOOLEAN, reply) ||
      !check_member (object, prefix, "name", G_TYPE_STRING, reply) ||
      !check_member (object, prefix, "value", G_TYPE_STRING, reply))
    return NULL;

  is_equal = json_object_get_member (object, "isEqual");
  if (is_equal != NULL && !JSON_NODE_HOLDS_NULL (is_equal) &&
      json_node_get_value_type (is_equal) != G_TYPE_BOOLEAN)
    {
      check_member (object, prefix, "isEqual", G_TYPE_BOOLEAN, reply);
      return NULL;
    }

  matcher = g_new0 (Matcher, 1);
  matcher->name = g_strdup (json_object_get_string_member (object, "name"));
  matcher->value = g_strdup (json_object_get_string_member (object, "value"));
  matcher->is_regex = json_object_get_boolean_member (object, "isRegex");
  matcher->is_equal = is_equal == NULL || JSON_NODE_HOLDS_NULL (is_equal) ||
                      json_node_get_boolean (is_equal);

  if (*matcher->name == '\0')
    {
      reply_json_string (reply, 400, "Failed to create silence: invalid label matcher 0: "
                                     "invalid label name \"\"");
      matcher_free (matcher);
      return NULL;
    }

  if (matcher->is_regex)
    {
      g_autofree char *anchored = g_strdup_printf ("^(?:%s)$", matcher->value);

      if (!(matcher->regex = g_regex_new (anchored, G_REGEX_DOLLAR_ENDONLY, 0, &error)))
        {
          g_autofree char *message = g_strdup_printf ("Failed to create silence: invalid label "
                                                      "matcher %u: error parsing regexp: %s",
                                                      index, error->message);

          reply_json_string (reply, 400, message);
          matcher_free (matcher);
          return NULL;
        }
    }

  return matcher;
}

static void
grafana_post_silence (SitrepFakeServer  *fake,
                      SoupServerMessage *msg,
                      Reply             *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = parse_request_body (msg, &error);
  g_autoptr(GPtrArray) matchers = g_ptr_array_new_with_free_func ((GDestroyNotify)matcher_free);
  g_autoptr(GDateTime) starts_at = NULL;
  g_autoptr(GDateTime) ends_at = NULL;
  JsonObject *object;
  JsonArray *array;
  JsonNode *id;
  Silence *silence = NULL;
  gboolean matches_empty = TRUE;

  if (root == NULL)
    {
      reply_json (reply, 400, "{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" "
                              "failed, because unexpected end of JSON input\"}");
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      reply_printf (reply, 400,
                    "{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, "
                    "because json: cannot unmarshal %s into Go value of type "
                    "models.PostableSilence\"}", json_type_name (root));
      return;
    }
  object = json_node_get_object (root);

  if (!check_member (object, "", "comment", G_TYPE_STRING, reply) ||
      !check_member (object, "", "createdBy", G_TYPE_STRING, reply) ||
      !check_member (object, "", "endsAt", G_TYPE_STRING, reply) ||
      !check_member (object, "", "matchers", G_TYPE_INVALID, reply) ||
      !check_member (object, "", "startsAt", G_TYPE_STRING, reply))
    return;

  array = json_object_get_array_member (object, "matchers");
  if (json_array_get_length (array) == 0)
    {
      reply_json (reply, 422, "{\"code\":612,\"message\":\"matchers in body should have at least "
                              "1 items\"}");
      return;
    }

  if (!check_time (object, "endsAt", &ends_at, reply) ||
      !check_time (object, "startsAt", &starts_at, reply))
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      Matcher *matcher = parse_matcher (json_array_get_element (array, i), i, reply);

      if (matcher == NULL)
        return;
      g_ptr_array_add (matchers, matcher);
      if (!matcher_matches (matcher, ""))
        matches_empty = FALSE;
    }

  if (g_date_time_compare (ends_at, starts_at) < 0)
    {
      reply_json_string (reply, 400, "Failed to create silence: start time must be before end "
                                     "time");
      return;
    }
  if (matches_empty)
    {
      reply_json_string (reply, 400, "Failed to create silence: at least one matcher must not "
                                     "match the empty string");
      return;
    }

  /* With an id, the silence is updated, if there is one. */
  id = json_object_get_member (object, "id");
  if (id != NULL && json_node_get_value_type (id) == G_TYPE_STRING && *json_node_get_string (id))
    {
      for (guint i = 0; i < fake->silences->len && silence == NULL; i++)
        if (g_str_equal (((Silence *)g_ptr_array_index (fake->silences, i))->id,
                         json_node_get_string (id)))
          silence = g_ptr_array_index (fake->silences, i);

      if (silence == NULL)
        {
          reply_json_string (reply, 404, "silence not found");
          return;
        }
      g_clear_pointer (&silence->matchers, g_ptr_array_unref);
      g_clear_pointer (&silence->starts_at, g_free);
      g_clear_pointer (&silence->ends_at, g_free);
      g_clear_pointer (&silence->created_by, g_free);
      g_clear_pointer (&silence->comment, g_free);
    }
  else
    {
      silence = g_new0 (Silence, 1);
      silence->id = g_strdup_printf ("6d4f0e1b-2c3a-4b5d-8e9f-%012u", fake->silences->len + 1);
      g_ptr_array_add (fake->silences, silence);
    }

  silence->matchers = g_steal_pointer (&matchers);
  silence->starts_at = g_strdup (json_object_get_string_member (object, "startsAt"));
  silence->ends_at = g_strdup (json_object_get_string_member (object, "endsAt"));
  silence->created_by = g_strdup (json_object_get_string_member (object, "createdBy"));
  silence->comment = g_strdup (json_object_get_string_member (object, "comment"));
  silence->expired = FALSE;

  reply_printf (reply, 200, "{\"silenceID\":\"%s\"}", silence->id);
}

static void
grafana_get_silences (SitrepFakeServer *fake,
                      Reply            *reply)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < fake->silences->len; i++)
    {
      Silence *silence = g_ptr_array_index (fake->silences, i);

      json_builder_begin_object (builder);
      set_string (builder, "id", silence->id);
      json_builder_set_member_name (builder, "status");
      json_builder_begin_object (builder);
      set_string (builder, "state", silence->expired ? "expired" : "active");
      json_builder_end_object (builder);
      set_string (builder, "updatedAt", "2026-11-24T03:20:00.000Z");
      set_string (builder, "comment", silence->comment);
      set_string (builder, "createdBy", silence->created_by);
      set_string (builder, "startsAt", silence->starts_at);
      set_string (builder, "endsAt", silence->ends_at);
      json_builder_set_member_name (builder, "matchers");
      json_builder_begin_array (builder);
      for (guint m = 0; m < silence->matchers->len; m++)
        {
          Matcher *matcher = g_ptr_array_index (silence->matchers, m);

          json_builder_begin_object (builder);
          set_boolean (builder, "isEqual", matcher->is_equal);
          set_boolean (builder, "isRegex", matcher->is_regex);
          set_string (builder, "name", matcher->name);
          set_string (builder, "value", matcher->value);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  reply_take (reply, 200, "application/json", builder_to_string (builder));
}

static void
grafana_delete_silence (SitrepFakeServer *fake,
                        const char       *id,
                        Reply            *reply)
{
  for (guint i = 0; i < fake->silences->len; i++)
    {
      Silence *silence = g_ptr_array_index (fake->silences, i);

      if (g_str_equal (silence->id, id))
        {
          silence->expired = TRUE;
          reply_json (reply, 200, "{\"message\":\"silence deleted\"}");
          return;
        }
    }

  reply_json (reply, 404, "{\"message\":\"silence not found\"}");
}

static void
grafana_route (SitrepFakeServer  *fake,
               SoupServerMessage *msg,
               const char        *method,
               const char        *path,
               const char        *authorization,
               Reply             *reply)
{
  gboolean get = g_str_equal (method, SOUP_METHOD_GET);
  gboolean post = g_str_equal (method, SOUP_METHOD_POST);

  /* The health check is open to all. */
  if (get && g_str_equal (path, "/api/health"))
    {
      if (fake->fault == SITREP_FAKE_FAULT_WRONG_TYPES)
        reply_json (reply, 200, "{\"commit\":1,\"database\":true,\"version\":10.2}");
      else
        reply_json (reply, 200, "{\"commit\":\"1e84fede543\",\"database\":\"ok\","
                                "\"version\":\"10.2.3\"}");
      return;
    }

  if (!grafana_authorized (fake, authorization))
    {
      reply_json (reply, 401, "{\"message\":\"Unauthorized\"}");
      return;
    }

  if (get && g_str_equal (path, GRAFANA_AM_ALERTS))
    {
      if (fake->fault == SITREP_FAKE_FAULT_WRONG_TYPES)
        reply_json (reply, 200, grafana_alertmanager_wrong_types);
      else if (fake->fault == SITREP_FAKE_FAULT_HOSTILE)
        reply_take (reply, 200, "application/json", grafana_hostile_alertmanager ());
      else
        reply_take (reply, 200, "application/json", grafana_alertmanager_body (fake));
    }
  else if (get && g_str_equal (path, GRAFANA_PROM_ALERTS))
    {
      if (fake->fault == SITREP_FAKE_FAULT_WRONG_TYPES)
        reply_json (reply, 200, grafana_prometheus_wrong_types);
      else if (fake->fault == SITREP_FAKE_FAULT_HOSTILE)
        reply_take (reply, 200, "application/json", grafana_hostile_prometheus ());
      else
        reply_json (reply, 200, fake->prometheus_json);
    }
  else if (post && g_str_equal (path, "/api/annotations"))
    grafana_post_annotation (fake, msg, reply);
  else if (post && g_str_equal (path, GRAFANA_AM_SILENCES))
    grafana_post_silence (fake, msg, reply);
  else if (get && g_str_equal (path, GRAFANA_AM_SILENCES))
    grafana_get_silences (fake, reply);
  else if (g_str_equal (method, SOUP_METHOD_DELETE) &&
           g_str_has_prefix (path, GRAFANA_AM_SILENCE) &&
           path[strlen (GRAFANA_AM_SILENCE)] != '\0')
    grafana_delete_silence (fake, path + strlen (GRAFANA_AM_SILENCE), reply);
  else
    reply_json (reply, 404, "{\"message\":\"Not found\"}");

  if (fake->fault == SITREP_FAKE_FAULT_WRONG_TYPES && reply->status == 200 && post)
    reply_json (reply, 200, g_str_equal (path, "/api/annotations")
                            ? "{\"message\":false,\"id\":\"1\"}"
                            : "{\"silenceID\":42}");
}

/* Statuspage */

static int
component_rank (Component *component,
                GPtrArray *components)
{
  int rank = 0;

  if (!component->group)
    return MAX (0, index_of (component_statuses, G_N_ELEMENTS (component_statuses),
                             component->status));

  /* A group is as bad as its worst member. */
  for (guint i = 0; i < components->len; i++)
    {
      Component *child = g_ptr_array_index (components, i);

      if (g_strcmp0 (child->group_id, component->id) == 0)
        rank = MAX (rank, component_rank (child, components));
    }

  return rank;
}

static gboolean
incident_is_open (Incident *incident)
{
  return !g_str_equal (incident->status, "resolved") &&
         !g_str_equal (incident->status, "postmortem");
}

/* none 0, minor 1, major 2, critical 3 */
static int
indicator_rank (GPtrArray *components,
                GPtrArray *incidents)
{
  int rank = 0;

  for (guint i = 0; i < components->len; i++)
    {
      Component *component = g_ptr_array_index (components, i);
      int status = component->group ? 0 : component_rank (component, components);

      /* degraded_performance, partial_outage, major_outage */
      if (status >= 2)
        rank = MAX (rank, status - 1);
    }

  for (guint i = 0; i < incidents->len; i++)
    {
      Incident *incident = g_ptr_array_index (incidents, i);

      if (incident_is_open (incident))
        rank = MAX (rank, index_of (impacts, G_N_ELEMENTS (impacts), incident->impact));
    }

  return rank;
}

static void
add_page (SitrepFakeServer *fake,
          JsonBuilder      *builder)
{
  g_autofree char *updated_at = format_time (fake->clock);

  json_builder_set_member_name (builder, "page");
  json_builder_begin_object (builder);
  set_string (builder, "id", SITREP_FAKE_STATUSPAGE_PAGE_ID);
  set_string (builder, "name", SITREP_FAKE_STATUSPAGE_PAGE_NAME);
  set_string (builder, "url", fake->url);
  set_string (builder, "time_zone", "Etc/UTC");
  set_string (builder, "updated_at", updated_at);
  json_builder_end_object (builder);
}

static void
add_status (JsonBuilder *builder,
            GPtrArray   *components,
            GPtrArray   *incidents)
{
  int rank = indicator_rank (components, incidents);

  json_builder_set_member_name (builder, "status");
  json_builder_begin_object (builder);
  set_string (builder, "indicator", impacts[rank]);
  set_string (builder, "description", indicator_descriptions[rank]);
  json_builder_end_object (builder);
}

static void
add_components (JsonBuilder *builder,
                GPtrArray   *components)
{
  json_builder_set_member_name (builder, "components");
  json_builder_begin_array (builder);
  for (guint i = 0; i < components->len; i++)
    {
      Component *component = g_ptr_array_index (components, i);

      json_builder_begin_object (builder);
      set_string (builder, "id", component->id);
      set_string (builder, "name", component->name);
      set_string (builder, "status",
                  component_statuses[component_rank (component, components)]);
      set_string (builder, "created_at", "2025-06-01T00:00:00.000Z");
      set_string (builder, "updated_at", component->updated_at);
      set_int (builder, "position", component->position);
      set_string (builder, "description", component->description);
      set_boolean (builder, "showcase", component->group_id == NULL);
      set_string (builder, "start_date", component->group ? NULL : "2025-06-01");
      set_string (builder, "group_id", component->group_id);
      set_string (builder, "page_id", SITREP_FAKE_STATUSPAGE_PAGE_ID);
      set_boolean (builder, "group", component->group);
      set_boolean (builder, "only_show_if_degraded", FALSE);
      if (component->group)
        {
          json_builder_set_member_name (builder, "components");
          json_builder_begin_array (builder);
          for (guint c = 0; c < components->len; c++)
            {
              Component *child = g_ptr_array_index (components, c);

              if (g_strcmp0 (child->group_id, component->id) == 0)
                json_builder_add_string_value (builder, child->id);
            }
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_incidents (JsonBuilder *builder,
               GPtrArray   *incidents,
               gboolean     unresolved_only)
{
  json_builder_set_member_name (builder, "incidents");
  json_builder_begin_array (builder);
  /* Newest first. */
  for (guint n = incidents->len; n > 0; n--)
    {
      Incident *incident = g_ptr_array_index (incidents, n - 1);
      g_autofree char *shortlink = NULL;

      if (unresolved_only && !incident_is_open (incident))
        continue;

      shortlink = g_strdup_printf ("https://stspg.io/%.6s", incident->id);
      json_builder_begin_object (builder);
      set_string (builder, "id", incident->id);
      set_string (builder, "name", incident->name);
      set_string (builder, "status", incident->status);
      set_string (builder, "created_at", incident->created_at);
      set_string (builder, "updated_at", incident->updated_at);
      set_string (builder, "monitoring_at", NULL);
      set_string (builder, "resolved_at", incident->resolved_at);
      set_string (builder, "impact", incident->impact);
      set_string (builder, "shortlink", shortlink);
      set_string (builder, "started_at", incident->created_at);
      set_string (builder, "page_id", SITREP_FAKE_STATUSPAGE_PAGE_ID);
      json_builder_set_member_name (builder, "incident_updates");
      json_builder_begin_array (builder);
      for (guint u = 0; u < incident->updates->len; u++)
        {
          IncidentUpdate *update = g_ptr_array_index (incident->updates, u);

          json_builder_begin_object (builder);
          set_string (builder, "id", update->id);
          set_string (builder, "status", update->status);
          set_string (builder, "body", update->body);
          set_string (builder, "incident_id", incident->id);
          set_string (builder, "created_at", update->created_at);
          set_string (builder, "updated_at", update->created_at);
          set_string (builder, "display_at", update->created_at);
          set_string (builder, "affected_components", NULL);
          set_boolean (builder, "deliver_notifications", TRUE);
          set_string (builder, "custom_tweet", NULL);
          set_string (builder, "tweet_id", NULL);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "components");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static Component *
component_new (const char *id,
               const char *name,
               const char *description,
               const char *group_id,
               int         position,
               gboolean    group,
               gint64      clock)
{
  Component *component = g_new0 (Component, 1);

  component->id = g_strdup (id);
  component->name = g_strdup (name);
  component->status = g_strdup ("operational");
  component->description = g_strdup (description);
  component->group_id = g_strdup (group_id);
  component->position = position;
  component->group = group;
  component->updated_at = format_time (clock);

  return component;
}

static Incident *
incident_new (const char *id,
              const char *name,
              const char *impact,
              const char *body,
              gint64      clock)
{
  Incident *incident = g_new0 (Incident, 1);
  IncidentUpdate *update = g_new0 (IncidentUpdate, 1);

  incident->id = g_strdup (id);
  incident->name = g_strdup (name);
  incident->status = g_strdup ("investigating");
  incident->impact = g_strdup (impact);
  incident->created_at = format_time (clock);
  incident->updated_at = format_time (clock);
  incident->updates = g_ptr_array_new_with_free_func ((GDestroyNotify)incident_update_free);

  update->id = g_strdup_printf ("%.8su001", id);
  update->status = g_strdup ("investigating");
  update->body = g_strdup (body);
  update->created_at = format_time (clock);
  g_ptr_array_add (incident->updates, update);

  return incident;
}

/* The hostile page: what a compromised or careless status page could
 * name its components and incidents. */
static void
hostile_page (SitrepFakeServer  *fake,
              gboolean           raw_bytes,
              GPtrArray        **components,
              GPtrArray        **incidents)
{
  g_autofree char *long_name = ten_kilobytes ("é");
  g_autofree char *long_body = ten_kilobytes ("B");
  Component *component;

  *components = g_ptr_array_new_with_free_func ((GDestroyNotify)component_free);
  *incidents = g_ptr_array_new_with_free_func ((GDestroyNotify)incident_free);

  component = component_new ("h0000000bold", "<b>bold</b>", "<a href=\"x\">link</a>", NULL, 1,
                             FALSE, fake->clock);
  g_free (component->status);
  component->status = g_strdup ("major_outage");
  g_ptr_array_add (*components, component);

  component = component_new ("h000000entty", "&amp; Co", NULL, NULL, 2, FALSE, fake->clock);
  g_free (component->status);
  component->status = g_strdup ("partial_outage");
  g_ptr_array_add (*components, component);

  component = component_new ("h00000000lng", long_name, NULL, NULL, 3, FALSE, fake->clock);
  g_free (component->status);
  component->status = g_strdup ("degraded_performance");
  g_ptr_array_add (*components, component);

  component = component_new ("h0000000ctrl", "\001bell\007 \033[31mred\r\nnext", NULL, NULL, 4,
                             FALSE, fake->clock);
  g_free (component->status);
  component->status = g_strdup ("under_maintenance");
  g_ptr_array_add (*components, component);

  if (raw_bytes)
    {
      component = component_new ("h000000bytes", RAW_BYTES_MARK, NULL, NULL, 5, FALSE, fake->clock);
      g_free (component->status);
      component->status = g_strdup ("major_outage");
      g_ptr_array_add (*components, component);
    }

  g_ptr_array_add (*incidents, incident_new ("h00000incdnt", "<script>alert(1)</script>",
                                             "critical", long_body, fake->clock));
}

static char *
statuspage_body (SitrepFakeServer *fake,
                 const char       *path,
                 GPtrArray        *components,
                 GPtrArray        *incidents)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_page (fake, builder);

  if (g_str_equal (path, "/api/v2/summary.json"))
    {
      add_components (builder, components);
      add_incidents (builder, incidents, TRUE);
      json_builder_set_member_name (builder, "scheduled_maintenances");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
      add_status (builder, components, incidents);
    }
  else if (g_str_equal (path, "/api/v2/status.json"))
    add_status (builder, components, incidents);
  else if (g_str_equal (path, "/api/v2/components.json"))
    add_components (builder, components);
  else if (g_str_equal (path, "/api/v2/incidents/unresolved.json"))
    add_incidents (builder, incidents, TRUE);
  else
    add_incidents (builder, incidents, FALSE);

  json_builder_end_object (builder);

  return builder_to_string (builder);
}

static char *
statuspage_wrong_types (const char *path)
{
  if (g_str_equal (path, "/api/v2/summary.json"))
    return g_strdup_printf ("{%s,\"status\":{\"indicator\":2,\"description\":[\"All\"]},"
                            "\"components\":\"all operational\",\"incidents\":{\"count\":0},"
                            "\"scheduled_maintenances\":0}", statuspage_wrong_types_page);
  if (g_str_equal (path, "/api/v2/status.json"))
    return g_strdup_printf ("{%s,\"status\":\"none\"}", statuspage_wrong_types_page);
  if (g_str_equal (path, "/api/v2/components.json"))
    return g_strdup_printf ("{%s,\"components\":{\"API\":\"operational\"}}",
                            statuspage_wrong_types_page);

  return g_strdup_printf ("{%s,\"incidents\":\"none\"}", statuspage_wrong_types_page);
}

static void
statuspage_route (SitrepFakeServer *fake,
                  const char       *method,
                  const char       *path,
                  Reply            *reply)
{
  static const char *paths[] = {
    "/api/v2/summary.json",
    "/api/v2/status.json",
    "/api/v2/components.json",
    "/api/v2/incidents/unresolved.json",
    "/api/v2/incidents.json",
  };

  if (!g_str_equal (method, SOUP_METHOD_GET) ||
      index_of (paths, G_N_ELEMENTS (paths), path) < 0)
    {
      reply_json (reply, 404, "{\"error\":\"Not Found\"}");
      return;
    }

  if (fake->fault == SITREP_FAKE_FAULT_WRONG_TYPES)
    reply_take (reply, 200, "application/json", statuspage_wrong_types (path));
  else if (fake->fault == SITREP_FAKE_FAULT_HOSTILE)
    {
      gboolean raw_bytes = !g_str_equal (path, "/api/v2/summary.json");
      g_autoptr(GPtrArray) components = NULL;
      g_autoptr(GPtrArray) incidents = NULL;
      char *body;

      hostile_page (fake, raw_bytes, &components, &incidents);
      body = statuspage_body (fake, path, components, incidents);
      reply_take (reply, 200, "application/json", raw_bytes ? with_raw_bytes (body) : body);
    }
  else
    reply_take (reply, 200, "application/json",
                statuspage_body (fake, path, fake->components, fake->incidents));
}

/* Faults and serving */

static void
on_wrote_chunk_cb (SoupServerMessage *msg,
                   Stream            *stream)
{
  static char filler[STREAM_CHUNK];
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize length;

  if (stream->completed)
    return;

  if (!stream->opened)
    {
      memset (filler, ' ', sizeof filler);
      stream->opened = TRUE;
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "[", 1);
      return;
    }

  if (stream->remaining == 0)
    {
      stream->completed = TRUE;
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "]", 1);
      soup_message_body_complete (body);
      return;
    }

  length = MIN (stream->remaining, sizeof filler);
  stream->remaining -= length;
  soup_message_body_append (body, SOUP_MEMORY_STATIC, filler, length);
}

static void
stream_free (gpointer  data,
             GClosure *closure)
{
  g_free (data);
}

/* More than 33 MiB of a valid JSON array, "[" then spaces then "]",
 * written one chunk at a time as the previous one is sent, so the fake
 * never holds more than a chunk. */
static void
serve_oversized (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  Stream *stream = g_new0 (Stream, 1);

  stream->remaining = OVERSIZED_BYTES;
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "Content-Type", "application/json");
  soup_message_body_set_accumulate (body, FALSE);
  g_signal_connect_data (msg, "wrote-chunk", G_CALLBACK (on_wrote_chunk_cb), stream,
                         stream_free, 0);
  on_wrote_chunk_cb (msg, stream);
}

static void
send_reply (SitrepFakeServer  *fake,
            SoupServerMessage *msg,
            Reply             *reply)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gsize length = reply->length;

  soup_server_message_set_status (msg, reply->status, NULL);

  if (fake->fault == SITREP_FAKE_FAULT_TRUNCATED && length > 1)
    {
      /* Half the answer, and no length: the client reads until the
       * connection closes, as when a proxy gives up mid-answer. */
      length /= 2;
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_EOF);
      soup_message_headers_replace (headers, "Connection", "close");
    }

  soup_server_message_set_response (msg, reply->content_type, SOUP_MEMORY_COPY, reply->body,
                                    length);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_EOF)
    soup_message_body_complete (soup_server_message_get_response_body (msg));
}

/* Answers for the faults that do not depend on the request. Returns
 * FALSE when the request is to be served as usual. */
static gboolean
serve_fault (SitrepFakeServer  *fake,
             SoupServerMessage *msg,
             Reply             *reply)
{
  gboolean grafana = fake->kind == KIND_GRAFANA;

  switch (fake->fault)
    {
    case SITREP_FAKE_FAULT_UNAUTHORIZED:
      reply_json (reply, 401, grafana ? "{\"message\":\"Unauthorized\"}"
                                      : "{\"error\":\"Could not authenticate\"}");
      return TRUE;

    case SITREP_FAKE_FAULT_RATE_LIMITED:
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "7");
      reply_json (reply, 429, grafana ? "{\"message\":\"Too many requests\"}"
                                      : "{\"error\":\"Rate limit exceeded\"}");
      return TRUE;

    case SITREP_FAKE_FAULT_SERVER_ERROR:
      reply_json (reply, 500, grafana ? "{\"message\":\"Internal Server Error\"}"
                                      : "{\"error\":\"Internal Server Error\"}");
      return TRUE;

    case SITREP_FAKE_FAULT_HTML:
      if (grafana)
        reply_take (reply, 200, "text/html; charset=UTF-8", g_strdup (grafana_login_page));
      else
        reply_take (reply, 502, "text/html", g_strdup (proxy_error_page));
      return TRUE;

    case SITREP_FAKE_FAULT_MALFORMED:
      reply_json (reply, 200, "{\"status\": \"succ");
      return TRUE;

    case SITREP_FAKE_FAULT_NONE:
    case SITREP_FAKE_FAULT_TRUNCATED:
    case SITREP_FAKE_FAULT_OVERSIZED:
    case SITREP_FAKE_FAULT_WRONG_TYPES:
    case SITREP_FAKE_FAULT_HOSTILE:
    case SITREP_FAKE_FAULT_SLOW:
    default:
      return FALSE;
    }
}

static void
count_request (SitrepFakeServer  *fake,
               SoupServerMessage *msg,
               const char        *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (fake->n_requests, path));

  g_hash_table_replace (fake->n_requests, g_strdup (path), GUINT_TO_POINTER (n + 1));

  g_free (fake->last_authorization);
  fake->last_authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));

  if (body != NULL && body->length > 0)
    g_hash_table_replace (fake->last_bodies, g_strdup (path), g_strndup (body->data, body->length));
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  SitrepFakeServer *fake = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *authorization;
  Reply reply = { 0 };

  count_request (fake, msg, path);
  authorization = fake->last_authorization;

  if (fake->fault == SITREP_FAKE_FAULT_SLOW)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (fake->paused, g_object_ref (msg));
      return;
    }

  if (fake->fault == SITREP_FAKE_FAULT_OVERSIZED)
    {
      serve_oversized (msg);
      return;
    }

  if (!serve_fault (fake, msg, &reply))
    {
      if (fake->kind == KIND_GRAFANA)
        grafana_route (fake, msg, method, path, authorization, &reply);
      else
        statuspage_route (fake, method, path, &reply);
    }

  send_reply (fake, msg, &reply);
  g_free (reply.body);
}

static SitrepFakeServer *
fake_new (Kind kind)
{
  SitrepFakeServer *fake = g_new0 (SitrepFakeServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fake->kind = kind;
  fake->n_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fake->last_bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fake->paused = g_ptr_array_new_with_free_func (g_object_unref);
  fake->silences = g_ptr_array_new_with_free_func ((GDestroyNotify)silence_free);
  fake->components = g_ptr_array_new_with_free_func ((GDestroyNotify)component_free);
  fake->incidents = g_ptr_array_new_with_free_func ((GDestroyNotify)incident_free);

  fake->server = soup_server_new ("server-header", kind == KIND_GRAFANA ? NULL : "cloudflare",
                                  NULL);
  soup_server_add_handler (fake->server, NULL, handler_cb, fake, NULL);
  if (!soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("The fake server cannot listen on 127.0.0.1: %s", error->message);

  uris = soup_server_get_uris (fake->server);
  fake->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  return fake;
}

/**
 * sitrep_fake_grafana_new:
 * @token: the service account token the fake accepts
 *
 * Returns: (transfer full): a fake Grafana 10.2.3 with two firing alerts
 *   (PaymentsErrorRate, WebhookDeliveryDelayed) in its Alertmanager and,
 *   in its Prometheus-compatible list, those two "Alerting", one
 *   "Pending" (CheckoutLatencyHigh) and one "Normal (NoData)"
 */
SitrepFakeServer *
sitrep_fake_grafana_new (const char *token)
{
  SitrepFakeServer *fake;

  g_return_val_if_fail (token != NULL && *token != '\0', NULL);

  fake = fake_new (KIND_GRAFANA);
  fake->token = g_strdup (token);
  sitrep_fake_grafana_set_alerts (fake, NULL, NULL);

  return fake;
}

/**
 * sitrep_fake_grafana_set_alerts:
 * @alertmanager_json: (nullable): the body of GET
 *   /api/alertmanager/grafana/api/v2/alerts, or %NULL for the default
 * @prometheus_json: (nullable): the body of GET
 *   /api/prometheus/grafana/api/v1/alerts, or %NULL for the default
 *
 * The bodies are served as they are, except that silences apply to the
 * Alertmanager alerts when that body is a JSON array.
 */
void
sitrep_fake_grafana_set_alerts (SitrepFakeServer *fake,
                                const char       *alertmanager_json,
                                const char       *prometheus_json)
{
  g_return_if_fail (fake != NULL && fake->kind == KIND_GRAFANA);

  g_free (fake->alertmanager_json);
  if (alertmanager_json != NULL)
    fake->alertmanager_json = g_strdup (alertmanager_json);
  else
    {
      GString *text = g_string_new (grafana_alertmanager_default);

      g_string_replace (text, URL_MARK, fake->url, 0);
      fake->alertmanager_json = g_string_free (text, FALSE);
    }

  g_free (fake->prometheus_json);
  fake->prometheus_json = g_strdup (prometheus_json != NULL ? prometheus_json
                                                            : grafana_prometheus_default);
}

/**
 * sitrep_fake_statuspage_new:
 *
 * Returns: (transfer full): a fake status page, "Payments Provider"
 *   (id "kctbh9vrtdwd"), all operational: API, Checkout, Webhooks,
 *   Dashboard, and the group Card Networks with Visa and Mastercard. Its
 *   clock starts at 2026-11-24T03:00:00Z and moves a minute with each
 *   change.
 */
SitrepFakeServer *
sitrep_fake_statuspage_new (void)
{
  SitrepFakeServer *fake = fake_new (KIND_STATUSPAGE);
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 11, 24, 3, 0, 0);

  fake->clock = g_date_time_to_unix (start);
  g_ptr_array_add (fake->components,
                   component_new ("b13yz5g2cw10", "API", "Charges, refunds and payouts", NULL, 1,
                                  FALSE, fake->clock));
  g_ptr_array_add (fake->components,
                   component_new ("8l4ygp009s5s", "Checkout", "Hosted payment pages", NULL, 2,
                                  FALSE, fake->clock));
  g_ptr_array_add (fake->components,
                   component_new ("ftgks51sfj6c", "Webhooks", "Event delivery to your endpoints",
                                  NULL, 3, FALSE, fake->clock));
  g_ptr_array_add (fake->components,
                   component_new ("vtwrl2gb6bqd", "Dashboard", NULL, NULL, 4, FALSE, fake->clock));
  g_ptr_array_add (fake->components,
                   component_new ("1w5l5x9n1nrr", "Card Networks", NULL, NULL, 5, TRUE,
                                  fake->clock));
  g_ptr_array_add (fake->components,
                   component_new ("0l2p9nhqnxpd", "Visa", NULL, "1w5l5x9n1nrr", 1, FALSE,
                                  fake->clock));
  g_ptr_array_add (fake->components,
                   component_new ("z1vxb8x2fn7c", "Mastercard", NULL, "1w5l5x9n1nrr", 2, FALSE,
                                  fake->clock));

  return fake;
}

/**
 * sitrep_fake_statuspage_set_component:
 * @name: a component's name; a new component if the page has none of
 *   that name; for a group, each of its members
 * @status: "operational", "degraded_performance", "partial_outage",
 *   "major_outage" or "under_maintenance"
 */
void
sitrep_fake_statuspage_set_component (SitrepFakeServer *fake,
                                      const char       *name,
                                      const char       *status)
{
  Component *component = NULL;

  g_return_if_fail (fake != NULL && fake->kind == KIND_STATUSPAGE);
  g_return_if_fail (name != NULL);
  g_return_if_fail (index_of (component_statuses, G_N_ELEMENTS (component_statuses), status) >= 0);

  fake->clock += 60;

  for (guint i = 0; i < fake->components->len && component == NULL; i++)
    if (g_str_equal (((Component *)g_ptr_array_index (fake->components, i))->name, name))
      component = g_ptr_array_index (fake->components, i);

  if (component == NULL)
    {
      g_autofree char *id = g_strdup_printf ("fakecomp%04u", ++fake->n_components);

      component = component_new (id, name, NULL, NULL, (int)fake->components->len + 1, FALSE,
                                 fake->clock);
      g_ptr_array_add (fake->components, component);
    }

  for (guint i = 0; i < fake->components->len; i++)
    {
      Component *each = g_ptr_array_index (fake->components, i);

      if (each == component || (component->group && g_strcmp0 (each->group_id, component->id) == 0))
        {
          g_free (each->status);
          each->status = g_strdup (status);
          g_free (each->updated_at);
          each->updated_at = format_time (fake->clock);
        }
    }
}

/**
 * sitrep_fake_statuspage_open_incident:
 * @name: the incident's title
 * @impact: "none", "minor", "major" or "critical"
 * @body: the text of its first update
 *
 * Opens an incident, "investigating", with a fixed id: "p31zjtct2j01"
 * for the first, and so on.
 */
void
sitrep_fake_statuspage_open_incident (SitrepFakeServer *fake,
                                      const char       *name,
                                      const char       *impact,
                                      const char       *body)
{
  g_autofree char *id = NULL;

  g_return_if_fail (fake != NULL && fake->kind == KIND_STATUSPAGE);
  g_return_if_fail (name != NULL && body != NULL);
  g_return_if_fail (index_of (impacts, G_N_ELEMENTS (impacts), impact) >= 0);

  fake->clock += 60;
  id = g_strdup_printf ("p31zjtct2j%02u", fake->incidents->len + 1);
  g_ptr_array_add (fake->incidents, incident_new (id, name, impact, body, fake->clock));
}

/**
 * sitrep_fake_statuspage_resolve_incident:
 * @name: the title of an open incident
 *
 * Resolves it, with a last update as Statuspage words it.
 */
void
sitrep_fake_statuspage_resolve_incident (SitrepFakeServer *fake,
                                         const char       *name)
{
  g_return_if_fail (fake != NULL && fake->kind == KIND_STATUSPAGE);
  g_return_if_fail (name != NULL);

  fake->clock += 60;
  for (guint i = 0; i < fake->incidents->len; i++)
    {
      Incident *incident = g_ptr_array_index (fake->incidents, i);
      IncidentUpdate *update;

      if (!g_str_equal (incident->name, name) || !incident_is_open (incident))
        continue;

      update = g_new0 (IncidentUpdate, 1);
      update->id = g_strdup_printf ("%.8su%03u", incident->id, incident->updates->len + 1);
      update->status = g_strdup ("resolved");
      update->body = g_strdup ("This incident has been resolved.");
      update->created_at = format_time (fake->clock);
      g_ptr_array_insert (incident->updates, 0, update);

      g_free (incident->status);
      incident->status = g_strdup ("resolved");
      g_free (incident->updated_at);
      incident->updated_at = format_time (fake->clock);
      g_free (incident->resolved_at);
      incident->resolved_at = format_time (fake->clock);
      return;
    }

  g_critical ("The fake status page has no open incident named “%s”", name);
}

void
sitrep_fake_server_set_fault (SitrepFakeServer *fake,
                              SitrepFakeFault   fault)
{
  g_return_if_fail (fake != NULL);

  fake->fault = fault;
}

/**
 * sitrep_fake_server_get_url:
 *
 * Returns: the base address, such as http://127.0.0.1:41234, without a
 *   trailing slash
 */
const char *
sitrep_fake_server_get_url (SitrepFakeServer *fake)
{
  g_return_val_if_fail (fake != NULL, NULL);

  return fake->url;
}

/**
 * sitrep_fake_server_get_n_requests:
 * @path: a path, without the query
 *
 * Returns: how many requests were made to @path, whatever their answer
 */
guint
sitrep_fake_server_get_n_requests (SitrepFakeServer *fake,
                                   const char       *path)
{
  g_return_val_if_fail (fake != NULL, 0);
  g_return_val_if_fail (path != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (fake->n_requests, path));
}

/**
 * sitrep_fake_server_get_last_authorization:
 *
 * Returns: (nullable): the Authorization header of the last request
 */
const char *
sitrep_fake_server_get_last_authorization (SitrepFakeServer *fake)
{
  g_return_val_if_fail (fake != NULL, NULL);

  return fake->last_authorization;
}

/**
 * sitrep_fake_server_get_last_body:
 * @path: a path, without the query
 *
 * Returns: (nullable): the body of the last request to @path that had one
 */
const char *
sitrep_fake_server_get_last_body (SitrepFakeServer *fake,
                                  const char       *path)
{
  g_return_val_if_fail (fake != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return g_hash_table_lookup (fake->last_bodies, path);
}

void
sitrep_fake_server_free (SitrepFakeServer *fake)
{
  if (fake == NULL)
    return;

  /* Requests left unanswered get an answer nobody waits for any more. */
  for (guint i = 0; i < fake->paused->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (fake->paused, i);

      soup_server_message_set_status (msg, 503, NULL);
      soup_server_message_unpause (msg);
    }
  g_clear_pointer (&fake->paused, g_ptr_array_unref);

  soup_server_disconnect (fake->server);
  g_clear_object (&fake->server);
  g_clear_pointer (&fake->n_requests, g_hash_table_unref);
  g_clear_pointer (&fake->last_bodies, g_hash_table_unref);
  g_clear_pointer (&fake->silences, g_ptr_array_unref);
  g_clear_pointer (&fake->components, g_ptr_array_unref);
  g_clear_pointer (&fake->incidents, g_ptr_array_unref);
  g_free (fake->last_authorization);
  g_free (fake->url);
  g_free (fake->token);
  g_free (fake->alertmanager_json);
  g_free (fake->prometheus_json);
  g_free (fake);
}
