/* sitrep-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A monitoring source Sitrep watches: a Prometheus, an Alertmanager, a
 * Grafana or a dependency's public status page. Its configuration comes
 * from GSettings (never its secret, which the monitor fetches from the
 * keyring and hands over); its state is what the last poll said.
 *
 * A poll is a chain of requests, one at a time, so a source never has more
 * than one request in flight: the alerts, then the range query of each key
 * metric the source answers for. Each answer is parsed on a worker thread
 * by SitrepHttp and applied here in one batch. A failed poll keeps what was
 * known (it turns stale with time, and says so), records the error in
 * words and waits longer before the next try: exponential back-off with
 * jitter, never less than the poll interval or the server's Retry-After. */

#define G_LOG_DOMAIN "sitrep-source"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sitrep-source.h"
#include "sitrep-status-page.h"

struct _SitrepSource
{
  GObject             parent_instance;

  /* Configuration */
  char               *id;
  char               *name;
  char               *url;          /* without a trailing slash */
  char               *username;
  char               *credential;   /* changes each time its secret is stored */
  SitrepSourceKind    kind;
  SitrepSourceAuth    auth;
  guint               interval;     /* seconds */
  gboolean            enabled;

  /* Running */
  char               *authorization;  /* never shown, logged or stored */
  SitrepHttp         *http;
  SitrepAlertFeed    *feed;
  GPtrArray          *kpis;           /* SitrepKpi this source answers for */
  GCancellable       *cancellable;
  guint               timeout_id;
  guint               attempt;        /* failed polls in a row */
  gboolean            polling;
  gboolean            poll_again;     /* asked for while a poll ran */
  gint64              not_before;     /* monotonic µs: the server's Retry-After */
  guint               run;            /* counts starts and stops */
  JsonObject         *external_labels; /* Prometheus': read once per start */
  gboolean            external_asked;

  /* State */
  SitrepSourceHealth  health;
  char               *last_error;
  char               *detail;
  gint64              fetched_at;
};

G_DEFINE_FINAL_TYPE (SitrepSource, sitrep_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HEALTH,
  PROP_LAST_ERROR,
  PROP_DETAIL,
  PROP_FETCHED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  POLLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const kind_tokens[] = { "prometheus", "alertmanager", "grafana", "statuspage" };
static const char * const auth_tokens[] = { "none", "bearer", "basic" };

static void poll (SitrepSource *self);
static const char *json_path_string (JsonNode   *root,
                                     const char *first,
                                     const char *second);

static void
sitrep_source_dispose (GObject *object)
{
  SitrepSource *self = (SitrepSource *)object;

  sitrep_source_stop (self);

  G_OBJECT_CLASS (sitrep_source_parent_class)->dispose (object);
}

static void
sitrep_source_finalize (GObject *object)
{
  SitrepSource *self = (SitrepSource *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->url);
  g_free (self->username);
  g_free (self->credential);
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);
  g_free (self->last_error);
  g_free (self->detail);
  g_clear_pointer (&self->kpis, g_ptr_array_unref);
  g_clear_pointer (&self->external_labels, json_object_unref);

  G_OBJECT_CLASS (sitrep_source_parent_class)->finalize (object);
}

