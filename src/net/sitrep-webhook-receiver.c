/* sitrep-webhook-receiver.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A local receiver for Alertmanager's webhook, so an alert reaches the
 * screen as soon as Alertmanager sends it rather than at the next poll.
 *
 * It listens on 127.0.0.1 only. A request must carry the shared secret,
 * either as the last segment of the path (/alertmanager/<secret>) or as a
 * bearer token at /alertmanager; the comparison takes the same time
 * whatever the secret holds. The secret is never logged nor put in an
 * error: only sitrep_webhook_receiver_dup_url() gives it back.
 *
 * The checks that need no body run as soon as the headers are in, and the
 * body is collected by the receiver itself up to SITREP_WEBHOOK_MAX_BODY,
 * so a refused or oversized request costs no memory. An accepted body is
 * parsed on a worker thread while the request waits (paused); back on
 * the main thread its alerts are applied to the feed in one batch, as the
 * source "webhook:<group key>", so each notification replaces what its
 * group said before, and only then does Alertmanager get its answer.
 *
 * stop() cancels the parses under way: a parse that finishes afterwards
 * sees its cancellable cancelled and touches neither the receiver (which
 * may be gone) nor the request (whose connection is). */

#define G_LOG_DOMAIN "sitrep-webhook-receiver"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "sitrep-webhook-receiver.h"

#define PATH_PREFIX    "/alertmanager"
#define SOURCE_NAME    "webhook"
#define SOURCE_PREFIX  "webhook:"
#define INCOMING_KEY   "sitrep-webhook-incoming"

/* Alertmanager's payload is four levels deep; anything much deeper is not
 * its, and json-glib's parser recurses once per level. */
#define MAX_JSON_DEPTH 64

struct _SitrepWebhookReceiver
{
  GObject          parent_instance;

  /* Owned */
  SitrepAlertFeed *feed;
  SoupServer      *server;
  GCancellable    *cancellable;  /* cancelled by stop() */
  char            *secret;
  GHashTable      *groups;       /* the feed sources this receiver filled */
  char            *last_error;

  guint            port;
  guint            n_received;
  gint64           last_received_at;
};

