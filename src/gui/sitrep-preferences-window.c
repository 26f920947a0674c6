/* sitrep-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Preferences: who you are (the author recorded on everything you do), how
 * Sitrep looks, where the journal is kept, and what it watches: the
 * monitoring sources with their health as it is now, the key metrics, the
 * rules that suggest a severity from alerts, and Alertmanager's webhook.
 * Every change is saved at once; there is nothing to apply.
 *
 * The monitoring lists follow their settings, whoever changes them: after
 * a change they are updated in place when the same entries are still
 * there (so a switch keeps the focus), rebuilt otherwise. A source's row
 * follows the monitor's running source of the same id. Whatever a source
 * says (its errors, a status page's words) is shown as plain text. */

#define G_LOG_DOMAIN "sitrep-preferences-window"

#include "config.h"

#include <math.h>

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-alert-rules.h"
#include "sitrep-credentials.h"
#include "sitrep-form-dialog.h"
#include "sitrep-kpi.h"
#include "sitrep-kpi-dialog.h"
#include "sitrep-preferences-window.h"
#include "sitrep-settings-list.h"
#include "sitrep-source-dialog.h"
#include "sitrep-war-room.h"
#include "sitrep-weak-ref.h"

/* The keyring account of the webhook's shared secret. */
#define WEBHOOK_ACCOUNT "webhook"

struct _SitrepPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Owned */
  GSettings            *settings;
  char                 *journal_path;
  SitrepMonitor        *monitor;          /* or NULL */
  GCancellable         *cancellable;
  GPtrArray            *source_rows;      /* SourceRow, each owned by its row */
  GVariant             *shown_kpis;       /* the settings the lists show */
  GVariant             *shown_rules;
  GVariant             *shown_sources;
  guint                 refresh_id;
  guint                 tick_id;

  /* Template children */
  AdwEntryRow          *author_row;
  AdwPreferencesGroup  *cadence_group;
  GtkSwitch            *read_only_switch;
  AdwEntryRow          *trace_row;
  GtkSpinButton        *triage_spin;
  AdwPreferencesGroup  *author_group;
  AdwComboRow          *style_row;
  AdwActionRow         *journal_row;
  GtkListBox           *sources_list;
  GtkListBox           *kpis_list;
  GtkListBox           *rules_list;
  GtkSwitch            *webhook_switch;
  GtkSpinButton        *webhook_port_spin;
  GtkSpinButton        *connect_timeout_spin;
  GtkSpinButton        *request_timeout_spin;
  AdwActionRow         *webhook_address_row;
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

static gboolean
share_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  g_value_set_double (value, round (g_variant_get_double (variant) * 1000) / 10);
  return TRUE;
}

static GVariant *
share_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  return g_variant_new_double (g_value_get_double (value) / 100);
}

static GtkWidget *
add_spin_row (AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle,
              double               lower,
              double               upper,
              double               step,
              guint                digits)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);

  return spin;
}

/* The blast radius' thresholds and the wall's rotation, after the
 * cadences on the Incidents page. */
static void
add_blast_and_wall_rows (SitrepPreferencesWindow *self)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self->cadence_group), ADW_TYPE_PREFERENCES_PAGE);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *spin;

  adw_preferences_group_set_title (group, _("Blast Radius and Wall Display"));
  adw_preferences_group_set_description (group, _("The blast radius suggests a severity; the IC "
                                                  "accepts or dismisses it."));

  spin = add_spin_row (group, _("Suggest SEV1 Above"), _("Percent of users affected"), 0.1, 100, 0.5, 1);
  g_settings_bind_with_mapping (self->settings, "sev1-share", spin, "value", G_SETTINGS_BIND_DEFAULT,
                                share_get_mapping, share_set_mapping, NULL, NULL);
  spin = add_spin_row (group, _("Suggest SEV2 Above"), _("Percent of users affected"), 0.1, 100, 0.5, 1);
  g_settings_bind_with_mapping (self->settings, "sev2-share", spin, "value", G_SETTINGS_BIND_DEFAULT,
                                share_get_mapping, share_set_mapping, NULL, NULL);
  spin = add_spin_row (group, _("Wall Display Rotation"),
                       _("Seconds each other active incident is shown on the wall"), 3, 600, 1, 0);
  g_settings_bind (self->settings, "wall-rotate-seconds", spin, "value", G_SETTINGS_BIND_DEFAULT);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
}

/* Monitoring */

static char *
dup_member (GVariant   *dict,
            const char *key)
{
  const char *value = NULL;

  if (!g_variant_lookup (dict, key, "&s", &value))
    return g_strdup ("");

  return g_strdup (value);
}

static void
add_toast (SitrepPreferencesWindow *self,
           const char              *text)
{
  /* A toast's title is markup; what it says is not. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

static GtkWidget *
new_icon_button (const char *icon_name,
                 const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

/* Takes @label. */
static void
set_accessible_label (GtkWidget *widget,
                      char      *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_free (label);
}

static GtkWidget *
new_row (const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names come from people and errors from servers: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);

  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)))
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static SitrepHttp *
get_http (SitrepPreferencesWindow *self)
{
  return self->monitor != NULL ? sitrep_monitor_get_http (self->monitor) : NULL;
}