static void
sitrep_source_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SitrepSource *self = SITREP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_HEALTH:
      g_value_set_int (value, self->health);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    case PROP_FETCHED_AT:
      g_value_set_int64 (value, self->fetched_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_source_class_init (SitrepSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sitrep_source_dispose;
  object_class->finalize = sitrep_source_finalize;
  object_class->get_property = sitrep_source_get_property;

  properties[PROP_HEALTH] = g_param_spec_int ("health", NULL, NULL, 0, SITREP_SOURCE_HEALTH_DISABLED, 0, flags);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  properties[PROP_FETCHED_AT] = g_param_spec_int64 ("fetched-at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepSource::polled:
   *
   * The source answered, and its alerts are in the feed.
   */
  signals[POLLED] = g_signal_new ("polled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sitrep_source_init (SitrepSource *self)
{
  self->kpis = g_ptr_array_new_with_free_func (g_object_unref);
}

const char *
sitrep_source_kind_to_token (SitrepSourceKind kind)
{
  g_return_val_if_fail (kind <= SITREP_SOURCE_KIND_STATUSPAGE, NULL);

  return kind_tokens[kind];
}

gboolean
sitrep_source_kind_from_token (const char       *token,
                               SitrepSourceKind *kind)
{
  for (guint i = 0; token != NULL && i < G_N_ELEMENTS (kind_tokens); i++)
    if (g_str_equal (token, kind_tokens[i]))
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * sitrep_source_kind_get_label:
 *
 * Returns: the kind's name as people know it
 */
const char *
sitrep_source_kind_get_label (SitrepSourceKind kind)
{
  switch (kind)
    {
    case SITREP_SOURCE_KIND_PROMETHEUS:
      return _("Prometheus");
    case SITREP_SOURCE_KIND_ALERTMANAGER:
      return _("Alertmanager");
    case SITREP_SOURCE_KIND_GRAFANA:
      return _("Grafana");
    case SITREP_SOURCE_KIND_STATUSPAGE:
      return _("Status Page");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
sitrep_source_health_get_label (SitrepSourceHealth health)
{
  switch (health)
    {
    case SITREP_SOURCE_HEALTH_UNKNOWN:
      return _("Connecting");
    case SITREP_SOURCE_HEALTH_HEALTHY:
      return _("Healthy");
    case SITREP_SOURCE_HEALTH_FAILING:
      return _("Failing");
    case SITREP_SOURCE_HEALTH_AUTH_FAILED:
      return _("Authentication failed");
    case SITREP_SOURCE_HEALTH_DISABLED:
      return _("Off");
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
lookup_string (GVariantDict *dict,
               const char   *key)
{
  const char *value = NULL;

  if (!g_variant_dict_lookup (dict, key, "&s", &value))
    return g_strdup ("");

  return g_strstrip (g_strdup (value));
}

static gboolean
check_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri != NULL &&
      (g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 || g_strcmp0 (g_uri_get_scheme (uri), "https") == 0) &&
      g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
      g_uri_get_userinfo (uri) == NULL && g_uri_get_query (uri) == NULL)
    return TRUE;

  /* What was typed is echoed without its user name and password. */
  if (uri != NULL)
    {
      g_autofree char *shown = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is what was typed as an address. */
                   _("“%s” is not a source’s address. Give the server’s address starting with "
                     "https:// or http://, such as https://prometheus.example.com:9090, without a user "
                     "name or password in it (those go in the credentials)."),
                   shown);
    }
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("This is not a source’s address. Give the server’s address starting "
                           "with https:// or http://, such as https://prometheus.example.com:9090, "
                           "without a user name or password in it (those go in the credentials)."));
  return FALSE;
}

/**
 * sitrep_source_new_from_variant:
 * @dict: an `a{sv}`: id, kind, name, url, auth, username, interval (u,
 *   seconds) and enabled (b), as in the "sources" setting
 *
 * Returns: (transfer full) (nullable): the source, not started, or %NULL
 *   with @error set when the configuration cannot be used
 */
SitrepSource *
sitrep_source_new_from_variant (GVariant  *dict,
                                GError   **error)
{
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(SitrepSource) self = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *auth = NULL;
  gsize len;

  g_return_val_if_fail (dict != NULL && g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT), NULL);

  g_variant_dict_init (&d, dict);
  self = g_object_new (SITREP_TYPE_SOURCE, NULL);
  self->id = lookup_string (&d, "id");
  self->name = lookup_string (&d, "name");
  self->url = lookup_string (&d, "url");
  self->username = lookup_string (&d, "username");
  self->credential = lookup_string (&d, "credential");
  kind = lookup_string (&d, "kind");
  auth = lookup_string (&d, "auth");
  if (!g_variant_dict_lookup (&d, "interval", "u", &self->interval))
    self->interval = SITREP_SOURCE_INTERVAL_DEFAULT;
  self->interval = CLAMP (self->interval, SITREP_SOURCE_INTERVAL_MIN, SITREP_SOURCE_INTERVAL_MAX);
  if (!g_variant_dict_lookup (&d, "enabled", "b", &self->enabled))
    self->enabled = TRUE;
  self->health = self->enabled ? SITREP_SOURCE_HEALTH_UNKNOWN : SITREP_SOURCE_HEALTH_DISABLED;

  if (!sitrep_source_kind_from_token (kind, &self->kind))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is a kind of source this version does not know. */
                   _("Sitrep does not know sources of the kind “%s”. It reads Prometheus, "
                     "Alertmanager, Grafana and status pages."), kind);
      return NULL;
    }

  self->auth = SITREP_SOURCE_AUTH_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (auth_tokens); i++)
    if (g_str_equal (auth, auth_tokens[i]))
      self->auth = i;

  /* The address is the server's: "https://host:9090/", "https://host/grafana". */
  len = strlen (self->url);
  while (len > 0 && self->url[len - 1] == '/')
    self->url[--len] = '\0';

  if (!check_url (self->url, error))
    return NULL;

  /* Without an id (written by hand), one that stays the same as long as
   * the source does: its keyring account and its alerts depend on it. */
  if (*self->id == '\0')
    {
      g_autofree char *key = g_strconcat (kind_tokens[self->kind], " ", self->url, NULL);

      g_free (self->id);
      self->id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
      self->id[32] = '\0';
    }

  if (*self->name == '\0')
    {
      g_autoptr(GUri) uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL);

      g_free (self->name);
      /* Translators: a source's kind and its server: "Prometheus at metrics.example.com". */
      self->name = g_strdup_printf (_("%s at %s"), sitrep_source_kind_get_label (self->kind),
                                    g_uri_get_host (uri));
    }

  return g_steal_pointer (&self);
}

/**
 * sitrep_source_to_variant:
 *
 * Returns: (transfer floating): the configuration, for the "sources"
 *   setting; it never holds the secret
 */
GVariant *
sitrep_source_to_variant (SitrepSource *self)
{
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (NULL);

  g_return_val_if_fail (SITREP_IS_SOURCE (self), NULL);

  g_variant_dict_insert (&d, "id", "s", self->id);
  g_variant_dict_insert (&d, "kind", "s", kind_tokens[self->kind]);
  g_variant_dict_insert (&d, "name", "s", self->name);
  g_variant_dict_insert (&d, "url", "s", self->url);
  g_variant_dict_insert (&d, "auth", "s", auth_tokens[self->auth]);
  g_variant_dict_insert (&d, "username", "s", self->username);
  if (*self->credential != '\0')
    g_variant_dict_insert (&d, "credential", "s", self->credential);
  g_variant_dict_insert (&d, "interval", "u", self->interval);
  g_variant_dict_insert (&d, "enabled", "b", self->enabled);

  return g_variant_dict_end (&d);
}

/**
 * sitrep_source_same_config:
 *
 * Returns: whether both sources are configured alike (a running source
 *   whose configuration did not change keeps running)
 */
