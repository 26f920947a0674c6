/* sitrep-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The application wires the layers together: it opens the journal (store)
 * on its thread, builds the war room (core) over it with the system clock,
 * and hands it to the window (gui). While the journal opens, the window
 * shows that it is opening; if the journal cannot be opened, the window says
 * why and offers to move the file aside and start a fresh one. */

#define G_LOG_DOMAIN "sitrep-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "sitrep-application.h"
#include "sitrep-format.h"
#include "sitrep-credentials.h"
#include "sitrep-monitor.h"
#include "sitrep-webhook-receiver.h"
#include "sitrep-preferences-window.h"
#include "sitrep-sqlite-journal.h"
#include "sitrep-wall-window.h"
#include "sitrep-window.h"

struct _SitrepApplication
{
  AdwApplication       parent_instance;

  GSettings           *settings;
  SitrepClock         *clock;
  SitrepSqliteJournal *journal;
  SitrepWarRoom       *war_room;
  SitrepAlertFeed     *feed;
  SitrepMonitor       *monitor;
  SitrepAssessor      *assessor;
  SitrepWebhookReceiver *webhook;
  GCancellable        *webhook_lookup;
  GError              *journal_error;
  GCancellable        *cancellable;
  char                *journal_path;
  GHashTable          *notified;      /* incident id → the deadline already announced */
  GPtrArray           *new_critical;  /* critical alerts not yet announced */
  guint                announce_id;
  guint                journal_busy : 1;
  guint                force_read_only : 1;
  guint                wall_only : 1;    /* --wall: the wall display, no main window */
  int                  wall_monitor;     /* --monitor: 1 for the first, 0 for any */
};

G_DEFINE_FINAL_TYPE (SitrepApplication, sitrep_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "read-only", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Follow the incidents without changing them, whatever the settings say"), NULL },
  { "wall", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the wall display: full screen and read-only, for the war room’s TV"), NULL },
  { "monitor", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("With --wall, the monitor to show it on, counting from 1"), N_("N") },
  { NULL }
};

static SitrepWindow *
get_main_window (SitrepApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (SITREP_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

/* Start Fresh and Try Again make sense only while a journal error is shown,
 * and only one of them at a time: two opens of one file would race. */
static void
update_journal_actions (SitrepApplication *self)
{
  static const char * const names[] = { "start-fresh-journal", "retry-journal" };
  gboolean enabled = self->journal_error != NULL && !self->journal_busy;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), names[i]);

      if (action != NULL)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
    }
}

/* Brings a window up to date with where the journal is. */
static void
sync_walls (SitrepApplication *self)
{
  gboolean loaded = self->war_room != NULL && sitrep_war_room_is_loaded (self->war_room);

  /* The assessor first: the walls then ask it for the blast radius of
   * incidents of this war room. The journal may open before monitoring
   * starts. */
  if (self->assessor != NULL)
    sitrep_assessor_set_war_room (self->assessor, loaded ? self->war_room : NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SITREP_IS_WALL_WINDOW (l->data))
      sitrep_wall_window_set_war_room (l->data, loaded ? self->war_room : NULL);
}

static void
sync_window (SitrepApplication *self,
             SitrepWindow      *window)
{
  update_journal_actions (self);
  sync_walls (self);

  if (window == NULL)
    return;

  if (self->journal_error != NULL)
    sitrep_window_show_journal_error (window, self->journal_error, self->journal_path);
  else if (self->war_room != NULL && sitrep_war_room_is_loaded (self->war_room))
    sitrep_window_set_war_room (window, self->war_room);
  else
    sitrep_window_show_loading (window);
}