static char *
format_age (gint64 age_us)
{
  gint64 seconds = MAX (age_us, 0) / G_USEC_PER_SEC;

  if (seconds < 60)
    /* Translators: an age in seconds, as in "fetched 5 s ago". */
    return g_strdup_printf (_("%d s"), (int)seconds);

  if (seconds < 60 * 60)
    /* Translators: an age in minutes, as in "fetched 3 min ago". */
    return g_strdup_printf (_("%d min"), (int)(seconds / 60));

  if (seconds < 24 * 60 * 60)
    /* Translators: an age in hours, as in "fetched 2 h ago". */
    return g_strdup_printf (_("%d h"), (int)(seconds / (60 * 60)));

  /* Translators: an age in days, as in "fetched 3 d ago". */
  return g_strdup_printf (_("%d d"), (int)MIN (seconds / (24 * 60 * 60), G_MAXINT));
}

/* Removing a source or a metric, once confirmed: its secret first (if it
 * has one), then its entry. It goes through even if the window closes. */
typedef struct
{
  GWeakRef    window;
  GSettings  *settings;
  const char *key;       /* static */
  GVariant   *entry;
  char       *name;
  char       *account;   /* the keyring account to clear first, or NULL */
} Removal;

static void
removal_clear (Removal *removal)
{
  g_weak_ref_clear (&removal->window);
  g_clear_object (&removal->settings);
  g_clear_pointer (&removal->entry, g_variant_unref);
  g_free (removal->name);
  g_free (removal->account);
}

static void
removal_release (Removal *removal)
{
  g_rc_box_release_full (removal, (GDestroyNotify)removal_clear);
}

static void
finish_removal (Removal      *removal,
                const GError *error)
{
  g_autoptr(SitrepPreferencesWindow) self = g_weak_ref_get (&removal->window);
  gboolean removed = sitrep_settings_list_replace (removal->settings, removal->key, removal->entry, NULL, FALSE);
  g_autofree char *message = NULL;

  if (self == NULL)
    return;

  if (!removed)
    /* Translators: %s is the name of a source or a key metric. */
    message = g_strdup_printf (_("“%s” was not removed: Sitrep’s settings cannot be changed."),
                               removal->name);
  else if (error != NULL)
    /* Translators: %s is the name of a source, then why the keyring failed. */
    message = g_strdup_printf (_("“%s” was removed, but its secret could not be deleted. %s"),
                               removal->name, error->message);

  if (message != NULL)
    add_toast (self, message);
}

static void
secret_deleted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Removal *removal = user_data;
  g_autoptr(GError) error = NULL;

  sitrep_credentials_delete_finish (result, &error);
  finish_removal (removal, error);
  removal_release (removal);
}

static void
on_removal_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        Removal          *removal)
{
  if (g_strcmp0 (response, "remove") != 0)
    return;

  if (removal->account == NULL)
    {
      finish_removal (removal, NULL);
      return;
    }

  sitrep_credentials_delete_async (removal->account, NULL, secret_deleted_cb,
                                   g_rc_box_acquire (removal));
}

static void
confirm_removal (SitrepPreferencesWindow *self,
                 const char              *key,
                 GVariant                *entry,
                 const char              *name,
                 const char              *account,
                 const char              *body)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  Removal *removal;

  removal = g_rc_box_new0 (Removal);
  g_weak_ref_init (&removal->window, self);
  removal->settings = g_object_ref (self->settings);
  removal->key = key;
  removal->entry = g_variant_ref (entry);
  removal->name = g_strdup (name);
  removal->account = g_strdup (account);

  /* Translators: %s is the name of a source or a key metric. */
  heading = g_strdup_printf (_("Remove “%s”?"), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_removal_response_cb),
                         removal, (GClosureNotify)removal_release, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A row of the sources group: an entry of the "sources" setting and the
 * monitor's running source of the same id. */
typedef struct
{
  SitrepPreferencesWindow *self;          /* borrowed */
  AdwActionRow            *row;           /* owns this */
  GtkSwitch               *toggle;
  GtkWidget               *edit_button;
  GtkWidget               *remove_button;
  GVariant                *entry;
  char                    *id;            /* "" for an entry without one */
  SitrepSource            *config;        /* @entry as the monitor reads it, or NULL */
  char                    *config_error;  /* why it cannot be used */
  SitrepSource            *live;          /* the running source, or NULL */
  gulong                   live_handler;
} SourceRow;

static void source_row_update (SourceRow *sr,
                               gint64     now);

static void
on_live_notify_cb (SitrepSource *live,
                   GParamSpec   *pspec,
                   SourceRow    *sr)
{
  source_row_update (sr, g_get_real_time ());
}

static void
source_row_watch (SourceRow    *sr,
                  SitrepSource *live)
{
  if (sr->live == live)
    return;

  if (sr->live != NULL)
    g_clear_signal_handler (&sr->live_handler, sr->live);
  g_set_object (&sr->live, live);
  if (live != NULL)
    sr->live_handler = g_signal_connect (live, "notify", G_CALLBACK (on_live_notify_cb), sr);
}

static void
source_row_free (SourceRow *sr)
{
  source_row_watch (sr, NULL);
  g_clear_pointer (&sr->entry, g_variant_unref);
  g_clear_object (&sr->config);
  g_free (sr->config_error);
  g_free (sr->id);
  g_free (sr);
}