G_DEFINE_FINAL_TYPE (SitrepWebhookReceiver, sitrep_webhook_receiver, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FEED,
  PROP_PORT,
  PROP_N_RECEIVED,
  PROP_LAST_RECEIVED_AT,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The body of a request, collected as it arrives. */
typedef struct
{
  GByteArray *body;
  gboolean    too_large;
} Incoming;

/* A request whose body is being parsed. */
typedef struct
{
  SitrepWebhookReceiver *self;         /* Borrowed: valid while @cancellable is not cancelled */
  GCancellable          *cancellable;
  SoupServerMessage     *message;
  gulong                 disconnected_id;
  gboolean               disconnected;
} Pending;

/* What the worker thread made of a body: the alerts, or why not. */
typedef struct
{
  GPtrArray  *alerts;
  char       *group_key;
  const char *reason;      /* for the answer: short, plain, untranslated */
  char       *message;     /* for last-error: translated */
} Parsed;

static void
incoming_free (Incoming *incoming)
{
  g_clear_pointer (&incoming->body, g_byte_array_unref);
  g_free (incoming);
}

static void
pending_free (Pending *pending)
{
  g_clear_signal_handler (&pending->disconnected_id, pending->message);
  g_clear_object (&pending->message);
  g_clear_object (&pending->cancellable);
  g_free (pending);
}

static void
parsed_free (Parsed *parsed)
{
  g_clear_pointer (&parsed->alerts, g_ptr_array_unref);
  g_clear_pointer (&parsed->group_key, g_free);
  g_clear_pointer (&parsed->message, g_free);
  g_free (parsed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Parsed, parsed_free)

static void
set_last_error (SitrepWebhookReceiver *self,
                const char            *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
set_port (SitrepWebhookReceiver *self,
          guint                  port)
{
  if (self->port == port)
    return;

  self->port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

/* Takes as long for any two strings of the same length as @given, so the
 * time of an answer tells nothing about the secret. */
static gboolean
secret_equal (const char *given,
              const char *secret)
{
  gsize given_len = strlen (given);
  gsize secret_len = strlen (secret);
  gsize diff = given_len ^ secret_len;

  for (gsize i = 0; i < given_len; i++)
    diff |= (guchar)given[i] ^ (guchar)secret[i % secret_len];

  return diff == 0;
}

static gboolean
is_authorized (SitrepWebhookReceiver *self,
               const char            *path,
               SoupMessageHeaders    *headers)
{
  const char *authorization;

  if (g_str_has_prefix (path, PATH_PREFIX "/"))
    return secret_equal (path + strlen (PATH_PREFIX "/"), self->secret);

  if (!g_str_equal (path, PATH_PREFIX))
    return FALSE;

  authorization = soup_message_headers_get_one (headers, "Authorization");
  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return FALSE;

  authorization += 7;
  while (*authorization == ' ')
    authorization++;

  return secret_equal (authorization, self->secret);
}

/* Answers with @status and a short plain-text @reason (none when %NULL),
 * and tells in last-error @why, when given. */
static void
refuse (SitrepWebhookReceiver *self,
        SoupServerMessage     *message,
        guint                  status,
        const char            *reason,
        const char            *why)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  g_debug ("Refused a request: HTTP %u", status);

  soup_server_message_set_status (message, status, NULL);
  soup_message_headers_replace (headers, "Connection", "close");
  if (reason != NULL)
    soup_server_message_set_response (message, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                      reason, strlen (reason));
  if (why != NULL)
    set_last_error (self, why);
}

static void
refuse_too_large (SitrepWebhookReceiver *self,
                  SoupServerMessage     *message)
{
  g_autofree char *limit = g_format_size_full (SITREP_WEBHOOK_MAX_BODY, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *why = NULL;

  /* Translators: %s is a size, such as "8.0 MiB". */
  why = g_strdup_printf (_("Sitrep refused a notification larger than %s. Lower max_alerts in the "
                           "webhook_configs of alertmanager.yml."),
                         limit);
  refuse (self, message, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "payload too large\n", why);
}

/* TRUE when @data holds nothing but what strict JSON may hold outside its
 * double-quoted strings, nested at most MAX_JSON_DEPTH deep. json-glib
 * reads more than strict JSON (comments, single quotes), so anything else
 * is refused here before it can hide how deep the rest goes. */
static gboolean
is_plain_json (const char *data,
               gsize       len)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if (c == ']' || c == '}')
        {
          if (depth == 0)
            return FALSE;
          depth--;
        }
      else if (!strchr (" \t\r\n,:-+.0123456789eEtruefalsn", c) || c == '\0')
        return FALSE;
    }

  return !in_string && depth == 0;
}

static gboolean
is_version_4 (JsonObject *payload)
{
  JsonNode *version = json_object_get_member (payload, "version");

  return version != NULL &&
         json_node_get_value_type (version) == G_TYPE_STRING &&
         g_strcmp0 (json_node_get_string (version), "4") == 0;
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GBytes *body = task_data;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(Parsed) parsed = g_new0 (Parsed, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *valid = NULL;
  JsonNode *root = NULL;
  const char *data;
  gsize len;

  if (g_task_return_error_if_cancelled (task))
    return;

  data = g_bytes_get_data (body, &len);

  /* Bytes that are not UTF-8 become replacement characters: they are
   * shown as such rather than refused, as Alertmanager passes on what
   * its senders gave it. */
  if (len > 0 && !g_utf8_validate (data, len, NULL))
    {
      valid = g_utf8_make_valid (data, len);
      data = valid;
      len = strlen (valid);
    }

  if (len == 0 || !is_plain_json (data, len) ||
      !json_parser_load_from_data (parser, data, len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL)
    {
      parsed->reason = "malformed JSON\n";
      parsed->message = g_strdup (_("The notification is not valid JSON. Check that the sender "
                                    "is Alertmanager’s webhook."));
      g_task_return_pointer (task, g_steal_pointer (&parsed), (GDestroyNotify)parsed_free);
      return;
    }

  parsed->alerts = sitrep_alert_parse_webhook (root, SOURCE_NAME, &parsed->group_key, &error);
  if (parsed->alerts == NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (root))
        parsed->reason = "not a JSON object\n";
      else if (!is_version_4 (json_node_get_object (root)))
        parsed->reason = "unsupported payload version, expected \"4\"\n";
      else
        parsed->reason = "not an Alertmanager notification\n";
      parsed->message = g_strdup (error->message);
    }

  g_task_return_pointer (task, g_steal_pointer (&parsed), (GDestroyNotify)parsed_free);
}

static void
apply (SitrepWebhookReceiver *self,
       Parsed                *parsed)
{
  g_autofree char *source = g_strconcat (SOURCE_PREFIX, parsed->group_key, NULL);

  g_object_freeze_notify (G_OBJECT (self));

  g_hash_table_add (self->groups, g_strdup (source));
  sitrep_alert_feed_update (self->feed, source, parsed->alerts);

  self->n_received++;
  self->last_received_at = g_get_real_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RECEIVED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_RECEIVED_AT]);
  set_last_error (self, NULL);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_parsed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Pending *pending = user_data;
  SitrepWebhookReceiver *self;
  g_autoptr(Parsed) parsed = NULL;

  /* Stopped, and maybe finalized, while the body was parsed. */
  if (g_cancellable_is_cancelled (pending->cancellable))
    {
      g_debug ("Dropped a notification parsed after the receiver stopped");
      pending_free (pending);
      return;
    }

  self = pending->self;
  parsed = g_task_propagate_pointer (G_TASK (result), NULL);

  if (parsed == NULL)
    refuse (self, pending->message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL, NULL);
  else if (parsed->alerts == NULL)
    {
      /* Translators: %s says what is wrong with the notification. */
      g_autofree char *why = g_strdup_printf (_("Sitrep refused a notification: %s"), parsed->message);

      refuse (self, pending->message, SOUP_STATUS_BAD_REQUEST, parsed->reason, why);
    }
  else
    {
      apply (self, parsed);
      soup_server_message_set_status (pending->message, SOUP_STATUS_OK, NULL);
    }

  if (!pending->disconnected)
    soup_server_message_unpause (pending->message);
  pending_free (pending);
}

static void
on_message_disconnected_cb (SoupServerMessage *message,
                            Pending           *pending)
{
  pending->disconnected = TRUE;
}

static void
on_got_chunk_cb (SoupServerMessage *message,
                 GBytes            *chunk,
                 Incoming          *incoming)
{
  gsize size = g_bytes_get_size (chunk);

  if (incoming->too_large)
    return;

  if (incoming->body->len + size > SITREP_WEBHOOK_MAX_BODY)
    {
      incoming->too_large = TRUE;
      g_clear_pointer (&incoming->body, g_byte_array_unref);
      return;
    }

  g_byte_array_append (incoming->body, g_bytes_get_data (chunk, NULL), size);
}

/* Runs as soon as the headers are in: refuses what needs no body to be
 * refused, and collects the body of the rest. */
static void
early_handler_cb (SoupServer        *server,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  SitrepWebhookReceiver *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  goffset length;
  Incoming *incoming;

  /* The body is never kept by libsoup: refused, it is dropped as it comes;
   * accepted, it is collected below, up to the limit. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (message), FALSE);

  if (!is_authorized (self, path, headers))
    {
      refuse (self, message, SOUP_STATUS_UNAUTHORIZED, NULL,
              _("Sitrep refused a request that did not carry the alert receiver’s secret. In "
                "alertmanager.yml, set the url of webhook_configs to the address Sitrep shows "
                "for the receiver."));
      return;
    }

  if (!g_str_equal (soup_server_message_get_method (message), SOUP_METHOD_POST))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Allow", SOUP_METHOD_POST);
      refuse (self, message, SOUP_STATUS_METHOD_NOT_ALLOWED, "method not allowed, use POST\n",
              _("Sitrep refused a request that was not a POST. Only Alertmanager’s webhook "
                "should send to the alert receiver."));
      return;
    }

  length = soup_message_headers_get_content_length (headers);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      length > SITREP_WEBHOOK_MAX_BODY)
    {
      refuse_too_large (self, message);
      return;
    }

  incoming = g_new0 (Incoming, 1);
  incoming->body = g_byte_array_sized_new (CLAMP (length, 0, SITREP_WEBHOOK_MAX_BODY));
  g_object_set_data_full (G_OBJECT (message), INCOMING_KEY, incoming, (GDestroyNotify)incoming_free);
  g_signal_connect (message, "got-chunk", G_CALLBACK (on_got_chunk_cb), incoming);
}

/* Runs once the body is in, for the requests the early handler let by. */
static void
handler_cb (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  SitrepWebhookReceiver *self = user_data;
  Incoming *incoming = g_object_get_data (G_OBJECT (message), INCOMING_KEY);
  g_autoptr(GTask) task = NULL;
  Pending *pending;

  if (incoming == NULL)
    {
      refuse (self, message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL, NULL);
      return;
    }

  if (incoming->too_large)
    {
      refuse_too_large (self, message);
      return;
    }

  pending = g_new0 (Pending, 1);
  pending->self = self;
  pending->cancellable = g_object_ref (self->cancellable);
  pending->message = g_object_ref (message);
  pending->disconnected_id = g_signal_connect (message, "disconnected",
                                               G_CALLBACK (on_message_disconnected_cb), pending);

  soup_server_message_pause (message);

  task = g_task_new (NULL, pending->cancellable, on_parsed_cb, pending);
  g_task_set_source_tag (task, handler_cb);
  g_task_set_task_data (task, g_byte_array_free_to_bytes (g_steal_pointer (&incoming->body)),
                        (GDestroyNotify)g_bytes_unref);
  g_task_run_in_thread (task, parse_thread);
}

static void
sitrep_webhook_receiver_dispose (GObject *object)
{
  SitrepWebhookReceiver *self = (SitrepWebhookReceiver *)object;

  sitrep_webhook_receiver_stop (self);
  g_clear_object (&self->feed);

  G_OBJECT_CLASS (sitrep_webhook_receiver_parent_class)->dispose (object);
}

static void
sitrep_webhook_receiver_finalize (GObject *object)
{
  SitrepWebhookReceiver *self = (SitrepWebhookReceiver *)object;

  g_clear_pointer (&self->groups, g_hash_table_unref);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (sitrep_webhook_receiver_parent_class)->finalize (object);
}

static void
sitrep_webhook_receiver_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SitrepWebhookReceiver *self = SITREP_WEBHOOK_RECEIVER (object);

  switch (prop_id)
    {
    case PROP_FEED:
      g_value_set_object (value, self->feed);
      break;

    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;

    case PROP_N_RECEIVED:
      g_value_set_uint (value, self->n_received);
      break;

    case PROP_LAST_RECEIVED_AT:
      g_value_set_int64 (value, self->last_received_at);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_webhook_receiver_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  SitrepWebhookReceiver *self = SITREP_WEBHOOK_RECEIVER (object);

  switch (prop_id)
    {
    case PROP_FEED:
      self->feed = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_webhook_receiver_class_init (SitrepWebhookReceiverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_webhook_receiver_dispose;
  object_class->finalize = sitrep_webhook_receiver_finalize;
  object_class->get_property = sitrep_webhook_receiver_get_property;
  object_class->set_property = sitrep_webhook_receiver_set_property;

  /**
   * SitrepWebhookReceiver:feed:
   *
   * The feed the alerts received go to.
   */
  properties[PROP_FEED] =
    g_param_spec_object ("feed", NULL, NULL,
                         SITREP_TYPE_ALERT_FEED,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * SitrepWebhookReceiver:port:
   *
   * The port the receiver listens on, or 0 when it is stopped.
   */
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_STATIC_STRINGS));

  /**
   * SitrepWebhookReceiver:n-received:
   *
   * How many notifications were accepted.
   */
  properties[PROP_N_RECEIVED] =
    g_param_spec_uint ("n-received", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_STATIC_STRINGS));

  /**
   * SitrepWebhookReceiver:last-received-at:
   *
   * When the last notification was accepted, in microseconds since the
   * epoch, or 0 if none was.
   */
  properties[PROP_LAST_RECEIVED_AT] =
    g_param_spec_int64 ("last-received-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE |
                         G_PARAM_STATIC_STRINGS));

  /**
   * SitrepWebhookReceiver:last-error:
   *
   * Why the last request was refused, in a sentence that says what to
   * do; %NULL once a notification is accepted.
   */
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_webhook_receiver_init (SitrepWebhookReceiver *self)
{
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * sitrep_webhook_receiver_new:
 * @feed: where the alerts received go
 *
 * Returns: (transfer full): a receiver, not yet listening
 */
SitrepWebhookReceiver *
sitrep_webhook_receiver_new (SitrepAlertFeed *feed)
{
  g_return_val_if_fail (SITREP_IS_ALERT_FEED (feed), NULL);

  return g_object_new (SITREP_TYPE_WEBHOOK_RECEIVER,
                       "feed", feed,
                       NULL);
}

static gboolean
is_good_secret (const char *secret)
{
  gsize len = 0;

  for (const char *c = secret; *c != '\0'; c++, len++)
    if (*c <= ' ' || *c > '~')
      return FALSE;

  return len >= SITREP_WEBHOOK_MIN_SECRET;
}

/**
 * sitrep_webhook_receiver_start:
 * @port: the port to listen on, on 127.0.0.1; 0 for any free port
 * @secret: what a request must carry to be accepted: at least
 *   %SITREP_WEBHOOK_MIN_SECRET printable ASCII characters, no spaces
 *
 * Starts listening; a receiver already listening stops first.
 *
 * Returns: %TRUE if the receiver listens, or %FALSE with @error set in
 *   words a person can act on
 */
gboolean
sitrep_webhook_receiver_start (SitrepWebhookReceiver  *self,
                               guint                   port,
                               const char             *secret,
                               GError                **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) local_error = NULL;
  GSList *listeners;

  g_return_val_if_fail (SITREP_IS_WEBHOOK_RECEIVER (self), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sitrep_webhook_receiver_stop (self);

  if (!is_good_secret (secret))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %u is a number of characters. */
                   _("The alert receiver’s secret must be at least %u characters long: letters, "
                     "digits and punctuation, without spaces."),
                   SITREP_WEBHOOK_MIN_SECRET);
      return FALSE;
    }

  server = soup_server_new ("server-header", "Sitrep ", NULL);
  soup_server_add_early_handler (server, NULL, early_handler_cb, self, NULL);
  soup_server_add_handler (server, NULL, handler_cb, self, NULL);

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);

  if (!soup_server_listen (server, address, 0, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
                     /* Translators: %u is a port number. */
                     _("Port %u on this computer is already in use by another program. Choose "
                       "another port for the alert receiver, or stop the program using it."),
                     port);
      else
        g_set_error (error, local_error->domain, local_error->code,
                     /* Translators: %u is a port number, %s the reason. */
                     _("The alert receiver cannot listen on port %u: %s. Choose another port "
                       "above 1023."),
                     port, local_error->message);
      return FALSE;
    }

  listeners = soup_server_get_listeners (server);
  g_assert (listeners != NULL && listeners->next == NULL);
  bound = g_socket_get_local_address (listeners->data, NULL);
  g_slist_free (listeners);
  g_assert (G_IS_INET_SOCKET_ADDRESS (bound));
  g_assert (g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (bound))));
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  self->server = g_steal_pointer (&server);
  self->cancellable = g_cancellable_new ();
  self->secret = g_strdup (secret);

  g_debug ("Listening on 127.0.0.1:%u", port);
  set_port (self, port);

  return TRUE;
}

