/* sitrep-kpi-tile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sitrep-clock.h"
#include "sitrep-kpi.h"

G_BEGIN_DECLS

#define SITREP_TYPE_KPI_TILE (sitrep_kpi_tile_get_type ())

G_DECLARE_FINAL_TYPE (SitrepKpiTile, sitrep_kpi_tile, SITREP, KPI_TILE, GtkWidget)

GtkWidget *sitrep_kpi_tile_new     (SitrepKpi     *kpi,
                                    SitrepClock   *clock);
SitrepKpi *sitrep_kpi_tile_get_kpi (SitrepKpiTile *self);
char      *sitrep_format_age       (gint64         age_us);

G_END_DECLS