gboolean
sitrep_source_same_config (SitrepSource *self,
                           SitrepSource *other)
{
  g_autoptr(GVariant) a = NULL;
  g_autoptr(GVariant) b = NULL;

  g_return_val_if_fail (SITREP_IS_SOURCE (self), FALSE);
  g_return_val_if_fail (SITREP_IS_SOURCE (other), FALSE);

  a = g_variant_ref_sink (sitrep_source_to_variant (self));
  b = g_variant_ref_sink (sitrep_source_to_variant (other));
  return g_variant_equal (a, b);
}

const char *
sitrep_source_get_id (SitrepSource *self)
{
  g_return_val_if_fail (SITREP_IS_SOURCE (self), NULL);
  return self->id;
}

SitrepSourceKind
sitrep_source_get_kind (SitrepSource *self)
{
  g_return_val_if_fail (SITREP_IS_SOURCE (self), 0);
  return self->kind;
}

const char *
sitrep_source_get_name (SitrepSource *self)
{
  g_return_val_if_fail (SITREP_IS_SOURCE (self), NULL);
  return self->name;
}

const char *
sitrep_source_get_url (SitrepSource *self)
{
  g_return_val_if_fail (SITREP_IS_SOURCE (self), NULL);
  return self->url;
}

SitrepSourceAuth
sitrep_source_get_auth (SitrepSource *self)
{
  g_return_val_if_fail (SITREP_IS_SOURCE (self), 0);
  return self->auth;
}

const char *
sitrep_source_get_username (SitrepSource *self)
{
  g_return_val_if_fail (SITREP_IS_SOURCE (self), NULL);
  return self->username;
}

guint
sitrep_source_get_interval (SitrepSource *self)
{
  g_return_val_if_fail (SITREP_IS_SOURCE (self), 0);
  return self->interval;
}

gboolean
sitrep_source_get_enabled (SitrepSource *self)
{
  g_return_val_if_fail (SITREP_IS_SOURCE (self), FALSE);
  return self->enabled;
}

/**
 * sitrep_source_dup_account:
 *
 * Returns: (transfer full): the keyring account of the source's secret
 */
char *
sitrep_source_dup_account (SitrepSource *self)
{
  g_return_val_if_fail (SITREP_IS_SOURCE (self), NULL);
  return g_strconcat ("source:", self->id, NULL);
}

/**
 * sitrep_source_can_silence:
 *
 * Returns: whether the source is an Alertmanager (its own, or Grafana's)
 */
gboolean
sitrep_source_can_silence (SitrepSource *self)
{
  g_return_val_if_fail (SITREP_IS_SOURCE (self), FALSE);
  return self->kind == SITREP_SOURCE_KIND_ALERTMANAGER || self->kind == SITREP_SOURCE_KIND_GRAFANA;
}

SitrepSourceHealth
sitrep_source_get_health (SitrepSource *self)
{
  g_return_val_if_fail (SITREP_IS_SOURCE (self), 0);
  return self->health;
}

/**
 * sitrep_source_get_last_error:
 *
 * Returns: (nullable): why the last poll failed, in words
 */
const char *
sitrep_source_get_last_error (SitrepSource *self)
{
  g_return_val_if_fail (SITREP_IS_SOURCE (self), NULL);
  return self->last_error;
}

/**
 * sitrep_source_get_detail:
 *
 * Returns: (nullable): what the source says of itself, such as a status
 *   page's "Partial System Outage"
 */
const char *
sitrep_source_get_detail (SitrepSource *self)
{
  g_return_val_if_fail (SITREP_IS_SOURCE (self), NULL);
  return self->detail;
}

/**
 * sitrep_source_get_fetched_at:
 *
 * Returns: when the last poll succeeded, µs since the epoch, or 0
 */
gint64
sitrep_source_get_fetched_at (SitrepSource *self)
{
  g_return_val_if_fail (SITREP_IS_SOURCE (self), 0);
  return self->fetched_at;
}

/**
 * sitrep_source_is_stale:
 * @now: µs since the epoch
 *
 * Returns: whether what the source said is older than
 *   %SITREP_SOURCE_STALE_INTERVALS poll intervals
 */
gboolean
sitrep_source_is_stale (SitrepSource *self,
                        gint64        now)
{
  g_return_val_if_fail (SITREP_IS_SOURCE (self), FALSE);

  return self->fetched_at > 0 &&
         now - self->fetched_at > (gint64)SITREP_SOURCE_STALE_INTERVALS * self->interval * G_TIME_SPAN_SECOND;
}

/**
 * sitrep_source_renew_credential:
 *
 * Marks the source's secret as new (stored again in the keyring), so that
 * its configuration differs from the running one and the monitor reads
 * the secret again.
 */
void
sitrep_source_renew_credential (SitrepSource *self)
{
  g_return_if_fail (SITREP_IS_SOURCE (self));

  g_free (self->credential);
  self->credential = g_uuid_string_random ();
}

/**
 * sitrep_source_set_secret:
 * @secret: (nullable): the token (Bearer) or password (basic), from the
 *   keyring; it is kept in memory only
 */
void
sitrep_source_set_secret (SitrepSource *self,
                          const char   *secret)
{
  g_return_if_fail (SITREP_IS_SOURCE (self));

  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_clear_pointer (&self->authorization, g_free);

  if (secret == NULL || *secret == '\0')
    return;

  if (self->auth == SITREP_SOURCE_AUTH_BEARER)
    self->authorization = g_strconcat ("Bearer ", secret, NULL);
  else if (self->auth == SITREP_SOURCE_AUTH_BASIC)
    {
      g_autofree char *pair = g_strconcat (self->username, ":", secret, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *)pair, strlen (pair));

      self->authorization = g_strconcat ("Basic ", encoded, NULL);
      memset (pair, 0, strlen (pair));
    }
}

