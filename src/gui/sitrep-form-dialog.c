/* sitrep-form-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The dialog every act on an incident goes through: a few fields, Cancel
 * and one confirming button. Confirming emits "submit"; the handler starts
 * the war room command and calls sitrep_form_dialog_finish() with its
 * outcome. Until then the dialog is busy and cannot be closed, so nothing
 * typed is lost; on an error it stays open with everything still there and
 * says why; on success it closes. Ctrl+Enter confirms, Escape cancels. */

#define G_LOG_DOMAIN "sitrep-form-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-form-dialog.h"

struct _SitrepFormDialog
{
  AdwWindow             parent_instance;

  GCancellable         *cancellable;
  GHashTable           *fields;     /* key → GtkWidget */
  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *group;      /* the last one added */
  GtkLabel             *error_label;
  GtkButton            *confirm_button;
  GtkButton            *cancel_button;
  GtkSpinner           *spinner;

  guint                 busy : 1;
};

G_DEFINE_FINAL_TYPE (SitrepFormDialog, sitrep_form_dialog, ADW_TYPE_WINDOW)

enum {
  SUBMIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_busy (SitrepFormDialog *self,
          gboolean          busy)
{
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), !busy);
}

static void
submit (SitrepFormDialog *self)
{
  if (self->busy)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  set_busy (self, TRUE);
  g_signal_emit (self, signals[SUBMIT], 0);
}

static void
sitrep_form_dialog_submit_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  submit (SITREP_FORM_DIALOG (widget));
}

static void
on_entry_activate_cb (SitrepFormDialog *self)
{
  submit (self);
}

static gboolean
sitrep_form_dialog_close_request (GtkWindow *window)
{
  SitrepFormDialog *self = SITREP_FORM_DIALOG (window);

  /* The journal has not answered yet: closing now would hide the outcome. */
  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (sitrep_form_dialog_parent_class)->close_request (window);
}

static void
sitrep_form_dialog_dispose (GObject *object)
{
  SitrepFormDialog *self = (SitrepFormDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->fields, g_hash_table_unref);

  G_OBJECT_CLASS (sitrep_form_dialog_parent_class)->dispose (object);
}

static void
sitrep_form_dialog_class_init (SitrepFormDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sitrep_form_dialog_dispose;
  window_class->close_request = sitrep_form_dialog_close_request;

  /**
   * SitrepFormDialog::submit:
   *
   * The person confirmed. The handler starts the act and calls
   * sitrep_form_dialog_finish() when it is done.
   */
  signals[SUBMIT] = g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "form.submit", NULL, sitrep_form_dialog_submit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "form.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "form.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sitrep_form_dialog_init (SitrepFormDialog *self)
{
  GtkWidget *box, *header, *title;

  self->cancellable = g_cancellable_new ();
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 620);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  title = adw_window_title_new ("", NULL);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  g_object_bind_property (self, "title", title, "title", G_BINDING_SYNC_CREATE);

  self->cancel_button = GTK_BUTTON (gtk_button_new_with_label (_("Cancel")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->cancel_button));

  self->confirm_button = GTK_BUTTON (gtk_button_new ());
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->confirm_button), "form.submit");
  gtk_widget_add_css_class (GTK_WIDGET (self->confirm_button), "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->confirm_button));

  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (box), header);

  /* Errors are plain text, read out as an alert. */
  self->error_label = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, NULL);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->error_label), 24);
  gtk_widget_set_margin_end (GTK_WIDGET (self->error_label), 24);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->page), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->page));

  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * sitrep_form_dialog_new:
 * @parent: the window it belongs to
 * @title: what the act is ("Post Status Update")
 * @confirm_label: the confirming button ("Post")
 *
 * Returns: (transfer none): a new dialog; add its fields, connect to
 *   #SitrepFormDialog::submit and present it
 */
SitrepFormDialog *
sitrep_form_dialog_new (GtkWindow  *parent,
                        const char *title,
                        const char *confirm_label)
{
  SitrepFormDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (SITREP_TYPE_FORM_DIALOG,
                       "transient-for", parent,
                       "title", title,
                       NULL);
  gtk_button_set_label (self->confirm_button, confirm_label);

  return self;
}

