/* sitrep-fake-channels.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The fakes answer as APIS.md §4, §6 and §E record the real services:
 *
 * Statuspage (management API v1): `Authorization: OAuth <key>` or 401;
 * the `{"incident":{…}}` wrapper; 201 on create; every PATCH or PUT that
 * carries a body or a status appends an incident update, newest first;
 * 422 `{"error":"…"}` on a blank or too long name, a too long body or a
 * value outside an enum; 404 for another page or an unknown incident; one
 * request a second per key, else 420 or 429 with `Retry-After: 1`. Its
 * incidents' times come from a clock of their own that starts at
 * 2026-11-24T03:00:00Z and moves a minute with each change, as the public
 * Statuspage fake's does, so that answers are the same from run to run.
 *
 * Slack: 200 text/plain `ok`, and every error a plain-text code.
 *
 * DingTalk: HTTP 200 whatever happens, the outcome in errcode; the
 * timestamp in milliseconds and the sign in the query, URL-encoded.
 *
 * Feishu: the outcome in code; the timestamp in seconds and the sign in
 * the body, keyed by "<timestamp>\n<secret>" over an empty message.
 *
 * Matrix: Bearer tokens, errcodes, and a send that is idempotent per
 * access token and request path, as Synapse's transaction cache is: a
 * repeated txnId gets the first event's id and sends nothing.
 *
 * The company's hooks: `Sitrep-Signature` checked by the same code a
 * receiver runs (sitrep_signing_verify_payload), and `Idempotency-Key`.
 *
 * The signed channels check timestamps against the fake's wall clock, the
 * rate limits count on its monotonic clock; a test can replace both by
 * one clock it moves by hand. Identifiers are counters. */

#define G_LOG_DOMAIN "sitrep-fake-channels"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sitrep-signing.h"

#include "sitrep-fake-channels.h"

#define CONTROL_PREFIX    "/_fake/"
#define STATUSPAGE_PREFIX "/v1/pages/"
#define SLACK_PREFIX      "/slack/services/"
#define FEISHU_PREFIX     "/feishu/open-apis/bot/v2/hook/"
#define MATRIX_PREFIX     "/_matrix/"

#define NAME_MAX_CHARS        255
#define UPDATE_BODY_MAX_CHARS 25000
#define LIST_LIMIT_DEFAULT    100

#define SIGNATURE_TOLERANCE_S 300
#define DINGTALK_TOLERANCE_MS ((gint64)60 * 60 * 1000)
#define FEISHU_TOLERANCE_S    ((gint64)60 * 60)

#define DINGTALK_PER_MINUTE   20
#define DINGTALK_THROTTLE_US  ((gint64)10 * 60 * G_USEC_PER_SEC)
#define FEISHU_PER_SECOND     5
#define FEISHU_PER_MINUTE     100
#define MINUTE_US             ((gint64)60 * G_USEC_PER_SEC)

#define MATRIX_SERVER_NAME "example.org"

typedef struct
{
  SitrepFakeChannel  channel;
  char              *method;
  char              *path;
  char              *body;
  char              *text;
  char              *key;
  char              *id;
  gint64             time_us;
} Delivery;

typedef struct
{
  char *id;
  char *name;
  char *description;
  char *status;
  char *created_at;
  char *updated_at;
  int   position;
} Component;

typedef struct
{
  char *code;
  char *name;
  char *old_status;
  char *new_status;
} AffectedComponent;

typedef struct
{
  char      *id;
  char      *status;
  char      *body;
  char      *created_at;
  gboolean   deliver_notifications;
  GPtrArray *affected;   /* of AffectedComponent */
} IncidentUpdate;

typedef struct
{
  char      *id;
  char      *name;
  char      *status;
  char      *impact_override;
  char      *created_at;
  char      *updated_at;
  char      *monitoring_at;
  char      *resolved_at;
  char      *scheduled_for;
  char      *scheduled_until;
  GPtrArray *component_ids;
  GPtrArray *updates;    /* newest first */
  JsonNode  *metadata;   /* an object */
} Incident;

typedef struct
{
  SitrepFakeChannelFault fault;
  guint                  times;   /* requests left before the fault clears; 0: until changed */
  gboolean               rate_limit;
  guint                  n_requests;
  char                  *token;
  char                  *secret;
} ChannelState;

typedef struct
{
  SitrepFakeChannels *fake;
  SoupServerMessage  *msg;
  guint               source_id;
} Drop;

struct _SitrepFakeChannels
{
  SoupServer   *server;
  char         *url;
  ChannelState  channels[SITREP_FAKE_N_CHANNELS];
  GPtrArray    *deliveries;
  GPtrArray    *drops;

  gint64        fixed_clock_us;   /* 0: the real clocks */
  GHashTable   *limits;           /* key → GArray of gint64, the times of the counted requests */
  gint64        dingtalk_throttled_until;
  guint         statuspage_limit_status;

  /* Statuspage */
  GPtrArray    *components;
  GPtrArray    *incidents;        /* oldest first */
  gint64        statuspage_clock;
  guint         n_incidents;
  guint         n_updates;

  /* Matrix */
  char         *matrix_room;
  GHashTable   *matrix_transactions;   /* token \n room \n type \n txnId → event id */
  guint         n_events;

  /* The hooks */
  GHashTable   *hook_keys;        /* channel \n Idempotency-Key → id */
  guint         n_hook_ids;
};

typedef struct
{
  SoupServerMessage *msg;
  const char        *method;
  const char        *path;
  GHashTable        *query;
  char             **segments;   /* the path's segments, decoded */
  guint              n_segments;
  char              *body;       /* NUL-terminated copy */
  gsize              length;
} Request;

typedef struct
{
  guint       status;
  const char *reason;
  const char *content_type;
  char       *body;
  gboolean    retry_after;
} Reply;

static const char * const channel_names[] = {
  "statuspage", "slack", "dingtalk", "feishu", "matrix", "banner", "push",
};

static const char * const fault_names[] = {
  "none", "server_error", "rate_limited", "accept_then_drop", "down", "channel_not_found",
  "channel_is_archived",
};

static const char * const component_statuses[] = {
  "operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage",
};

static const char * const realtime_statuses[] = {
  "investigating", "identified", "monitoring", "resolved",
};

static const char * const scheduled_statuses[] = {
  "scheduled", "in_progress", "verifying", "completed",
};

static const char * const impacts[] = { "none", "maintenance", "minor", "major", "critical" };

/* What the load balancer in front says while the service is down. */
static const char down_page[] =
  "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n"
  "<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n"
  "</body>\r\n</html>\r\n";

/* Helpers */

static void
delivery_free (Delivery *delivery)
{
  g_free (delivery->method);
  g_free (delivery->path);
  g_free (delivery->body);
  g_free (delivery->text);
  g_free (delivery->key);
  g_free (delivery->id);
  g_free (delivery);
}

static void
component_free (Component *component)
{
  g_free (component->id);
  g_free (component->name);
  g_free (component->description);
  g_free (component->status);
  g_free (component->created_at);
  g_free (component->updated_at);
  g_free (component);
}

static void
affected_component_free (AffectedComponent *affected)
{
  g_free (affected->code);
  g_free (affected->name);
  g_free (affected->old_status);
  g_free (affected->new_status);
  g_free (affected);
}

static void
incident_update_free (IncidentUpdate *update)
{
  g_free (update->id);
  g_free (update->status);
  g_free (update->body);
  g_free (update->created_at);
  g_clear_pointer (&update->affected, g_ptr_array_unref);
  g_free (update);
}

static void
incident_free (Incident *incident)
{
  g_free (incident->id);
  g_free (incident->name);
  g_free (incident->status);
  g_free (incident->impact_override);
  g_free (incident->created_at);
  g_free (incident->updated_at);
  g_free (incident->monitoring_at);
  g_free (incident->resolved_at);
  g_free (incident->scheduled_for);
  g_free (incident->scheduled_until);
  g_clear_pointer (&incident->component_ids, g_ptr_array_unref);
  g_clear_pointer (&incident->updates, g_ptr_array_unref);
  g_clear_pointer (&incident->metadata, json_node_unref);
  g_free (incident);
}

static void
garray_unref (gpointer array)
{
  g_array_unref (array);
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

static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static char *
format_time (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S.000Z");
}

/* Compares without stopping at the first difference, as a verifier must,
 * so that the time taken tells nothing of the expected value. */
static gboolean
equal_in_constant_time (const char *expected,
                        const char *given)
{
  gsize length = strlen (expected);
  guint8 diff = 0;

  if (given == NULL || strlen (given) != length)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    diff |= (guint8)(expected[i] ^ given[i]);

  return diff == 0;
}

/* Computed here rather than by src/net/sitrep-signing.c, so that a
 * mistake in the code under test cannot agree with itself. */
static char *
hmac_sha256_base64 (const char   *key,
                    gsize         key_length,
                    const guchar *data,
                    gsize         data_length)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *)key, key_length);
  guint8 digest[32];
  gsize digest_length = sizeof digest;

  g_hmac_update (hmac, data, data_length);
  g_hmac_get_digest (hmac, digest, &digest_length);

  return g_base64_encode (digest, digest_length);
}

static gboolean
parse_int64 (const char *text,
             gint64     *value)
{
  return text != NULL &&
         g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, value, NULL);
}

/* The request body as JSON, or NULL when it is empty, not UTF-8 or not
 * JSON. */
static JsonNode *
parse_json (const char *data,
            gsize       length)
{
  if (length == 0 || !g_utf8_validate (data, (gssize)length, NULL))
    return NULL;

  return json_from_string (data, NULL);
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
member_is_string (JsonObject *object,
                  const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* A string member, or NULL when it is missing or of another type. */
static const char *
string_member (JsonObject *object,
               const char *name)
{
  return member_is_string (object, name) ? json_object_get_string_member (object, name) : NULL;
}

static gboolean
has_text (JsonObject *object,
          const char *name)
{
  const char *text = string_member (object, name);

  return text != NULL && *text != '\0';
}

static gboolean
member_is_null (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_NULL (node);
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

/* Replies */

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
}

static void
reply_text (Reply      *reply,
            guint       status,
            const char *text)
{
  reply_take (reply, status, "text/plain; charset=utf-8", g_strdup (text));
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

  reply_take (reply, status, "application/json; charset=utf-8", body);
}

/* A JSON body {"<member>":"<text>"}, the text escaped as JSON needs. */
static void
reply_error (Reply      *reply,
             guint       status,
             const char *member,
             const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  set_string (builder, member, text);
  json_builder_end_object (builder);

  reply_take (reply, status, "application/json; charset=utf-8", builder_to_string (builder));
}

static void
reply_matrix_error (Reply      *reply,
                    guint       status,
                    const char *errcode,
                    const char *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  set_string (builder, "errcode", errcode);
  set_string (builder, "error", error);
  if (g_str_equal (errcode, "M_UNKNOWN_TOKEN"))
    set_boolean (builder, "soft_logout", FALSE);
  json_builder_end_object (builder);

  reply_take (reply, status, "application/json", builder_to_string (builder));
}

/* Clocks, limits and records */

static gint64
wall_clock_us (SitrepFakeChannels *fake)
{
  return fake->fixed_clock_us != 0 ? fake->fixed_clock_us : g_get_real_time ();
}

static gint64
limit_clock_us (SitrepFakeChannels *fake)
{
  return fake->fixed_clock_us != 0 ? fake->fixed_clock_us : g_get_monotonic_time ();
}

/* The times of the requests counted against @key in the last @window_us,
 * older ones forgotten. */
static GArray *
limit_times (SitrepFakeChannels *fake,
             const char         *key,
             gint64              window_us)
{
  GArray *times = g_hash_table_lookup (fake->limits, key);
  gint64 now = limit_clock_us (fake);
  guint n_old = 0;

  if (times == NULL)
    {
      times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (fake->limits, g_strdup (key), times);
    }

  while (n_old < times->len && g_array_index (times, gint64, n_old) <= now - window_us)
    n_old++;
  g_array_remove_range (times, 0, n_old);

  return times;
}

static guint
count_since (GArray *times,
             gint64  since)
{
  guint n = 0;

  for (guint i = 0; i < times->len; i++)
    if (g_array_index (times, gint64, i) > since)
      n++;

  return n;
}

static void
limit_count (SitrepFakeChannels *fake,
             GArray             *times)
{
  gint64 now = limit_clock_us (fake);

  g_array_append_val (times, now);
}

static const Delivery *
nth_delivery (SitrepFakeChannels *fake,
              SitrepFakeChannel   channel,
              guint               index)
{
  guint n = 0;

  for (guint i = 0; i < fake->deliveries->len; i++)
    {
      const Delivery *delivery = g_ptr_array_index (fake->deliveries, i);

      if (delivery->channel == channel && n++ == index)
        return delivery;
    }

  return NULL;
}

static void
deliver (SitrepFakeChannels *fake,
         SitrepFakeChannel   channel,
         Request            *request,
         const char         *text,
         const char         *key,
         const char         *id)
{
  Delivery *delivery = g_new0 (Delivery, 1);

  delivery->channel = channel;
  delivery->method = g_strdup (request->method);
  delivery->path = g_strdup (request->path);
  delivery->body = g_strndup (request->body, request->length);
  delivery->text = g_strdup (text);
  delivery->key = g_strdup (key);
  delivery->id = g_strdup (id);
  delivery->time_us = wall_clock_us (fake);
  g_ptr_array_add (fake->deliveries, delivery);
}

static const char *
request_header (Request    *request,
                const char *name)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (request->msg),
                                       name);
}