static void
set_state (SitrepSource       *self,
           SitrepSourceHealth  health,
           const char         *error,
           const char         *detail)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->health != health)
    {
      self->health = health;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEALTH]);
    }

  if (g_strcmp0 (self->last_error, error) != 0)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
    }

  if (detail != NULL && g_strcmp0 (self->detail, detail) != 0)
    {
      g_free (self->detail);
      self->detail = g_strdup (detail);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * sitrep_source_fail:
 * @message: what is wrong, in words
 *
 * Marks the source failing for a reason outside it, such as a keyring
 * that cannot be read.
 */
void
sitrep_source_fail (SitrepSource       *self,
                    SitrepSourceHealth  health,
                    const char         *message)
{
  g_return_if_fail (SITREP_IS_SOURCE (self));

  set_state (self, health, message, NULL);
}

/**
 * sitrep_source_set_kpis:
 * @kpis: (element-type SitrepKpi): the key metrics this source answers
 *   for, from its next poll on
 */
void
sitrep_source_set_kpis (SitrepSource *self,
                        GPtrArray    *kpis)
{
  g_return_if_fail (SITREP_IS_SOURCE (self));
  g_return_if_fail (kpis != NULL);

  g_ptr_array_set_size (self->kpis, 0);
  for (guint i = 0; i < kpis->len; i++)
    g_ptr_array_add (self->kpis, g_object_ref (g_ptr_array_index (kpis, i)));
}

static const char *
alerts_path (SitrepSourceKind kind)
{
  switch (kind)
    {
    case SITREP_SOURCE_KIND_PROMETHEUS:
      return "/api/v1/alerts";
    case SITREP_SOURCE_KIND_ALERTMANAGER:
      return "/api/v2/alerts";
    case SITREP_SOURCE_KIND_GRAFANA:
      return "/api/alertmanager/grafana/api/v2/alerts";
    case SITREP_SOURCE_KIND_STATUSPAGE:
      return "/api/v2/summary.json";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The answer of a poll's first request: alerts, and what the source says
 * of itself. Built on the worker thread. */
typedef struct
{
  GPtrArray *alerts;
  char      *detail;
} Answer;

static void
answer_free (Answer *answer)
{
  g_clear_pointer (&answer->alerts, g_ptr_array_unref);
  g_free (answer->detail);
  g_free (answer);
}

typedef struct
{
  SitrepSourceKind kind;
  char            *name;
  JsonObject      *external_labels;  /* not changed while a parse runs */
} ParseData;

static void
parse_data_free (ParseData *data)
{
  g_free (data->name);
  g_clear_pointer (&data->external_labels, json_object_unref);
  g_free (data);
}

static gpointer
parse_alerts (JsonNode  *root,
              gpointer   user_data,
              GError   **error)
{
  ParseData *data = user_data;
  Answer *answer = g_new0 (Answer, 1);

  switch (data->kind)
    {
    case SITREP_SOURCE_KIND_PROMETHEUS:
      answer->alerts = sitrep_alert_parse_prometheus_full (root, data->name, data->external_labels, error);
      break;

    case SITREP_SOURCE_KIND_ALERTMANAGER:
    case SITREP_SOURCE_KIND_GRAFANA:
      answer->alerts = sitrep_alert_parse_alertmanager (root, data->name, error);
      break;

    case SITREP_SOURCE_KIND_STATUSPAGE:
      {
        g_autoptr(SitrepStatusPage) page = sitrep_status_page_parse_summary (root, data->name, error);

        if (page != NULL)
          {
            answer->alerts = g_ptr_array_ref (page->alerts);
            answer->detail = g_strdup (page->description);
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  if (answer->alerts == NULL)
    {
      answer_free (answer);
      return NULL;
    }

  return answer;
}

static char *
build_url (SitrepSource *self,
           const char   *path,
           const char   *query)
{
  return g_strconcat (self->url, path, query != NULL ? "?" : NULL, query, NULL);
}

/* One poll, carried from request to request. */
typedef struct
{
  SitrepSource *self;
  guint         run;         /* the source's run it belongs to */
  ParseData    *parse_data;
  GPtrArray    *kpis;        /* what to query, fixed when the poll starts */
  guint         next_kpi;
  gint64        kpi_end;     /* µs, the end of the range asked for */
  gint64        kpi_step;    /* µs */
  gint64        retry_after;
  gboolean      failed;
  Answer       *answer;      /* Grafana's firing alerts, while its pending ones come */
} Poll;

static void
poll_free (Poll *p)
{
  if (p->run == p->self->run)
    p->self->polling = FALSE;
  g_clear_object (&p->self);
  g_clear_pointer (&p->parse_data, parse_data_free);
  g_clear_pointer (&p->kpis, g_ptr_array_unref);
  g_clear_pointer (&p->answer, answer_free);
  g_free (p);
}

static gboolean
poll_cb (gpointer user_data)
{
  SitrepSource *self = user_data;

  self->timeout_id = 0;
  poll (self);
  return G_SOURCE_REMOVE;
}

static void
finish_poll (Poll *p)
{
  SitrepSource *self = p->self;
  gint64 delay = (gint64)self->interval * G_TIME_SPAN_SECOND;

  if (p->failed)
    {
      self->attempt++;
      delay = MAX (delay, sitrep_http_backoff_delay (self->attempt, p->retry_after, g_random_double ()));
      self->not_before = g_get_monotonic_time () + p->retry_after;
    }
  else
    {
      self->attempt = 0;
      self->not_before = 0;
    }

  if (self->poll_again && !p->failed)
    delay = 0;
  self->poll_again = FALSE;

  if (self->cancellable != NULL && !g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, MAX (delay / 1000, 1),
                                             poll_cb, self, NULL);
    }

  poll_free (p);
}

static void query_next_kpi (Poll *p);

/* Whether a request's answer still matters: the source was not stopped (or
 * stopped and started again) while it ran. A poll that no longer matters
 * is dropped; stop() already forgot it. */
static gboolean
poll_is_current (Poll         *p,
                 const GError *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && p->run == p->self->run)
    return TRUE;

  poll_free (p);
  return FALSE;
}

static void
kpi_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Poll *p = user_data;
  SitrepKpi *kpi = g_ptr_array_index (p->kpis, p->next_kpi - 1);
  g_autoptr(SitrepKpiSeries) series = NULL;
  g_autoptr(GError) error = NULL;

  series = sitrep_http_get_finish (SITREP_HTTP (object), result, NULL, &error);
  if (!poll_is_current (p, error))
    return;

  if (series != NULL)
    {
      series->current_after = p->kpi_end - 2 * p->kpi_step;
      sitrep_kpi_apply (kpi, series, g_get_real_time ());
    }
  else
    sitrep_kpi_set_error (kpi, error->message);

  query_next_kpi (p);
}

static void
query_next_kpi (Poll *p)
{
  SitrepSource *self = p->self;
  g_autofree char *url = NULL;
  g_autofree char *query = NULL;
  g_autofree char *expression = NULL;
  SitrepKpi *kpi;
  gint64 end, step;

  if (p->next_kpi >= p->kpis->len)
    {
      finish_poll (p);
      return;
    }

  kpi = g_ptr_array_index (p->kpis, p->next_kpi++);

  /* The last hour, ending now, in steps that land on now: the last point
   * is the current value. At most 240 points, a tile's width. */
  end = g_get_real_time () / G_TIME_SPAN_SECOND;
  step = MAX (15, (gint64)self->interval);
  while (SITREP_KPI_RANGE % step != 0)
    step++;
  p->kpi_end = end * G_TIME_SPAN_SECOND;
  p->kpi_step = step * G_TIME_SPAN_SECOND;
  expression = g_uri_escape_string (sitrep_kpi_get_query (kpi), NULL, FALSE);
  query = g_strdup_printf ("query=%s&start=%" G_GINT64_FORMAT "&end=%" G_GINT64_FORMAT
                           "&step=%" G_GINT64_FORMAT,
                           expression, end - SITREP_KPI_RANGE, end, step);
  url = build_url (self, "/api/v1/query_range", query);

  sitrep_http_get_async (self->http, url, self->authorization,
                         (SitrepHttpParseFunc)sitrep_kpi_parse_range,
                         GINT_TO_POINTER (sitrep_kpi_get_bad_above (kpi)),
                         (GDestroyNotify)sitrep_kpi_series_free,
                         self->cancellable, kpi_cb, p);
}

/* The poll's alerts are in: into the feed, in one batch, and on to the
 * key metrics. */
static void
apply_answer (Poll   *p,
              Answer *answer)
{
  SitrepSource *self = p->self;

  self->fetched_at = g_get_real_time ();
  if (self->feed != NULL)
    sitrep_alert_feed_update (self->feed, self->id, answer->alerts);
  set_state (self, SITREP_SOURCE_HEALTH_HEALTHY, NULL, answer->detail);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCHED_AT]);
  answer_free (answer);
  g_signal_emit (self, signals[POLLED], 0);

  query_next_kpi (p);
}

/* Grafana's pending alerts: Alertmanager has the firing ones already. */
static gpointer
parse_pending (JsonNode  *root,
               gpointer   user_data,
               GError   **error)
{
  ParseData *data = user_data;
  GPtrArray *alerts = sitrep_alert_parse_prometheus (root, data->name, error);

  for (guint i = 0; alerts != NULL && i < alerts->len;)
    if (sitrep_alert_get_state (g_ptr_array_index (alerts, i)) != SITREP_ALERT_PENDING)
      g_ptr_array_remove_index (alerts, i);
    else
      i++;

  return alerts;
}

static void
pending_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Poll *p = user_data;
  Answer *answer = g_steal_pointer (&p->answer);
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;

  pending = sitrep_http_get_finish (SITREP_HTTP (object), result, NULL, &error);
  if (!poll_is_current (p, error))
    {
      answer_free (answer);
      return;
    }

  /* Without them the firing alerts still count: not a failure. */
  if (pending != NULL)
    for (guint i = 0; i < pending->len; i++)
      g_ptr_array_add (answer->alerts, g_object_ref (g_ptr_array_index (pending, i)));
  else
    g_debug ("%s: no pending alerts: %s", p->self->name, error->message);

  apply_answer (p, answer);
}

