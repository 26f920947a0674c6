/* sitrep-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-alert-feed.h"
#include "sitrep-http.h"
#include "sitrep-kpi.h"

G_BEGIN_DECLS

typedef enum
{
  SITREP_SOURCE_KIND_PROMETHEUS,
  SITREP_SOURCE_KIND_ALERTMANAGER,
  SITREP_SOURCE_KIND_GRAFANA,
  SITREP_SOURCE_KIND_STATUSPAGE,
} SitrepSourceKind;

typedef enum
{
  SITREP_SOURCE_AUTH_NONE,
  SITREP_SOURCE_AUTH_BEARER,
  SITREP_SOURCE_AUTH_BASIC,
} SitrepSourceAuth;

/**
 * SitrepSourceHealth:
 * @SITREP_SOURCE_HEALTH_UNKNOWN: not asked yet
 * @SITREP_SOURCE_HEALTH_HEALTHY: the last poll succeeded
 * @SITREP_SOURCE_HEALTH_FAILING: the last poll failed
 * @SITREP_SOURCE_HEALTH_AUTH_FAILED: the credentials were refused
 * @SITREP_SOURCE_HEALTH_DISABLED: switched off
 */
typedef enum
{
  SITREP_SOURCE_HEALTH_UNKNOWN,
  SITREP_SOURCE_HEALTH_HEALTHY,
  SITREP_SOURCE_HEALTH_FAILING,
  SITREP_SOURCE_HEALTH_AUTH_FAILED,
  SITREP_SOURCE_HEALTH_DISABLED,
} SitrepSourceHealth;

#define SITREP_SOURCE_INTERVAL_DEFAULT 15
#define SITREP_SOURCE_INTERVAL_MIN     1
#define SITREP_SOURCE_INTERVAL_MAX     3600
/* Data older than this many poll intervals is stale. */
#define SITREP_SOURCE_STALE_INTERVALS  3

#define SITREP_TYPE_SOURCE (sitrep_source_get_type ())

G_DECLARE_FINAL_TYPE (SitrepSource, sitrep_source, SITREP, SOURCE, GObject)

SitrepSource      *sitrep_source_new_from_variant   (GVariant            *dict,
                                                     GError             **error);
GVariant          *sitrep_source_to_variant         (SitrepSource        *self);
gboolean           sitrep_source_same_config        (SitrepSource        *self,
                                                     SitrepSource        *other);
const char        *sitrep_source_get_id             (SitrepSource        *self);
SitrepSourceKind   sitrep_source_get_kind           (SitrepSource        *self);
const char        *sitrep_source_get_name           (SitrepSource        *self);
const char        *sitrep_source_get_url            (SitrepSource        *self);
SitrepSourceAuth   sitrep_source_get_auth           (SitrepSource        *self);
const char        *sitrep_source_get_username       (SitrepSource        *self);
guint              sitrep_source_get_interval       (SitrepSource        *self);
gboolean           sitrep_source_get_enabled        (SitrepSource        *self);
char              *sitrep_source_dup_account        (SitrepSource        *self);
gboolean           sitrep_source_can_silence        (SitrepSource        *self);

SitrepSourceHealth sitrep_source_get_health         (SitrepSource        *self);
const char        *sitrep_source_get_last_error     (SitrepSource        *self);
const char        *sitrep_source_get_detail         (SitrepSource        *self);
gint64             sitrep_source_get_fetched_at     (SitrepSource        *self);
gboolean           sitrep_source_is_stale           (SitrepSource        *self,
                                                     gint64               now);

void               sitrep_source_set_secret         (SitrepSource        *self,
                                                     const char          *secret);
void               sitrep_source_renew_credential   (SitrepSource        *self);
void               sitrep_source_fail               (SitrepSource        *self,
                                                     SitrepSourceHealth   health,
                                                     const char          *message);
void               sitrep_source_set_kpis           (SitrepSource        *self,
                                                     GPtrArray           *kpis);
void               sitrep_source_start              (SitrepSource        *self,
                                                     SitrepHttp          *http,
                                                     SitrepAlertFeed     *feed);
void               sitrep_source_stop               (SitrepSource        *self);
void               sitrep_source_poll_now           (SitrepSource        *self);

void               sitrep_source_query_async        (SitrepSource        *self,
                                                     SitrepHttp          *http,
                                                     const char          *path,
                                                     const char          *query,
                                                     SitrepHttpParseFunc  parse_func,
                                                     gpointer             parse_data,
                                                     GDestroyNotify       result_free,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
void               sitrep_source_test_async         (SitrepSource        *self,
                                                     SitrepHttp          *http,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
char              *sitrep_source_test_finish        (SitrepSource        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void               sitrep_source_create_silence_async (SitrepSource      *self,
                                                     SitrepHttp          *http,
                                                     GPtrArray           *alerts,
                                                     gint64               ends_at,
                                                     const char          *author,
                                                     const char          *comment,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
char              *sitrep_source_create_silence_finish (SitrepSource     *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
char              *sitrep_source_describe_matchers  (GPtrArray           *alerts);

const char        *sitrep_source_kind_to_token      (SitrepSourceKind     kind);
gboolean           sitrep_source_kind_from_token    (const char          *token,
                                                     SitrepSourceKind    *kind);
const char        *sitrep_source_kind_get_label     (SitrepSourceKind     kind);
const char        *sitrep_source_health_get_label   (SitrepSourceHealth   health);

G_END_DECLS
