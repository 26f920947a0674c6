/* sitrep-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The working window: the incident board and the incident view. It shows
 * one of four pages: the journal opening, the board, the empty board
 * inviting a declaration, or why the journal cannot be opened. The board
 * is a flow of incident cards bound to the war room's incident model,
 * which is already in board order; beside it (or, in a narrow window,
 * instead of it: an AdwLeaflet) the incident view shows the incident
 * chosen, the most severe one until someone chooses. The window's actions
 * are what the keyboard shortcuts reach: they act on the incident shown. */

#define G_LOG_DOMAIN "sitrep-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-declare-dialog.h"
#include "sitrep-incident-card.h"
#include "sitrep-alert-dialogs.h"
#include "sitrep-alerts-panel.h"
#include "sitrep-incident-view.h"
#include "sitrep-kpi-tile.h"
#include "sitrep-window.h"

struct _SitrepWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned */
  GSettings            *settings;
  SitrepWarRoom        *war_room;
  GListModel           *incidents;
  SitrepMonitor        *monitor;
  SitrepClock          *clock;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkFlowBox           *board;
  AdwLeaflet           *leaflet;
  SitrepIncidentView   *incident_view;
  GtkWidget            *back_button;
  GtkWidget            *read_only_label;
  AdwStatusPage        *error_page;
  GtkLabel             *error_path_label;
  GtkBox               *kpi_strip;
  AdwFlap              *flap;
  GMenu                *wall_section;
  SitrepAlertsPanel    *alerts_panel;
  GtkWidget            *alerts_button;
  AdwButtonContent     *alerts_button_content;
};

G_DEFINE_FINAL_TYPE (SitrepWindow, sitrep_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_WAR_ROOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GtkStack in GTK 4.8 leaves hidden pages exposed to assistive
 * technologies; only the visible page should be read out. */
static void
show_page (SitrepWindow *self,
           const char   *name)
{
  GtkSelectionModel *pages = gtk_stack_get_pages (self->stack);
  guint n_pages = g_list_model_get_n_items (G_LIST_MODEL (pages));

  gtk_stack_set_visible_child_name (self->stack, name);

  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkStackPage *page = GTK_STACK_PAGE (item);
      GtkWidget *child = gtk_stack_page_get_child (page);

      gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                   GTK_ACCESSIBLE_STATE_HIDDEN,
                                   g_strcmp0 (gtk_stack_page_get_name (page), name) != 0,
                                   -1);
    }

  g_object_unref (pages);
}

static GtkWidget *
create_card_cb (gpointer item,
                gpointer user_data)
{
  SitrepWindow *self = user_data;

  return GTK_WIDGET (sitrep_incident_card_new (SITREP_INCIDENT (item),
                                               sitrep_war_room_get_clock (self->war_room)));
}


static SitrepIncident *
current_incident (SitrepWindow *self)
{
  return sitrep_incident_view_get_incident (self->incident_view);
}

static void
update_actions (SitrepWindow *self)
{
  static const char * const incident_actions[] = {
    "win.post-update", "win.add-note", "win.add-link", "win.add-trace", "win.assign-role",
    "win.change-severity", "win.record-decision",
  };
  gboolean writable = self->war_room != NULL && !sitrep_war_room_get_read_only (self->war_room);
  gboolean has_incident = current_incident (self) != NULL;
  guint n_items = self->incidents != NULL ? g_list_model_get_n_items (self->incidents) : 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.declare", writable);
  for (guint i = 0; i < G_N_ELEMENTS (incident_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), incident_actions[i], writable && has_incident);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-incident", n_items > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-incident", n_items > 1);
  gtk_widget_set_visible (self->read_only_label,
                          self->war_room != NULL && sitrep_war_room_get_read_only (self->war_room));
  sitrep_alerts_panel_set_read_only (self->alerts_panel, !writable);
}

static void
update_back_button (SitrepWindow *self)
{
  gboolean on_incident = g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "incident") == 0;

  gtk_widget_set_visible (self->back_button,
                          adw_leaflet_get_folded (self->leaflet) && on_incident &&
                          g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "board") == 0);
}

static gboolean
find_incident (SitrepWindow   *self,
               SitrepIncident *incident,
               guint          *position)
{
  return incident != NULL && self->incidents != NULL &&
         g_list_store_find (G_LIST_STORE (self->incidents), incident, position);
}

/* Shows @incident in the view and marks its card; with @navigate, a
 * folded window turns to the view. */
