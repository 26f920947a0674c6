/* sitrep-blast-radius.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sitrep-severity.h"

G_BEGIN_DECLS

/**
 * SitrepSegment:
 * @name: the segment, such as "ios" for the dimension "platform"
 * @affected: users (or sessions, requests) affected in it, or NaN
 * @total: all of them, or NaN
 *
 * One line of "who is affected", along one dimension.
 */
typedef struct
{
  char   *name;
  double  affected;
  double  total;
} SitrepSegment;

/**
 * SitrepFeatureState:
 * @SITREP_FEATURE_OK: works
 * @SITREP_FEATURE_DEGRADED: works badly
 * @SITREP_FEATURE_DOWN: does not work
 */
typedef enum
{
  SITREP_FEATURE_OK,
  SITREP_FEATURE_DEGRADED,
  SITREP_FEATURE_DOWN,
} SitrepFeatureState;

typedef struct
{
  char               *name;
  SitrepFeatureState  state;
  gboolean            core;
} SitrepFeature;

/**
 * SitrepSeverityThresholds:
 * @sev1_share: a share of users affected above which SEV1 is suggested
 * @sev2_share: and above which SEV2 is
 */
typedef struct
{
  double sev1_share;
  double sev2_share;
} SitrepSeverityThresholds;

#define SITREP_SEV1_SHARE_DEFAULT 0.25
#define SITREP_SEV2_SHARE_DEFAULT 0.05

double          sitrep_segment_get_share           (const SitrepSegment *segment);
double          sitrep_blast_radius_total_share    (const SitrepSegment *segments,
                                                    guint                n_segments,
                                                    double              *affected,
                                                    double              *total);
double          sitrep_blast_radius_integrate_loss (const gint64        *at,
                                                    const double        *per_minute,
                                                    guint                n_samples,
                                                    gint64               from,
                                                    gint64               until);
SitrepSeverity  sitrep_blast_radius_suggest        (const SitrepSegment *segments,
                                                    guint                n_segments,
                                                    const SitrepFeature *features,
                                                    guint                n_features,
                                                    const SitrepSeverityThresholds *thresholds,
                                                    char               **reason);

/**
 * SitrepBlastConfig:
 * @kpi: (nullable): the id of the key metric these queries came from
 * @dimension: the label users are broken down by, such as "platform"
 * @affected: PromQL counting the affected, with @dimension among its labels
 * @total: PromQL counting everyone, with the same labels
 * @loss: (nullable): PromQL giving what is lost per minute, such as
 *   failed payments per minute
 * @loss_unit: (nullable): what @loss counts, such as "failed payments"
 * @loss_factor: what one of those is worth, such as the average order value
 * @currency: (nullable): the currency of @loss_factor, such as "USD"
 *
 * How an incident's blast radius is measured: the queries behind "who is
 * affected" and "what it costs". Saved with the incident as an event.
 */
typedef struct
{
  char   *kpi;
  char   *dimension;
  char   *affected;
  char   *total;
  char   *loss;
  char   *loss_unit;
  double  loss_factor;
  char   *currency;
} SitrepBlastConfig;

#define SITREP_BLAST_QUERY_MAX_CHARS 4000

#define SITREP_TYPE_BLAST_CONFIG (sitrep_blast_config_get_type ())

GType              sitrep_blast_config_get_type        (void) G_GNUC_CONST;
SitrepBlastConfig *sitrep_blast_config_new_from_json   (JsonObject              *object);
JsonObject        *sitrep_blast_config_to_json         (const SitrepBlastConfig *config);
SitrepBlastConfig *sitrep_blast_config_copy            (const SitrepBlastConfig *config);
gboolean           sitrep_blast_config_equal           (const SitrepBlastConfig *a,
                                                        const SitrepBlastConfig *b);
gboolean           sitrep_blast_config_check           (const SitrepBlastConfig *config,
                                                        GError                 **error);
gboolean           sitrep_blast_config_has_loss        (const SitrepBlastConfig *config);
char              *sitrep_blast_config_build_query     (const SitrepBlastConfig *config,
                                                        const char              *expression);
void               sitrep_blast_config_free            (SitrepBlastConfig       *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepBlastConfig, sitrep_blast_config_free)

const char        *sitrep_feature_state_to_token       (SitrepFeatureState       state);
gboolean           sitrep_feature_state_from_token     (const char              *token,
                                                        SitrepFeatureState      *state);
const char        *sitrep_feature_state_get_label      (SitrepFeatureState       state);

G_END_DECLS