static void
source_row_set_entry (SourceRow *sr,
                      GVariant  *entry)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&sr->entry, g_variant_unref);
  g_clear_object (&sr->config);
  g_clear_pointer (&sr->config_error, g_free);
  g_clear_pointer (&sr->id, g_free);

  sr->entry = g_variant_ref (entry);
  sr->id = dup_member (entry, "id");
  if (!(sr->config = sitrep_source_new_from_variant (entry, &error)))
    sr->config_error = g_strdup (error->message);
}

static char *
describe_health (SourceRow *sr,
                 gint64     now)
{
  const char *error;

  if (sr->config == NULL)
    /* Translators: %s says why a source's settings cannot be used. */
    return g_strdup_printf (_("Not used: %s"), sr->config_error);

  if (!sitrep_source_get_enabled (sr->config))
    return g_strdup (_("Off"));

  if (sr->live == NULL)
    return g_strdup (_("Connecting…"));

  error = sitrep_source_get_last_error (sr->live);

  switch (sitrep_source_get_health (sr->live))
    {
    case SITREP_SOURCE_HEALTH_HEALTHY:
      {
        gint64 fetched_at = sitrep_source_get_fetched_at (sr->live);
        const char *detail = sitrep_source_get_detail (sr->live);
        g_autofree char *age = NULL;

        if (fetched_at == 0)
          return g_strdup (_("Healthy"));

        age = format_age (now - fetched_at);
        if (detail != NULL && *detail != '\0')
          /* Translators: what a status page says of itself ("All Systems
           * Operational"), then an age such as "5 s". */
          return g_strdup_printf (_("Healthy · %s · fetched %s ago"), detail, age);

        /* Translators: %s is an age such as "5 s". */
        return g_strdup_printf (_("Healthy · fetched %s ago"), age);
      }

    case SITREP_SOURCE_HEALTH_FAILING:
      if (error == NULL)
        return g_strdup (_("Failing"));
      /* Translators: %s is why the last poll failed. */
      return g_strdup_printf (_("Failing: %s"), error);

    case SITREP_SOURCE_HEALTH_AUTH_FAILED:
      if (error == NULL)
        return g_strdup (_("Authentication failed"));
      /* Translators: %s is what the server said of the credentials. */
      return g_strdup_printf (_("Authentication failed: %s"), error);

    case SITREP_SOURCE_HEALTH_DISABLED:
      return g_strdup (_("Off"));

    case SITREP_SOURCE_HEALTH_UNKNOWN:
    default:
      return g_strdup (_("Connecting…"));
    }
}

static void
source_row_update (SourceRow *sr,
                   gint64     now)
{
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *health = NULL;
  g_autofree char *subtitle = NULL;
  gboolean enabled = TRUE;

  if (sr->config != NULL)
    {
      name = g_strdup (sitrep_source_get_name (sr->config));
      url = g_strdup (sitrep_source_get_url (sr->config));
      kind = g_strdup (sitrep_source_kind_get_label (sitrep_source_get_kind (sr->config)));
      enabled = sitrep_source_get_enabled (sr->config);
    }
  else
    {
      name = dup_member (sr->entry, "name");
      url = dup_member (sr->entry, "url");
      kind = dup_member (sr->entry, "kind");
      g_variant_lookup (sr->entry, "enabled", "b", &enabled);
      if (*name == '\0')
        {
          g_free (name);
          name = g_strdup (*url != '\0' ? url : _("Unnamed Source"));
        }
    }

  health = describe_health (sr, now);
  /* Translators: a source's kind and address, such as "Prometheus ·
   * https://prometheus.example.com", then its health on a second line. */
  subtitle = g_strdup_printf (_("%s · %s\n%s"), kind, url, health);

  adw_action_row_set_subtitle (sr->row, subtitle);

  g_signal_handlers_block_matched (sr->toggle, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, sr);
  gtk_switch_set_active (sr->toggle, enabled);
  g_signal_handlers_unblock_matched (sr->toggle, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, sr);

  /* The clock ticks every second; the names change far less often. */
  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (sr->row)), name) == 0)
    return;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (sr->row), name);
  /* Translators: what a screen reader calls a source's switch; %s is its name. */
  set_accessible_label (GTK_WIDGET (sr->toggle), g_strdup_printf (_("Enable “%s”"), name));
  /* Translators: %s is a source's name. */
  set_accessible_label (sr->edit_button, g_strdup_printf (_("Edit “%s”"), name));
  /* Translators: %s is a source's name. */
  set_accessible_label (sr->remove_button, g_strdup_printf (_("Remove “%s”"), name));
}

static void
on_source_toggled_cb (SourceRow *sr)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (sr->entry);
  g_autoptr(GVariant) changed = NULL;

  g_variant_dict_insert (&dict, "enabled", "b", gtk_switch_get_active (sr->toggle));
  changed = g_variant_ref_sink (g_variant_dict_end (&dict));

  if (!sitrep_settings_list_replace (sr->self->settings, "sources", sr->entry, changed, FALSE))
    {
      add_toast (sr->self, _("The source was not changed: Sitrep’s settings cannot be changed."));
      return;
    }

  /* Until the lists are refreshed, the row stands for the new entry. */
  source_row_set_entry (sr, changed);
}