static void
on_author_name_changed_cb (SitrepApplication *self,
                           const char        *key,
                           GSettings         *settings)
{
  g_autofree char *name = g_settings_get_string (settings, "author-name");

  if (self->war_room != NULL)
    sitrep_war_room_set_author (self->war_room, name);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SitrepApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sitrep_war_room_load_finish (SITREP_WAR_ROOM (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_object (&self->war_room);
      /* Closed, so that moving the file aside never races a live connection. */
      sitrep_sqlite_journal_close (self->journal);
      g_clear_object (&self->journal);
      self->journal_error = g_steal_pointer (&error);
    }

  self->journal_busy = FALSE;
  sync_window (self, get_main_window (self));

  /* What changed while Sitrep was closed lands in the timelines now. */
  if (self->war_room != NULL)
    {
      GListModel *sources = sitrep_monitor_get_sources (self->monitor);

      for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
        {
          g_autoptr(SitrepSource) source = g_list_model_get_item (sources, i);

          if (sitrep_source_get_fetched_at (source) > 0)
            sitrep_war_room_reconcile_alerts (self->war_room, sitrep_source_get_name (source));
        }
    }
}

static void
on_read_only_changed_cb (SitrepApplication *self)
{
  if (self->war_room != NULL)
    sitrep_war_room_set_read_only (self->war_room,
                                   self->force_read_only ||
                                   g_settings_get_boolean (self->settings, "read-only"));
}

/* The policies of the team live in GSettings; the war room writes the ones
 * in force into the events that start them. */
static void
bind_war_room_settings (SitrepApplication *self)
{
  static const struct { const char *key; const char *property; } bindings[] = {
    { "triage-target", "triage-target" },
    { "update-cadence-sev1", "cadence-sev1" },
    { "update-cadence-sev2", "cadence-sev2" },
    { "update-cadence-sev3", "cadence-sev3" },
    { "update-cadence-sev4", "cadence-sev4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    g_settings_bind (self->settings, bindings[i].key, self->war_room, bindings[i].property,
                     G_SETTINGS_BIND_GET);

  on_read_only_changed_cb (self);
}

/* A desktop notification when an incident's status update falls due,
 * once per deadline; it is withdrawn when the deadline moves. */
static void
check_update_deadlines (SitrepApplication *self)
{
  GListModel *incidents;
  gint64 now;
  guint n_items;

  if (self->war_room == NULL)
    return;

  incidents = sitrep_war_room_get_incidents (self->war_room);
  n_items = g_list_model_get_n_items (incidents);
  now = sitrep_clock_get_now (self->clock);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (incidents, i);
      const char *id = sitrep_incident_get_id (incident);
      gint64 due = sitrep_incident_get_update_due_at (incident);
      gint64 *notified = g_hash_table_lookup (self->notified, id);
      g_autofree char *notification_id = g_strconcat ("update-due-", id, NULL);

      if (notified != NULL && *notified != due)
        {
          g_application_withdraw_notification (G_APPLICATION (self), notification_id);
          g_hash_table_remove (self->notified, id);
          notified = NULL;
        }

      if (due > 0 && now >= due && notified == NULL)
        {
          g_autoptr(GNotification) notification = NULL;
          g_autofree char *when = sitrep_format_local_time (due, now);
          g_autofree char *body = NULL;
          gint64 *value = g_new (gint64, 1);

          /* Translators: the first %s is an incident's title, the second a time such as 14:30. */
          body = g_strdup_printf (_("“%s”: the next status update was due at %s."),
                                  sitrep_incident_get_title (incident), when);
          notification = g_notification_new (_("Status Update Due"));
          g_notification_set_body (notification, body);
          g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_URGENT);
          g_notification_set_default_action_and_target (notification, "app.show-incident", "s", id);
          g_application_send_notification (G_APPLICATION (self), notification_id, notification);

          *value = due;
          g_hash_table_insert (self->notified, g_strdup (id), value);
        }
    }
}

static void
force_read_only_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  SitrepApplication *self = user_data;

  self->force_read_only = TRUE;
  on_read_only_changed_cb (self);
}

static void
show_incident_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  SitrepApplication *self = user_data;
  SitrepWindow *window;

  /* Activating makes the window if there is none. */
  g_application_activate (G_APPLICATION (self));
  window = get_main_window (self);
  if (window != NULL)
    sitrep_window_show_incident (window, g_variant_get_string (param, NULL));
}

static void
open_journal_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SitrepApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  self->journal = sitrep_sqlite_journal_open_finish (result, &error);

  if (self->journal == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_message ("%s", error->message);
      self->journal_error = g_steal_pointer (&error);
      self->journal_busy = FALSE;
      sync_window (self, get_main_window (self));
      return;
    }

  self->war_room = sitrep_war_room_new (SITREP_JOURNAL (self->journal), self->clock);
  sitrep_war_room_set_alert_feed (self->war_room, self->feed);
  on_author_name_changed_cb (self, "author-name", self->settings);
  bind_war_room_settings (self);
  sitrep_war_room_load_async (self->war_room, self->cancellable, load_cb, g_object_ref (self));
}