static void
alerts_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Poll *p = user_data;
  SitrepSource *self = p->self;
  Answer *answer;
  g_autoptr(GError) error = NULL;

  answer = sitrep_http_get_finish (SITREP_HTTP (object), result, &p->retry_after, &error);
  if (!poll_is_current (p, error))
    {
      g_clear_pointer (&answer, answer_free);
      return;
    }

  if (answer == NULL)
    {
      SitrepSourceHealth health = g_error_matches (error, SITREP_SOURCE_ERROR, SITREP_SOURCE_ERROR_AUTH)
                                  ? SITREP_SOURCE_HEALTH_AUTH_FAILED
                                  : SITREP_SOURCE_HEALTH_FAILING;

      /* What was known stays on screen, turning stale; the key metrics
       * this source answers for say why they stopped. */
      g_debug ("%s: %s", self->name, error->message);
      set_state (self, health, error->message, NULL);
      for (guint i = 0; i < p->kpis->len; i++)
        sitrep_kpi_set_error (g_ptr_array_index (p->kpis, i), error->message);
      p->failed = TRUE;
      finish_poll (p);
      return;
    }

  /* Grafana's Alertmanager knows only what fires; what is pending comes
   * from its Prometheus-compatible endpoint. */
  if (self->kind == SITREP_SOURCE_KIND_GRAFANA)
    {
      g_autofree char *url = build_url (self, "/api/prometheus/grafana/api/v1/alerts", NULL);

      p->answer = answer;
      sitrep_http_get_async (self->http, url, self->authorization, parse_pending, p->parse_data,
                             (GDestroyNotify)g_ptr_array_unref, self->cancellable, pending_cb, p);
      return;
    }

  apply_answer (p, answer);
}

