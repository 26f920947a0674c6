/* sitrep-declare-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sitrep-war-room.h"

G_BEGIN_DECLS

#define SITREP_TYPE_DECLARE_DIALOG (sitrep_declare_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SitrepDeclareDialog, sitrep_declare_dialog, SITREP, DECLARE_DIALOG, AdwWindow)

SitrepDeclareDialog *sitrep_declare_dialog_new          (GtkWindow           *parent,
                                                         SitrepWarRoom       *war_room);
void                 sitrep_declare_dialog_set_title    (SitrepDeclareDialog *self,
                                                         const char          *title);
void                 sitrep_declare_dialog_set_severity (SitrepDeclareDialog *self,
                                                         SitrepSeverity       severity);
void                 sitrep_declare_dialog_set_summary  (SitrepDeclareDialog *self,
                                                         const char          *summary);
SitrepSeverity       sitrep_declare_dialog_get_severity (SitrepDeclareDialog *self);
void                 sitrep_declare_dialog_set_alerts   (SitrepDeclareDialog *self,
                                                         GPtrArray           *alerts,
                                                         const char          *reason);

G_END_DECLS