/* Statuspage */

static Component *
component_new (const char *id,
               const char *name,
               const char *description,
               int         position,
               gint64      clock)
{
  Component *component = g_new0 (Component, 1);

  component->id = g_strdup (id);
  component->name = g_strdup (name);
  component->description = g_strdup (description);
  component->status = g_strdup ("operational");
  component->created_at = format_time (clock);
  component->updated_at = format_time (clock);
  component->position = position;

  return component;
}

static Component *
find_component (SitrepFakeChannels *fake,
                const char         *id)
{
  for (guint i = 0; i < fake->components->len; i++)
    {
      Component *component = g_ptr_array_index (fake->components, i);

      if (g_str_equal (component->id, id))
        return component;
    }

  return NULL;
}

static Incident *
find_incident (SitrepFakeChannels *fake,
               const char         *id)
{
  for (guint i = 0; i < fake->incidents->len; i++)
    {
      Incident *incident = g_ptr_array_index (fake->incidents, i);

      if (g_str_equal (incident->id, id))
        return incident;
    }

  return NULL;
}

static void
add_component (JsonBuilder *builder,
               Component   *component)
{
  g_autofree char *email = g_strdup_printf ("component+%s@notifications.statuspage.io",
                                            component->id);

  json_builder_begin_object (builder);
  set_string (builder, "id", component->id);
  set_string (builder, "page_id", SITREP_FAKE_CHANNELS_STATUSPAGE_PAGE_ID);
  set_string (builder, "group_id", NULL);
  set_string (builder, "created_at", component->created_at);
  set_string (builder, "updated_at", component->updated_at);
  set_boolean (builder, "group", FALSE);
  set_string (builder, "name", component->name);
  set_string (builder, "description", component->description);
  set_int (builder, "position", component->position);
  set_string (builder, "status", component->status);
  set_boolean (builder, "showcase", TRUE);
  set_boolean (builder, "only_show_if_degraded", FALSE);
  set_string (builder, "automation_email", email);
  set_string (builder, "start_date", NULL);
  json_builder_end_object (builder);
}

/* Without an override, Statuspage derives the impact from the worst
 * status among the incident's components. */
static const char *
incident_impact (SitrepFakeChannels *fake,
                 Incident           *incident)
{
  static const char * const by_rank[] = { "none", "minor", "major", "critical" };
  int worst = 0;

  if (incident->impact_override != NULL)
    return incident->impact_override;
  if (incident->scheduled_for != NULL)
    return "maintenance";

  for (guint i = 0; i < incident->component_ids->len; i++)
    {
      Component *component = find_component (fake, g_ptr_array_index (incident->component_ids, i));
      int rank;

      if (component == NULL)
        continue;
      rank = index_of (component_statuses, G_N_ELEMENTS (component_statuses), component->status) - 1;
      worst = MAX (worst, rank);
    }

  return by_rank[worst];
}

static void
add_incident_update (JsonBuilder    *builder,
                     Incident       *incident,
                     IncidentUpdate *update)
{
  json_builder_begin_object (builder);
  set_string (builder, "id", update->id);
  set_string (builder, "status", update->status);
  set_string (builder, "body", update->body);
  set_string (builder, "incident_id", incident->id);
  set_string (builder, "created_at", update->created_at);
  set_string (builder, "updated_at", update->created_at);
  set_string (builder, "display_at", update->created_at);
  json_builder_set_member_name (builder, "affected_components");
  if (update->affected->len == 0)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_array (builder);
      for (guint i = 0; i < update->affected->len; i++)
        {
          AffectedComponent *affected = g_ptr_array_index (update->affected, i);

          json_builder_begin_object (builder);
          set_string (builder, "code", affected->code);
          set_string (builder, "name", affected->name);
          set_string (builder, "old_status", affected->old_status);
          set_string (builder, "new_status", affected->new_status);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  set_boolean (builder, "deliver_notifications", update->deliver_notifications);
  set_string (builder, "custom_tweet", NULL);
  set_string (builder, "tweet_id", NULL);
  json_builder_end_object (builder);
}

static void
add_incident (SitrepFakeChannels *fake,
              JsonBuilder        *builder,
              Incident           *incident)
{
  g_autofree char *shortlink = g_strdup_printf ("https://stspg.io/%s", incident->id);

  json_builder_begin_object (builder);
  set_string (builder, "id", incident->id);
  set_string (builder, "name", incident->name);
  set_string (builder, "status", incident->status);
  set_string (builder, "impact", incident_impact (fake, incident));
  set_string (builder, "impact_override", incident->impact_override);
  set_string (builder, "created_at", incident->created_at);
  set_string (builder, "updated_at", incident->updated_at);
  set_string (builder, "started_at", incident->created_at);
  set_string (builder, "monitoring_at", incident->monitoring_at);
  set_string (builder, "resolved_at", incident->resolved_at);
  set_string (builder, "shortlink", shortlink);
  set_string (builder, "page_id", SITREP_FAKE_CHANNELS_STATUSPAGE_PAGE_ID);
  set_string (builder, "scheduled_for", incident->scheduled_for);
  set_string (builder, "scheduled_until", incident->scheduled_until);
  set_boolean (builder, "scheduled_remind_prior", FALSE);
  set_boolean (builder, "scheduled_auto_in_progress", FALSE);
  set_boolean (builder, "scheduled_auto_completed", FALSE);
  set_string (builder, "postmortem_body", NULL);
  set_string (builder, "postmortem_body_last_updated_at", NULL);
  set_boolean (builder, "postmortem_ignored", FALSE);
  set_string (builder, "postmortem_published_at", NULL);
  set_boolean (builder, "postmortem_notified_subscribers", FALSE);
  set_boolean (builder, "postmortem_notified_twitter", FALSE);

  json_builder_set_member_name (builder, "incident_updates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < incident->updates->len; i++)
    add_incident_update (builder, incident, g_ptr_array_index (incident->updates, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "components");
  json_builder_begin_array (builder);
  for (guint i = 0; i < incident->component_ids->len; i++)
    {
      Component *component = find_component (fake, g_ptr_array_index (incident->component_ids, i));

      if (component != NULL)
        add_component (builder, component);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "metadata");
  json_builder_add_value (builder, json_node_copy (incident->metadata));
  json_builder_end_object (builder);
}

static void
reply_incident (SitrepFakeChannels *fake,
                Reply              *reply,
                guint               status,
                Incident           *incident)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  add_incident (fake, builder, incident);
  reply_take (reply, status, "application/json; charset=utf-8", builder_to_string (builder));
}

static void
reply_component (Reply     *reply,
                 Component *component)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  add_component (builder, component);
  reply_take (reply, 200, "application/json; charset=utf-8", builder_to_string (builder));
}

static gboolean
incident_is_unresolved (Incident *incident)
{
  return incident->scheduled_for == NULL &&
         g_strcmp0 (incident->status, "resolved") != 0 &&
         g_strcmp0 (incident->status, "postmortem") != 0;
}

static gboolean
incident_in_list (Incident   *incident,
                  const char *list)
{
  if (g_str_equal (list, "unresolved"))
    return incident_is_unresolved (incident);
  if (g_str_equal (list, "scheduled"))
    return incident->scheduled_for != NULL;
  if (g_str_equal (list, "upcoming"))
    return incident->scheduled_for != NULL && g_str_equal (incident->status, "scheduled");
  if (g_str_equal (list, "active_maintenance"))
    return incident->scheduled_for != NULL &&
           (g_str_equal (incident->status, "in_progress") ||
            g_str_equal (incident->status, "verifying"));

  return TRUE;
}

static gboolean
contains_folded (const char *text,
                 const char *folded_query)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;

  folded = g_utf8_casefold (text, -1);
  return strstr (folded, folded_query) != NULL;
}

/* Statuspage's q: the text in the incident's name, status or updates. */
static gboolean
incident_matches (Incident   *incident,
                  const char *folded_query)
{
  if (contains_folded (incident->name, folded_query) ||
      contains_folded (incident->status, folded_query))
    return TRUE;

  for (guint i = 0; i < incident->updates->len; i++)
    if (contains_folded (((IncidentUpdate *)g_ptr_array_index (incident->updates, i))->body,
                         folded_query))
      return TRUE;

  return FALSE;
}

/* A list, newest first, paginated by page number, metadata included: a
 * publisher that lost the answer to a create finds its incident here by
 * the metadata it attached. */
static void
statuspage_list (SitrepFakeChannels *fake,
                 Request            *request,
                 const char         *list,
                 Reply              *reply)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *folded_query = NULL;
  const char *q = NULL;
  const char *text;
  gint64 limit = LIST_LIMIT_DEFAULT;
  gint64 page = 1;
  gint64 n_matching = 0;

  if (request->query != NULL)
    {
      q = g_hash_table_lookup (request->query, "q");
      text = g_hash_table_lookup (request->query, "limit");
      if (!parse_int64 (text, &limit) || limit < 1 || limit > LIST_LIMIT_DEFAULT)
        limit = LIST_LIMIT_DEFAULT;
      text = g_hash_table_lookup (request->query, "page");
      if (!parse_int64 (text, &page) || page < 1)
        page = 1;
    }
  if (q != NULL && *q != '\0')
    folded_query = g_utf8_casefold (q, -1);

  json_builder_begin_array (builder);
  for (guint i = fake->incidents->len; i > 0; i--)
    {
      Incident *incident = g_ptr_array_index (fake->incidents, i - 1);

      if (!incident_in_list (incident, list))
        continue;
      if (folded_query != NULL && !incident_matches (incident, folded_query))
        continue;

      if (n_matching >= (page - 1) * limit && n_matching < page * limit)
        add_incident (fake, builder, incident);
      n_matching++;
    }
  json_builder_end_array (builder);

  reply_take (reply, 200, "application/json; charset=utf-8", builder_to_string (builder));
}

static void
reply_components (SitrepFakeChannels *fake,
                  Reply              *reply)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < fake->components->len; i++)
    add_component (builder, g_ptr_array_index (fake->components, i));
  json_builder_end_array (builder);

  reply_take (reply, 200, "application/json; charset=utf-8", builder_to_string (builder));
}