static void
open_incident (SitrepWindow   *self,
               SitrepIncident *incident,
               gboolean        navigate)
{
  guint position;

  sitrep_incident_view_set_incident (self->incident_view, incident);

  if (find_incident (self, incident, &position))
    {
      GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (self->board, position);

      if (child != NULL)
        gtk_flow_box_select_child (self->board, child);
    }
  else
    gtk_flow_box_unselect_all (self->board);

  if (navigate && incident != NULL)
    adw_leaflet_set_visible_child_name (self->leaflet, "incident");

  update_actions (self);
  update_back_button (self);
}

/* The view always shows an incident while there is one: the one chosen
 * while the war room has it (the board moves a card by taking it out and
 * putting it back, and the view must not jump meanwhile), the first on the
 * board otherwise. */
static void
keep_incident_open (SitrepWindow *self)
{
  SitrepIncident *incident = current_incident (self);

  if (incident == NULL ||
      sitrep_war_room_lookup_incident (self->war_room, sitrep_incident_get_id (incident)) != incident)
    {
      g_autoptr(SitrepIncident) first = NULL;

      if (g_list_model_get_n_items (self->incidents) > 0)
        first = g_list_model_get_item (self->incidents, 0);
      incident = first;
      if (incident == NULL)
        adw_leaflet_set_visible_child_name (self->leaflet, "board");
    }

  open_incident (self, incident, FALSE);
}

static void
on_card_activated_cb (SitrepWindow    *self,
                      GtkFlowBoxChild *child)
{
  g_autoptr(SitrepIncident) incident = NULL;

  incident = g_list_model_get_item (self->incidents, gtk_flow_box_child_get_index (child));
  if (incident != NULL)
    open_incident (self, incident, TRUE);
}

static void
step_incident (SitrepWindow *self,
               int           step)
{
  guint n_items = g_list_model_get_n_items (self->incidents);
  g_autoptr(SitrepIncident) next = NULL;
  guint position = 0;

  if (n_items == 0)
    return;

  if (find_incident (self, current_incident (self), &position))
    position = (position + n_items + step) % n_items;

  next = g_list_model_get_item (self->incidents, position);
  open_incident (self, next, TRUE);
}

static void
sitrep_window_next_incident_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  step_incident (SITREP_WINDOW (widget), 1);
}

static void
sitrep_window_previous_incident_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  step_incident (SITREP_WINDOW (widget), -1);
}

/* The shortcuts window is made when asked for and destroyed when closed,
 * not kept hidden the way GtkApplication keeps a "gtk/help-overlay.ui":
 * GTK 4.8 can hand a hidden, never-realized top-level window to an
 * assistive technology that asks for a window index no longer there (a
 * dialog just closed), and crashes answering. */
static void
sitrep_window_show_help_overlay_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/org/sitrep/Sitrep/ui/sitrep-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

static void
sitrep_window_show_board_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  SitrepWindow *self = SITREP_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "board");
}

/* The shortcuts of the incident's acts; each opens the act for the
 * incident in view, which comes into view if the window is folded. */
static void
sitrep_window_incident_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  SitrepWindow *self = SITREP_WINDOW (widget);
  g_autofree char *incident_action = NULL;

  if (current_incident (self) == NULL)
    return;

  adw_leaflet_set_visible_child_name (self->leaflet, "incident");
  incident_action = g_strconcat ("incident.", action_name + strlen ("win."), NULL);

  if (g_str_equal (action_name, "win.assign-role"))
    gtk_widget_activate_action (GTK_WIDGET (self->incident_view), incident_action, "s", "");
  else
    gtk_widget_activate_action (GTK_WIDGET (self->incident_view), incident_action, NULL);
}

static void
on_trace_url_template_changed_cb (SitrepWindow *self)
{
  g_autofree char *url_template = g_settings_get_string (self->settings, "trace-url-template");

  sitrep_incident_view_set_trace_url_template (self->incident_view, url_template);
}

static void
update_board (SitrepWindow *self)
{
  GListModel *incidents;
  guint n_items, n_active;

  if (self->war_room == NULL)
    return;

  incidents = sitrep_war_room_get_incidents (self->war_room);
  n_items = g_list_model_get_n_items (incidents);
  n_active = sitrep_war_room_get_n_active (self->war_room);

  show_page (self, n_items > 0 ? "board" : "empty");
  keep_incident_open (self);

  if (n_active > 0)
    {
      g_autofree char *subtitle =
        /* Translators: shown under the window title. */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u active incident",
                                      "%u active incidents", n_active), n_active);

      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  else
    adw_window_title_set_subtitle (self->window_title, n_items > 0 ? _("No active incidents") : "");
}

