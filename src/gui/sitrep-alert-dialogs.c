/* sitrep-alert-dialogs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* From an alert to the war room: declare an incident from it (the declare
 * dialog, filled in from the alerts, with the severity the rules suggest
 * and why), link it to an incident that is already declared, or silence it
 * on its Alertmanager for a while, the silence naming the incident and
 * landing in its timeline. */

#define G_LOG_DOMAIN "sitrep-alert-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-alert-dialogs.h"
#include "sitrep-alert-rules.h"
#include "sitrep-declare-dialog.h"
#include "sitrep-weak-ref.h"

void
sitrep_alert_dialogs_declare (SitrepWindow  *window,
                              SitrepWarRoom *war_room,
                              GSettings     *settings,
                              GPtrArray     *alerts)
{
  g_autoptr(GVariant) rules = g_settings_get_value (settings, "severity-rules");
  g_autofree char *reason = NULL;
  g_autofree char *title = sitrep_alert_rules_suggest_title (alerts);
  g_autofree char *summary = sitrep_alert_rules_suggest_summary (alerts);
  SitrepSeverity severity = sitrep_alert_rules_suggest_severity (alerts, rules, &reason);
  SitrepDeclareDialog *dialog = sitrep_declare_dialog_new (GTK_WINDOW (window), war_room);

  sitrep_declare_dialog_set_title (dialog, title);
  sitrep_declare_dialog_set_summary (dialog, summary);
  sitrep_declare_dialog_set_severity (dialog, severity);
  sitrep_declare_dialog_set_alerts (dialog, alerts, reason);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Link */

typedef struct
{
  SitrepWindow  *window;    /* weak */
  SitrepWarRoom *war_room;
  GPtrArray     *alerts;
  GtkCheckButton *first;
  GPtrArray     *incidents; /* in the order of the check buttons */
  GPtrArray     *checks;
} Link;

static void
link_free (Link *link)
{
  g_clear_weak_pointer (&link->window);
  g_clear_object (&link->war_room);
  g_clear_pointer (&link->alerts, g_ptr_array_unref);
  g_clear_pointer (&link->incidents, g_ptr_array_unref);
  g_clear_pointer (&link->checks, g_ptr_array_unref);
  g_free (link);
}

static void
linked_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SitrepWindow) window = sitrep_weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;
  if (!sitrep_war_room_command_finish (SITREP_WAR_ROOM (object), result, &error) && window != NULL)
    sitrep_window_add_toast (window, error->message);
}

static void
link_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  Link             *link)
{
  if (g_str_equal (response, "link") && link->window != NULL)
    for (guint i = 0; i < link->checks->len; i++)
      if (gtk_check_button_get_active (g_ptr_array_index (link->checks, i)))
        {
          SitrepIncident *incident = g_ptr_array_index (link->incidents, i);

          sitrep_war_room_link_alerts_async (link->war_room, incident, link->alerts, NULL,
                                             linked_cb, sitrep_weak_ref_new (link->window));
          sitrep_window_show_incident (link->window, sitrep_incident_get_id (incident));
        }

  link_free (link);
}