static gboolean
check_name (JsonObject *fields,
            Reply      *reply)
{
  const char *name = string_member (fields, "name");
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (*stripped == '\0')
    {
      reply_error (reply, 422, "error", "Name can't be blank");
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > NAME_MAX_CHARS)
    {
      reply_error (reply, 422, "error", "Name is too long (maximum is 255 characters)");
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_component_id (SitrepFakeChannels *fake,
                    JsonNode           *node,
                    Reply              *reply)
{
  g_autofree char *message = NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      reply_error (reply, 422, "error", "Component ids must be strings");
      return FALSE;
    }
  if (find_component (fake, json_node_get_string (node)) == NULL)
    {
      message = g_strdup_printf ("Component %s could not be found", json_node_get_string (node));
      reply_error (reply, 422, "error", message);
      return FALSE;
    }

  return TRUE;
}

/* The validations of an incident's fields, creating it or changing it. A
 * scheduled maintenance has statuses of its own. */
static gboolean
check_incident (SitrepFakeChannels *fake,
                JsonObject         *fields,
                gboolean            creating,
                gboolean            scheduled,
                Reply              *reply)
{
  const char * const *statuses = scheduled ? scheduled_statuses : realtime_statuses;
  guint n_statuses = scheduled ? G_N_ELEMENTS (scheduled_statuses) : G_N_ELEMENTS (realtime_statuses);
  JsonNode *node;

  if ((creating || json_object_has_member (fields, "name")) && !check_name (fields, reply))
    return FALSE;

  if (json_object_has_member (fields, "status") &&
      index_of (statuses, n_statuses, string_member (fields, "status")) < 0)
    {
      reply_error (reply, 422, "error", "Status is not included in the list");
      return FALSE;
    }

  if (json_object_has_member (fields, "impact_override") &&
      !member_is_null (fields, "impact_override") &&
      index_of (impacts, G_N_ELEMENTS (impacts), string_member (fields, "impact_override")) < 0)
    {
      reply_error (reply, 422, "error", "Impact override is not included in the list");
      return FALSE;
    }

  if (json_object_has_member (fields, "body") && !member_is_null (fields, "body"))
    {
      const char *body = string_member (fields, "body");

      if (body == NULL)
        {
          reply_error (reply, 422, "error", "Body is invalid");
          return FALSE;
        }
      if (g_utf8_strlen (body, -1) > UPDATE_BODY_MAX_CHARS)
        {
          reply_error (reply, 422, "error", "Body is too long (maximum is 25000 characters)");
          return FALSE;
        }
    }

  node = json_object_get_member (fields, "deliver_notifications");
  if (node != NULL && (!JSON_NODE_HOLDS_VALUE (node) ||
                       json_node_get_value_type (node) != G_TYPE_BOOLEAN))
    {
      reply_error (reply, 422, "error", "Deliver notifications is not a boolean");
      return FALSE;
    }

  node = json_object_get_member (fields, "component_ids");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *ids;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          reply_error (reply, 422, "error", "Component ids must be an array");
          return FALSE;
        }
      ids = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (ids); i++)
        if (!check_component_id (fake, json_array_get_element (ids, i), reply))
          return FALSE;
    }

  node = json_object_get_member (fields, "components");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_autoptr(GList) names = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          reply_error (reply, 422, "error", "Components must map component ids to statuses");
          return FALSE;
        }
      names = json_object_get_members (json_node_get_object (node));
      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autoptr(JsonNode) id = json_node_init_string (json_node_alloc (), l->data);
          const char *status = string_member (json_node_get_object (node), l->data);

          if (!check_component_id (fake, id, reply))
            return FALSE;
          if (index_of (component_statuses, G_N_ELEMENTS (component_statuses), status) < 0)
            {
              reply_error (reply, 422, "error", "Components status is not included in the list");
              return FALSE;
            }
        }
    }

  node = json_object_get_member (fields, "metadata");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_autoptr(GList) values = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          reply_error (reply, 422, "error", "Metadata must be an object");
          return FALSE;
        }
      values = json_object_get_values (json_node_get_object (node));
      for (GList *l = values; l != NULL; l = l->next)
        if (!JSON_NODE_HOLDS_OBJECT ((JsonNode *)l->data))
          {
            reply_error (reply, 422, "error", "Metadata values must be objects");
            return FALSE;
          }
    }

  return TRUE;
}

static AffectedComponent *
affected_component_new (Component  *component,
                        const char *new_status)
{
  AffectedComponent *affected = g_new0 (AffectedComponent, 1);

  affected->code = g_strdup (component->id);
  affected->name = g_strdup (component->name);
  affected->old_status = g_strdup (component->status);
  affected->new_status = g_strdup (new_status);

  return affected;
}

static void
add_component_id (Incident   *incident,
                  const char *id)
{
  for (guint i = 0; i < incident->component_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (incident->component_ids, i), id))
      return;

  g_ptr_array_add (incident->component_ids, g_strdup (id));
}

/* Applies checked fields; a create, a body or a status makes a new
 * incident update, and the components whose status changed are its
 * affected components. */
static void
apply_incident (SitrepFakeChannels *fake,
                Incident           *incident,
                JsonObject         *fields,
                gboolean            creating)
{
  g_autoptr(GPtrArray) affected = g_ptr_array_new_with_free_func ((GDestroyNotify)affected_component_free);
  g_autofree char *now = NULL;
  JsonObject *components = object_member (fields, "components");
  JsonObject *metadata = object_member (fields, "metadata");
  JsonNode *ids = json_object_get_member (fields, "component_ids");
  const char *status = string_member (fields, "status");
  const char *body = string_member (fields, "body");

  fake->statuspage_clock += 60;
  now = format_time (fake->statuspage_clock);

  if (member_is_string (fields, "name"))
    replace_string (&incident->name, string_member (fields, "name"));
  if (json_object_has_member (fields, "impact_override"))
    replace_string (&incident->impact_override, string_member (fields, "impact_override"));

  if (metadata != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (metadata);
      JsonObject *stored = json_node_get_object (incident->metadata);

      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (stored, l->data,
                                json_node_copy (json_object_get_member (metadata, l->data)));
    }

  if (ids != NULL && JSON_NODE_HOLDS_ARRAY (ids))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (ids)); i++)
      add_component_id (incident, json_array_get_string_element (json_node_get_array (ids), i));

  if (components != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (components);

      for (GList *l = names; l != NULL; l = l->next)
        {
          Component *component = find_component (fake, l->data);
          const char *new_status = json_object_get_string_member (components, l->data);

          add_component_id (incident, component->id);
          if (g_str_equal (component->status, new_status))
            continue;

          g_ptr_array_add (affected, affected_component_new (component, new_status));
          replace_string (&component->status, new_status);
          replace_string (&component->updated_at, now);
        }
    }

  if (status != NULL)
    {
      replace_string (&incident->status, status);
      if (g_str_equal (status, "monitoring") && incident->monitoring_at == NULL)
        incident->monitoring_at = g_strdup (now);
      if (g_str_equal (status, "resolved") || g_str_equal (status, "completed"))
        replace_string (&incident->resolved_at, now);
    }

  if (creating || body != NULL || status != NULL)
    {
      IncidentUpdate *update = g_new0 (IncidentUpdate, 1);

      update->id = g_strdup_printf ("fkupd%07u", ++fake->n_updates);
      update->status = g_strdup (incident->status);
      update->body = g_strdup (body != NULL ? body : "");
      update->created_at = g_strdup (now);
      update->deliver_notifications = !json_object_has_member (fields, "deliver_notifications") ||
                                      json_object_get_boolean_member (fields, "deliver_notifications");
      update->affected = g_steal_pointer (&affected);
      g_ptr_array_insert (incident->updates, 0, update);
    }

  if (creating)
    replace_string (&incident->created_at, now);
  replace_string (&incident->updated_at, now);
}

/* The member that wraps the fields, as Rails' strong parameters want it:
 * without it, 400. */
static JsonObject *
wrapped_fields (JsonNode   *root,
                const char *wrapper,
                Reply      *reply)
{
  JsonObject *fields = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
                       ? object_member (json_node_get_object (root), wrapper) : NULL;

  if (fields == NULL)
    {
      g_autofree char *message = g_strdup_printf ("param is missing or the value is empty: %s",
                                                  wrapper);

      reply_error (reply, 400, "error", message);
    }

  return fields;
}

static void
statuspage_create (SitrepFakeChannels *fake,
                   Request            *request,
                   Reply              *reply)
{
  g_autoptr(JsonNode) root = parse_json (request->body, request->length);
  JsonObject *fields = wrapped_fields (root, "incident", reply);
  Incident *incident;
  gboolean scheduled;

  if (fields == NULL)
    return;

  scheduled = member_is_string (fields, "scheduled_for");
  if (!check_incident (fake, fields, TRUE, scheduled, reply))
    return;

  incident = g_new0 (Incident, 1);
  incident->id = g_strdup_printf ("fkinc%07u", ++fake->n_incidents);
  incident->status = g_strdup (scheduled ? "scheduled" : "investigating");
  incident->scheduled_for = g_strdup (string_member (fields, "scheduled_for"));
  incident->scheduled_until = g_strdup (string_member (fields, "scheduled_until"));
  incident->component_ids = g_ptr_array_new_with_free_func (g_free);
  incident->updates = g_ptr_array_new_with_free_func ((GDestroyNotify)incident_update_free);
  incident->metadata = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (incident->metadata, json_object_new ());
  g_ptr_array_add (fake->incidents, incident);
  apply_incident (fake, incident, fields, TRUE);

  deliver (fake, SITREP_FAKE_CHANNEL_STATUSPAGE, request,
           has_text (fields, "body") ? string_member (fields, "body") : incident->name,
           NULL, incident->id);
  reply_incident (fake, reply, 201, incident);
}

static void
statuspage_update (SitrepFakeChannels *fake,
                   Request            *request,
                   Incident           *incident,
                   Reply              *reply)
{
  g_autoptr(JsonNode) root = parse_json (request->body, request->length);
  JsonObject *fields = wrapped_fields (root, "incident", reply);
  const char *text;

  if (fields == NULL ||
      !check_incident (fake, fields, FALSE, incident->scheduled_for != NULL, reply))
    return;

  apply_incident (fake, incident, fields, FALSE);

  text = string_member (fields, "body");
  if (text == NULL)
    text = string_member (fields, "status");
  deliver (fake, SITREP_FAKE_CHANNEL_STATUSPAGE, request, text, NULL, incident->id);
  reply_incident (fake, reply, 200, incident);
}

static void
statuspage_update_component (SitrepFakeChannels *fake,
                             Request            *request,
                             Component          *component,
                             Reply              *reply)
{
  g_autoptr(JsonNode) root = parse_json (request->body, request->length);
  JsonObject *fields = wrapped_fields (root, "component", reply);
  const char *status;

  if (fields == NULL)
    return;

  status = string_member (fields, "status");
  if (json_object_has_member (fields, "status") &&
      index_of (component_statuses, G_N_ELEMENTS (component_statuses), status) < 0)
    {
      reply_error (reply, 422, "error", "Status is not included in the list");
      return;
    }
  if (json_object_has_member (fields, "name") && !check_name (fields, reply))
    return;
  if (json_object_has_member (fields, "description") &&
      !member_is_null (fields, "description") && !member_is_string (fields, "description"))
    {
      reply_error (reply, 422, "error", "Description is invalid");
      return;
    }

  fake->statuspage_clock += 60;
  if (status != NULL)
    replace_string (&component->status, status);
  if (json_object_has_member (fields, "name"))
    replace_string (&component->name, string_member (fields, "name"));
  if (json_object_has_member (fields, "description"))
    replace_string (&component->description, string_member (fields, "description"));
  g_free (component->updated_at);
  component->updated_at = format_time (fake->statuspage_clock);

  deliver (fake, SITREP_FAKE_CHANNEL_STATUSPAGE, request, status, NULL, component->id);
  reply_component (reply, component);
}

