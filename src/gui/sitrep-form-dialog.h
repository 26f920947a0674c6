/* sitrep-form-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SITREP_TYPE_FORM_DIALOG (sitrep_form_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SitrepFormDialog, sitrep_form_dialog, SITREP, FORM_DIALOG, AdwWindow)

SitrepFormDialog     *sitrep_form_dialog_new         (GtkWindow        *parent,
                                                      const char       *title,
                                                      const char       *confirm_label);
AdwPreferencesGroup  *sitrep_form_dialog_add_group   (SitrepFormDialog *self,
                                                      const char       *title,
                                                      const char       *description);
AdwEntryRow          *sitrep_form_dialog_add_entry   (SitrepFormDialog *self,
                                                      const char       *key,
                                                      const char       *title,
                                                      const char       *text);
GtkTextView          *sitrep_form_dialog_add_text    (SitrepFormDialog *self,
                                                      const char       *key,
                                                      const char       *title,
                                                      const char       *text);
GtkSwitch            *sitrep_form_dialog_add_switch  (SitrepFormDialog *self,
                                                      const char       *key,
                                                      const char       *title,
                                                      const char       *subtitle,
                                                      gboolean          active);
GtkSpinButton        *sitrep_form_dialog_add_spin    (SitrepFormDialog *self,
                                                      const char       *key,
                                                      const char       *title,
                                                      const char       *subtitle,
                                                      double            value,
                                                      double            lower,
                                                      double            upper);
AdwComboRow          *sitrep_form_dialog_add_choice  (SitrepFormDialog *self,
                                                      const char       *key,
                                                      const char       *title,
                                                      const char * const *labels,
                                                      guint             active);
guint                 sitrep_form_dialog_get_choice  (SitrepFormDialog *self,
                                                      const char       *key);
void                  sitrep_form_dialog_set_text    (SitrepFormDialog *self,
                                                      const char       *key,
                                                      const char       *text);
char                 *sitrep_form_dialog_dup_text    (SitrepFormDialog *self,
                                                      const char       *key);
gboolean              sitrep_form_dialog_get_active  (SitrepFormDialog *self,
                                                      const char       *key);
double                sitrep_form_dialog_get_value   (SitrepFormDialog *self,
                                                      const char       *key);
GCancellable         *sitrep_form_dialog_get_cancellable (SitrepFormDialog *self);
void                  sitrep_form_dialog_finish      (SitrepFormDialog *self,
                                                      const GError     *error);

G_END_DECLS