static void
on_source_edit_cb (SourceRow *sr)
{
  SitrepPreferencesWindow *self = sr->self;
  SitrepSourceDialog *dialog;

  dialog = sitrep_source_dialog_new (GTK_WINDOW (self), self->settings, get_http (self), sr->entry);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_source_remove_cb (SourceRow *sr)
{
  g_autofree char *account = NULL;
  const char *body;

  /* A source that authenticates has a secret in the keyring to forget. */
  if (sr->config != NULL && sitrep_source_get_auth (sr->config) != SITREP_SOURCE_AUTH_NONE)
    {
      account = sitrep_source_dup_account (sr->config);
      body = _("Sitrep stops polling it, forgets its alerts and deletes its secret from your keyring.");
    }
  else
    body = _("Sitrep stops polling it and forgets its alerts.");

  confirm_removal (sr->self, "sources", sr->entry,
                   adw_preferences_row_get_title (ADW_PREFERENCES_ROW (sr->row)), account, body);
}

static SourceRow *
source_row_new (SitrepPreferencesWindow *self,
                GVariant                *entry)
{
  SourceRow *sr = g_new0 (SourceRow, 1);

  sr->self = self;
  sr->row = ADW_ACTION_ROW (new_row (""));
  source_row_set_entry (sr, entry);

  sr->toggle = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (sr->toggle), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (sr->toggle, "notify::active", G_CALLBACK (on_source_toggled_cb), sr);

  sr->edit_button = new_icon_button ("document-edit-symbolic", _("Edit"));
  g_signal_connect_swapped (sr->edit_button, "clicked", G_CALLBACK (on_source_edit_cb), sr);

  sr->remove_button = new_icon_button ("user-trash-symbolic", _("Remove"));
  g_signal_connect_swapped (sr->remove_button, "clicked", G_CALLBACK (on_source_remove_cb), sr);

  adw_action_row_add_suffix (sr->row, GTK_WIDGET (sr->toggle));
  adw_action_row_add_suffix (sr->row, sr->edit_button);
  adw_action_row_add_suffix (sr->row, sr->remove_button);

  /* Activating the row edits the source. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (sr->row), TRUE);
  g_signal_connect_swapped (sr->row, "activated", G_CALLBACK (on_source_edit_cb), sr);

  g_object_set_data_full (G_OBJECT (sr->row), "sitrep-source-row", sr, (GDestroyNotify)source_row_free);

  return sr;
}

static void
update_source_rows (SitrepPreferencesWindow *self)
{
  gint64 now = g_get_real_time ();

  for (guint i = 0; i < self->source_rows->len; i++)
    source_row_update (g_ptr_array_index (self->source_rows, i), now);
}

/* Each row follows the monitor's source of its id; the monitor replaces a
 * source whose configuration changed. */
static void
match_live_sources (SitrepPreferencesWindow *self)
{
  for (guint i = 0; i < self->source_rows->len; i++)
    {
      SourceRow *sr = g_ptr_array_index (self->source_rows, i);
      SitrepSource *live = NULL;

      if (self->monitor != NULL && *sr->id != '\0')
        live = sitrep_monitor_lookup_source (self->monitor, sr->id);
      source_row_watch (sr, live);
    }

  update_source_rows (self);
}

static void
refresh_sources (SitrepPreferencesWindow *self,
                 GVariant                *sources)
{
  gsize n = g_variant_n_children (sources);
  gboolean same = n == self->source_rows->len;

  for (gsize i = 0; same && i < n; i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (sources, i);
      SourceRow *sr = g_ptr_array_index (self->source_rows, i);

      same = sitrep_settings_list_same_entry (entry, sr->entry);
    }

  if (same)
    {
      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) entry = g_variant_get_child_value (sources, i);

          source_row_set_entry (g_ptr_array_index (self->source_rows, i), entry);
        }
    }
  else
    {
      g_ptr_array_set_size (self->source_rows, 0);
      clear_list (self->sources_list);

      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) entry = g_variant_get_child_value (sources, i);
          SourceRow *sr = source_row_new (self, entry);

          g_ptr_array_add (self->source_rows, sr);
          gtk_list_box_append (self->sources_list, GTK_WIDGET (sr->row));
        }
    }

  match_live_sources (self);
}

/* The name of the source of id @id in @sources, or NULL. */
static char *
dup_source_name (GVariant   *sources,
                 const char *id)
{
  for (gsize i = 0; i < g_variant_n_children (sources); i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (sources, i);
      g_autoptr(SitrepSource) source = NULL;
      g_autofree char *entry_id = dup_member (entry, "id");

      if (!g_str_equal (entry_id, id))
        continue;

      if ((source = sitrep_source_new_from_variant (entry, NULL)))
        return g_strdup (sitrep_source_get_name (source));

      return dup_member (entry, "name");
    }

  return NULL;
}

static GVariant *
get_row_entry (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return g_object_get_data (G_OBJECT (row), "sitrep-entry");
}

static void
on_kpi_edit_cb (GtkWidget               *widget,
                SitrepPreferencesWindow *self)
{
  SitrepKpiDialog *dialog = sitrep_kpi_dialog_new (GTK_WINDOW (self), self->settings,
                                                   get_row_entry (widget));

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_kpi_remove_cb (GtkWidget               *widget,
                  SitrepPreferencesWindow *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  confirm_removal (self, "kpis", get_row_entry (widget),
                   adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), NULL,
                   _("Its tile disappears from every incident."));
}