static void
statuspage_too_many (SitrepFakeChannels *fake,
                     Reply              *reply)
{
  reply_error (reply, fake->statuspage_limit_status, "error", "Rate limit exceeded");
  /* 420 is no standard status: libsoup has no phrase for it. */
  reply->reason = fake->statuspage_limit_status == 420 ? "Enhance Your Calm" : NULL;
  reply->retry_after = TRUE;
}

static gboolean
is_method (Request    *request,
           const char *method)
{
  return g_str_equal (request->method, method);
}

static gboolean
is_write (Request *request)
{
  return is_method (request, "PATCH") || is_method (request, "PUT");
}

static void
statuspage_route (SitrepFakeChannels *fake,
                  Request            *request,
                  Reply              *reply)
{
  ChannelState *state = &fake->channels[SITREP_FAKE_CHANNEL_STATUSPAGE];
  const char *authorization = request_header (request, "Authorization");
  const char *resource;
  const char *id = NULL;
  guint n;

  /* segments: v1, pages, {page_id}, resource, ... */
  if (authorization == NULL || g_ascii_strncasecmp (authorization, "OAuth ", 6) != 0 ||
      !equal_in_constant_time (state->token, authorization + 6))
    {
      reply_error (reply, 401, "error", "Could not authenticate");
      return;
    }

  /* One request a second per key, reads included. */
  if (state->rate_limit)
    {
      g_autofree char *key = g_strconcat ("statuspage\n", state->token, NULL);
      GArray *times = limit_times (fake, key, G_USEC_PER_SEC);

      if (times->len > 0)
        {
          statuspage_too_many (fake, reply);
          return;
        }
      limit_count (fake, times);
    }

  if (request->n_segments < 4 ||
      !g_str_equal (request->segments[2], SITREP_FAKE_CHANNELS_STATUSPAGE_PAGE_ID))
    {
      reply_error (reply, 404, "error", "Not Found");
      return;
    }

  resource = request->segments[3];
  n = request->n_segments - 3;
  if (n == 2)
    id = request->segments[4];

  if (g_str_equal (resource, "incidents") && n == 1)
    {
      if (is_method (request, "GET"))
        statuspage_list (fake, request, "all", reply);
      else if (is_method (request, "POST"))
        statuspage_create (fake, request, reply);
      else
        reply_error (reply, 405, "error", "Method Not Allowed");
    }
  else if (g_str_equal (resource, "incidents") && n == 2 && is_method (request, "GET") &&
           (g_str_equal (id, "unresolved") || g_str_equal (id, "scheduled") ||
            g_str_equal (id, "upcoming") || g_str_equal (id, "active_maintenance")))
    statuspage_list (fake, request, id, reply);
  else if (g_str_equal (resource, "incidents") && n == 2)
    {
      Incident *incident = find_incident (fake, id);

      if (incident == NULL)
        reply_error (reply, 404, "error", "Not Found");
      else if (is_method (request, "GET"))
        reply_incident (fake, reply, 200, incident);
      else if (is_write (request))
        statuspage_update (fake, request, incident, reply);
      else
        reply_error (reply, 405, "error", "Method Not Allowed");
    }
  else if (g_str_equal (resource, "components") && n == 1 && is_method (request, "GET"))
    reply_components (fake, reply);
  else if (g_str_equal (resource, "components") && n == 2)
    {
      Component *component = find_component (fake, id);

      if (component == NULL)
        reply_error (reply, 404, "error", "Not Found");
      else if (is_method (request, "GET"))
        reply_component (reply, component);
      else if (is_write (request))
        statuspage_update_component (fake, request, component, reply);
      else
        reply_error (reply, 405, "error", "Method Not Allowed");
    }
  else
    reply_error (reply, 404, "error", "Not Found");
}

/* Slack */

static void
slack_route (SitrepFakeChannels *fake,
             Request            *request,
             Reply              *reply)
{
  ChannelState *state = &fake->channels[SITREP_FAKE_CHANNEL_SLACK];
  const char *content_type = request_header (request, "Content-Type");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *payload;
  JsonNode *blocks;
  JsonNode *attachments;
  gboolean has_content;

  if (!g_str_has_prefix (request->path, SLACK_PREFIX) ||
      !g_str_equal (request->path + strlen (SLACK_PREFIX), state->token))
    {
      reply_text (reply, 404, "no_service");
      return;
    }
  if (!is_method (request, "POST"))
    {
      reply_text (reply, 405, "Method Not Allowed");
      return;
    }

  /* Slack also takes the JSON as the payload field of a form. */
  if (content_type != NULL && g_str_has_prefix (content_type, "application/x-www-form-urlencoded"))
    {
      g_autoptr(GHashTable) form = soup_form_decode (request->body);
      const char *json = g_hash_table_lookup (form, "payload");

      if (json != NULL)
        root = parse_json (json, strlen (json));
    }
  else
    root = parse_json (request->body, request->length);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      reply_text (reply, 400, "invalid_payload");
      return;
    }

  payload = json_node_get_object (root);
  blocks = json_object_get_member (payload, "blocks");
  attachments = json_object_get_member (payload, "attachments");
  if ((json_object_has_member (payload, "text") && !member_is_null (payload, "text") &&
       !member_is_string (payload, "text")) ||
      (blocks != NULL && !JSON_NODE_HOLDS_NULL (blocks) && !JSON_NODE_HOLDS_ARRAY (blocks)) ||
      (attachments != NULL && !JSON_NODE_HOLDS_NULL (attachments) &&
       !JSON_NODE_HOLDS_ARRAY (attachments)))
    {
      reply_text (reply, 400, "invalid_payload");
      return;
    }

  has_content = has_text (payload, "text") ||
                (blocks != NULL && JSON_NODE_HOLDS_ARRAY (blocks) &&
                 json_array_get_length (json_node_get_array (blocks)) > 0) ||
                (attachments != NULL && JSON_NODE_HOLDS_ARRAY (attachments) &&
                 json_array_get_length (json_node_get_array (attachments)) > 0);
  if (!has_content)
    {
      reply_text (reply, 400, "no_text");
      return;
    }

  /* About one message a second. */
  if (state->rate_limit)
    {
      GArray *times = limit_times (fake, "slack", G_USEC_PER_SEC);

      if (times->len > 0)
        {
          reply_text (reply, 429, "rate_limited");
          reply->retry_after = TRUE;
          return;
        }
      limit_count (fake, times);
    }

  deliver (fake, SITREP_FAKE_CHANNEL_SLACK, request, string_member (payload, "text"), NULL, NULL);
  reply_text (reply, 200, "ok");
}

/* DingTalk */

static void
reply_dingtalk (Reply      *reply,
                int         errcode,
                const char *errmsg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  set_int (builder, "errcode", errcode);
  set_string (builder, "errmsg", errmsg);
  json_builder_end_object (builder);

  /* Always 200: the outcome is in errcode. */
  reply_take (reply, 200, "application/json;charset=utf-8", builder_to_string (builder));
}

/* The message's text, or NULL when its msgtype lacks what it needs. */
static const char *
dingtalk_text (JsonObject *message,
               const char *msgtype)
{
  JsonObject *content = msgtype != NULL ? object_member (message, msgtype) : NULL;

  if (content == NULL)
    return NULL;

  if (g_str_equal (msgtype, "text"))
    return has_text (content, "content") ? string_member (content, "content") : NULL;
  if (g_str_equal (msgtype, "markdown") || g_str_equal (msgtype, "actionCard"))
    return has_text (content, "title") && has_text (content, "text")
           ? string_member (content, "text") : NULL;
  if (g_str_equal (msgtype, "link"))
    return has_text (content, "title") && has_text (content, "text") &&
           has_text (content, "messageUrl") ? string_member (content, "text") : NULL;
  if (g_str_equal (msgtype, "feedCard"))
    {
      JsonNode *links = json_object_get_member (content, "links");

      return links != NULL && JSON_NODE_HOLDS_ARRAY (links) &&
             json_array_get_length (json_node_get_array (links)) > 0 ? "" : NULL;
    }

  return NULL;
}

static void
dingtalk_route (SitrepFakeChannels *fake,
                Request            *request,
                Reply              *reply)
{
  ChannelState *state = &fake->channels[SITREP_FAKE_CHANNEL_DINGTALK];
  const char *token = NULL;
  const char *timestamp_text = NULL;
  const char *sign = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *text;

  if (!g_str_equal (request->path, SITREP_FAKE_CHANNELS_DINGTALK_PATH))
    {
      reply_text (reply, 404, "Not Found");
      return;
    }
  if (!is_method (request, "POST"))
    {
      reply_dingtalk (reply, 43002, "需要POST请求");
      return;
    }

  /* The query as a servlet reads it: form-decoded, so a sign sent without
   * URL-encoding has its "+" turned into spaces and no longer matches. */
  if (request->query != NULL)
    {
      token = g_hash_table_lookup (request->query, "access_token");
      timestamp_text = g_hash_table_lookup (request->query, "timestamp");
      sign = g_hash_table_lookup (request->query, "sign");
    }

  if (token == NULL || !equal_in_constant_time (state->token, token))
    {
      reply_dingtalk (reply, 300001, "token is not exist");
      return;
    }

  if (state->secret != NULL)
    {
      gint64 now_ms = wall_clock_us (fake) / 1000;
      gint64 timestamp;
      g_autofree char *to_sign = NULL;
      g_autofree char *expected = NULL;

      /* Milliseconds: a timestamp in seconds is in January 1970. */
      if (!parse_int64 (timestamp_text, &timestamp) ||
          timestamp < now_ms - DINGTALK_TOLERANCE_MS || timestamp > now_ms + DINGTALK_TOLERANCE_MS)
        {
          reply_dingtalk (reply, 310000, "invalid timestamp");
          return;
        }

      to_sign = g_strdup_printf ("%s\n%s", timestamp_text, state->secret);
      expected = hmac_sha256_base64 (state->secret, strlen (state->secret),
                                     (const guchar *)to_sign, strlen (to_sign));
      if (!equal_in_constant_time (expected, sign))
        {
          reply_dingtalk (reply, 310000,
                          "sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]");
          return;
        }
    }

  root = parse_json (request->body, request->length);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      reply_dingtalk (reply, 40035, "缺少参数 json");
      return;
    }
  text = dingtalk_text (json_node_get_object (root),
                        string_member (json_node_get_object (root), "msgtype"));
  if (text == NULL)
    {
      reply_dingtalk (reply, 40035, "缺少参数 msgtype");
      return;
    }

  /* Twenty messages a minute; the twenty-first silences the robot for
   * ten minutes. */
  if (state->rate_limit)
    {
      gint64 now = limit_clock_us (fake);
      GArray *times = limit_times (fake, "dingtalk", MINUTE_US);

      if (now < fake->dingtalk_throttled_until || times->len >= DINGTALK_PER_MINUTE)
        {
          if (now >= fake->dingtalk_throttled_until)
            fake->dingtalk_throttled_until = now + DINGTALK_THROTTLE_US;
          reply_dingtalk (reply, 130101, "send too fast, exceed 20 times per minute");
          return;
        }
      limit_count (fake, times);
    }

  deliver (fake, SITREP_FAKE_CHANNEL_DINGTALK, request, text, NULL, NULL);
  reply_dingtalk (reply, 0, "ok");
}

/* Feishu */

static void
reply_feishu (Reply      *reply,
              guint       status,
              int         code,
              const char *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  set_int (builder, "code", code);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  set_string (builder, "msg", msg);
  json_builder_end_object (builder);

  reply_take (reply, status, "application/json; charset=utf-8", builder_to_string (builder));
}

static void
reply_feishu_sign_failed (Reply *reply)
{
  reply_feishu (reply, 200, 19021,
                "sign match fail or timestamp is not within one hour from current time");
}

