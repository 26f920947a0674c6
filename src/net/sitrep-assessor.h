/* sitrep-assessor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-monitor.h"
#include "sitrep-war-room.h"

G_BEGIN_DECLS

#define SITREP_ASSESSOR_INTERVAL_DEFAULT 15

#define SITREP_TYPE_ASSESSOR (sitrep_assessor_get_type ())

G_DECLARE_FINAL_TYPE (SitrepAssessor, sitrep_assessor, SITREP, ASSESSOR, GObject)

SitrepAssessor   *sitrep_assessor_new             (SitrepMonitor                  *monitor);
void              sitrep_assessor_set_war_room    (SitrepAssessor                 *self,
                                                   SitrepWarRoom                  *war_room);
SitrepAssessment *sitrep_assessor_get_assessment  (SitrepAssessor                 *self,
                                                   SitrepIncident                 *incident);
void              sitrep_assessor_set_thresholds  (SitrepAssessor                 *self,
                                                   const SitrepSeverityThresholds *thresholds);
void              sitrep_assessor_set_interval    (SitrepAssessor                 *self,
                                                   guint                           seconds);
void              sitrep_assessor_assess_now      (SitrepAssessor                 *self);
void              sitrep_assessor_list_labels_async (SitrepAssessor               *self,
                                                   const SitrepBlastConfig        *config,
                                                   GCancellable                   *cancellable,
                                                   GAsyncReadyCallback             callback,
                                                   gpointer                        user_data);
char            **sitrep_assessor_list_labels_finish (SitrepAssessor              *self,
                                                   GAsyncResult                   *result,
                                                   GError                        **error);
void              sitrep_assessor_stop            (SitrepAssessor                 *self);

G_END_DECLS