static GtkWidget *
create_kpi_row (SitrepPreferencesWindow *self,
                GVariant                *entry,
                GVariant                *sources)
{
  g_autoptr(SitrepKpi) kpi = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = dup_member (entry, "name");
  g_autofree char *query = dup_member (entry, "query");
  g_autofree char *second_line = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *button;

  if ((kpi = sitrep_kpi_new_from_variant (entry, &error)))
    {
      g_autofree char *threshold = sitrep_kpi_describe_threshold (kpi);
      const char *source_id = sitrep_kpi_get_source_id (kpi);
      g_autofree char *source = NULL;

      if (*source_id == '\0')
        source = g_strdup (_("first Prometheus source"));
      else if (!(source = dup_source_name (sources, source_id)))
        source = g_strdup (_("a source no longer configured"));

      /* Translators: a threshold ("Breach above 2.00 %"), then the source
       * the query is asked of. */
      second_line = g_strdup_printf (_("%s · from %s"), threshold, source);
    }
  else
    /* Translators: %s says why a key metric's settings cannot be used. */
    second_line = g_strdup_printf (_("Not used: %s"), error->message);

  if (*name == '\0')
    {
      g_free (name);
      name = g_strdup (_("Unnamed Metric"));
    }
  else if (kpi != NULL)
    {
      g_free (name);
      name = g_strdup (sitrep_kpi_get_display_name (kpi));
    }

  row = new_row (name);
  subtitle = g_strdup_printf ("%s\n%s", query, second_line);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "sitrep-entry", g_variant_ref (entry),
                          (GDestroyNotify)g_variant_unref);

  button = new_icon_button ("document-edit-symbolic", _("Edit"));
  /* Translators: %s is a key metric's name. */
  set_accessible_label (button, g_strdup_printf (_("Edit “%s”"), name));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_kpi_edit_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_kpi_edit_cb), self, 0);

  button = new_icon_button ("user-trash-symbolic", _("Remove"));
  /* Translators: %s is a key metric's name. */
  set_accessible_label (button, g_strdup_printf (_("Remove “%s”"), name));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_kpi_remove_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
refresh_kpis (SitrepPreferencesWindow *self,
              GVariant                *kpis,
              GVariant                *sources)
{
  /* The rows name the sources the queries are asked of. */
  if (self->shown_kpis != NULL && g_variant_equal (kpis, self->shown_kpis) &&
      self->shown_sources != NULL && g_variant_equal (sources, self->shown_sources))
    return;

  clear_list (self->kpis_list);
  for (gsize i = 0; i < g_variant_n_children (kpis); i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (kpis, i);

      gtk_list_box_append (self->kpis_list, create_kpi_row (self, entry, sources));
    }

  g_clear_pointer (&self->shown_kpis, g_variant_unref);
  self->shown_kpis = g_variant_ref (kpis);
}

typedef enum
{
  RULE_SET_SEVERITY,
  RULE_MOVE_UP,
  RULE_REMOVE,
} RuleChange;

/* Changes the rule of the row holding @widget, if the setting still has
 * it where the row says. */
static void
change_rule (SitrepPreferencesWindow *self,
             GtkWidget               *widget,
             RuleChange               change,
             gint32                   severity)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "sitrep-position"));
  const char *matchers = g_object_get_data (G_OBJECT (row), "sitrep-matchers");
  g_autoptr(GVariant) rules = g_settings_get_value (self->settings, "severity-rules");
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  const char *current = NULL;

  if (position >= g_variant_n_children (rules))
    return;

  g_variant_get_child (rules, position, "(&si)", &current, NULL);
  if (g_strcmp0 (current, matchers) != 0)
    return;

  for (gsize i = 0; i < g_variant_n_children (rules); i++)
    g_ptr_array_add (items, g_variant_get_child_value (rules, i));

  switch (change)
    {
    case RULE_SET_SEVERITY:
      g_variant_unref (g_ptr_array_index (items, position));
      g_ptr_array_index (items, position) = g_variant_ref_sink (g_variant_new ("(si)", matchers, severity));
      break;

    case RULE_MOVE_UP:
      if (position == 0)
        return;
      g_ptr_array_insert (items, position, g_ptr_array_steal_index (items, position - 1));
      break;

    case RULE_REMOVE:
      g_ptr_array_remove_index (items, position);
      break;

    default:
      g_assert_not_reached ();
    }

  if (!g_settings_set_value (self->settings, "severity-rules",
                             g_variant_new_array (G_VARIANT_TYPE ("(si)"),
                                                  (GVariant **)items->pdata, items->len)))
    add_toast (self, _("The rules were not changed: Sitrep’s settings cannot be changed."));
}

static void
on_rule_severity_cb (GtkDropDown             *drop_down,
                     GParamSpec              *pspec,
                     SitrepPreferencesWindow *self)
{
  change_rule (self, GTK_WIDGET (drop_down), RULE_SET_SEVERITY,
               SITREP_SEVERITY_SEV1 + (gint32)gtk_drop_down_get_selected (drop_down));
}

static void
on_rule_move_up_cb (GtkWidget               *button,
                    SitrepPreferencesWindow *self)
{
  change_rule (self, button, RULE_MOVE_UP, 0);
}

static void
on_rule_remove_cb (GtkWidget               *button,
                   SitrepPreferencesWindow *self)
{
  change_rule (self, button, RULE_REMOVE, 0);
}