/* The message's text ("" when it has none), or NULL when its msg_type
 * lacks what it needs. */
static const char *
feishu_text (JsonObject *message)
{
  const char *msg_type = string_member (message, "msg_type");
  JsonObject *content = object_member (message, "content");

  if (msg_type == NULL)
    return NULL;

  if (g_str_equal (msg_type, "text"))
    return has_text (content, "text") ? string_member (content, "text") : NULL;
  if (g_str_equal (msg_type, "post"))
    {
      JsonObject *post = object_member (content, "post");
      g_autoptr(GList) languages = post != NULL ? json_object_get_members (post) : NULL;
      JsonObject *first = languages != NULL ? object_member (post, languages->data) : NULL;

      if (first == NULL)
        return NULL;
      return has_text (first, "title") ? string_member (first, "title") : "";
    }
  if (g_str_equal (msg_type, "image"))
    return has_text (content, "image_key") ? "" : NULL;
  if (g_str_equal (msg_type, "share_chat"))
    return has_text (content, "share_chat_id") ? "" : NULL;
  if (g_str_equal (msg_type, "interactive"))
    return object_member (message, "card") != NULL ? "" : NULL;

  return NULL;
}

static void
feishu_route (SitrepFakeChannels *fake,
              Request            *request,
              Reply              *reply)
{
  ChannelState *state = &fake->channels[SITREP_FAKE_CHANNEL_FEISHU];
  g_autoptr(JsonNode) root = NULL;
  JsonObject *message;
  const char *text;

  if (!g_str_has_prefix (request->path, FEISHU_PREFIX))
    {
      reply_text (reply, 404, "404 page not found");
      return;
    }
  if (!is_method (request, "POST"))
    {
      reply_text (reply, 405, "Method Not Allowed");
      return;
    }
  if (!g_str_equal (request->path + strlen (FEISHU_PREFIX), state->token))
    {
      reply_feishu (reply, 200, 19001, "param invalid: incoming webhook access token invalid");
      return;
    }

  root = parse_json (request->body, request->length);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      reply_feishu (reply, 400, 9499, "Bad Request");
      return;
    }
  message = json_node_get_object (root);

  if (state->secret != NULL)
    {
      gint64 now_s = wall_clock_us (fake) / G_USEC_PER_SEC;
      const char *timestamp_text = string_member (message, "timestamp");
      const char *sign = string_member (message, "sign");
      g_autofree char *key = NULL;
      g_autofree char *expected = NULL;
      gint64 timestamp;

      /* The timestamp is a string of seconds. */
      if (json_object_has_member (message, "timestamp") && timestamp_text == NULL)
        {
          reply_feishu (reply, 400, 9499, "Bad Request");
          return;
        }
      if (!parse_int64 (timestamp_text, &timestamp) || sign == NULL ||
          timestamp < now_s - FEISHU_TOLERANCE_S || timestamp > now_s + FEISHU_TOLERANCE_S)
        {
          reply_feishu_sign_failed (reply);
          return;
        }

      /* The key is "<timestamp>\n<secret>" and the message is empty: the
       * reverse of DingTalk's. */
      key = g_strdup_printf ("%s\n%s", timestamp_text, state->secret);
      expected = hmac_sha256_base64 (key, strlen (key), (const guchar *)"", 0);
      if (!equal_in_constant_time (expected, sign))
        {
          reply_feishu_sign_failed (reply);
          return;
        }
    }

  text = feishu_text (message);
  if (text == NULL)
    {
      reply_feishu (reply, 400, 9499, "Bad Request");
      return;
    }

  /* Five messages a second and a hundred a minute. */
  if (state->rate_limit)
    {
      GArray *times = limit_times (fake, "feishu", MINUTE_US);

      if (times->len >= FEISHU_PER_MINUTE ||
          count_since (times, limit_clock_us (fake) - G_USEC_PER_SEC) >= FEISHU_PER_SECOND)
        {
          reply_feishu (reply, 200, 11232, "frequency limited psm[lark.oapi.app_platform_runtime]");
          return;
        }
      limit_count (fake, times);
    }

  deliver (fake, SITREP_FAKE_CHANNEL_FEISHU, request, text, NULL, NULL);
  reply_feishu (reply, 200, 0, "success");
}

/* Matrix */

static void
matrix_route (SitrepFakeChannels *fake,
              Request            *request,
              Reply              *reply)
{
  ChannelState *state = &fake->channels[SITREP_FAKE_CHANNEL_MATRIX];
  const char *authorization = request_header (request, "Authorization");
  const char *token = NULL;
  const char *room;
  const char *event_type;
  const char *txn_id;
  const char *event_id;
  g_autofree char *transaction = NULL;
  g_autofree char *forbidden = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonBuilder) builder = NULL;

  /* segments: _matrix, client, v3, rooms, {room}, send, {type}, {txnId} */
  if (request->n_segments != 8 || !g_str_equal (request->segments[1], "client") ||
      !g_str_equal (request->segments[2], "v3") || !g_str_equal (request->segments[3], "rooms") ||
      !g_str_equal (request->segments[5], "send"))
    {
      reply_matrix_error (reply, 404, "M_UNRECOGNIZED", "Unrecognized request");
      return;
    }
  if (!is_method (request, "PUT"))
    {
      reply_matrix_error (reply, 405, "M_UNRECOGNIZED", "Unrecognized request");
      return;
    }

  room = request->segments[4];
  event_type = request->segments[6];
  txn_id = request->segments[7];

  if (authorization != NULL && g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0)
    token = authorization + 7;
  else if (request->query != NULL)
    token = g_hash_table_lookup (request->query, "access_token");

  if (token == NULL)
    {
      reply_matrix_error (reply, 401, "M_MISSING_TOKEN", "Missing access token");
      return;
    }
  if (!equal_in_constant_time (state->token, token))
    {
      reply_matrix_error (reply, 401, "M_UNKNOWN_TOKEN", "Invalid access token passed.");
      return;
    }

  /* A transaction already done gets its first answer back, whatever the
   * body says now. */
  transaction = g_strjoin ("\n", token, room, event_type, txn_id, NULL);
  event_id = g_hash_table_lookup (fake->matrix_transactions, transaction);

  if (event_id == NULL)
    {
      if (!g_str_equal (room, fake->matrix_room))
        {
          forbidden = g_strdup_printf ("User @sitrep:%s not in room %s", MATRIX_SERVER_NAME, room);
          reply_matrix_error (reply, 403, "M_FORBIDDEN", forbidden);
          return;
        }

      root = parse_json (request->body, request->length);
      if (root == NULL)
        {
          reply_matrix_error (reply, 400, "M_NOT_JSON", "Content not JSON.");
          return;
        }
      if (!JSON_NODE_HOLDS_OBJECT (root))
        {
          reply_matrix_error (reply, 400, "M_BAD_JSON", "Content must be a JSON object.");
          return;
        }

      event_id = g_strdup_printf ("$fkevt%06u:%s", ++fake->n_events, MATRIX_SERVER_NAME);
      g_hash_table_insert (fake->matrix_transactions, g_strdup (transaction), (char *)event_id);
      deliver (fake, SITREP_FAKE_CHANNEL_MATRIX, request,
               string_member (json_node_get_object (root), "body"), txn_id, event_id);
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  set_string (builder, "event_id", event_id);
  json_builder_end_object (builder);
  reply_take (reply, 200, "application/json", builder_to_string (builder));
}

/* The company's hooks */

static const char *
hook_text (JsonObject *message)
{
  static const char * const names[] = { "text", "message", "title", "body" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (member_is_string (message, names[i]))
      return string_member (message, names[i]);

  return NULL;
}

static void
hook_route (SitrepFakeChannels *fake,
            SitrepFakeChannel   channel,
            Request            *request,
            Reply              *reply)
{
  ChannelState *state = &fake->channels[channel];
  const char *key = request_header (request, "Idempotency-Key");
  const char *id = NULL;
  g_autoptr(GBytes) body = g_bytes_new (request->body, request->length);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *remembered = NULL;
  g_autofree char *new_id = NULL;
  g_autoptr(JsonBuilder) builder = NULL;

  if (!is_method (request, "POST"))
    {
      reply_error (reply, 405, "error", "method not allowed");
      return;
    }

  if (!sitrep_signing_verify_payload (state->secret, request_header (request, "Sitrep-Signature"),
                                      body, wall_clock_us (fake) / G_USEC_PER_SEC,
                                      SIGNATURE_TOLERANCE_S))
    {
      reply_error (reply, 401, "error", "invalid signature");
      return;
    }

  root = parse_json (request->body, request->length);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      reply_error (reply, 400, "error", "body must be a JSON object");
      return;
    }

  if (key != NULL && *key != '\0')
    {
      remembered = g_strconcat (channel_names[channel], "\n", key, NULL);
      id = g_hash_table_lookup (fake->hook_keys, remembered);
    }

  if (id == NULL)
    {
      new_id = g_strdup_printf ("%s_%06u", channel == SITREP_FAKE_CHANNEL_BANNER ? "bnr" : "psh",
                                ++fake->n_hook_ids);
      if (remembered != NULL)
        g_hash_table_insert (fake->hook_keys, g_strdup (remembered), g_strdup (new_id));
      deliver (fake, channel, request, hook_text (json_node_get_object (root)), key, new_id);
      id = new_id;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  set_string (builder, "id", id);
  json_builder_end_object (builder);
  reply_take (reply, 202, "application/json", builder_to_string (builder));
}

/* Faults */

static void
consume_fault (ChannelState *state)
{
  if (state->times > 0 && --state->times == 0)
    state->fault = SITREP_FAKE_CHANNEL_FAULT_NONE;
}

static void
serve_server_error (SitrepFakeChannel  channel,
                    Reply             *reply)
{
  switch (channel)
    {
    case SITREP_FAKE_CHANNEL_STATUSPAGE:
      reply_error (reply, 500, "error", "Internal Server Error");
      break;
    case SITREP_FAKE_CHANNEL_SLACK:
      reply_text (reply, 500, "rollup_error");
      break;
    case SITREP_FAKE_CHANNEL_DINGTALK:
      reply_printf (reply, 500, "{\"errcode\":%d,\"errmsg\":\"%s\"}", -1, "系统繁忙");
      break;
    case SITREP_FAKE_CHANNEL_FEISHU:
      reply_feishu (reply, 500, 500, "Internal Server Error");
      break;
    case SITREP_FAKE_CHANNEL_MATRIX:
      reply_matrix_error (reply, 500, "M_UNKNOWN", "Internal server error");
      break;
    case SITREP_FAKE_CHANNEL_BANNER:
    case SITREP_FAKE_CHANNEL_PUSH:
    default:
      reply_error (reply, 500, "error", "internal error");
      break;
    }
}

static void
serve_rate_limited (SitrepFakeChannels *fake,
                    SitrepFakeChannel   channel,
                    Reply              *reply)
{
  switch (channel)
    {
    case SITREP_FAKE_CHANNEL_STATUSPAGE:
      statuspage_too_many (fake, reply);
      break;
    case SITREP_FAKE_CHANNEL_SLACK:
      reply_text (reply, 429, "rate_limited");
      reply->retry_after = TRUE;
      break;
    case SITREP_FAKE_CHANNEL_DINGTALK:
      reply_dingtalk (reply, 130101, "send too fast, exceed 20 times per minute");
      break;
    case SITREP_FAKE_CHANNEL_FEISHU:
      reply_feishu (reply, 200, 11232, "frequency limited psm[lark.oapi.app_platform_runtime]");
      break;
    case SITREP_FAKE_CHANNEL_MATRIX:
      reply_printf (reply, 429,
                    "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"error\":\"Too Many Requests\","
                    "\"retry_after_ms\":%d}", SITREP_FAKE_CHANNELS_RETRY_AFTER * 1000);
      reply->retry_after = TRUE;
      break;
    case SITREP_FAKE_CHANNEL_BANNER:
    case SITREP_FAKE_CHANNEL_PUSH:
    default:
      reply_error (reply, 429, "error", "too many requests");
      reply->retry_after = TRUE;
      break;
    }
}

/* Answers for the faults that come before the service looks at the
 * request. Returns FALSE when it is to be served as usual. */
static gboolean
serve_fault (SitrepFakeChannels *fake,
             SitrepFakeChannel   channel,
             Reply              *reply)
{
  ChannelState *state = &fake->channels[channel];

  switch (state->fault)
    {
    case SITREP_FAKE_CHANNEL_FAULT_DOWN:
      reply_take (reply, 503, "text/html", g_strdup (down_page));
      break;
    case SITREP_FAKE_CHANNEL_FAULT_SERVER_ERROR:
      serve_server_error (channel, reply);
      break;
    case SITREP_FAKE_CHANNEL_FAULT_RATE_LIMITED:
      serve_rate_limited (fake, channel, reply);
      break;
    case SITREP_FAKE_CHANNEL_FAULT_CHANNEL_NOT_FOUND:
      reply_text (reply, 404, "channel_not_found");
      break;
    case SITREP_FAKE_CHANNEL_FAULT_CHANNEL_ARCHIVED:
      reply_text (reply, 410, "channel_is_archived");
      break;
    case SITREP_FAKE_CHANNEL_FAULT_NONE:
    case SITREP_FAKE_CHANNEL_FAULT_ACCEPT_THEN_DROP:
    default:
      return FALSE;
    }

  consume_fault (state);
  return TRUE;
}

static void
drop_free (Drop *drop)
{
  g_autoptr(GIOStream) stream = NULL;

  if (drop->source_id != 0)
    g_source_remove (drop->source_id);

  stream = soup_server_message_steal_connection (drop->msg);
  if (stream != NULL)
    {
      GSocket *socket = g_object_get_data (G_OBJECT (stream), "GSocket");

      g_io_stream_close (stream, NULL, NULL);
      if (socket != NULL)
        g_socket_close (socket, NULL);
    }

  g_object_unref (drop->msg);
  g_free (drop);
}

static gboolean
drop_cb (gpointer user_data)
{
  Drop *drop = user_data;

  drop->source_id = 0;
  g_ptr_array_remove_fast (drop->fake->drops, drop);

  return G_SOURCE_REMOVE;
}

/* Closes the connection without an answer. The message is paused first
 * and its connection taken away from an idle callback, once libsoup is
 * out of the handler that reads it. */
static void
drop_connection (SitrepFakeChannels *fake,
                 SoupServerMessage  *msg)
{
  Drop *drop = g_new0 (Drop, 1);

  drop->fake = fake;
  drop->msg = g_object_ref (msg);
  soup_server_message_pause (msg);
  drop->source_id = g_idle_add (drop_cb, drop);
  g_ptr_array_add (fake->drops, drop);
}

/* What the fake itself answers, under /_fake/ */

static void
add_delivery (JsonBuilder *builder,
              Delivery    *delivery)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (delivery->time_us / G_USEC_PER_SEC);
  g_autofree char *seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *stamp = g_strdup_printf ("%s.%06dZ", seconds,
                                            (int)(delivery->time_us % G_USEC_PER_SEC));

  json_builder_begin_object (builder);
  set_string (builder, "channel", channel_names[delivery->channel]);
  set_string (builder, "method", delivery->method);
  set_string (builder, "path", delivery->path);
  set_string (builder, "body", delivery->body);
  set_string (builder, "text", delivery->text);
  set_string (builder, "key", delivery->key);
  set_string (builder, "id", delivery->id);
  set_string (builder, "time", stamp);
  set_int (builder, "time_us", delivery->time_us);
  json_builder_end_object (builder);
}