static void
query_alerts (Poll *p)
{
  SitrepSource *self = p->self;
  g_autofree char *url = build_url (self, alerts_path (self->kind), NULL);

  if (self->external_labels != NULL)
    p->parse_data->external_labels = json_object_ref (self->external_labels);

  sitrep_http_get_async (self->http, url, self->authorization, parse_alerts, p->parse_data,
                         (GDestroyNotify)answer_free, self->cancellable, alerts_cb, p);
}

static gpointer
parse_config (JsonNode  *root,
              gpointer   user_data,
              GError   **error)
{
  const char *yaml = json_path_string (root, "data", "yaml");

  if (yaml == NULL)
    {
      g_set_error_literal (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_SHAPE,
                           _("The answer is not Prometheus’ configuration."));
      return NULL;
    }

  return sitrep_alert_parse_external_labels (yaml);
}

static void
config_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Poll *p = user_data;
  g_autoptr(GError) error = NULL;
  JsonObject *labels;

  labels = sitrep_http_get_finish (SITREP_HTTP (object), result, NULL, &error);
  if (!poll_is_current (p, error))
    {
      g_clear_pointer (&labels, json_object_unref);
      return;
    }

  /* Without it, alerts may show twice (once as Prometheus reports them,
   * once with the external labels as Alertmanager does); not a failure,
   * and not asked again until the source starts again. */
  p->self->external_asked = TRUE;
  if (labels != NULL)
    {
      g_clear_pointer (&p->self->external_labels, json_object_unref);
      p->self->external_labels = labels;
    }
  else
    g_debug ("%s: no external labels: %s", p->self->name, error->message);

  query_alerts (p);
}

static void
poll (SitrepSource *self)
{
  Poll *p;

  if (self->polling || self->http == NULL)
    return;

  self->polling = TRUE;
  p = g_new0 (Poll, 1);
  p->self = g_object_ref (self);
  p->run = self->run;
  p->parse_data = g_new0 (ParseData, 1);
  p->parse_data->kind = self->kind;
  p->parse_data->name = g_strdup (self->name);
  p->kpis = g_ptr_array_copy (self->kpis, (GCopyFunc)(void (*) (void))g_object_ref, NULL);
  g_ptr_array_set_free_func (p->kpis, g_object_unref);

  if (self->kind == SITREP_SOURCE_KIND_PROMETHEUS && !self->external_asked)
    {
      g_autofree char *url = build_url (self, "/api/v1/status/config", NULL);

      sitrep_http_get_async (self->http, url, self->authorization, parse_config, NULL,
                             (GDestroyNotify)json_object_unref, self->cancellable, config_cb, p);
      return;
    }

  query_alerts (p);
}

/**
 * sitrep_source_start:
 * @http: the shared HTTP client
 * @feed: where the source's alerts go
 *
 * Polls now, and every interval after (longer after failures), until
 * sitrep_source_stop(). A disabled source does nothing.
 */
void
sitrep_source_start (SitrepSource    *self,
                     SitrepHttp      *http,
                     SitrepAlertFeed *feed)
{
  g_return_if_fail (SITREP_IS_SOURCE (self));
  g_return_if_fail (SITREP_IS_HTTP (http));
  g_return_if_fail (SITREP_IS_ALERT_FEED (feed));

  if (!self->enabled || self->cancellable != NULL)
    return;

  g_set_object (&self->http, http);
  g_set_object (&self->feed, feed);
  self->cancellable = g_cancellable_new ();
  self->attempt = 0;
  self->run++;
  self->polling = FALSE;
  self->external_asked = FALSE;
  g_clear_pointer (&self->external_labels, json_object_unref);
  poll (self);
}

/**
 * sitrep_source_stop:
 *
 * Cancels the request in flight and polls no more. The source's alerts
 * stay in the feed: the monitor removes them when the source goes.
 */