static void
open_journal (SitrepApplication *self)
{
  self->journal_busy = TRUE;
  g_clear_error (&self->journal_error);
  g_clear_object (&self->war_room);
  g_clear_object (&self->journal);

  sync_window (self, get_main_window (self));
  sitrep_sqlite_journal_open_async (self->journal_path, self->cancellable,
                                    open_journal_cb, g_object_ref (self));
}

static void
move_aside_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SitrepApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_to = NULL;
  SitrepWindow *window = get_main_window (self);

  if (!(moved_to = sitrep_sqlite_journal_move_aside_finish (result, &error)))
    {
      self->journal_busy = FALSE;
      update_journal_actions (self);
      if (window != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sitrep_window_add_toast (window, error->message);
      return;
    }

  g_message ("The old journal was moved to %s", moved_to);
  open_journal (self);

  if ((window = get_main_window (self)) != NULL)
    {
      /* Translators: %s is a file path. */
      g_autofree char *text = g_strdup_printf (_("The old journal is kept as %s"), moved_to);

      sitrep_window_add_toast (window, text);
    }
}

static void
start_fresh_journal_action (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  SitrepApplication *self = user_data;

  if (self->journal_error == NULL || self->journal_busy)
    return;

  self->journal_busy = TRUE;
  update_journal_actions (self);
  sitrep_sqlite_journal_move_aside_async (self->journal_path, self->cancellable,
                                          move_aside_cb, g_object_ref (self));
}

static void
retry_journal_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  SitrepApplication *self = user_data;

  if (self->journal_error != NULL && !self->journal_busy)
    open_journal (self);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  SitrepApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  SitrepPreferencesWindow *prefs;

  prefs = sitrep_preferences_window_new (parent, self->settings, self->journal_path, self->monitor);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (prefs), TRUE);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  SitrepApplication *self = user_data;
  static const char *developers[] = { "The Sitrep developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Sitrep"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Sitrep developers"),
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "website", "https://sitrep.org",
                         "comments", _("Run a software incident from the first alert to the last "
                                       "postmortem action item."),
                         "copyright", "© 2026 The Sitrep developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* Quitting closes the windows as a person would, so each saves its state;
 * the application ends with its last window, and shutdown finishes queued
 * appends before the journal closes. */
static void
close_all_windows (SitrepApplication *self)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  if (windows == NULL)
    g_application_quit (G_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  close_all_windows (user_data);
}

static gboolean
on_terminate_cb (gpointer user_data)
{
  close_all_windows (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_color_scheme_changed_cb (SitrepApplication *self,
                            const char        *key,
                            GSettings         *settings)
{
  g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    value = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

static char *
find_journal_path (void)
{
  const char *dir = g_getenv ("SITREP_DATA_DIR");

  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, "journal.db", NULL);

  return g_build_filename (g_get_user_data_dir (), "sitrep", "journal.db", NULL);
}

/* Opens the wall display, or brings it to @monitor_index (from 0; -1 for
 * wherever the window system puts it), full screen. */
static void
open_wall (SitrepApplication *self,
           int                monitor_index)
{
  GtkWindow *wall = NULL;
  GdkMonitor *monitor = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SITREP_IS_WALL_WINDOW (l->data))
      wall = l->data;

  if (wall == NULL)
    {
      wall = GTK_WINDOW (sitrep_wall_window_new (GTK_APPLICATION (self), self->monitor, self->assessor,
                                                 self->clock));
      sitrep_wall_window_set_rotate_seconds (SITREP_WALL_WINDOW (wall),
                                             g_settings_get_int (self->settings, "wall-rotate-seconds"));
      sync_walls (self);
    }

  if (monitor_index >= 0)
    {
      GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (wall)));

      if ((guint)monitor_index < g_list_model_get_n_items (monitors))
        monitor = g_list_model_get_item (monitors, monitor_index);
      else
        g_message ("There is no monitor %d; the wall display opens on the default one.", monitor_index + 1);
    }

  /* Where no window manager runs (a kiosk's bare X session), full screen
   * is not granted: the window is made the monitor's size instead. */
  {
    GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (wall)));
    g_autoptr(GdkMonitor) sizing = monitor != NULL ? g_object_ref (monitor)
                                                   : g_list_model_get_item (monitors, 0);
    GdkRectangle geometry;

    if (sizing != NULL)
      {
        gdk_monitor_get_geometry (sizing, &geometry);
        gtk_window_set_default_size (wall, geometry.width, geometry.height);
      }
  }

  if (monitor != NULL)
    gtk_window_fullscreen_on_monitor (wall, monitor);
  else
    gtk_window_fullscreen (wall);
  g_clear_object (&monitor);

  gtk_window_present (wall);
}