static char *
delivered_json (SitrepFakeChannels *fake,
                int                 channel)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < fake->deliveries->len; i++)
    {
      Delivery *delivery = g_ptr_array_index (fake->deliveries, i);

      if (channel < 0 || (int)delivery->channel == channel)
        add_delivery (builder, delivery);
    }
  json_builder_end_array (builder);

  return builder_to_string (builder);
}

static void
reply_faults (SitrepFakeChannels *fake,
              Reply              *reply)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  for (guint i = 0; i < SITREP_FAKE_N_CHANNELS; i++)
    {
      json_builder_set_member_name (builder, channel_names[i]);
      json_builder_begin_object (builder);
      set_string (builder, "fault", fault_names[fake->channels[i].fault]);
      set_int (builder, "times", fake->channels[i].times);
      set_boolean (builder, "rate_limit", fake->channels[i].rate_limit);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  reply_take (reply, 200, "application/json", builder_to_string (builder));
}

/* POST /_fake/fault {"channel":"slack"|"all", "fault":"down", "times":1,
 * "rate_limit":true, "rate_limit_status":420}: every member but channel
 * may be left out. */
static void
control_fault (SitrepFakeChannels *fake,
               Request            *request,
               Reply              *reply)
{
  g_autoptr(JsonNode) root = parse_json (request->body, request->length);
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *channel_name = string_member (object, "channel");
  SitrepFakeChannel channel = SITREP_FAKE_CHANNEL_STATUSPAGE;
  SitrepFakeChannelFault fault = SITREP_FAKE_CHANNEL_FAULT_NONE;
  gboolean all = g_strcmp0 (channel_name, "all") == 0;
  gint64 times = 0;
  gint64 status = 0;
  JsonNode *node;

  if (object == NULL)
    {
      reply_error (reply, 400, "error", "the body must be a JSON object");
      return;
    }
  if (!all && !sitrep_fake_channel_from_string (channel_name, &channel))
    {
      reply_error (reply, 400, "error", "unknown channel");
      return;
    }
  if (json_object_has_member (object, "fault") &&
      !sitrep_fake_channel_fault_from_string (string_member (object, "fault"), &fault))
    {
      reply_error (reply, 400, "error", "unknown fault");
      return;
    }
  if ((fault == SITREP_FAKE_CHANNEL_FAULT_CHANNEL_NOT_FOUND ||
       fault == SITREP_FAKE_CHANNEL_FAULT_CHANNEL_ARCHIVED) &&
      (all || channel != SITREP_FAKE_CHANNEL_SLACK))
    {
      reply_error (reply, 400, "error", "only Slack has that fault");
      return;
    }
  node = json_object_get_member (object, "times");
  if (node != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
       (times = json_node_get_int (node)) < 0 || times > G_MAXUINT))
    {
      reply_error (reply, 400, "error", "times must be a count");
      return;
    }
  node = json_object_get_member (object, "rate_limit");
  if (node != NULL && (!JSON_NODE_HOLDS_VALUE (node) ||
                       json_node_get_value_type (node) != G_TYPE_BOOLEAN))
    {
      reply_error (reply, 400, "error", "rate_limit must be a boolean");
      return;
    }
  node = json_object_get_member (object, "rate_limit_status");
  if (node != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
       ((status = json_node_get_int (node)) != 420 && status != 429)))
    {
      reply_error (reply, 400, "error", "rate_limit_status must be 420 or 429");
      return;
    }

  for (guint i = 0; i < SITREP_FAKE_N_CHANNELS; i++)
    {
      if (!all && i != channel)
        continue;
      if (json_object_has_member (object, "fault"))
        sitrep_fake_channels_set_fault_times (fake, i, fault, (guint)times);
      if (json_object_has_member (object, "rate_limit"))
        sitrep_fake_channels_set_rate_limit (fake, i, json_object_get_boolean_member (object,
                                                                                     "rate_limit"));
    }
  if (status != 0)
    sitrep_fake_channels_set_statuspage_limit_status (fake, (guint)status);

  reply_faults (fake, reply);
}

static void
reply_clock (SitrepFakeChannels *fake,
             Reply              *reply)
{
  reply_printf (reply, 200, "{\"now_us\":%" G_GINT64_FORMAT ",\"fixed\":%s}",
                wall_clock_us (fake), fake->fixed_clock_us != 0 ? "true" : "false");
}

/* POST /_fake/clock {"now":<unix seconds, 0 for the real clock>} or
 * {"advance":<seconds>} */
static void
control_clock (SitrepFakeChannels *fake,
               Request            *request,
               Reply              *reply)
{
  g_autoptr(JsonNode) root = parse_json (request->body, request->length);
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *now = object != NULL ? json_object_get_member (object, "now") : NULL;
  JsonNode *advance = object != NULL ? json_object_get_member (object, "advance") : NULL;

  if ((now == NULL) == (advance == NULL) ||
      (now != NULL && (!JSON_NODE_HOLDS_VALUE (now) ||
                       json_node_get_value_type (now) != G_TYPE_INT64)) ||
      (advance != NULL && (!JSON_NODE_HOLDS_VALUE (advance) ||
                           json_node_get_value_type (advance) != G_TYPE_INT64)) ||
      (advance != NULL && fake->fixed_clock_us == 0))
    {
      reply_error (reply, 400, "error",
                   "give either now (unix seconds) or advance (seconds, on a fixed clock)");
      return;
    }

  if (now != NULL)
    sitrep_fake_channels_set_clock (fake, json_node_get_int (now) * G_USEC_PER_SEC);
  else
    sitrep_fake_channels_advance_clock (fake, json_node_get_int (advance) * G_USEC_PER_SEC);

  reply_clock (fake, reply);
}

static void
control_route (SitrepFakeChannels *fake,
               Request            *request,
               Reply              *reply)
{
  const char *what = request->path + strlen (CONTROL_PREFIX);

  if (g_str_equal (what, "delivered") && is_method (request, "GET"))
    {
      const char *name = request->query != NULL ? g_hash_table_lookup (request->query, "channel")
                                                : NULL;
      SitrepFakeChannel channel;

      if (name != NULL && !sitrep_fake_channel_from_string (name, &channel))
        reply_error (reply, 400, "error", "unknown channel");
      else
        reply_take (reply, 200, "application/json",
                    delivered_json (fake, name != NULL ? (int)channel : -1));
    }
  else if (g_str_equal (what, "delivered") && is_method (request, "DELETE"))
    {
      sitrep_fake_channels_clear_delivered (fake);
      reply->status = 204;
    }
  else if (g_str_equal (what, "requests") && is_method (request, "GET"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      for (guint i = 0; i < SITREP_FAKE_N_CHANNELS; i++)
        set_int (builder, channel_names[i], fake->channels[i].n_requests);
      json_builder_end_object (builder);
      reply_take (reply, 200, "application/json", builder_to_string (builder));
    }
  else if (g_str_equal (what, "fault") && is_method (request, "GET"))
    reply_faults (fake, reply);
  else if (g_str_equal (what, "fault") && is_method (request, "POST"))
    control_fault (fake, request, reply);
  else if (g_str_equal (what, "clock") && is_method (request, "GET"))
    reply_clock (fake, reply);
  else if (g_str_equal (what, "clock") && is_method (request, "POST"))
    control_clock (fake, request, reply);
  else
    reply_error (reply, 404, "error", "no such thing");
}

/* Serving */

static gboolean
channel_for_path (const char        *path,
                  SitrepFakeChannel *channel)
{
  if (g_str_has_prefix (path, STATUSPAGE_PREFIX))
    *channel = SITREP_FAKE_CHANNEL_STATUSPAGE;
  else if (g_str_has_prefix (path, "/slack/"))
    *channel = SITREP_FAKE_CHANNEL_SLACK;
  else if (g_str_has_prefix (path, "/dingtalk/"))
    *channel = SITREP_FAKE_CHANNEL_DINGTALK;
  else if (g_str_has_prefix (path, "/feishu/"))
    *channel = SITREP_FAKE_CHANNEL_FEISHU;
  else if (g_str_has_prefix (path, MATRIX_PREFIX))
    *channel = SITREP_FAKE_CHANNEL_MATRIX;
  else if (g_str_equal (path, SITREP_FAKE_CHANNELS_BANNER_PATH))
    *channel = SITREP_FAKE_CHANNEL_BANNER;
  else if (g_str_equal (path, SITREP_FAKE_CHANNELS_PUSH_PATH))
    *channel = SITREP_FAKE_CHANNEL_PUSH;
  else
    return FALSE;

  return TRUE;
}

static void
route_channel (SitrepFakeChannels *fake,
               SitrepFakeChannel   channel,
               Request            *request,
               Reply              *reply)
{
  switch (channel)
    {
    case SITREP_FAKE_CHANNEL_STATUSPAGE:
      statuspage_route (fake, request, reply);
      break;
    case SITREP_FAKE_CHANNEL_SLACK:
      slack_route (fake, request, reply);
      break;
    case SITREP_FAKE_CHANNEL_DINGTALK:
      dingtalk_route (fake, request, reply);
      break;
    case SITREP_FAKE_CHANNEL_FEISHU:
      feishu_route (fake, request, reply);
      break;
    case SITREP_FAKE_CHANNEL_MATRIX:
      matrix_route (fake, request, reply);
      break;
    case SITREP_FAKE_CHANNEL_BANNER:
    case SITREP_FAKE_CHANNEL_PUSH:
      hook_route (fake, channel, request, reply);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The path's segments, percent-decoded one by one (a Matrix room id
 * arrives as %21room%3Aserver), empty ones left out. */
static char **
split_path (const char *path,
            guint      *n_segments)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  GPtrArray *segments = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *segment;

      if (*parts[i] == '\0')
        continue;
      segment = g_uri_unescape_string (parts[i], NULL);
      g_ptr_array_add (segments, segment != NULL ? segment : g_strdup (parts[i]));
    }

  *n_segments = segments->len;
  g_ptr_array_add (segments, NULL);
  return (char **)g_ptr_array_free (segments, FALSE);
}

