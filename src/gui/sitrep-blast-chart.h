/* sitrep-blast-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sitrep-assessment.h"

G_BEGIN_DECLS

#define SITREP_BLAST_CHART_MAX_SEGMENTS 6

#define SITREP_TYPE_BLAST_CHART (sitrep_blast_chart_get_type ())

G_DECLARE_FINAL_TYPE (SitrepBlastChart, sitrep_blast_chart, SITREP, BLAST_CHART, GtkWidget)

GtkWidget        *sitrep_blast_chart_new             (void);
void              sitrep_blast_chart_set_assessment  (SitrepBlastChart *self,
                                                      SitrepAssessment *assessment);
SitrepAssessment *sitrep_blast_chart_get_assessment  (SitrepBlastChart *self);
const char       *sitrep_blast_chart_get_description (SitrepBlastChart *self);
void              sitrep_blast_chart_set_text_size   (SitrepBlastChart *self,
                                                      double            px);
guint             sitrep_blast_chart_get_n_draws     (SitrepBlastChart *self);
gboolean          sitrep_blast_chart_get_bar_rect    (SitrepBlastChart *self,
                                                      guint             index,
                                                      graphene_rect_t  *rect);

G_END_DECLS
