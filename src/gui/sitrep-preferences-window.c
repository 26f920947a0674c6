/* sitrep-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Preferences: who you are (the author recorded on everything you do), how
 * Sitrep looks, and where the journal is kept. Every change is saved at
 * once; there is nothing to apply. */

#define G_LOG_DOMAIN "sitrep-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-preferences-window.h"
#include "sitrep-war-room.h"

struct _SitrepPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Owned */
  GSettings            *settings;
  char                 *journal_path;

  /* Template children */
  AdwEntryRow          *author_row;
  AdwPreferencesGroup  *cadence_group;
  GtkSwitch            *read_only_switch;
  AdwEntryRow          *trace_row;
  GtkSpinButton        *triage_spin;
  AdwPreferencesGroup  *author_group;
  AdwComboRow          *style_row;
  AdwActionRow         *journal_row;
};

G_DEFINE_FINAL_TYPE (SitrepPreferencesWindow, sitrep_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The order of the style row's items. */
static const char * const color_schemes[] = { "default", "light", "dark" };

static gboolean
scheme_to_position (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    {
      if (g_str_equal (scheme, color_schemes[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
position_to_scheme (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (color_schemes))
    position = 0;

  return g_variant_new_string (color_schemes[position]);
}

static void
open_folder_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SitrepPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
    }
}

static void
on_open_folder_clicked_cb (SitrepPreferencesWindow *self)
{
  g_autofree char *dir = g_path_get_dirname (self->journal_path);
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autofree char *uri = g_file_get_uri (file);

  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, open_folder_cb, g_object_ref (self));
}

/* One row per severity; the severity is named by its label. */
static void
add_cadence_rows (SitrepPreferencesWindow *self)
{
  for (int i = SITREP_SEVERITY_SEV1; i <= SITREP_SEVERITY_LAST; i++)
    {
      g_autofree char *key = g_strdup_printf ("update-cadence-sev%d", i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 1440, 5);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sitrep_severity_get_label (i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sitrep_severity_get_definition (i));
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      sitrep_severity_get_label (i), -1);
      g_settings_bind (self->settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (self->cadence_group, row);
    }
}

static void
sitrep_preferences_window_dispose (GObject *object)
{
  SitrepPreferencesWindow *self = (SitrepPreferencesWindow *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->journal_path, g_free);

  G_OBJECT_CLASS (sitrep_preferences_window_parent_class)->dispose (object);
}

static void
sitrep_preferences_window_class_init (SitrepPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sitrep/Sitrep/ui/sitrep-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, author_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, cadence_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, read_only_switch);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, trace_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, triage_spin);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, author_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, journal_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, style_row);
  gtk_widget_class_bind_template_callback (widget_class, on_open_folder_clicked_cb);
}

static void
sitrep_preferences_window_init (SitrepPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SitrepPreferencesWindow *
sitrep_preferences_window_new (GtkWindow  *parent,
                               GSettings  *settings,
                               const char *journal_path)
{
  SitrepPreferencesWindow *self;
  g_autofree char *description = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (journal_path != NULL, NULL);

  self = g_object_new (SITREP_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->settings = g_object_ref (settings);
  self->journal_path = g_strdup (journal_path);

  g_settings_bind (settings, "author-name", self->author_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "triage-target", self->triage_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "trace-url-template", self->trace_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "read-only", self->read_only_switch, "active", G_SETTINGS_BIND_DEFAULT);
  add_cadence_rows (self);
  g_settings_bind_with_mapping (settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                scheme_to_position, position_to_scheme, NULL, NULL);

  /* The group's description is markup; the account name is not. */
  description = g_markup_printf_escaped (
    /* Translators: %s is the name of the user's account. */
    _("Recorded as the author of everything you do in Sitrep. "
      "Leave it empty to use your account’s name, %s."),
    sitrep_war_room_get_system_author ());
  adw_preferences_group_set_description (self->author_group, description);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->journal_row), FALSE);
  adw_action_row_set_subtitle (self->journal_row, journal_path);

  return self;
}