static void
open_wall_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  open_wall (user_data, g_variant_get_int32 (param));
}

static void
on_thresholds_changed_cb (SitrepApplication *self)
{
  SitrepSeverityThresholds thresholds = {
    g_settings_get_double (self->settings, "sev1-share"),
    g_settings_get_double (self->settings, "sev2-share"),
  };

  sitrep_assessor_set_thresholds (self->assessor, &thresholds);
}

static void
on_wall_rotate_changed_cb (SitrepApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SITREP_IS_WALL_WINDOW (l->data))
      sitrep_wall_window_set_rotate_seconds (l->data, g_settings_get_int (self->settings,
                                                                          "wall-rotate-seconds"));
}

static int
sitrep_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", _("Sitrep"), PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "monitor", "i", &SITREP_APPLICATION (app)->wall_monitor) &&
      !g_variant_dict_contains (options, "wall"))
    {
      g_printerr ("%s\n", _("--monitor goes with --wall."));
      return 1;
    }

  if (g_variant_dict_contains (options, "wall"))
    {
      SitrepApplication *self = SITREP_APPLICATION (app);
      g_autoptr(GError) error = NULL;

      if (self->wall_monitor < 0)
        {
          g_printerr ("%s\n", _("Monitors are counted from 1."));
          return 1;
        }

      self->wall_only = TRUE;
      /* Sitrep already runs on this screen: it opens the wall. */
      if (!g_application_register (app, NULL, &error))
        g_warning ("%s", error->message);
      else if (g_application_get_is_remote (app))
        {
          g_action_group_activate_action (G_ACTION_GROUP (app), "open-wall",
                                          g_variant_new_int32 (self->wall_monitor - 1));
          return 0;
        }
    }

  if (g_variant_dict_contains (options, "read-only"))
    {
      g_autoptr(GError) error = NULL;

      SITREP_APPLICATION (app)->force_read_only = TRUE;

      /* Sitrep already runs: it is the one to turn read-only. */
      if (!g_application_register (app, NULL, &error))
        g_warning ("%s", error->message);
      else if (g_application_get_is_remote (app))
        g_action_group_activate_action (G_ACTION_GROUP (app), "force-read-only", NULL);
    }

  return -1;
}

static void
on_source_polled_cb (SitrepApplication *self,
                     SitrepSource      *source,
                     SitrepMonitor     *monitor)
{
  if (self->war_room != NULL)
    sitrep_war_room_reconcile_alerts (self->war_room, sitrep_source_get_name (source));
}

static void
on_sources_changed_cb (SitrepApplication *self,
                       const char        *key,
                       GSettings         *settings)
{
  g_autoptr(GVariant) sources = g_settings_get_value (settings, "sources");

  sitrep_monitor_set_sources (self->monitor, sources);
}

static void
on_timeouts_changed_cb (SitrepApplication *self,
                        const char        *key,
                        GSettings         *settings)
{
  sitrep_http_set_timeouts (sitrep_monitor_get_http (self->monitor),
                            g_settings_get_int (settings, "connect-timeout"),
                            g_settings_get_int (settings, "request-timeout"));
}

static void
on_kpis_changed_cb (SitrepApplication *self,
                    const char        *key,
                    GSettings         *settings)
{
  g_autoptr(GVariant) kpis = g_settings_get_value (settings, "kpis");

  sitrep_monitor_set_kpis (self->monitor, kpis);
}

/* One notification for the critical alerts that started firing in one
 * batch of the feed, not one per alert. */
