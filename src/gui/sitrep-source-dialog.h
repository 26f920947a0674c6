/* sitrep-source-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-http.h"

G_BEGIN_DECLS

#define SITREP_TYPE_SOURCE_DIALOG (sitrep_source_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SitrepSourceDialog, sitrep_source_dialog, SITREP, SOURCE_DIALOG, AdwWindow)

SitrepSourceDialog *sitrep_source_dialog_new (GtkWindow  *parent,
                                              GSettings  *settings,
                                              SitrepHttp *http,
                                              GVariant   *source);

G_END_DECLS