static void
send_reply (SoupServerMessage *msg,
            Reply             *reply)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, reply->status, reply->reason);
  if (reply->retry_after)
    {
      g_autofree char *seconds = g_strdup_printf ("%d", SITREP_FAKE_CHANNELS_RETRY_AFTER);

      soup_message_headers_replace (headers, "Retry-After", seconds);
    }
  if (reply->body != NULL)
    soup_server_message_set_response (msg, reply->content_type, SOUP_MEMORY_COPY, reply->body,
                                      strlen (reply->body));
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  SitrepFakeChannels *fake = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  Request request = { 0 };
  Reply reply = { 0 };
  SitrepFakeChannel channel;
  gboolean dropped = FALSE;

  request.msg = msg;
  request.method = soup_server_message_get_method (msg);
  request.path = path;
  request.query = query;
  request.length = g_bytes_get_size (body);
  request.body = g_malloc (request.length + 1);
  if (request.length > 0)
    memcpy (request.body, g_bytes_get_data (body, NULL), request.length);
  request.body[request.length] = '\0';
  request.segments = split_path (path, &request.n_segments);

  if (g_str_has_prefix (path, CONTROL_PREFIX))
    control_route (fake, &request, &reply);
  else if (!channel_for_path (path, &channel))
    reply_text (&reply, 404, "Not Found");
  else
    {
      ChannelState *state = &fake->channels[channel];

      state->n_requests++;
      if (!serve_fault (fake, channel, &reply))
        {
          route_channel (fake, channel, &request, &reply);

          /* A write is carried out, then its answer lost; a read is
           * answered, so that a publisher can find out what happened. */
          if (state->fault == SITREP_FAKE_CHANNEL_FAULT_ACCEPT_THEN_DROP &&
              !is_method (&request, "GET") && !is_method (&request, "HEAD"))
            {
              consume_fault (state);
              drop_connection (fake, msg);
              dropped = TRUE;
            }
        }
    }

  if (!dropped)
    send_reply (msg, &reply);

  g_free (reply.body);
  g_free (request.body);
  g_strfreev (request.segments);
}

/* Public API */

/**
 * sitrep_fake_channels_new_on_port:
 * @port: the port to listen on, or 0 for a free one
 *
 * Returns: (transfer full) (nullable): the fakes, listening on 127.0.0.1,
 *   with the defaults of sitrep-fake-channels.h, no fault, no rate limit
 *   and the real clocks; or %NULL if it cannot listen
 */