void
sitrep_source_stop (SitrepSource *self)
{
  g_return_if_fail (SITREP_IS_SOURCE (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->run++;
  self->polling = FALSE;
  self->poll_again = FALSE;
  g_clear_object (&self->feed);
  g_clear_object (&self->http);
}

/**
 * sitrep_source_poll_now:
 *
 * Polls at once (or as soon as a poll under way ends, or the server's
 * Retry-After allows), as after a person asked to retry; the back-off
 * starts over.
 */
void
sitrep_source_poll_now (SitrepSource *self)
{
  g_return_if_fail (SITREP_IS_SOURCE (self));

  if (self->cancellable == NULL)
    return;

  /* A poll under way may have asked before what changed: ask again after. */
  if (self->polling)
    {
      self->poll_again = TRUE;
      return;
    }

  /* Asking again now never overrides what the server asked for. */
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->attempt = 0;
  if (self->not_before > g_get_monotonic_time ())
    self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                           (self->not_before - g_get_monotonic_time ()) / 1000 + 1,
                                           poll_cb, self, NULL);
  else
    poll (self);
}

static const char *
info_path (SitrepSourceKind kind)
{
  switch (kind)
    {
    case SITREP_SOURCE_KIND_PROMETHEUS:
      return "/api/v1/status/buildinfo";
    case SITREP_SOURCE_KIND_ALERTMANAGER:
      return "/api/v2/status";
    case SITREP_SOURCE_KIND_GRAFANA:
      return "/api/health";
    case SITREP_SOURCE_KIND_STATUSPAGE:
    default:
      return NULL;
    }
}

static const char *
json_path_string (JsonNode   *root,
                  const char *first,
                  const char *second)
{
  JsonObject *object;
  JsonNode *node;

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !(node = json_object_get_member (json_node_get_object (root), first)))
    return NULL;

  if (second != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      object = json_node_get_object (node);
      if (!(node = json_object_get_member (object, second)))
        return NULL;
    }

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* The server's version, from its build information. */
static gpointer
parse_info (JsonNode  *root,
            gpointer   user_data,
            GError   **error)
{
  SitrepSourceKind kind = GPOINTER_TO_INT (user_data);
  const char *version = NULL;

  if (kind == SITREP_SOURCE_KIND_PROMETHEUS)
    version = json_path_string (root, "data", "version");
  else if (kind == SITREP_SOURCE_KIND_ALERTMANAGER)
    version = json_path_string (root, "versionInfo", "version");
  else if (kind == SITREP_SOURCE_KIND_GRAFANA)
    version = json_path_string (root, "version", NULL);

  if (version == NULL || !g_utf8_validate (version, -1, NULL))
    {
      g_set_error (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_SHAPE,
                   /* Translators: %s is a kind of server, such as "Prometheus". */
                   _("The server does not describe itself as %s does. Is the kind of source right?"),
                   sitrep_source_kind_get_label (kind));
      return NULL;
    }

  /* Translators: a kind of server and its version: "Prometheus 2.42.0". */
  return g_strdup_printf (_("%s %.40s"), sitrep_source_kind_get_label (kind), version);
}

typedef struct
{
  ParseData *parse_data;
  char      *version;
} Test;

static void
test_free (Test *test)
{
  g_clear_pointer (&test->parse_data, parse_data_free);
  g_free (test->version);
  g_free (test);
}

static void
test_alerts_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Test *test = g_task_get_task_data (task);
  Answer *answer;
  GError *error = NULL;
  GString *text;
  guint n_firing = 0;

  if (!(answer = sitrep_http_get_finish (SITREP_HTTP (object), result, NULL, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < answer->alerts->len; i++)
    n_firing += sitrep_alert_get_state (g_ptr_array_index (answer->alerts, i)) == SITREP_ALERT_FIRING;

  text = g_string_new (test->version != NULL ? test->version : answer->detail);
  if (text->len > 0)
    g_string_append (text, " · ");
  g_string_append_printf (text,
                          /* Translators: %u is a number of alerts firing now. */
                          g_dngettext (GETTEXT_PACKAGE, "%u alert firing", "%u alerts firing", n_firing),
                          n_firing);
  answer_free (answer);
  g_task_return_pointer (task, g_string_free (text, FALSE), g_free);
}

static void
test_info_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SitrepSource *self = g_task_get_source_object (task);
  Test *test = g_task_get_task_data (task);
  g_autofree char *url = NULL;
  GError *error = NULL;

  if (!(test->version = sitrep_http_get_finish (SITREP_HTTP (object), result, NULL, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  url = build_url (self, alerts_path (self->kind), NULL);
  sitrep_http_get_async (SITREP_HTTP (object), url, self->authorization, parse_alerts, test->parse_data,
                         (GDestroyNotify)answer_free, g_task_get_cancellable (task),
                         test_alerts_cb, g_object_ref (task));
}

/**
 * sitrep_source_query_async:
 * @path: such as "/api/v1/query"
 * @query: (nullable): the query string, escaped
 *
 * Sends a GET to the source with its credentials, through @http, and
 * parses the answer on the worker thread. Finish it with
 * sitrep_http_get_finish() on @http.
 */
void
sitrep_source_query_async (SitrepSource        *self,
                           SitrepHttp          *http,
                           const char          *path,
                           const char          *query,
                           SitrepHttpParseFunc  parse_func,
                           gpointer             parse_data,
                           GDestroyNotify       result_free,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *url = NULL;

  g_return_if_fail (SITREP_IS_SOURCE (self));
  g_return_if_fail (SITREP_IS_HTTP (http));

  url = build_url (self, path, query);
  sitrep_http_get_async (http, url, self->authorization, parse_func, parse_data, result_free,
                         cancellable, callback, user_data);
}

/**
 * sitrep_source_test_async:
 *
 * Asks the source who it is and what it reports, with the credentials
 * set, as "Test Connection" does.
 */
void
sitrep_source_test_async (SitrepSource        *self,
                          SitrepHttp          *http,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  Test *test;

  g_return_if_fail (SITREP_IS_SOURCE (self));
  g_return_if_fail (SITREP_IS_HTTP (http));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_source_test_async);
  test = g_new0 (Test, 1);
  test->parse_data = g_new0 (ParseData, 1);
  test->parse_data->kind = self->kind;
  test->parse_data->name = g_strdup (self->name);
  g_task_set_task_data (task, test, (GDestroyNotify)test_free);

  if (info_path (self->kind) == NULL)
    {
      url = build_url (self, alerts_path (self->kind), NULL);
      sitrep_http_get_async (http, url, self->authorization, parse_alerts, test->parse_data,
                             (GDestroyNotify)answer_free, cancellable, test_alerts_cb,
                             g_steal_pointer (&task));
      return;
    }

  url = build_url (self, info_path (self->kind), NULL);
  sitrep_http_get_async (http, url, self->authorization, parse_info, GINT_TO_POINTER (self->kind),
                         g_free, cancellable, test_info_cb, g_steal_pointer (&task));
}

/**
 * sitrep_source_test_finish:
 *
 * Returns: (transfer full) (nullable): what the source said, such as
 *   "Prometheus 2.42.0 · 3 alerts firing", or %NULL with @error set
 */
char *
sitrep_source_test_finish (SitrepSource  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The labels every one of @alerts has, with the same value. */
static GStrv
dup_shared_label_names (GPtrArray *alerts)
{
  SitrepAlert *first = g_ptr_array_index (alerts, 0);
  g_auto(GStrv) names = sitrep_alert_dup_label_names (first);
  g_autoptr(GStrvBuilder) shared = g_strv_builder_new ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *value = sitrep_alert_get_label (first, names[i]);
      gboolean same = TRUE;

      for (guint j = 1; same && j < alerts->len; j++)
        same = g_strcmp0 (sitrep_alert_get_label (g_ptr_array_index (alerts, j), names[i]), value) == 0;
      if (same)
        g_strv_builder_add (shared, names[i]);
    }

  return g_strv_builder_end (shared);
}

/**
 * sitrep_source_describe_matchers:
 * @alerts: (element-type SitrepAlert): at least one alert
 *
 * What a silence of @alerts matches: every label all of them share, with
 * its value ("alertname=X, service=y"). For one alert, all its labels.
 *
 * Returns: (transfer full): the matchers as text, sorted by name
 */
char *
sitrep_source_describe_matchers (GPtrArray *alerts)
{
  g_auto(GStrv) names = NULL;
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (alerts != NULL && alerts->len > 0, NULL);

  names = dup_shared_label_names (alerts);
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s=%s", names[i],
                              sitrep_alert_get_label (g_ptr_array_index (alerts, 0), names[i]));
    }

  return g_string_free (text, FALSE);
}

static gpointer
parse_silence (JsonNode  *root,
               gpointer   user_data,
               GError   **error)
{
  const char *id = json_path_string (root, "silenceID", NULL);

  if (id == NULL || *id == '\0' || strlen (id) > 64 || !g_utf8_validate (id, -1, NULL))
    {
      g_set_error_literal (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_SHAPE,
                           _("The Alertmanager did not say which silence it created."));
      return NULL;
    }

  return g_strdup (id);
}

static char *
format_time (gint64 at)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (at / G_TIME_SPAN_SECOND);

  return g_date_time_format_iso8601 (time);
}