/**
 * sitrep_webhook_receiver_stop:
 *
 * Stops listening and drops the requests under way. The alerts received
 * are forgotten: with the receiver stopped, nothing would resolve them.
 */
void
sitrep_webhook_receiver_stop (SitrepWebhookReceiver *self)
{
  g_autoptr(GHashTable) groups = NULL;
  GHashTableIter iter;
  gpointer source;

  g_return_if_fail (SITREP_IS_WEBHOOK_RECEIVER (self));

  if (self->server == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  memset (self->secret, 0, strlen (self->secret));
  g_clear_pointer (&self->secret, g_free);

  groups = g_steal_pointer (&self->groups);
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (self->feed != NULL)
    {
      g_hash_table_iter_init (&iter, groups);
      while (g_hash_table_iter_next (&iter, &source, NULL))
        sitrep_alert_feed_remove_source (self->feed, source);
    }

  g_debug ("Stopped listening");
  set_port (self, 0);
}

/**
 * sitrep_webhook_receiver_get_port:
 *
 * Returns: the port the receiver listens on, or 0 when it is stopped
 */
guint
sitrep_webhook_receiver_get_port (SitrepWebhookReceiver *self)
{
  g_return_val_if_fail (SITREP_IS_WEBHOOK_RECEIVER (self), 0);

  return self->port;
}

/**
 * sitrep_webhook_receiver_dup_url:
 *
 * The address to give Alertmanager, as the url of a webhook_configs entry
 * in alertmanager.yml. It holds the secret: show it only to the person
 * setting Alertmanager up.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL when the
 *   receiver is stopped
 */
char *
sitrep_webhook_receiver_dup_url (SitrepWebhookReceiver *self)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (SITREP_IS_WEBHOOK_RECEIVER (self), NULL);

  if (self->server == NULL)
    return NULL;

  escaped = g_uri_escape_string (self->secret, NULL, FALSE);
  return g_strdup_printf ("http://127.0.0.1:%u" PATH_PREFIX "/%s", self->port, escaped);
}

guint
sitrep_webhook_receiver_get_n_received (SitrepWebhookReceiver *self)
{
  g_return_val_if_fail (SITREP_IS_WEBHOOK_RECEIVER (self), 0);

  return self->n_received;
}

/**
 * sitrep_webhook_receiver_get_last_received_at:
 *
 * Returns: when the last notification was accepted, UTC microseconds, or
 *   0 if none was
 */
gint64
sitrep_webhook_receiver_get_last_received_at (SitrepWebhookReceiver *self)
{
  g_return_val_if_fail (SITREP_IS_WEBHOOK_RECEIVER (self), 0);

  return self->last_received_at;
}

/**
 * sitrep_webhook_receiver_get_last_error:
 *
 * Returns: (nullable): why the last request was refused, or %NULL
 */
const char *
sitrep_webhook_receiver_get_last_error (SitrepWebhookReceiver *self)
{
  g_return_val_if_fail (SITREP_IS_WEBHOOK_RECEIVER (self), NULL);

  return self->last_error;
}