void
sitrep_alert_dialogs_link (SitrepWindow  *window,
                           SitrepWarRoom *war_room,
                           GPtrArray     *alerts)
{
  GListModel *incidents = sitrep_war_room_get_incidents (war_room);
  GtkWidget *dialog, *list;
  GtkCheckButton *group = NULL;
  Link *link;

  link = g_new0 (Link, 1);
  g_set_weak_pointer (&link->window, window);
  link->war_room = g_object_ref (war_room);
  link->alerts = g_ptr_array_ref (alerts);
  link->incidents = g_ptr_array_new_with_free_func (g_object_unref);
  link->checks = g_ptr_array_new ();

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Active incidents"), -1);

  for (guint i = 0; i < g_list_model_get_n_items (incidents); i++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (incidents, i);
      GtkWidget *row, *check;

      if (!sitrep_incident_is_active (incident))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sitrep_incident_get_title (incident));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   sitrep_severity_get_label (sitrep_incident_get_severity (incident)));
      check = gtk_check_button_new ();
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      sitrep_incident_get_title (incident), -1);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        {
          group = GTK_CHECK_BUTTON (check);
          gtk_check_button_set_active (group, TRUE);
        }
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (link->incidents, g_object_ref (incident));
      g_ptr_array_add (link->checks, check);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Link to an Incident"), NULL);
  if (link->incidents->len == 0)
    {
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   _("There is no active incident to link these alerts to. "
                                     "Declare one from them instead."));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      g_object_ref_sink (list);
      g_object_unref (list);
    }
  else
    {
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      g_dngettext (GETTEXT_PACKAGE,
                                                   "The alert will show on the incident, and its "
                                                   "changes will land in its timeline.",
                                                   "The %u alerts will show on the incident, and "
                                                   "their changes will land in its timeline.",
                                                   alerts->len),
                                      alerts->len);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "link", _("_Link"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "link",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "link");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    }

  g_signal_connect (dialog, "response", G_CALLBACK (link_response_cb), link);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Silence */

static const guint durations[] = { 1, 2, 4, 8, 24 };  /* hours */

typedef struct
{
  SitrepWindow  *window;    /* weak */
  SitrepWarRoom *war_room;
  SitrepMonitor *monitor;
  SitrepSource  *source;
  GPtrArray     *alerts;
  GPtrArray     *incidents; /* the active incidents the alerts are linked to */
  GtkDropDown   *duration;
  GtkEditable   *comment_entry;
  char          *matchers;
  char          *comment;
  gint64         ends_at;
} Silence;

static void
silence_free (Silence *silence)
{
  g_clear_weak_pointer (&silence->window);
  g_clear_object (&silence->war_room);
  g_clear_object (&silence->monitor);
  g_clear_object (&silence->source);
  g_clear_pointer (&silence->alerts, g_ptr_array_unref);
  g_clear_pointer (&silence->incidents, g_ptr_array_unref);
  g_free (silence->matchers);
  g_free (silence->comment);
  g_free (silence);
}

static void
recorded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SitrepWindow) window = sitrep_weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;
  if (!sitrep_war_room_command_finish (SITREP_WAR_ROOM (object), result, &error) && window != NULL)
    sitrep_window_add_toast (window, error->message);
}

static void
silenced_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Silence *silence = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = sitrep_source_create_silence_finish (SITREP_SOURCE (object), result, &error);
  if (id == NULL)
    {
      if (silence->window != NULL)
        {
          /* Translators: %s says why a silence could not be created. */
          g_autofree char *text = g_strdup_printf (_("The alerts were not silenced: %s"), error->message);

          sitrep_window_add_toast (silence->window, text);
        }
      silence_free (silence);
      return;
    }

  for (guint i = 0; i < silence->incidents->len; i++)
    sitrep_war_room_record_silence_async (silence->war_room, g_ptr_array_index (silence->incidents, i), id,
                                          sitrep_source_get_name (silence->source), silence->matchers,
                                          silence->ends_at, silence->comment, NULL, recorded_cb,
                                          sitrep_weak_ref_new (silence->window));

  if (silence->window != NULL)
    {
      g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (silence->ends_at / G_TIME_SPAN_SECOND);
      g_autofree char *time = g_date_time_format (until, "%H:%M");
      /* Translators: the Alertmanager's name and a local time. */
      g_autofree char *text = g_strdup_printf (_("Silenced on %s until %s"),
                                               sitrep_source_get_name (silence->source), time);

      sitrep_window_add_toast (silence->window, text);
      sitrep_source_poll_now (silence->source);
    }

  silence_free (silence);
}

