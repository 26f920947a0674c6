/* sitrep-assessment.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-blast-radius.h"
#include "sitrep-incident.h"
#include "sitrep-kpi.h"

G_BEGIN_DECLS

#define SITREP_TYPE_ASSESSMENT (sitrep_assessment_get_type ())

G_DECLARE_FINAL_TYPE (SitrepAssessment, sitrep_assessment, SITREP, ASSESSMENT, GObject)

SitrepAssessment        *sitrep_assessment_new                (SitrepIncident                 *incident);
SitrepIncident          *sitrep_assessment_get_incident       (SitrepAssessment               *self);
void                     sitrep_assessment_set_default_config (SitrepAssessment               *self,
                                                               const SitrepBlastConfig        *config);
const SitrepBlastConfig *sitrep_assessment_get_config         (SitrepAssessment               *self);
gboolean                 sitrep_assessment_get_config_is_default (SitrepAssessment            *self);
void                     sitrep_assessment_set_thresholds     (SitrepAssessment               *self,
                                                               const SitrepSeverityThresholds *thresholds);
void                     sitrep_assessment_apply              (SitrepAssessment               *self,
                                                               GArray                         *segments,
                                                               GArray                         *loss,
                                                               gint64                          fetched_at);
void                     sitrep_assessment_set_error          (SitrepAssessment               *self,
                                                               const char                     *message);
const char              *sitrep_assessment_get_error          (SitrepAssessment               *self);
gint64                   sitrep_assessment_get_fetched_at     (SitrepAssessment               *self);
const SitrepSegment     *sitrep_assessment_get_segments       (SitrepAssessment               *self,
                                                               guint                          *n_segments);
double                   sitrep_assessment_get_share          (SitrepAssessment               *self,
                                                               double                         *affected,
                                                               double                         *total);
GArray                  *sitrep_assessment_get_features       (SitrepAssessment               *self);
GArray                  *sitrep_assessment_get_loss           (SitrepAssessment               *self);
double                   sitrep_assessment_get_loss_per_minute (SitrepAssessment              *self);
double                   sitrep_assessment_get_loss_total     (SitrepAssessment               *self,
                                                               gint64                          now);
SitrepSeverity           sitrep_assessment_get_suggestion     (SitrepAssessment               *self,
                                                               const char                    **reason);
gboolean                 sitrep_assessment_should_offer       (SitrepAssessment               *self);
char                    *sitrep_assessment_format_money       (SitrepAssessment               *self,
                                                               double                          amount);
char                    *sitrep_assessment_describe           (SitrepAssessment               *self,
                                                               gint64                          now);
JsonObject              *sitrep_assessment_to_json            (SitrepAssessment               *self,
                                                               gint64                          now);
GArray                  *sitrep_assessment_parse_vector       (JsonNode                       *root,
                                                               gpointer                        dimension,
                                                               GError                        **error);
char                   **sitrep_assessment_parse_label_names  (JsonNode                       *root,
                                                               gpointer                        user_data,
                                                               GError                        **error);
GArray                  *sitrep_assessment_merge_segments     (GArray                         *affected,
                                                               GArray                         *total);

G_END_DECLS