static GtkWidget *
create_rule_row (SitrepPreferencesWindow *self,
                 guint                    position,
                 const char              *matchers,
                 gint32                   severity)
{
  const char *labels[SITREP_SEVERITY_LAST + 1] = { NULL };
  GtkWidget *row, *drop_down, *button;

  for (int i = SITREP_SEVERITY_SEV1; i <= SITREP_SEVERITY_LAST; i++)
    labels[i - SITREP_SEVERITY_SEV1] = sitrep_severity_get_label (i);

  row = new_row (matchers);
  g_object_set_data (G_OBJECT (row), "sitrep-position", GUINT_TO_POINTER (position));
  g_object_set_data_full (G_OBJECT (row), "sitrep-matchers", g_strdup (matchers), g_free);

  drop_down = gtk_drop_down_new_from_strings (labels);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down),
                              severity >= SITREP_SEVERITY_SEV1 && severity <= SITREP_SEVERITY_LAST
                              ? (guint)(severity - SITREP_SEVERITY_SEV1) : GTK_INVALID_LIST_POSITION);
  /* Translators: what a screen reader calls a rule's severity; %s is the rule. */
  set_accessible_label (drop_down, g_strdup_printf (_("Severity for “%s”"), matchers));
  g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (on_rule_severity_cb), self, 0);
  g_object_set_data (G_OBJECT (row), "sitrep-drop-down", drop_down);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);

  button = new_icon_button ("go-up-symbolic", _("Move Up"));
  gtk_widget_set_sensitive (button, position > 0);
  /* Translators: %s is a rule, such as "severity=critical". */
  set_accessible_label (button, g_strdup_printf (_("Move “%s” Up"), matchers));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_rule_move_up_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  button = new_icon_button ("user-trash-symbolic", _("Remove"));
  /* Translators: %s is a rule, such as "severity=critical". */
  set_accessible_label (button, g_strdup_printf (_("Remove “%s”"), matchers));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_rule_remove_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
refresh_rules (SitrepPreferencesWindow *self,
               GVariant                *rules)
{
  gsize n = g_variant_n_children (rules);
  gboolean same_matchers;

  if (self->shown_rules != NULL && g_variant_equal (rules, self->shown_rules))
    return;

  /* Only severities changed: the rows stay, and so does the focus. */
  same_matchers = self->shown_rules != NULL && g_variant_n_children (self->shown_rules) == n;
  for (gsize i = 0; same_matchers && i < n; i++)
    {
      const char *a = NULL, *b = NULL;

      g_variant_get_child (rules, i, "(&si)", &a, NULL);
      g_variant_get_child (self->shown_rules, i, "(&si)", &b, NULL);
      same_matchers = g_str_equal (a, b);
    }

  if (same_matchers)
    {
      for (gsize i = 0; i < n; i++)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->rules_list, i);
          GtkDropDown *drop_down = g_object_get_data (G_OBJECT (row), "sitrep-drop-down");
          gint32 severity = 0;

          g_variant_get_child (rules, i, "(&si)", NULL, &severity);
          g_signal_handlers_block_by_func (drop_down, on_rule_severity_cb, self);
          gtk_drop_down_set_selected (drop_down,
                                      severity >= SITREP_SEVERITY_SEV1 && severity <= SITREP_SEVERITY_LAST
                                      ? (guint)(severity - SITREP_SEVERITY_SEV1) : GTK_INVALID_LIST_POSITION);
          g_signal_handlers_unblock_by_func (drop_down, on_rule_severity_cb, self);
        }
    }
  else
    {
      clear_list (self->rules_list);
      for (gsize i = 0; i < n; i++)
        {
          const char *matchers = NULL;
          gint32 severity = 0;

          g_variant_get_child (rules, i, "(&si)", &matchers, &severity);
          gtk_list_box_append (self->rules_list, create_rule_row (self, i, matchers, severity));
        }
    }

  g_clear_pointer (&self->shown_rules, g_variant_unref);
  self->shown_rules = g_variant_ref (rules);
}

static void
refresh_monitoring (SitrepPreferencesWindow *self)
{
  g_autoptr(GVariant) sources = g_settings_get_value (self->settings, "sources");
  g_autoptr(GVariant) kpis = g_settings_get_value (self->settings, "kpis");
  g_autoptr(GVariant) rules = g_settings_get_value (self->settings, "severity-rules");

  refresh_sources (self, sources);
  refresh_kpis (self, kpis, sources);
  refresh_rules (self, rules);

  g_clear_pointer (&self->shown_sources, g_variant_unref);
  self->shown_sources = g_variant_ref (sources);
}

static void
refresh_cb (gpointer user_data)
{
  SitrepPreferencesWindow *self = user_data;

  self->refresh_id = 0;
  refresh_monitoring (self);
}

/* Rows are rebuilt once the change is over, never from inside the
 * handler of one of their own widgets. */
static void
on_monitoring_changed_cb (SitrepPreferencesWindow *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_once (refresh_cb, self);
}

static void
on_monitor_sources_changed_cb (SitrepPreferencesWindow *self)
{
  match_live_sources (self);
}

/* "fetched 5 s ago" stays true. */
static gboolean
tick_cb (gpointer user_data)
{
  update_source_rows (user_data);
  return G_SOURCE_CONTINUE;
}