SitrepFakeChannels *
sitrep_fake_channels_new_on_port (guint    port,
                                  GError **error)
{
  g_autoptr(SitrepFakeChannels) fake = g_new0 (SitrepFakeChannels, 1);
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 11, 24, 3, 0, 0);
  GSList *uris;

  g_return_val_if_fail (port <= G_MAXUINT16, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fake->deliveries = g_ptr_array_new_with_free_func ((GDestroyNotify)delivery_free);
  fake->drops = g_ptr_array_new_with_free_func ((GDestroyNotify)drop_free);
  fake->limits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, garray_unref);
  fake->statuspage_limit_status = 429;
  fake->components = g_ptr_array_new_with_free_func ((GDestroyNotify)component_free);
  fake->incidents = g_ptr_array_new_with_free_func ((GDestroyNotify)incident_free);
  fake->matrix_room = g_strdup (SITREP_FAKE_CHANNELS_MATRIX_ROOM);
  fake->matrix_transactions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fake->hook_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  fake->channels[SITREP_FAKE_CHANNEL_STATUSPAGE].token = g_strdup (SITREP_FAKE_CHANNELS_STATUSPAGE_KEY);
  fake->channels[SITREP_FAKE_CHANNEL_SLACK].token = g_strdup (SITREP_FAKE_CHANNELS_SLACK_TOKEN);
  fake->channels[SITREP_FAKE_CHANNEL_DINGTALK].token = g_strdup (SITREP_FAKE_CHANNELS_DINGTALK_TOKEN);
  fake->channels[SITREP_FAKE_CHANNEL_DINGTALK].secret = g_strdup (SITREP_FAKE_CHANNELS_DINGTALK_SECRET);
  fake->channels[SITREP_FAKE_CHANNEL_FEISHU].token = g_strdup (SITREP_FAKE_CHANNELS_FEISHU_HOOK_ID);
  fake->channels[SITREP_FAKE_CHANNEL_FEISHU].secret = g_strdup (SITREP_FAKE_CHANNELS_FEISHU_SECRET);
  fake->channels[SITREP_FAKE_CHANNEL_MATRIX].token = g_strdup (SITREP_FAKE_CHANNELS_MATRIX_TOKEN);
  fake->channels[SITREP_FAKE_CHANNEL_BANNER].secret = g_strdup (SITREP_FAKE_CHANNELS_HOOKS_SECRET);
  fake->channels[SITREP_FAKE_CHANNEL_PUSH].secret = g_strdup (SITREP_FAKE_CHANNELS_HOOKS_SECRET);

  fake->statuspage_clock = g_date_time_to_unix (start);
  g_ptr_array_add (fake->components,
                   component_new (SITREP_FAKE_CHANNELS_STATUSPAGE_API, "API",
                                  "Charges, refunds and payouts", 1, fake->statuspage_clock));
  g_ptr_array_add (fake->components,
                   component_new (SITREP_FAKE_CHANNELS_STATUSPAGE_CHECKOUT, "Checkout",
                                  "Hosted payment pages", 2, fake->statuspage_clock));
  g_ptr_array_add (fake->components,
                   component_new (SITREP_FAKE_CHANNELS_STATUSPAGE_WEBHOOKS, "Webhooks",
                                  "Event delivery to your endpoints", 3, fake->statuspage_clock));
  g_ptr_array_add (fake->components,
                   component_new (SITREP_FAKE_CHANNELS_STATUSPAGE_DASHBOARD, "Dashboard", NULL, 4,
                                  fake->statuspage_clock));

  fake->server = soup_server_new ("server-header", "sitrep-fake-channels", NULL);
  soup_server_add_handler (fake->server, NULL, handler_cb, fake, NULL);
  if (!soup_server_listen_local (fake->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return NULL;

  uris = soup_server_get_uris (fake->server);
  fake->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  return g_steal_pointer (&fake);
}

/**
 * sitrep_fake_channels_new:
 *
 * Returns: (transfer full): the fakes on a free port of 127.0.0.1, as
 *   sitrep_fake_channels_new_on_port() makes them
 */
SitrepFakeChannels *
sitrep_fake_channels_new (void)
{
  g_autoptr(GError) error = NULL;
  SitrepFakeChannels *fake = sitrep_fake_channels_new_on_port (0, &error);

  if (fake == NULL)
    g_error ("The fake channels cannot listen on 127.0.0.1: %s", error->message);

  return fake;
}

void
sitrep_fake_channels_free (SitrepFakeChannels *fake)
{
  if (fake == NULL)
    return;

  /* Connections still to be dropped are dropped now. */
  g_clear_pointer (&fake->drops, g_ptr_array_unref);

  if (fake->server != NULL)
    soup_server_disconnect (fake->server);
  g_clear_object (&fake->server);

  for (guint i = 0; i < SITREP_FAKE_N_CHANNELS; i++)
    {
      g_free (fake->channels[i].token);
      g_free (fake->channels[i].secret);
    }
  g_clear_pointer (&fake->deliveries, g_ptr_array_unref);
  g_clear_pointer (&fake->limits, g_hash_table_unref);
  g_clear_pointer (&fake->components, g_ptr_array_unref);
  g_clear_pointer (&fake->incidents, g_ptr_array_unref);
  g_clear_pointer (&fake->matrix_transactions, g_hash_table_unref);
  g_clear_pointer (&fake->hook_keys, g_hash_table_unref);
  g_free (fake->matrix_room);
  g_free (fake->url);
  g_free (fake);
}

/**
 * sitrep_fake_channels_get_url:
 *
 * Returns: the base address, such as http://127.0.0.1:41234, without a
 *   trailing slash
 */
const char *
sitrep_fake_channels_get_url (SitrepFakeChannels *fake)
{
  g_return_val_if_fail (fake != NULL, NULL);

  return fake->url;
}

/**
 * sitrep_fake_channels_set_token:
 * @channel: any but the hooks, which have a secret only
 * @token: Statuspage's API key, Slack's "T…/B…/…" path, DingTalk's
 *   access_token, Feishu's hook id or Matrix's access token
 */
void
sitrep_fake_channels_set_token (SitrepFakeChannels *fake,
                                SitrepFakeChannel   channel,
                                const char         *token)
{
  g_return_if_fail (fake != NULL);
  g_return_if_fail (channel < SITREP_FAKE_CHANNEL_BANNER);
  g_return_if_fail (token != NULL && *token != '\0');

  replace_string (&fake->channels[channel].token, token);
}

/**
 * sitrep_fake_channels_set_secret:
 * @channel: DingTalk, Feishu, the banner or the push hook
 * @secret: (nullable): the signing secret; %NULL for a DingTalk robot or
 *   a Feishu bot that does not sign
 */
void
sitrep_fake_channels_set_secret (SitrepFakeChannels *fake,
                                 SitrepFakeChannel   channel,
                                 const char         *secret)
{
  g_return_if_fail (fake != NULL);
  g_return_if_fail (channel == SITREP_FAKE_CHANNEL_DINGTALK ||
                    channel == SITREP_FAKE_CHANNEL_FEISHU ||
                    channel == SITREP_FAKE_CHANNEL_BANNER ||
                    channel == SITREP_FAKE_CHANNEL_PUSH);
  g_return_if_fail (secret != NULL || channel < SITREP_FAKE_CHANNEL_BANNER);

  replace_string (&fake->channels[channel].secret, secret);
}

/**
 * sitrep_fake_channels_set_matrix_room:
 * @room_id: the only room the fake's Matrix user is in
 */
void
sitrep_fake_channels_set_matrix_room (SitrepFakeChannels *fake,
                                      const char         *room_id)
{
  g_return_if_fail (fake != NULL);
  g_return_if_fail (room_id != NULL && *room_id != '\0');

  replace_string (&fake->matrix_room, room_id);
}

/**
 * sitrep_fake_channels_set_fault_times:
 * @times: how many requests the fault is for before it clears, or 0 for
 *   every request until it changes. Accept-then-drop counts the writes
 *   only.
 */
void
sitrep_fake_channels_set_fault_times (SitrepFakeChannels     *fake,
                                      SitrepFakeChannel       channel,
                                      SitrepFakeChannelFault  fault,
                                      guint                   times)
{
  g_return_if_fail (fake != NULL);
  g_return_if_fail (channel < SITREP_FAKE_N_CHANNELS);
  g_return_if_fail (fault <= SITREP_FAKE_CHANNEL_FAULT_CHANNEL_ARCHIVED);
  g_return_if_fail (channel == SITREP_FAKE_CHANNEL_SLACK ||
                    (fault != SITREP_FAKE_CHANNEL_FAULT_CHANNEL_NOT_FOUND &&
                     fault != SITREP_FAKE_CHANNEL_FAULT_CHANNEL_ARCHIVED));

  fake->channels[channel].fault = fault;
  fake->channels[channel].times = fault != SITREP_FAKE_CHANNEL_FAULT_NONE ? times : 0;
}

void
sitrep_fake_channels_set_fault (SitrepFakeChannels     *fake,
                                SitrepFakeChannel       channel,
                                SitrepFakeChannelFault  fault)
{
  sitrep_fake_channels_set_fault_times (fake, channel, fault, 0);
}

SitrepFakeChannelFault
sitrep_fake_channels_get_fault (SitrepFakeChannels *fake,
                                SitrepFakeChannel   channel)
{
  g_return_val_if_fail (fake != NULL, SITREP_FAKE_CHANNEL_FAULT_NONE);
  g_return_val_if_fail (channel < SITREP_FAKE_N_CHANNELS, SITREP_FAKE_CHANNEL_FAULT_NONE);

  return fake->channels[channel].fault;
}

/**
 * sitrep_fake_channels_set_rate_limit:
 * @enabled: whether @channel enforces its service's limit: Statuspage one
 *   request a second per key, Slack one message a second, DingTalk twenty
 *   messages a minute then ten minutes' silence, Feishu five a second and
 *   a hundred a minute. Matrix and the hooks have none. Off at first.
 */
void
sitrep_fake_channels_set_rate_limit (SitrepFakeChannels *fake,
                                     SitrepFakeChannel   channel,
                                     gboolean            enabled)
{
  g_return_if_fail (fake != NULL);
  g_return_if_fail (channel < SITREP_FAKE_N_CHANNELS);

  fake->channels[channel].rate_limit = enabled;
}

/**
 * sitrep_fake_channels_set_statuspage_limit_status:
 * @status: 420 or 429 (the default): Statuspage sends either
 */
void
sitrep_fake_channels_set_statuspage_limit_status (SitrepFakeChannels *fake,
                                                  guint               status)
{
  g_return_if_fail (fake != NULL);
  g_return_if_fail (status == 420 || status == 429);

  fake->statuspage_limit_status = status;
}

/**
 * sitrep_fake_channels_set_clock:
 * @unix_us: the time, in microseconds since the epoch, or 0 for the real
 *   clocks
 *
 * A fixed clock stands for both the wall clock (the signed timestamps,
 * the records) and the monotonic one (the rate limits); it moves only
 * with sitrep_fake_channels_advance_clock(). Changing between the real
 * clocks and a fixed one forgets the rate limits' counts.
 */
void
sitrep_fake_channels_set_clock (SitrepFakeChannels *fake,
                                gint64              unix_us)
{
  g_return_if_fail (fake != NULL);
  g_return_if_fail (unix_us >= 0);

  if ((fake->fixed_clock_us == 0) != (unix_us == 0))
    {
      g_hash_table_remove_all (fake->limits);
      fake->dingtalk_throttled_until = 0;
    }
  fake->fixed_clock_us = unix_us;
}

void
sitrep_fake_channels_advance_clock (SitrepFakeChannels *fake,
                                    gint64              us)
{
  g_return_if_fail (fake != NULL);
  g_return_if_fail (fake->fixed_clock_us != 0);
  g_return_if_fail (fake->fixed_clock_us + us > 0);

  fake->fixed_clock_us += us;
}

/**
 * sitrep_fake_channels_get_clock:
 *
 * Returns: the fake's wall clock, in microseconds since the epoch
 */
gint64
sitrep_fake_channels_get_clock (SitrepFakeChannels *fake)
{
  g_return_val_if_fail (fake != NULL, 0);

  return wall_clock_us (fake);
}

/**
 * sitrep_fake_channels_get_n_requests:
 *
 * Returns: how many requests reached @channel, whatever their answer
 */
guint
sitrep_fake_channels_get_n_requests (SitrepFakeChannels *fake,
                                     SitrepFakeChannel   channel)
{
  g_return_val_if_fail (fake != NULL, 0);
  g_return_val_if_fail (channel < SITREP_FAKE_N_CHANNELS, 0);

  return fake->channels[channel].n_requests;
}

/**
 * sitrep_fake_channels_get_n_delivered:
 *
 * Returns: how many messages @channel accepted: a write to Statuspage, a
 *   message to a chat, a post to a hook. A repeated Matrix transaction or
 *   Idempotency-Key is not a new message.
 */
guint
sitrep_fake_channels_get_n_delivered (SitrepFakeChannels *fake,
                                      SitrepFakeChannel   channel)
{
  guint n = 0;

  g_return_val_if_fail (fake != NULL, 0);
  g_return_val_if_fail (channel < SITREP_FAKE_N_CHANNELS, 0);

  for (guint i = 0; i < fake->deliveries->len; i++)
    if (((Delivery *)g_ptr_array_index (fake->deliveries, i))->channel == channel)
      n++;

  return n;
}

/**
 * sitrep_fake_channels_get_delivered_body:
 * @index: the message's index among @channel's, oldest first
 *
 * Returns: (nullable): the body as received
 */
const char *
sitrep_fake_channels_get_delivered_body (SitrepFakeChannels *fake,
                                         SitrepFakeChannel   channel,
                                         guint               index)
{
  const Delivery *delivery;

  g_return_val_if_fail (fake != NULL, NULL);

  delivery = nth_delivery (fake, channel, index);
  g_return_val_if_fail (delivery != NULL, NULL);

  return delivery->body;
}

/**
 * sitrep_fake_channels_get_delivered_text:
 *
 * Returns: (nullable): what a person reads of the message: Slack's text,
 *   DingTalk's content or markdown text, Feishu's text or post title,
 *   Matrix's body, Statuspage's update body (else the incident's name or
 *   the status set), a hook's text, message, title or body member
 */
const char *
sitrep_fake_channels_get_delivered_text (SitrepFakeChannels *fake,
                                         SitrepFakeChannel   channel,
                                         guint               index)
{
  const Delivery *delivery;

  g_return_val_if_fail (fake != NULL, NULL);

  delivery = nth_delivery (fake, channel, index);
  g_return_val_if_fail (delivery != NULL, NULL);

  return delivery->text;
}

/**
 * sitrep_fake_channels_get_delivered_path:
 *
 * Returns: the path the message was sent to, without the query
 */
const char *
sitrep_fake_channels_get_delivered_path (SitrepFakeChannels *fake,
                                         SitrepFakeChannel   channel,
                                         guint               index)
{
  const Delivery *delivery;

  g_return_val_if_fail (fake != NULL, NULL);

  delivery = nth_delivery (fake, channel, index);
  g_return_val_if_fail (delivery != NULL, NULL);

  return delivery->path;
}

/**
 * sitrep_fake_channels_get_delivered_key:
 *
 * Returns: (nullable): Matrix's txnId or a hook's Idempotency-Key
 */
const char *
sitrep_fake_channels_get_delivered_key (SitrepFakeChannels *fake,
                                        SitrepFakeChannel   channel,
                                        guint               index)
{
  const Delivery *delivery;

  g_return_val_if_fail (fake != NULL, NULL);

  delivery = nth_delivery (fake, channel, index);
  g_return_val_if_fail (delivery != NULL, NULL);

  return delivery->key;
}

/**
 * sitrep_fake_channels_get_delivered_id:
 *
 * Returns: (nullable): the id the service gave: Statuspage's incident or
 *   component id, Matrix's event id, a hook's id
 */
const char *
sitrep_fake_channels_get_delivered_id (SitrepFakeChannels *fake,
                                       SitrepFakeChannel   channel,
                                       guint               index)
{
  const Delivery *delivery;

  g_return_val_if_fail (fake != NULL, NULL);

  delivery = nth_delivery (fake, channel, index);
  g_return_val_if_fail (delivery != NULL, NULL);

  return delivery->id;
}

/**
 * sitrep_fake_channels_get_delivered_time:
 *
 * Returns: when the message was accepted, by the fake's wall clock, in
 *   microseconds since the epoch
 */
gint64
sitrep_fake_channels_get_delivered_time (SitrepFakeChannels *fake,
                                         SitrepFakeChannel   channel,
                                         guint               index)
{
  const Delivery *delivery;

  g_return_val_if_fail (fake != NULL, 0);

  delivery = nth_delivery (fake, channel, index);
  g_return_val_if_fail (delivery != NULL, 0);

  return delivery->time_us;
}

/**
 * sitrep_fake_channels_dup_delivered_json:
 *
 * Returns: (transfer full): what GET /_fake/delivered answers: a JSON
 *   array of every message accepted, oldest first, each
 *   {channel, method, path, body, text, key, id, time, time_us}
 */
char *
sitrep_fake_channels_dup_delivered_json (SitrepFakeChannels *fake)
{
  g_return_val_if_fail (fake != NULL, NULL);

  return delivered_json (fake, -1);
}

/**
 * sitrep_fake_channels_clear_delivered:
 *
 * Forgets the records, not the state: incidents stay open, and Matrix
 * transactions and Idempotency-Keys are still recognised.
 */
void
sitrep_fake_channels_clear_delivered (SitrepFakeChannels *fake)
{
  g_return_if_fail (fake != NULL);

  g_ptr_array_set_size (fake->deliveries, 0);
}

const char *
sitrep_fake_channel_to_string (SitrepFakeChannel channel)
{
  g_return_val_if_fail (channel < SITREP_FAKE_N_CHANNELS, NULL);

  return channel_names[channel];
}

gboolean
sitrep_fake_channel_from_string (const char        *name,
                                 SitrepFakeChannel *channel)
{
  int index = index_of (channel_names, G_N_ELEMENTS (channel_names), name);

  if (index < 0)
    return FALSE;

  *channel = (SitrepFakeChannel)index;
  return TRUE;
}

const char *
sitrep_fake_channel_fault_to_string (SitrepFakeChannelFault fault)
{
  g_return_val_if_fail (fault <= SITREP_FAKE_CHANNEL_FAULT_CHANNEL_ARCHIVED, NULL);

  return fault_names[fault];
}

/**
 * sitrep_fake_channel_fault_from_string:
 * @name: a fault's name; "-" may stand for "_"
 */
gboolean
sitrep_fake_channel_fault_from_string (const char             *name,
                                       SitrepFakeChannelFault *fault)
{
  g_autofree char *canonical = NULL;
  int index;

  if (name == NULL)
    return FALSE;

  canonical = g_strdelimit (g_strdup (name), "-", '_');
  index = index_of (fault_names, G_N_ELEMENTS (fault_names), canonical);
  if (index < 0)
    return FALSE;

  *fault = (SitrepFakeChannelFault)index;
  return TRUE;
}