/**
 * sitrep_form_dialog_add_group:
 * @title: (nullable): the group's title
 * @description: (nullable): plain text under it
 *
 * Starts a new group; the fields added next go into it.
 *
 * Returns: (transfer none): the group
 */
AdwPreferencesGroup *
sitrep_form_dialog_add_group (SitrepFormDialog *self,
                              const char       *title,
                              const char       *description)
{
  g_autofree char *escaped_title = NULL;
  g_autofree char *escaped_description = NULL;

  g_return_val_if_fail (SITREP_IS_FORM_DIALOG (self), NULL);

  /* Titles and descriptions of groups are markup in libadwaita 1.2. */
  escaped_title = title != NULL ? g_markup_escape_text (title, -1) : NULL;
  escaped_description = description != NULL ? g_markup_escape_text (description, -1) : NULL;

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, escaped_title != NULL ? escaped_title : "");
  adw_preferences_group_set_description (self->group, escaped_description);
  adw_preferences_page_add (self->page, self->group);

  return self->group;
}

static AdwPreferencesGroup *
current_group (SitrepFormDialog *self)
{
  if (self->group == NULL)
    sitrep_form_dialog_add_group (self, NULL, NULL);

  return self->group;
}

static void
add_field (SitrepFormDialog *self,
           const char       *key,
           GtkWidget        *widget)
{
  g_return_if_fail (!g_hash_table_contains (self->fields, key));

  g_hash_table_insert (self->fields, g_strdup (key), widget);
}

/**
 * sitrep_form_dialog_add_entry:
 * @text: (nullable): the initial text
 *
 * Adds a one-line field; Enter in it confirms.
 *
 * Returns: (transfer none): the row
 */
AdwEntryRow *
sitrep_form_dialog_add_entry (SitrepFormDialog *self,
                              const char       *key,
                              const char       *title,
                              const char       *text)
{
  AdwEntryRow *row;

  g_return_val_if_fail (SITREP_IS_FORM_DIALOG (self), NULL);

  row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (on_entry_activate_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (current_group (self), GTK_WIDGET (row));
  add_field (self, key, GTK_WIDGET (row));

  if (g_hash_table_size (self->fields) == 1)
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (row));

  return row;
}

/**
 * sitrep_form_dialog_add_text:
 *
 * Adds a field of several lines, under a title of its own.
 *
 * Returns: (transfer none): the text view
 */
GtkTextView *
sitrep_form_dialog_add_text (SitrepFormDialog *self,
                             const char       *key,
                             const char       *title,
                             const char       *text)
{
  GtkWidget *box, *label, *frame, *view;

  g_return_val_if_fail (SITREP_IS_FORM_DIALOG (self), NULL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 6);

  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 80);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text != NULL ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "view");
  gtk_box_append (GTK_BOX (box), frame);

  adw_preferences_group_add (current_group (self), box);
  add_field (self, key, view);

  if (g_hash_table_size (self->fields) == 1)
    gtk_window_set_focus (GTK_WINDOW (self), view);

  return GTK_TEXT_VIEW (view);
}

/**
 * sitrep_form_dialog_add_switch:
 * @subtitle: (nullable): plain text under the title
 *
 * Returns: (transfer none): the switch
 */
GtkSwitch *
sitrep_form_dialog_add_switch (SitrepFormDialog *self,
                               const char       *key,
                               const char       *title,
                               const char       *subtitle,
                               gboolean          active)
{
  GtkWidget *row, *toggle;

  g_return_val_if_fail (SITREP_IS_FORM_DIALOG (self), NULL);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  toggle = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  /* The row names its activatable widget already. */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

  adw_preferences_group_add (current_group (self), row);
  add_field (self, key, toggle);

  return GTK_SWITCH (toggle);
}

/**
 * sitrep_form_dialog_add_spin:
 * @subtitle: (nullable): plain text under the title
 *
 * Returns: (transfer none): the spin button
 */
GtkSpinButton *
sitrep_form_dialog_add_spin (SitrepFormDialog *self,
                             const char       *key,
                             const char       *title,
                             const char       *subtitle,
                             double            value,
                             double            lower,
                             double            upper)
{
  GtkWidget *row, *spin;

  g_return_val_if_fail (SITREP_IS_FORM_DIALOG (self), NULL);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  spin = gtk_spin_button_new_with_range (lower, upper, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);

  adw_preferences_group_add (current_group (self), row);
  add_field (self, key, spin);

  return GTK_SPIN_BUTTON (spin);
}