static void
sitrep_preferences_window_add_source_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *param)
{
  SitrepPreferencesWindow *self = SITREP_PREFERENCES_WINDOW (widget);
  SitrepSourceDialog *dialog;

  dialog = sitrep_source_dialog_new (GTK_WINDOW (self), self->settings, get_http (self), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sitrep_preferences_window_add_metric_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *param)
{
  SitrepPreferencesWindow *self = SITREP_PREFERENCES_WINDOW (widget);
  SitrepKpiDialog *dialog;

  dialog = sitrep_kpi_dialog_new (GTK_WINDOW (self), self->settings, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_rule_submit_cb (SitrepFormDialog        *dialog,
                       SitrepPreferencesWindow *self)
{
  AdwComboRow *severity_row = g_object_get_data (G_OBJECT (dialog), "sitrep-severity-row");
  g_autofree char *typed = sitrep_form_dialog_dup_text (dialog, "matchers");
  g_autoptr(GVariant) rules = g_settings_get_value (self->settings, "severity-rules");
  g_autoptr(GVariant) changed = NULL;
  g_autoptr(GError) error = NULL;
  const char *matchers = g_strstrip (typed);
  GVariantBuilder builder;

  if (*matchers == '\0')
    {
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   _("Type the labels an alert must have, such as "
                                     "severity=critical, tier=core."));
      sitrep_form_dialog_finish (dialog, error);
      return;
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(si)"));
  for (gsize i = 0; i < g_variant_n_children (rules); i++)
    {
      g_autoptr(GVariant) rule = g_variant_get_child_value (rules, i);
      const char *existing = NULL;

      g_variant_get (rule, "(&si)", &existing, NULL);
      if (g_str_equal (existing, matchers))
        {
          g_variant_builder_clear (&builder);
          error = g_error_new (G_IO_ERROR, G_IO_ERROR_EXISTS,
                               /* Translators: %s is a rule, such as "severity=critical". */
                               _("There is a rule for “%s” already: choose its severity in its row."),
                               matchers);
          sitrep_form_dialog_finish (dialog, error);
          return;
        }

      g_variant_builder_add_value (&builder, rule);
    }

  g_variant_builder_add (&builder, "(si)", matchers,
                         (gint32)(SITREP_SEVERITY_SEV1 + adw_combo_row_get_selected (severity_row)));
  changed = g_variant_ref_sink (g_variant_builder_end (&builder));

  if (sitrep_alert_rules_check (changed, &error) &&
      !g_settings_set_value (self->settings, "severity-rules", changed))
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                 _("The rule was not added: Sitrep’s settings cannot be changed."));

  sitrep_form_dialog_finish (dialog, error);
}

static void
sitrep_preferences_window_add_rule_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param)
{
  SitrepPreferencesWindow *self = SITREP_PREFERENCES_WINDOW (widget);
  g_autoptr(GtkStringList) severities = gtk_string_list_new (NULL);
  AdwPreferencesGroup *group;
  SitrepFormDialog *dialog;
  GtkWidget *severity_row;

  for (int i = SITREP_SEVERITY_SEV1; i <= SITREP_SEVERITY_LAST; i++)
    gtk_string_list_append (severities, sitrep_severity_get_label (i));

  dialog = sitrep_form_dialog_new (GTK_WINDOW (self), _("Add Rule"), _("Add"));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, 420);
  group = sitrep_form_dialog_add_group (dialog, NULL,
                                        _("Pairs of label=value separated by commas, such as "
                                          "severity=critical, tier=core. The rule matches an alert "
                                          "that has every one of them."));
  sitrep_form_dialog_add_entry (dialog, "matchers", _("Labels"), NULL);

  severity_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (severity_row), _("Suggested Severity"));
  adw_combo_row_set_model (ADW_COMBO_ROW (severity_row), G_LIST_MODEL (severities));
  adw_combo_row_set_selected (ADW_COMBO_ROW (severity_row), SITREP_SEVERITY_SEV2 - SITREP_SEVERITY_SEV1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (severity_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Suggested Severity"), -1);
  adw_preferences_group_add (group, severity_row);
  g_object_set_data (G_OBJECT (dialog), "sitrep-severity-row", severity_row);

  g_signal_connect_object (dialog, "submit", G_CALLBACK (on_add_rule_submit_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The address as shown: the port, but never the secret. */
static void
update_webhook_address (SitrepPreferencesWindow *self)
{
  g_autoptr(GVariant) port = g_settings_get_value (self->settings, "webhook-port");
  g_autofree char *address = NULL;

  address = g_strdup_printf ("http://127.0.0.1:%u/alertmanager/%s", g_variant_get_uint16 (port),
                             /* Translators: stands for the webhook's secret in its address;
                              * the secret itself is not shown. */
                             _("<secret>"));
  adw_action_row_set_subtitle (self->webhook_address_row, address);
}

static void
copy_webhook_address (SitrepPreferencesWindow *self,
                      const char              *secret)
{
  g_autoptr(GVariant) port = g_settings_get_value (self->settings, "webhook-port");
  char *escaped = g_uri_escape_string (secret, NULL, FALSE);
  char *address = g_strdup_printf ("http://127.0.0.1:%u/alertmanager/%s",
                                   g_variant_get_uint16 (port), escaped);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), address);

  memset (escaped, 0, strlen (escaped));
  memset (address, 0, strlen (address));
  g_free (escaped);
  g_free (address);

  add_toast (self, _("Address copied, with its secret: paste it only into alertmanager.yml."));
}

typedef struct
{
  GWeakRef *window;
  char     *secret;
} WebhookSecret;

static void
webhook_stored_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  WebhookSecret *data = user_data;
  g_autoptr(SitrepPreferencesWindow) self = sitrep_weak_ref_steal (data->window);
  g_autoptr(GError) error = NULL;

  if (!sitrep_credentials_store_finish (result, &error))
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_toast (self, error->message);
    }
  else if (self != NULL)
    copy_webhook_address (self, data->secret);

  memset (data->secret, 0, strlen (data->secret));
  g_free (data->secret);
  g_free (data);
}