static void
on_incidents_changed_cb (SitrepWindow *self)
{
  update_board (self);
}

static void
sitrep_window_declare_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  SitrepWindow *self = SITREP_WINDOW (widget);
  SitrepDeclareDialog *dialog;

  if (self->war_room == NULL)
    return;

  dialog = sitrep_declare_dialog_new (GTK_WINDOW (self), self->war_room);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_window_state (SitrepWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static gboolean
sitrep_window_close_request (GtkWindow *window)
{
  save_window_state (SITREP_WINDOW (window));

  return GTK_WINDOW_CLASS (sitrep_window_parent_class)->close_request (window);
}

static void
sitrep_window_dispose (GObject *object)
{
  SitrepWindow *self = (SitrepWindow *)object;

  sitrep_window_set_war_room (self, NULL);
  g_clear_object (&self->monitor);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (sitrep_window_parent_class)->dispose (object);
}

static void
sitrep_window_finalize (GObject *object)
{
  SitrepWindow *self = (SitrepWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sitrep_window_parent_class)->finalize (object);
}

static void
sitrep_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SitrepWindow *self = SITREP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WAR_ROOM:
      g_value_set_object (value, self->war_room);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SitrepWindow *self = SITREP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WAR_ROOM:
      sitrep_window_set_war_room (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_window_toggle_alerts_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  SitrepWindow *self = SITREP_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
update_alerts_button (SitrepWindow *self)
{
  guint n = sitrep_alerts_panel_get_n_firing (self->alerts_panel);
  g_autofree char *label = NULL;

  if (n > 0)
    /* Translators: the alerts button; %u is how many alerts are firing. */
    label = g_strdup_printf (_("Alerts: %u"), n);
  else
    label = g_strdup (_("Alerts"));

  adw_button_content_set_label (self->alerts_button_content, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->alerts_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->alerts_button), adw_flap_get_reveal_flap (self->flap));
  if (n > 0)
    gtk_widget_add_css_class (self->alerts_button, "alerts-firing");
  else
    gtk_widget_remove_css_class (self->alerts_button, "alerts-firing");
}

static void
rebuild_kpi_strip (SitrepWindow *self)
{
  GListModel *kpis = sitrep_monitor_get_kpis (self->monitor);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->kpi_strip))))
    gtk_box_remove (self->kpi_strip, child);

  for (guint i = 0; i < g_list_model_get_n_items (kpis); i++)
    {
      g_autoptr(SitrepKpi) kpi = g_list_model_get_item (kpis, i);

      gtk_box_append (self->kpi_strip, sitrep_kpi_tile_new (kpi, self->clock));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->kpi_strip), g_list_model_get_n_items (kpis) > 0);
}

static void
on_alerts_act_cb (SitrepWindow      *self,
                  const char        *what,
                  GPtrArray         *alerts,
                  SitrepAlertsPanel *panel)
{
  if (self->war_room == NULL || sitrep_war_room_get_read_only (self->war_room))
    return;

  if (g_str_equal (what, "declare"))
    sitrep_alert_dialogs_declare (self, self->war_room, self->settings, alerts);
  else if (g_str_equal (what, "link"))
    sitrep_alert_dialogs_link (self, self->war_room, alerts);
  else if (g_str_equal (what, "silence"))
    sitrep_alert_dialogs_silence (self, self->war_room, self->monitor, alerts);
}