static gboolean
announce_critical_cb (gpointer user_data)
{
  SitrepApplication *self = user_data;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  SitrepAlert *first = g_ptr_array_index (self->new_critical, 0);
  const char *summary = sitrep_alert_get_annotation (first, "summary");

  self->announce_id = 0;

  if (self->new_critical->len == 1)
    /* Translators: %s is an alert's name. */
    title = g_strdup_printf (_("Critical Alert: %s"), sitrep_alert_get_name (first));
  else
    /* Translators: %u is a number of alerts. */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Critical Alert", "%u Critical Alerts",
                                          self->new_critical->len),
                             self->new_critical->len);

  notification = g_notification_new (title);
  if (summary != NULL)
    {
      /* Notification servers may read the body as markup: remote text is
       * escaped. */
      g_autofree char *body = g_markup_escape_text (summary, -1);

      g_notification_set_body (notification, body);
    }
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_URGENT);
  g_application_send_notification (G_APPLICATION (self), "critical-alerts", notification);
  g_ptr_array_set_size (self->new_critical, 0);

  return G_SOURCE_REMOVE;
}

static void
on_alert_changed_cb (SitrepApplication *self,
                     SitrepAlert       *alert,
                     SitrepAlertChange  change,
                     SitrepAlertFeed   *feed)
{
  const char *severity = sitrep_alert_get_label (alert, "severity");

  if (change != SITREP_ALERT_CHANGE_NEW && change != SITREP_ALERT_CHANGE_STATE)
    return;

  if (sitrep_alert_get_state (alert) != SITREP_ALERT_FIRING ||
      (g_strcmp0 (severity, "critical") != 0 && g_strcmp0 (severity, "page") != 0))
    return;

  g_ptr_array_add (self->new_critical, g_object_ref (alert));
  if (self->announce_id == 0)
    self->announce_id = g_idle_add (announce_critical_cb, self);
}

#define WEBHOOK_ACCOUNT "webhook"

static void
start_webhook (SitrepApplication *self,
               const char        *secret)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "webhook-port");
  guint port = g_variant_get_uint16 (value);

  if (!sitrep_webhook_receiver_start (self->webhook, port, secret, &error))
    {
      SitrepWindow *window = get_main_window (self);

      g_warning ("The Alertmanager webhook receiver did not start: %s", error->message);
      if (window != NULL)
        sitrep_window_add_toast (window, error->message);
    }
}

typedef struct
{
  SitrepApplication *self;
  char              *secret;
} NewSecret;

static void
webhook_secret_stored_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  NewSecret *new_secret = user_data;
  g_autoptr(GError) error = NULL;

  if (!sitrep_credentials_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The Alertmanager webhook receiver did not start: %s", error->message);
    }
  else if (g_settings_get_boolean (new_secret->self->settings, "webhook-enabled"))
    start_webhook (new_secret->self, new_secret->secret);

  g_object_unref (new_secret->self);
  sitrep_credentials_free (new_secret->secret);
  g_free (new_secret);
}

static void
webhook_secret_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SitrepApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = sitrep_credentials_lookup_finish (result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The Alertmanager webhook receiver did not start: %s", error->message);
      return;
    }

  if (secret == NULL)
    {
      /* The first time: a secret nobody can guess, kept in the keyring;
       * Preferences shows the address that carries it. */
      g_autofree char *uuid = g_uuid_string_random ();
      g_auto(GStrv) parts = g_strsplit (uuid, "-", -1);
      NewSecret *new_secret = g_new0 (NewSecret, 1);

      new_secret->self = g_object_ref (self);
      new_secret->secret = g_strjoinv ("", parts);
      sitrep_credentials_store_async (WEBHOOK_ACCOUNT, _("Sitrep: Alertmanager webhook"),
                                      new_secret->secret, self->webhook_lookup,
                                      webhook_secret_stored_cb, new_secret);
      return;
    }

  if (g_settings_get_boolean (self->settings, "webhook-enabled"))
    start_webhook (self, secret);
  sitrep_credentials_free (secret);
}