static void
webhook_secret_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SitrepPreferencesWindow) self = sitrep_weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = sitrep_credentials_lookup_finish (result, &error);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ;
  else if (error != NULL)
    add_toast (self, error->message);
  else if (secret != NULL)
    copy_webhook_address (self, secret);
  else
    {
      /* The first time: a secret of Sitrep's own making, kept in the
       * keyring where the receiver reads it. */
      WebhookSecret *data = g_new0 (WebhookSecret, 1);

      data->window = sitrep_weak_ref_new (self);
      data->secret = g_uuid_string_random ();
      sitrep_credentials_store_async (WEBHOOK_ACCOUNT, _("Sitrep: Alertmanager webhook"), data->secret,
                                      self->cancellable, webhook_stored_cb, data);
    }

  if (secret != NULL)
    sitrep_credentials_free (secret);
}

static void
sitrep_preferences_window_copy_webhook_address_action (GtkWidget  *widget,
                                                       const char *action_name,
                                                       GVariant   *param)
{
  SitrepPreferencesWindow *self = SITREP_PREFERENCES_WINDOW (widget);

  sitrep_credentials_lookup_async (WEBHOOK_ACCOUNT, self->cancellable, webhook_secret_cb,
                                   sitrep_weak_ref_new (self));
}

static void
sitrep_preferences_window_dispose (GObject *object)
{
  SitrepPreferencesWindow *self = (SitrepPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);

  /* The rows may outlive the window a moment; they stop following the
   * monitor now. */
  if (self->source_rows != NULL)
    {
      for (guint i = 0; i < self->source_rows->len; i++)
        source_row_watch (g_ptr_array_index (self->source_rows, i), NULL);
      g_clear_pointer (&self->source_rows, g_ptr_array_unref);
    }

  g_clear_object (&self->cancellable);
  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->journal_path, g_free);
  g_clear_pointer (&self->shown_kpis, g_variant_unref);
  g_clear_pointer (&self->shown_rules, g_variant_unref);
  g_clear_pointer (&self->shown_sources, g_variant_unref);

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
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, kpis_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, rules_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, sources_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, webhook_address_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, webhook_port_spin);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, connect_timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, request_timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, SitrepPreferencesWindow, webhook_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_open_folder_clicked_cb);

  gtk_widget_class_install_action (widget_class, "prefs.add-source", NULL,
                                   sitrep_preferences_window_add_source_action);
  gtk_widget_class_install_action (widget_class, "prefs.add-metric", NULL,
                                   sitrep_preferences_window_add_metric_action);
  gtk_widget_class_install_action (widget_class, "prefs.add-rule", NULL,
                                   sitrep_preferences_window_add_rule_action);
  gtk_widget_class_install_action (widget_class, "prefs.copy-webhook-address", NULL,
                                   sitrep_preferences_window_copy_webhook_address_action);
}

static void
sitrep_preferences_window_init (SitrepPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->source_rows = g_ptr_array_new ();
}

static void
setup_monitoring (SitrepPreferencesWindow *self)
{
  static const char * const keys[] = { "sources", "kpis", "severity-rules" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", keys[i], NULL);

      g_signal_connect_object (self->settings, signal, G_CALLBACK (on_monitoring_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  if (self->monitor != NULL)
    g_signal_connect_object (sitrep_monitor_get_sources (self->monitor), "items-changed",
                             G_CALLBACK (on_monitor_sources_changed_cb), self, G_CONNECT_SWAPPED);

  refresh_monitoring (self);
  self->tick_id = g_timeout_add_seconds (1, tick_cb, self);

  g_settings_bind (self->settings, "connect-timeout", self->connect_timeout_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "request-timeout", self->request_timeout_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "webhook-enabled", self->webhook_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "webhook-port", self->webhook_port_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::webhook-port",
                           G_CALLBACK (update_webhook_address), self, G_CONNECT_SWAPPED);
  update_webhook_address (self);
}

/**
 * sitrep_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @settings: the settings it shows and changes
 * @journal_path: where the journal is
 * @monitor: (nullable): the running monitor, whose sources' health the
 *   sources show and whose client tests connections
 *
 * Returns: (transfer none): a new window, to present
 */
SitrepPreferencesWindow *
sitrep_preferences_window_new (GtkWindow     *parent,
                               GSettings     *settings,
                               const char    *journal_path,
                               SitrepMonitor *monitor)
{
  SitrepPreferencesWindow *self;
  g_autofree char *description = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (journal_path != NULL, NULL);
  g_return_val_if_fail (!monitor || SITREP_IS_MONITOR (monitor), NULL);

  self = g_object_new (SITREP_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->settings = g_object_ref (settings);
  self->journal_path = g_strdup (journal_path);
  self->monitor = monitor != NULL ? g_object_ref (monitor) : NULL;

  g_settings_bind (settings, "author-name", self->author_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "triage-target", self->triage_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "trace-url-template", self->trace_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "read-only", self->read_only_switch, "active", G_SETTINGS_BIND_DEFAULT);
  add_cadence_rows (self);
  add_blast_and_wall_rows (self);
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

  setup_monitoring (self);

  return self;
}