static GtkWidget *
lookup_field (SitrepFormDialog *self,
              const char       *key)
{
  GtkWidget *widget = g_hash_table_lookup (self->fields, key);

  g_return_val_if_fail (widget != NULL, NULL);

  return widget;
}

void
sitrep_form_dialog_set_text (SitrepFormDialog *self,
                             const char       *key,
                             const char       *text)
{
  GtkWidget *widget;

  g_return_if_fail (SITREP_IS_FORM_DIALOG (self));

  if (!(widget = lookup_field (self, key)))
    return;

  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text ? text : "", -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text ? text : "");
}

/**
 * sitrep_form_dialog_dup_text:
 *
 * Returns: (transfer full): the text of the field @key, as typed
 */
char *
sitrep_form_dialog_dup_text (SitrepFormDialog *self,
                             const char       *key)
{
  GtkWidget *widget;

  g_return_val_if_fail (SITREP_IS_FORM_DIALOG (self), NULL);

  if (!(widget = lookup_field (self, key)))
    return g_strdup ("");

  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

/**
 * sitrep_form_dialog_add_choice:
 * @labels: (array zero-terminated=1): the choices, in words
 * @active: the one chosen at first
 *
 * A drop-down of a few choices, read with sitrep_form_dialog_get_choice().
 */
AdwComboRow *
sitrep_form_dialog_add_choice (SitrepFormDialog   *self,
                               const char         *key,
                               const char         *title,
                               const char * const *labels,
                               guint               active)
{
  GtkWidget *row;
  g_autoptr(GtkStringList) model = NULL;

  g_return_val_if_fail (SITREP_IS_FORM_DIALOG (self), NULL);

  model = gtk_string_list_new (labels);
  row = adw_combo_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), active);

  adw_preferences_group_add (current_group (self), row);
  add_field (self, key, row);

  return ADW_COMBO_ROW (row);
}

/**
 * sitrep_form_dialog_get_choice:
 *
 * Returns: the position of the choice made in the drop-down @key
 */
guint
sitrep_form_dialog_get_choice (SitrepFormDialog *self,
                               const char       *key)
{
  GtkWidget *widget;

  g_return_val_if_fail (SITREP_IS_FORM_DIALOG (self), 0);

  widget = lookup_field (self, key);
  return widget != NULL ? adw_combo_row_get_selected (ADW_COMBO_ROW (widget)) : 0;
}

gboolean
sitrep_form_dialog_get_active (SitrepFormDialog *self,
                               const char       *key)
{
  GtkWidget *widget;

  g_return_val_if_fail (SITREP_IS_FORM_DIALOG (self), FALSE);

  widget = lookup_field (self, key);
  return widget != NULL && gtk_switch_get_active (GTK_SWITCH (widget));
}

double
sitrep_form_dialog_get_value (SitrepFormDialog *self,
                              const char       *key)
{
  GtkWidget *widget;

  g_return_val_if_fail (SITREP_IS_FORM_DIALOG (self), 0);

  if (!(widget = lookup_field (self, key)))
    return 0;

  gtk_spin_button_update (GTK_SPIN_BUTTON (widget));
  return gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget));
}

/**
 * sitrep_form_dialog_get_cancellable:
 *
 * Returns: (transfer none): cancelled when the dialog goes away
 */
GCancellable *
sitrep_form_dialog_get_cancellable (SitrepFormDialog *self)
{
  g_return_val_if_fail (SITREP_IS_FORM_DIALOG (self), NULL);

  return self->cancellable;
}

/**
 * sitrep_form_dialog_finish:
 * @error: (nullable): why the act failed, or %NULL if it was done
 *
 * Closes the dialog when the act was done; otherwise keeps it open with
 * everything typed and shows @error's message.
 */
void
sitrep_form_dialog_finish (SitrepFormDialog *self,
                           const GError     *error)
{
  g_return_if_fail (SITREP_IS_FORM_DIALOG (self));

  set_busy (self, FALSE);

  if (error == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}
