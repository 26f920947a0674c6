/* sitrep-blast-radius.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

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

G_END_DECLS
