/* sitrep-kpi-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SITREP_TYPE_KPI_DIALOG (sitrep_kpi_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SitrepKpiDialog, sitrep_kpi_dialog, SITREP, KPI_DIALOG, AdwWindow)

SitrepKpiDialog *sitrep_kpi_dialog_new (GtkWindow *parent,
                                        GSettings *settings,
                                        GVariant  *kpi);

G_END_DECLS