static void
on_webhook_changed_cb (SitrepApplication *self,
                       const char        *key,
                       GSettings         *settings)
{
  sitrep_webhook_receiver_stop (self->webhook);

  /* One lookup at a time, so that only one secret is ever made. */
  if (self->webhook_lookup != NULL)
    g_cancellable_cancel (self->webhook_lookup);
  g_clear_object (&self->webhook_lookup);

  if (g_settings_get_boolean (settings, "webhook-enabled"))
    {
      self->webhook_lookup = g_cancellable_new ();
      sitrep_credentials_lookup_async (WEBHOOK_ACCOUNT, self->webhook_lookup, webhook_secret_cb,
                                       g_object_ref (self));
    }
}

static void
sitrep_application_startup (GApplication *app)
{
  static const GActionEntry actions[] = {
    { "preferences", preferences_action },
    { "about", about_action },
    { "quit", quit_action },
    { "start-fresh-journal", start_fresh_journal_action },
    { "retry-journal", retry_journal_action },
    { "show-incident", show_incident_action, "s" },
    { "force-read-only", force_read_only_action },
    { "open-wall", open_wall_action, "i" },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const struct { const char *action; const char *accels[3]; } shortcuts[] = {
    { "win.declare", { "<Control>n", NULL } },
    { "win.post-update", { "<Control>u", NULL } },
    { "win.add-note", { "<Control>t", NULL } },
    { "win.add-link", { "<Control>l", NULL } },
    { "win.add-trace", { "<Control><Shift>t", NULL } },
    { "win.assign-role", { "<Control>r", NULL } },
    { "win.change-severity", { "<Control>e", NULL } },
    { "win.record-decision", { "<Control>d", NULL } },
    { "win.next-incident", { "<Control>Page_Down", "<Alt>Down", NULL } },
    { "win.previous-incident", { "<Control>Page_Up", "<Alt>Up", NULL } },
    { "win.show-board", { "<Alt>Left", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.toggle-alerts", { "<Control><Shift>a", NULL } },
  };
  SitrepApplication *self = SITREP_APPLICATION (app);

  G_APPLICATION_CLASS (sitrep_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), shortcuts[i].action,
                                           shortcuts[i].accels);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::author-name",
                           G_CALLBACK (on_author_name_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  on_color_scheme_changed_cb (self, "color-scheme", self->settings);
  g_signal_connect_object (self->settings, "changed::read-only",
                           G_CALLBACK (on_read_only_changed_cb), self, G_CONNECT_SWAPPED);

  g_unix_signal_add (SIGTERM, on_terminate_cb, self);
  g_unix_signal_add (SIGINT, on_terminate_cb, self);

  self->cancellable = g_cancellable_new ();
  self->clock = sitrep_clock_new_system ();
  g_signal_connect_object (self->clock, "tick", G_CALLBACK (check_update_deadlines), self,
                           G_CONNECT_SWAPPED);
  self->journal_path = find_journal_path ();
  open_journal (self);

  /* Monitoring runs whatever becomes of the journal: a war room without
   * its journal still wants to see what is on fire. */
  self->feed = sitrep_alert_feed_new ();
  self->monitor = sitrep_monitor_new (self->feed);
  g_signal_connect_object (self->monitor, "source-polled", G_CALLBACK (on_source_polled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::sources",
                           G_CALLBACK (on_sources_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::kpis",
                           G_CALLBACK (on_kpis_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::connect-timeout",
                           G_CALLBACK (on_timeouts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::request-timeout",
                           G_CALLBACK (on_timeouts_changed_cb), self, G_CONNECT_SWAPPED);
  on_timeouts_changed_cb (self, NULL, self->settings);
  on_kpis_changed_cb (self, "kpis", self->settings);
  on_sources_changed_cb (self, "sources", self->settings);

  self->assessor = sitrep_assessor_new (self->monitor);
  g_signal_connect_object (self->settings, "changed::sev1-share",
                           G_CALLBACK (on_thresholds_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::sev2-share",
                           G_CALLBACK (on_thresholds_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::wall-rotate-seconds",
                           G_CALLBACK (on_wall_rotate_changed_cb), self, G_CONNECT_SWAPPED);
  on_thresholds_changed_cb (self);
  sync_walls (self);

  self->new_critical = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_object (self->feed, "changed", G_CALLBACK (on_alert_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->webhook = sitrep_webhook_receiver_new (self->feed);
  g_signal_connect_object (self->settings, "changed::webhook-enabled",
                           G_CALLBACK (on_webhook_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::webhook-port",
                           G_CALLBACK (on_webhook_changed_cb), self, G_CONNECT_SWAPPED);
  on_webhook_changed_cb (self, "webhook-enabled", self->settings);
}

static void
sitrep_application_activate (GApplication *app)
{
  SitrepApplication *self = SITREP_APPLICATION (app);
  SitrepWindow *window = get_main_window (self);

  if (self->wall_only)
    {
      self->wall_only = FALSE;
      open_wall (self, self->wall_monitor - 1);
      return;
    }

  if (window == NULL)
    {
      window = sitrep_window_new (self);
      sitrep_window_set_monitor (window, self->monitor, self->clock);
      sitrep_window_set_assessor (window, self->assessor);
      sync_window (self, window);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
sitrep_application_shutdown (GApplication *app)
{
  SitrepApplication *self = SITREP_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  if (self->assessor != NULL)
    sitrep_assessor_stop (self->assessor);
  if (self->monitor != NULL)
    sitrep_monitor_stop (self->monitor);
  if (self->webhook != NULL)
    sitrep_webhook_receiver_stop (self->webhook);
  g_clear_handle_id (&self->announce_id, g_source_remove);

  G_APPLICATION_CLASS (sitrep_application_parent_class)->shutdown (app);

  g_clear_object (&self->war_room);
  /* Waits for queued appends, then closes the file. */
  if (self->journal != NULL)
    sitrep_sqlite_journal_close (self->journal);
  g_clear_object (&self->journal);
}

static void
sitrep_application_finalize (GObject *object)
{
  SitrepApplication *self = (SitrepApplication *)object;

  g_clear_object (&self->war_room);
  g_clear_object (&self->journal);
  g_clear_object (&self->webhook);
  g_clear_object (&self->webhook_lookup);
  g_clear_pointer (&self->new_critical, g_ptr_array_unref);
  g_clear_object (&self->assessor);
  g_clear_object (&self->monitor);
  g_clear_object (&self->feed);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->journal_error);
  g_clear_pointer (&self->journal_path, g_free);
  g_clear_pointer (&self->notified, g_hash_table_unref);

  G_OBJECT_CLASS (sitrep_application_parent_class)->finalize (object);
}

static void
sitrep_application_class_init (SitrepApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = sitrep_application_finalize;

  app_class->handle_local_options = sitrep_application_handle_local_options;
  app_class->startup = sitrep_application_startup;
  app_class->activate = sitrep_application_activate;
  app_class->shutdown = sitrep_application_shutdown;
}

static void
sitrep_application_init (SitrepApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  self->notified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

SitrepApplication *
sitrep_application_new (void)
{
  return g_object_new (SITREP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/org/sitrep/Sitrep",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

GSettings *
sitrep_application_get_settings (SitrepApplication *self)
{
  g_return_val_if_fail (SITREP_IS_APPLICATION (self), NULL);

  return self->settings;
}

const char *
sitrep_application_get_journal_path (SitrepApplication *self)
{
  g_return_val_if_fail (SITREP_IS_APPLICATION (self), NULL);

  return self->journal_path;
}

/**
 * sitrep_application_get_war_room:
 *
 * Returns: (transfer none) (nullable): the war room, once the journal is open
 */
SitrepWarRoom *
sitrep_application_get_war_room (SitrepApplication *self)
{
  g_return_val_if_fail (SITREP_IS_APPLICATION (self), NULL);

  return self->war_room;
}

/**
 * sitrep_application_get_assessor:
 *
 * Returns: (transfer none): the live blast radius of the active incidents
 */
SitrepAssessor *
sitrep_application_get_assessor (SitrepApplication *self)
{
  g_return_val_if_fail (SITREP_IS_APPLICATION (self), NULL);

  return self->assessor;
}

/**
 * sitrep_application_get_monitor:
 *
 * Returns: (transfer none): the monitoring sources and key metrics
 */
SitrepMonitor *
sitrep_application_get_monitor (SitrepApplication *self)
{
  g_return_val_if_fail (SITREP_IS_APPLICATION (self), NULL);

  return self->monitor;
}