static void
sitrep_window_class_init (SitrepWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sitrep_window_dispose;
  object_class->finalize = sitrep_window_finalize;
  object_class->get_property = sitrep_window_get_property;
  object_class->set_property = sitrep_window_set_property;

  window_class->close_request = sitrep_window_close_request;

  properties[PROP_WAR_ROOM] =
    g_param_spec_object ("war-room", NULL, NULL, SITREP_TYPE_WAR_ROOM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/sitrep/Sitrep/ui/sitrep-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, wall_section);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, board);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, incident_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, error_path_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, kpi_strip);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, alerts_panel);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, alerts_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, alerts_button_content);
  gtk_widget_class_install_action (widget_class, "win.toggle-alerts", NULL, sitrep_window_toggle_alerts_action);

  gtk_widget_class_install_action (widget_class, "win.declare", NULL, sitrep_window_declare_action);
  gtk_widget_class_install_action (widget_class, "win.next-incident", NULL, sitrep_window_next_incident_action);
  gtk_widget_class_install_action (widget_class, "win.previous-incident", NULL, sitrep_window_previous_incident_action);
  gtk_widget_class_install_action (widget_class, "win.show-board", NULL, sitrep_window_show_board_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   sitrep_window_show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.post-update", NULL, sitrep_window_incident_action);
  gtk_widget_class_install_action (widget_class, "win.add-note", NULL, sitrep_window_incident_action);
  gtk_widget_class_install_action (widget_class, "win.add-link", NULL, sitrep_window_incident_action);
  gtk_widget_class_install_action (widget_class, "win.add-trace", NULL, sitrep_window_incident_action);
  gtk_widget_class_install_action (widget_class, "win.assign-role", NULL, sitrep_window_incident_action);
  gtk_widget_class_install_action (widget_class, "win.change-severity", NULL, sitrep_window_incident_action);
  gtk_widget_class_install_action (widget_class, "win.record-decision", NULL, sitrep_window_incident_action);
}

/* "Open Wall Display", on any monitor; with several, on the one chosen. */
static void
update_wall_menu (SitrepWindow *self)
{
  GMenu *section = self->wall_section;
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  guint n = g_list_model_get_n_items (monitors);

  g_menu_remove_all (section);

  if (n <= 1)
    {
      g_menu_append (section, _("Open _Wall Display"), "app.open-wall(-1)");
      return;
    }

  {
    g_autoptr(GMenu) submenu = g_menu_new ();

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
        g_autoptr(GMenuItem) item = NULL;
        g_autofree char *label = NULL;
        GdkRectangle geometry;
        const char *model = gdk_monitor_get_model (monitor);

        gdk_monitor_get_geometry (monitor, &geometry);
        /* Translators: a monitor: its number, model and size, "Monitor 2: LG TV (1920 × 1080)". */
        label = g_strdup_printf (_("Monitor %u: %s (%d × %d)"), i + 1,
                                 model != NULL ? model : _("unknown model"),
                                 geometry.width, geometry.height);
        item = g_menu_item_new (label, NULL);
        g_menu_item_set_action_and_target_value (item, "app.open-wall", g_variant_new_int32 (i));
        g_menu_append_item (submenu, item);
      }

    g_menu_append_submenu (section, _("Open _Wall Display"), G_MENU_MODEL (submenu));
  }
}

static void
sitrep_window_init (SitrepWindow *self)
{
  g_type_ensure (SITREP_TYPE_ALERTS_PANEL);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->board, "child-activated", G_CALLBACK (on_card_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (update_back_button), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child", G_CALLBACK (update_back_button), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (update_back_button), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::trace-url-template",
                           G_CALLBACK (on_trace_url_template_changed_cb), self, G_CONNECT_SWAPPED);
  on_trace_url_template_changed_cb (self);

  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (update_alerts_button), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->alerts_panel, "act", G_CALLBACK (on_alerts_act_cb), self,
                           G_CONNECT_SWAPPED);
  adw_flap_set_reveal_flap (self->flap, FALSE);

  g_signal_connect_object (gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self))),
                           "items-changed", G_CALLBACK (update_wall_menu), self, G_CONNECT_SWAPPED);
  update_wall_menu (self);

  update_actions (self);
  show_page (self, "loading");

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/**
 * sitrep_window_new:
 * @application: (nullable): the #GtkApplication
 */