static void
silence_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *id;

  if (!(id = sitrep_http_get_finish (SITREP_HTTP (object), result, NULL, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, id, g_free);
}

/**
 * sitrep_source_create_silence_async:
 * @alerts: (element-type SitrepAlert): what to silence (see
 *   sitrep_source_describe_matchers())
 * @ends_at: when the silence ends, µs since the epoch
 * @author: who silences
 * @comment: why; it names the incident
 *
 * Creates a silence on this Alertmanager (or Grafana's).
 */
void
sitrep_source_create_silence_async (SitrepSource        *self,
                                    SitrepHttp          *http,
                                    GPtrArray           *alerts,
                                    gint64               ends_at,
                                    const char          *author,
                                    const char          *comment,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *url = NULL;
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;
  g_auto(GStrv) names = NULL;
  SitrepAlert *first;

  g_return_if_fail (SITREP_IS_SOURCE (self));
  g_return_if_fail (SITREP_IS_HTTP (http));
  g_return_if_fail (alerts != NULL && alerts->len > 0);
  g_return_if_fail (author != NULL && comment != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_source_create_silence_async);

  if (!sitrep_source_can_silence (self))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               /* Translators: %s is a source's name. */
                               _("%s cannot silence alerts: only an Alertmanager (or Grafana’s) "
                                 "can. Add your Alertmanager as a source."),
                               self->name);
      return;
    }

  starts = format_time (g_get_real_time ());
  ends = format_time (ends_at);
  first = g_ptr_array_index (alerts, 0);
  names = dup_shared_label_names (alerts);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "matchers");
  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, names[i]);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, sitrep_alert_get_label (first, names[i]));
      json_builder_set_member_name (builder, "isRegex");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_set_member_name (builder, "isEqual");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "startsAt");
  json_builder_add_string_value (builder, starts);
  json_builder_set_member_name (builder, "endsAt");
  json_builder_add_string_value (builder, ends);
  json_builder_set_member_name (builder, "createdBy");
  json_builder_add_string_value (builder, author);
  json_builder_set_member_name (builder, "comment");
  json_builder_add_string_value (builder, comment);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  url = build_url (self, self->kind == SITREP_SOURCE_KIND_GRAFANA
                         ? "/api/alertmanager/grafana/api/v2/silences"
                         : "/api/v2/silences", NULL);
  sitrep_http_send_async (http, SOUP_METHOD_POST, url, self->authorization, body,
                          parse_silence, NULL, g_free, cancellable, silence_cb, g_steal_pointer (&task));
}

/**
 * sitrep_source_create_silence_finish:
 *
 * Returns: (transfer full) (nullable): the silence's id
 */
char *
sitrep_source_create_silence_finish (SitrepSource  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