static void
silence_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Silence          *silence)
{
  const char *comment;
  guint hours;

  if (!g_str_equal (response, "silence"))
    {
      silence_free (silence);
      return;
    }

  hours = durations[MIN (gtk_drop_down_get_selected (silence->duration), G_N_ELEMENTS (durations) - 1)];
  silence->ends_at = g_get_real_time () + (gint64)hours * 3600 * G_TIME_SPAN_SECOND;
  comment = gtk_editable_get_text (silence->comment_entry);
  silence->comment = g_strdup (*comment != '\0' ? comment : _("Silenced from Sitrep"));
  sitrep_source_create_silence_async (silence->source, sitrep_monitor_get_http (silence->monitor), silence->alerts,
                                      silence->ends_at, sitrep_war_room_get_author (silence->war_room),
                                      silence->comment, NULL, silenced_cb, silence);
}

void
sitrep_alert_dialogs_silence (SitrepWindow  *window,
                              SitrepWarRoom *war_room,
                              SitrepMonitor *monitor,
                              GPtrArray     *alerts)
{
  SitrepSource *source = sitrep_monitor_find_silencer (monitor, g_ptr_array_index (alerts, 0));
  GListModel *incidents = sitrep_war_room_get_incidents (war_room);
  g_autoptr(GString) comment = g_string_new (NULL);
  GtkWidget *dialog, *box, *matchers, *entry;
  GtkStringList *choices;
  Silence *silence;

  if (source == NULL)
    {
      sitrep_window_add_toast (window, _("No Alertmanager can silence these alerts. Add your "
                                         "Alertmanager as a source in Preferences."));
      return;
    }

  silence = g_new0 (Silence, 1);
  g_set_weak_pointer (&silence->window, window);
  silence->war_room = g_object_ref (war_room);
  silence->monitor = g_object_ref (monitor);
  silence->source = g_object_ref (source);
  silence->alerts = g_ptr_array_ref (alerts);
  silence->incidents = g_ptr_array_new_with_free_func (g_object_unref);
  silence->matchers = sitrep_source_describe_matchers (alerts);

  /* The incidents the alerts belong to: the silence names them, and their
   * timelines record it. */
  for (guint i = 0; i < g_list_model_get_n_items (incidents); i++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (incidents, i);
      gboolean linked = FALSE;

      for (guint j = 0; !linked && j < alerts->len; j++)
        linked = sitrep_incident_lookup_linked_alert (incident,
                                                      sitrep_alert_get_fingerprint (g_ptr_array_index (alerts, j))) != NULL;

      if (linked && sitrep_incident_is_active (incident))
        {
          if (comment->len > 0)
            g_string_append (comment, "; ");
          /* Translators: %s is an incident's title; this goes into the silence's comment. */
          g_string_append_printf (comment, _("Incident “%s” (Sitrep)"), sitrep_incident_get_title (incident));
          g_ptr_array_add (silence->incidents, g_object_ref (incident));
        }
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  matchers = gtk_label_new (silence->matchers);
  gtk_label_set_wrap (GTK_LABEL (matchers), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (matchers), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (matchers), TRUE);
  gtk_widget_add_css_class (matchers, "monospace");
  gtk_box_append (GTK_BOX (box), matchers);

  choices = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      /* Translators: a silence's duration in hours. */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "For %u hour", "For %u hours",
                                                            durations[i]), durations[i]);

      gtk_string_list_append (choices, text);
    }
  silence->duration = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (choices), NULL));
  gtk_drop_down_set_selected (silence->duration, 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (silence->duration), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Duration"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (silence->duration));

  entry = gtk_entry_new ();
  silence->comment_entry = GTK_EDITABLE (entry);
  gtk_editable_set_text (silence->comment_entry, comment->str);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Why, and for which incident"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comment"), -1);
  gtk_box_append (GTK_BOX (box), entry);

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Silence Alerts"), NULL);
  /* Translators: %s is an Alertmanager's name. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s will stop notifying about alerts matching these labels "
                                    "for the time you choose. The silence is recorded in the "
                                    "timeline of the incidents they are linked to."),
                                  sitrep_source_get_name (source));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "silence", _("_Silence"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "silence", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "silence");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (silence_response_cb), silence);
  gtk_window_present (GTK_WINDOW (dialog));
}