SitrepWindow *
sitrep_window_new (gpointer application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (SITREP_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

SitrepWarRoom *
sitrep_window_get_war_room (SitrepWindow *self)
{
  g_return_val_if_fail (SITREP_IS_WINDOW (self), NULL);

  return self->war_room;
}

/**
 * sitrep_window_set_war_room:
 * @war_room: (nullable): a loaded war room
 *
 * Shows the board of @war_room.
 */
void
sitrep_window_set_war_room (SitrepWindow  *self,
                            SitrepWarRoom *war_room)
{
  g_return_if_fail (SITREP_IS_WINDOW (self));
  g_return_if_fail (!war_room || SITREP_IS_WAR_ROOM (war_room));

  if (self->war_room == war_room)
    {
      update_board (self);
      return;
    }

  if (self->war_room != NULL)
    g_signal_handlers_disconnect_by_data (self->war_room, self);
  if (self->incidents != NULL)
    g_signal_handlers_disconnect_by_data (self->incidents, self);
  g_clear_object (&self->incidents);
  g_set_object (&self->war_room, war_room);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  sitrep_incident_view_set_war_room (self->incident_view, war_room);

  if (war_room == NULL)
    {
      gtk_flow_box_bind_model (self->board, NULL, NULL, NULL, NULL);
      sitrep_window_show_loading (self);
    }
  else
    {
      self->incidents = g_object_ref (sitrep_war_room_get_incidents (war_room));
      gtk_flow_box_bind_model (self->board, self->incidents, create_card_cb, self, NULL);
      g_signal_connect_object (self->incidents, "items-changed",
                               G_CALLBACK (on_incidents_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (war_room, "notify::n-active",
                               G_CALLBACK (on_incidents_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (war_room, "notify::read-only",
                               G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
      update_board (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAR_ROOM]);
}

void
sitrep_window_show_loading (SitrepWindow *self)
{
  g_return_if_fail (SITREP_IS_WINDOW (self));

  update_actions (self);
  show_page (self, "loading");
}

/**
 * sitrep_window_show_journal_error:
 * @error: why the journal could not be opened
 * @path: the journal file
 *
 * Says in plain words what is wrong with the journal and where it is, and
 * offers to move it aside and start a fresh one.
 */
void
sitrep_window_show_journal_error (SitrepWindow *self,
                                  const GError *error,
                                  const char   *path)
{
  g_autofree char *description = NULL;

  g_return_if_fail (SITREP_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  sitrep_window_set_war_room (self, NULL);

  /* The status page's description is markup: the message may hold a path
   * with any character in it. */
  description = g_markup_printf_escaped ("%s\n\n%s", error->message,
                                         _("Sitrep has not changed the file. You can move it "
                                           "aside, keeping it for later, and start a fresh "
                                           "journal."));
  adw_status_page_set_description (self->error_page, description);
  gtk_label_set_text (self->error_path_label, path);
  show_page (self, "error");
}

/**
 * sitrep_window_add_toast:
 * @text: plain text; never interpreted as markup
 */
void
sitrep_window_add_toast (SitrepWindow *self,
                         const char   *text)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (SITREP_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * sitrep_window_set_assessor:
 *
 * Lets the incident view show the blast radius the assessor measures.
 */
void
sitrep_window_set_assessor (SitrepWindow   *self,
                            SitrepAssessor *assessor)
{
  g_return_if_fail (SITREP_IS_WINDOW (self));

  sitrep_incident_view_set_assessor (SITREP_INCIDENT_VIEW (self->incident_view), assessor);
}

/**
 * sitrep_window_set_monitor:
 * @monitor: the monitoring sources and key metrics
 * @clock: ticks the freshness of what they show
 *
 * Shows the key metrics above the board and the alerts beside it.
 */
void
sitrep_window_set_monitor (SitrepWindow  *self,
                           SitrepMonitor *monitor,
                           SitrepClock   *clock)
{
  g_return_if_fail (SITREP_IS_WINDOW (self));
  g_return_if_fail (SITREP_IS_MONITOR (monitor));
  g_return_if_fail (SITREP_IS_CLOCK (clock));
  g_return_if_fail (self->monitor == NULL);

  self->monitor = g_object_ref (monitor);
  self->clock = g_object_ref (clock);

  sitrep_alerts_panel_set_monitor (self->alerts_panel, monitor, clock);
  g_signal_connect_object (sitrep_alert_feed_get_alerts (sitrep_monitor_get_feed (monitor)), "items-changed",
                           G_CALLBACK (update_alerts_button), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sitrep_monitor_get_kpis (monitor), "items-changed",
                           G_CALLBACK (rebuild_kpi_strip), self, G_CONNECT_SWAPPED);
  rebuild_kpi_strip (self);

  /* The alerts show beside the board and the incident when the window is
   * wide enough for the three; in a narrower one they fold away, and the
   * header button (which counts the firing alerts) brings them over. */
  gtk_widget_set_visible (self->alerts_button, TRUE);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  update_alerts_button (self);
}

/**
 * sitrep_window_show_incident:
 * @incident_id: the id of an incident
 *
 * Opens the incident in the view, if the war room has it.
 */
void
sitrep_window_show_incident (SitrepWindow *self,
                             const char   *incident_id)
{
  SitrepIncident *incident;

  g_return_if_fail (SITREP_IS_WINDOW (self));
  g_return_if_fail (incident_id != NULL);

  if (self->war_room == NULL ||
      !(incident = sitrep_war_room_lookup_incident (self->war_room, incident_id)))
    return;

  open_incident (self, incident, TRUE);
}
