/* sitrep-kpi.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sitrep-blast-radius.h"

G_BEGIN_DECLS

/**
 * SitrepKpiState:
 * @SITREP_KPI_NO_DATA: no value yet, or the query returned none
 * @SITREP_KPI_OK: within its threshold
 * @SITREP_KPI_BREACHED: past its threshold
 */
typedef enum
{
  SITREP_KPI_NO_DATA,
  SITREP_KPI_OK,
  SITREP_KPI_BREACHED,
} SitrepKpiState;

typedef struct
{
  gint64 at;     /* µs since the epoch */
  double value;
} SitrepKpiPoint;

/* What a range query gives a KPI: the worst value at each step over every
 * series the expression returns, and which series was worst at the end. */
typedef struct
{
  GArray *points;         /* SitrepKpiPoint, oldest first; NaN never */
  char   *worst_labels;   /* "provider=stripe", or NULL */
  gint64  current_after;  /* a last point older than this is not "now" */
} SitrepKpiSeries;

void             sitrep_kpi_series_free (SitrepKpiSeries *series);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepKpiSeries, sitrep_kpi_series_free)

#define SITREP_KPI_RANGE (60 * 60)  /* seconds of history a tile shows */

#define SITREP_TYPE_KPI (sitrep_kpi_get_type ())

G_DECLARE_FINAL_TYPE (SitrepKpi, sitrep_kpi, SITREP, KPI, GObject)

SitrepKpi       *sitrep_kpi_new_from_variant  (GVariant        *dict,
                                               GError         **error);
GVariant        *sitrep_kpi_to_variant        (SitrepKpi       *self);
const char      *sitrep_kpi_get_id            (SitrepKpi       *self);
const char      *sitrep_kpi_get_name          (SitrepKpi       *self);
const char      *sitrep_kpi_get_display_name  (SitrepKpi       *self);
const char      *sitrep_kpi_get_query         (SitrepKpi       *self);
double           sitrep_kpi_get_threshold     (SitrepKpi       *self);
gboolean         sitrep_kpi_get_bad_above     (SitrepKpi       *self);
gboolean         sitrep_kpi_get_percent       (SitrepKpi       *self);
const char      *sitrep_kpi_get_source_id     (SitrepKpi       *self);
const SitrepBlastConfig *sitrep_kpi_get_blast_config (SitrepKpi *self);
SitrepKpiState   sitrep_kpi_get_state         (SitrepKpi       *self);
double           sitrep_kpi_get_value         (SitrepKpi       *self);
const char      *sitrep_kpi_get_worst_labels  (SitrepKpi       *self);
GArray          *sitrep_kpi_get_points        (SitrepKpi       *self);
gint64           sitrep_kpi_get_fetched_at    (SitrepKpi       *self);
const char      *sitrep_kpi_get_error         (SitrepKpi       *self);
void             sitrep_kpi_set_interval      (SitrepKpi       *self,
                                               guint            seconds);
guint            sitrep_kpi_get_interval      (SitrepKpi       *self);
void             sitrep_kpi_apply             (SitrepKpi       *self,
                                               SitrepKpiSeries *series,
                                               gint64           fetched_at);
void             sitrep_kpi_set_error         (SitrepKpi       *self,
                                               const char      *message);
char            *sitrep_kpi_format_value      (SitrepKpi       *self,
                                               double           value);
char            *sitrep_kpi_describe_threshold (SitrepKpi      *self);
gboolean         sitrep_kpi_is_breach         (SitrepKpi       *self,
                                               double           value);
JsonArray       *sitrep_kpi_parse_result      (JsonNode        *root,
                                               GError         **error);
gboolean         sitrep_kpi_parse_sample      (JsonNode        *node,
                                               gint64          *at,
                                               double          *value);
SitrepKpiSeries *sitrep_kpi_parse_range       (JsonNode        *root,
                                               gpointer         bad_above,
                                               GError         **error);

G_END_DECLS
