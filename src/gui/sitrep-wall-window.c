/* sitrep-wall-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The wall display: the war room's TV, read from five metres. Full
 * screen, no chrome, read-only; it shows the most severe active incident
 * (severity as text, shape and colour; title; status; time since
 * detection; the countdown to the next status update, the biggest number
 * on screen; the roster; the key metrics; the blast radius; the last
 * entries of the timeline) and rotates the other active incidents in a
 * strip below, with how many there are. With no incident, a calm "all
 * clear" and the key metrics. The freshness of every source is always
 * at the bottom, so a wall whose sources are gone says so.
 *
 * Every size is a share of the window's height (the unit is 1 %), set in
 * a style sheet when the height changes: primary figures are at least 6
 * units, nothing is below 2.6. It never shows a dialog or a toast. It
 * ticks once a second with the clock and changes a label only when its
 * text changes; the chart redraws only when its numbers do. */

#define G_LOG_DOMAIN "sitrep-wall"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sitrep-blast-chart.h"
#include "sitrep-format.h"
#include "sitrep-sparkline.h"
#include "sitrep-timeline.h"
#include "sitrep-wall-window.h"

#define N_TIMELINE      3
#define N_KPIS          3
#define POINTER_HIDE_S  3
#define TITLE_MAX_CHARS 80
#define LINE_MAX_CHARS  110

typedef struct
{
  SitrepKpi *kpi;
  GtkWidget *box;
  GtkWidget *name;
  GtkWidget *value;
  GtkWidget *state;
  GtkWidget *sparkline;
} WallKpi;

struct _SitrepWallWindow
{
  AdwWindow        parent_instance;

  SitrepWarRoom   *war_room;
  SitrepMonitor   *monitor;
  SitrepAssessor  *assessor;
  SitrepClock     *clock;

  GtkCssProvider  *css;
  int              styled_height;
  guint            restyle_id;
  guint            pointer_id;
  guint            rotate_seconds;
  gboolean         fixed_size;
  SitrepSeverity   shown_severity;  /* on the badge; -1 before the first */
  guint            rotation;
  gint64           rotated_at;

  SitrepIncident  *pinned;
  SitrepIncident  *rotating;

  GtkWidget       *root;
  GtkWidget       *stack;
  GtkWidget       *badge;
  GtkWidget       *badge_image;
  GtkWidget       *badge_label;
  GtkWidget       *title;
  GtkWidget       *status;
  GtkWidget       *countdown_caption;
  GtkWidget       *countdown;
  GtkWidget       *roster;
  GtkWidget       *kpi_row;
  GtkWidget       *bottom;
  GtkWidget       *chart;
  GtkWidget       *timeline_box;
  GtkWidget       *timeline[N_TIMELINE];
  GtkWidget       *others;
  GtkWidget       *freshness;
  WallKpi          kpis[N_KPIS];
};

G_DEFINE_FINAL_TYPE (SitrepWallWindow, sitrep_wall_window, ADW_TYPE_WINDOW)

static void
set_text (GtkWidget  *label,
          const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (label), text);
}

/* Remote and typed text is cut to a length the wall can show whole: a
 * wall never ellipsizes, so nothing reads as something it is not. */
static char *
cut (const char *text,
     glong       max_chars)
{
  g_autofree char *one_line = g_strdup (text != NULL ? text : "");

  for (char *p = one_line; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';

  if (g_utf8_strlen (one_line, -1) <= max_chars)
    return g_steal_pointer (&one_line);

  {
    g_autofree char *head = g_utf8_substring (one_line, 0, max_chars - 1);

    return g_strconcat (g_strchomp (head), "…", NULL);
  }
}

static GtkWidget *
wall_label (const char *css_class,
            gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), wrap);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);

  return label;
}

/* Sets every size for a wall of @width × @height pixels. */
static void
restyle (SitrepWallWindow *self,
         int               width,
         int               height)
{
  double u = height / 100.0;
  g_autofree char *css = NULL;
  char buf[7][G_ASCII_DTOSTR_BUF_SIZE];

#define U(i, x) g_ascii_formatd (buf[i], sizeof buf[i], "%.1f", (x) * u)
  css = g_strdup_printf (
    "window.wall-display .wall { padding: %spx; }\n"
    "window.wall-display .wall-title { font-size: %spx; font-weight: 800; }\n"
    "window.wall-display .wall-body { font-size: %spx; }\n"
    "window.wall-display .wall-small { font-size: %spx; }\n"
    "window.wall-display .wall-primary { font-size: %spx; font-weight: 800; font-feature-settings: \"tnum\"; }\n"
    "window.wall-display .wall-countdown { font-size: %spx; font-weight: 900; font-feature-settings: \"tnum\"; }\n"
    "window.wall-display .wall-clear { font-size: %spx; font-weight: 800; }\n"
    "window.wall-display .wall-badge { font-size: %spx; }\n",
    U (0, 2.0), U (1, 5.5), U (2, 3.4), U (3, 2.8), U (4, 6.0), U (5, 14.0), U (6, 10.0), buf[4]);
#undef U

  gtk_css_provider_load_from_data (self->css, css, -1);
  gtk_image_set_pixel_size (GTK_IMAGE (self->badge_image), (int)(6.5 * u));
  sitrep_blast_chart_set_text_size (SITREP_BLAST_CHART (self->chart), 3.0 * u);
  gtk_box_set_spacing (GTK_BOX (self->root), (int)(1.6 * u));
  gtk_widget_set_size_request (self->timeline_box, (int)(width * 0.34), -1);
  for (guint i = 0; i < N_KPIS; i++)
    gtk_widget_set_size_request (self->kpis[i].sparkline, -1, (int)(4.5 * u));
  self->styled_height = height;
}

static gboolean
restyle_cb (gpointer user_data)
{
  SitrepWallWindow *self = user_data;

  self->restyle_id = 0;
  restyle (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  return G_SOURCE_REMOVE;
}

static void
sitrep_wall_window_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  SitrepWallWindow *self = SITREP_WALL_WINDOW (widget);

  GTK_WIDGET_CLASS (sitrep_wall_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* Sizes follow the height; changing them relays out, so not from here. */
  if (height != self->styled_height && self->restyle_id == 0 && !self->fixed_size)
    self->restyle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, restyle_cb, self, NULL);
}

/* Key metrics */

static void
update_kpi (WallKpi *tile)
{
  SitrepKpiState state;
  g_autofree char *value = NULL;

  if (tile->kpi == NULL)
    return;

  state = sitrep_kpi_get_state (tile->kpi);
  value = state == SITREP_KPI_NO_DATA ? g_strdup ("—")
                                      : sitrep_kpi_format_value (tile->kpi, sitrep_kpi_get_value (tile->kpi));
  set_text (tile->name, sitrep_kpi_get_display_name (tile->kpi));
  set_text (tile->value, value);
  set_text (tile->state, state == SITREP_KPI_BREACHED ? _("Breached")
                         : state == SITREP_KPI_OK ? _("OK") : _("No data"));
  if (state == SITREP_KPI_BREACHED)
    gtk_widget_add_css_class (tile->box, "kpi-breached");
  else
    gtk_widget_remove_css_class (tile->box, "kpi-breached");
  sitrep_sparkline_set_points (SITREP_SPARKLINE (tile->sparkline), sitrep_kpi_get_points (tile->kpi),
                               sitrep_kpi_get_threshold (tile->kpi), sitrep_kpi_get_bad_above (tile->kpi));
}

static void
on_kpi_notify_cb (GObject    *object,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  update_kpi (user_data);
}

static void
rebuild_kpis (SitrepWallWindow *self)
{
  GListModel *kpis = sitrep_monitor_get_kpis (self->monitor);

  for (guint i = 0; i < N_KPIS; i++)
    {
      WallKpi *tile = &self->kpis[i];

      if (tile->kpi != NULL)
        g_signal_handlers_disconnect_by_func (tile->kpi, on_kpi_notify_cb, tile);
      g_clear_object (&tile->kpi);

      if (i < g_list_model_get_n_items (kpis))
        {
          tile->kpi = g_list_model_get_item (kpis, i);
          g_signal_connect (tile->kpi, "notify", G_CALLBACK (on_kpi_notify_cb), tile);
        }

      gtk_widget_set_visible (tile->box, tile->kpi != NULL);
      update_kpi (tile);
    }
}

/* Incidents */

static char *
describe_roster (SitrepIncident *incident)
{
  static const char * const roles[] = { SITREP_ROLE_COMMANDER, SITREP_ROLE_OPS, SITREP_ROLE_COMMS };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      SitrepRosterEntry *entry = sitrep_incident_lookup_role (incident, roles[i]);
      const char *name = entry != NULL ? sitrep_roster_entry_get_name (entry) : NULL;
      g_autofree char *shown = cut (name != NULL && *name != '\0' ? name : _("unassigned"), 40);

      if (text->len > 0)
        g_string_append (text, "   ·   ");
      /* Translators: a role and who holds it: "Incident Commander: Ann". */
      g_string_append_printf (text, _("%s: %s"), sitrep_role_get_label (roles[i]), shown);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_timeline (SitrepWallWindow *self,
                 gint64            now)
{
  GListModel *events = sitrep_incident_get_events (self->pinned);
  guint n = g_list_model_get_n_items (events);

  for (guint i = 0; i < N_TIMELINE; i++)
    {
      g_autoptr(SitrepEvent) event = NULL;
      g_autofree char *what = NULL;
      g_autofree char *when = NULL;
      g_autofree char *line = NULL;

      if (i >= n)
        {
          gtk_widget_set_visible (self->timeline[i], FALSE);
          continue;
        }

      event = g_list_model_get_item (events, n - 1 - i);
      what = sitrep_timeline_describe (event);
      when = sitrep_format_local_time (sitrep_event_get_at (event), now);
      line = g_strdup_printf ("%s  %s", when, what);
      g_free (what);
      what = cut (line, LINE_MAX_CHARS);
      set_text (self->timeline[i], what);
      gtk_widget_set_visible (self->timeline[i], TRUE);
    }
}

static void
update_countdown (SitrepWallWindow *self,
                  gint64            now)
{
  gint64 due = sitrep_incident_get_update_due_at (self->pinned);
  SitrepDeadlineState state = sitrep_deadline_get_state (due, now, SITREP_UPDATE_WARNING);
  g_autofree char *countdown = NULL;

  /* Classes change only with the state: a change of style redraws. */
  if (state != SITREP_DEADLINE_WARNING)
    gtk_widget_remove_css_class (self->countdown, "deadline-warning");
  if (state != SITREP_DEADLINE_OVERDUE)
    gtk_widget_remove_css_class (self->countdown, "deadline-overdue");

  switch (state)
    {
    case SITREP_DEADLINE_NONE:
      set_text (self->countdown_caption, _("No update is due"));
      set_text (self->countdown, "—");
      return;

    case SITREP_DEADLINE_OVERDUE:
      countdown = sitrep_format_countdown (due - now);
      set_text (self->countdown_caption, _("Update overdue by"));
      {
        g_autofree char *signed_text = g_strconcat ("+", countdown, NULL);

        set_text (self->countdown, signed_text);
      }
      gtk_widget_add_css_class (self->countdown, "deadline-overdue");
      return;

    case SITREP_DEADLINE_WARNING:
      gtk_widget_add_css_class (self->countdown, "deadline-warning");
      G_GNUC_FALLTHROUGH;
    case SITREP_DEADLINE_RUNNING:
    default:
      countdown = sitrep_format_countdown (due - now);
      set_text (self->countdown_caption, _("Next update in"));
      set_text (self->countdown, countdown);
      return;
    }
}

static void
update_pinned (SitrepWallWindow *self,
               gint64            now)
{
  SitrepSeverity severity = sitrep_incident_get_severity (self->pinned);
  gint64 since = sitrep_incident_get_detected_at (self->pinned);
  g_autofree char *title = cut (sitrep_incident_get_title (self->pinned), TITLE_MAX_CHARS);
  g_autofree char *elapsed = NULL;
  g_autofree char *status = NULL;
  g_autofree char *roster = describe_roster (self->pinned);

  if (severity != self->shown_severity)
    {
      for (int i = 0; i <= SITREP_SEVERITY_LAST; i++)
        gtk_widget_remove_css_class (self->badge, sitrep_severity_get_css_class (i));
      gtk_widget_add_css_class (self->badge, sitrep_severity_get_css_class (severity));
      gtk_image_set_from_icon_name (GTK_IMAGE (self->badge_image), sitrep_severity_get_icon_name (severity));
      set_text (self->badge_label, sitrep_severity_get_label (severity));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->badge),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, sitrep_severity_get_label (severity),
                                      -1);
      self->shown_severity = severity;
    }

  set_text (self->title, title);

  if (since <= 0)
    since = sitrep_incident_get_declared_at (self->pinned);
  elapsed = sitrep_format_duration (MAX (0, now - since));
  /* Translators: the incident's status and how long it has lasted: "Investigating · 42 min since detection". */
  status = g_strdup_printf (_("%s · %s since detection"),
                            sitrep_status_get_label (sitrep_incident_get_status (self->pinned)), elapsed);
  set_text (self->status, status);
  set_text (self->roster, roster);

  update_countdown (self, now);
  update_timeline (self, now);
}

static void
update_others (SitrepWallWindow *self,
               GPtrArray        *others,
               gint64            now)
{
  SitrepIncident *incident;
  g_autofree char *title = NULL;
  g_autofree char *due = NULL;
  g_autofree char *text = NULL;
  gint64 due_at;

  if (others->len == 0)
    {
      g_clear_object (&self->rotating);
      gtk_widget_set_visible (self->others, FALSE);
      return;
    }

  if (self->rotated_at == 0)
    self->rotated_at = now;
  if (now - self->rotated_at >= (gint64)self->rotate_seconds * G_TIME_SPAN_SECOND)
    {
      self->rotation++;
      self->rotated_at = now;
    }

  incident = g_ptr_array_index (others, self->rotation % others->len);
  g_set_object (&self->rotating, incident);

  title = cut (sitrep_incident_get_title (incident), 60);
  due_at = sitrep_incident_get_update_due_at (incident);
  if (due_at > 0)
    {
      g_autofree char *countdown = sitrep_format_countdown (due_at - now);

      due = due_at >= now
            /* Translators: a countdown, "12:00". */
            ? g_strdup_printf (_("next update in %s"), countdown)
            /* Translators: a countdown, "2:03". */
            : g_strdup_printf (_("update overdue by %s"), countdown);
    }
  else
    due = g_strdup (_("no update due"));

  /* Translators: the rotating strip of the wall: "Also active (1 of 2): SEV3 Search slow · next update in 12:00".
   * The first two numbers are which incident is shown and how many others are active. */
  text = g_strdup_printf (_("Also active (%u of %u): %s %s · %s"),
                          self->rotation % others->len + 1, others->len,
                          sitrep_severity_get_label (sitrep_incident_get_severity (incident)),
                          title, due);
  set_text (self->others, text);
  gtk_widget_set_visible (self->others, TRUE);
}

/* How old data is, in the fewest characters a person reads at a glance. */
static char *
format_age (gint64 age_us)
{
  gint64 seconds = MAX (0, age_us) / G_TIME_SPAN_SECOND;

  if (seconds < 60)
    /* Translators: an age in seconds, "5 s". */
    return g_strdup_printf (_("%d s"), (int)seconds);
  if (seconds < 3600)
    /* Translators: an age in minutes, "12 min". */
    return g_strdup_printf (_("%d min"), (int)(seconds / 60));
  /* Translators: an age in hours, "3 h". */
  return g_strdup_printf (_("%d h"), (int)MIN (seconds / 3600, G_MAXINT));
}

static void
update_freshness (SitrepWallWindow *self,
                  gint64            now)
{
  GListModel *sources = sitrep_monitor_get_sources (self->monitor);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(SitrepSource) source = g_list_model_get_item (sources, i);
      g_autofree char *name = cut (sitrep_source_get_name (source), 40);
      gint64 fetched = sitrep_source_get_fetched_at (source);
      g_autofree char *ago = NULL;

      if (!sitrep_source_get_enabled (source))
        continue;

      if (text->len > 0)
        g_string_append (text, "   ·   ");

      if (fetched <= 0 && (sitrep_source_get_health (source) == SITREP_SOURCE_HEALTH_FAILING ||
                           sitrep_source_get_health (source) == SITREP_SOURCE_HEALTH_AUTH_FAILED))
        /* Translators: a source that fails and never answered: "Prometheus: FAILING, no data". */
        g_string_append_printf (text, _("%s: FAILING, no data"), name);
      else if (fetched <= 0)
        /* Translators: a source that never answered: "Prometheus: no data yet". */
        g_string_append_printf (text, _("%s: no data yet"), name);
      else
        {
          ago = format_age (now - fetched);
          if (sitrep_source_is_stale (source, now) ||
              sitrep_source_get_health (source) != SITREP_SOURCE_HEALTH_HEALTHY)
            /* Translators: a source whose data is old: "Prometheus: STALE, 5 min old". */
            g_string_append_printf (text, _("%s: STALE, %s old"), name, ago);
          else
            /* Translators: a source's data age: "Prometheus: 3 s old". */
            g_string_append_printf (text, _("%s: %s old"), name, ago);
        }
    }

  if (text->len == 0)
    g_string_append (text, _("No monitoring source is set up"));

  {
    /* Translators: the data freshness line at the bottom of the wall. */
    g_autofree char *line = g_strdup_printf (_("Data — %s"), text->str);

    set_text (self->freshness, line);
  }
}

static void
update (SitrepWallWindow *self)
{
  gint64 now = sitrep_clock_get_now (self->clock);
  g_autoptr(GPtrArray) active = g_ptr_array_new_with_free_func (g_object_unref);
  SitrepIncident *pinned = NULL;

  if (self->war_room != NULL)
    {
      GListModel *incidents = sitrep_war_room_get_incidents (self->war_room);

      for (guint i = 0; i < g_list_model_get_n_items (incidents); i++)
        {
          SitrepIncident *incident = g_list_model_get_item (incidents, i);

          if (sitrep_incident_is_active (incident))
            g_ptr_array_add (active, incident);
          else
            g_object_unref (incident);
        }
    }

  /* The most severe stays pinned; the others rotate in their order. */
  for (guint i = 0; i < active->len; i++)
    if (pinned == NULL || sitrep_incident_compare (g_ptr_array_index (active, i), pinned) < 0)
      pinned = g_ptr_array_index (active, i);

  if (pinned != self->pinned)
    {
      g_set_object (&self->pinned, pinned);
      sitrep_blast_chart_set_assessment (SITREP_BLAST_CHART (self->chart),
                                         pinned != NULL && self->assessor != NULL
                                         ? sitrep_assessor_get_assessment (self->assessor, pinned)
                                         : NULL);
    }

  if (pinned != NULL)
    {
      g_ptr_array_remove (active, pinned);
      update_pinned (self, now);
    }

  /* All clear is calm: the words, then the key metrics, larger. */
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), pinned != NULL ? "incident" : "clear");
  gtk_widget_set_visible (self->roster, pinned != NULL);
  gtk_widget_set_visible (self->bottom, pinned != NULL);
  gtk_widget_set_vexpand (self->kpi_row, pinned == NULL);
  for (guint i = 0; i < N_KPIS; i++)
    gtk_widget_set_vexpand (self->kpis[i].sparkline, pinned == NULL);

  update_others (self, active, now);
  update_freshness (self, now);
}

/* The pointer */

static gboolean
hide_pointer_cb (gpointer user_data)
{
  SitrepWallWindow *self = user_data;

  self->pointer_id = 0;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "none");
  return G_SOURCE_REMOVE;
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              SitrepWallWindow         *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  g_clear_handle_id (&self->pointer_id, g_source_remove);
  self->pointer_id = g_timeout_add_seconds (POINTER_HIDE_S, hide_pointer_cb, self);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   SitrepWallWindow      *self)
{
  GtkWindow *window = GTK_WINDOW (self);

  if (keyval == GDK_KEY_Escape && gtk_window_is_fullscreen (window))
    {
      gtk_window_unfullscreen (window);
      return TRUE;
    }

  if (keyval == GDK_KEY_F11)
    {
      if (gtk_window_is_fullscreen (window))
        gtk_window_unfullscreen (window);
      else
        gtk_window_fullscreen (window);
      return TRUE;
    }

  if ((keyval == GDK_KEY_w || keyval == GDK_KEY_W) && (state & GDK_CONTROL_MASK))
    {
      gtk_window_close (window);
      return TRUE;
    }

  return FALSE;
}

/* Construction */

static GtkWidget *
build_kpi (WallKpi *tile)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

  tile->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (tile->box, "card");
  gtk_widget_add_css_class (tile->box, "kpi-tile");
  gtk_widget_set_hexpand (tile->box, TRUE);
  tile->name = wall_label ("wall-small", TRUE);
  tile->value = wall_label ("wall-primary", FALSE);
  tile->state = wall_label ("wall-body", FALSE);
  gtk_widget_add_css_class (tile->state, "kpi-state");
  gtk_widget_set_valign (tile->state, GTK_ALIGN_BASELINE);
  gtk_widget_set_valign (tile->value, GTK_ALIGN_BASELINE);
  tile->sparkline = sitrep_sparkline_new ();
  gtk_widget_set_size_request (tile->sparkline, 60, 24);

  gtk_box_append (GTK_BOX (line), tile->value);
  gtk_box_append (GTK_BOX (line), tile->state);
  gtk_box_append (GTK_BOX (tile->box), tile->name);
  gtk_box_append (GTK_BOX (tile->box), line);
  gtk_box_append (GTK_BOX (tile->box), tile->sparkline);

  return tile->box;
}

static void
build (SitrepWallWindow *self)
{
  GtkWidget *header, *titles, *countdown_box, *clear, *clear_title, *clear_subtitle;
  GtkEventController *controller;

  self->root = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (self->root, "wall");

  /* The incident's header, or all clear. */
  self->stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  self->badge = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->badge, "wall-badge");
  gtk_widget_set_valign (self->badge, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Severity"), -1);
  self->badge_image = gtk_image_new ();
  self->badge_label = wall_label ("wall-primary", FALSE);
  gtk_box_append (GTK_BOX (self->badge), self->badge_image);
  gtk_box_append (GTK_BOX (self->badge), self->badge_label);

  titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (titles, TRUE);
  self->title = wall_label ("wall-title", TRUE);
  self->status = wall_label ("wall-body", TRUE);
  gtk_box_append (GTK_BOX (titles), self->title);
  gtk_box_append (GTK_BOX (titles), self->status);

  countdown_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  self->countdown_caption = wall_label ("wall-body", FALSE);
  gtk_label_set_xalign (GTK_LABEL (self->countdown_caption), 1);
  self->countdown = wall_label ("wall-countdown", FALSE);
  gtk_label_set_xalign (GTK_LABEL (self->countdown), 1);
  gtk_box_append (GTK_BOX (countdown_box), self->countdown_caption);
  gtk_box_append (GTK_BOX (countdown_box), self->countdown);

  gtk_box_append (GTK_BOX (header), self->badge);
  gtk_box_append (GTK_BOX (header), titles);
  gtk_box_append (GTK_BOX (header), countdown_box);
  gtk_stack_add_named (GTK_STACK (self->stack), header, "incident");

  clear = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  clear_title = wall_label ("wall-clear", TRUE);
  gtk_label_set_text (GTK_LABEL (clear_title), _("All clear"));
  gtk_widget_add_css_class (clear_title, "success");
  clear_subtitle = wall_label ("wall-body", TRUE);
  gtk_label_set_text (GTK_LABEL (clear_subtitle), _("No incident is active."));
  gtk_box_append (GTK_BOX (clear), clear_title);
  gtk_box_append (GTK_BOX (clear), clear_subtitle);
  gtk_stack_add_named (GTK_STACK (self->stack), clear, "clear");

  self->roster = wall_label ("wall-body", TRUE);

  self->kpi_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_box_set_homogeneous (GTK_BOX (self->kpi_row), TRUE);
  for (guint i = 0; i < N_KPIS; i++)
    gtk_box_append (GTK_BOX (self->kpi_row), build_kpi (&self->kpis[i]));

  self->bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  gtk_widget_set_vexpand (self->bottom, TRUE);
  self->chart = sitrep_blast_chart_new ();
  gtk_widget_set_hexpand (self->chart, TRUE);
  gtk_widget_set_vexpand (self->chart, TRUE);
  self->timeline_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  for (guint i = 0; i < N_TIMELINE; i++)
    {
      self->timeline[i] = wall_label ("wall-small", TRUE);
      gtk_box_append (GTK_BOX (self->timeline_box), self->timeline[i]);
    }
  gtk_box_append (GTK_BOX (self->bottom), self->chart);
  gtk_box_append (GTK_BOX (self->bottom), self->timeline_box);

  self->others = wall_label ("wall-body", TRUE);
  gtk_widget_add_css_class (self->others, "wall-others");
  self->freshness = wall_label ("wall-small", TRUE);
  gtk_widget_add_css_class (self->freshness, "dim-label");

  gtk_box_append (GTK_BOX (self->root), self->stack);
  gtk_box_append (GTK_BOX (self->root), self->roster);
  gtk_box_append (GTK_BOX (self->root), self->kpi_row);
  gtk_box_append (GTK_BOX (self->root), self->bottom);
  gtk_box_append (GTK_BOX (self->root), self->others);
  gtk_box_append (GTK_BOX (self->root), self->freshness);
  adw_window_set_content (ADW_WINDOW (self), self->root);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
sitrep_wall_window_dispose (GObject *object)
{
  SitrepWallWindow *self = (SitrepWallWindow *)object;

  g_clear_handle_id (&self->restyle_id, g_source_remove);
  g_clear_handle_id (&self->pointer_id, g_source_remove);
  for (guint i = 0; i < N_KPIS; i++)
    {
      if (self->kpis[i].kpi != NULL)
        g_signal_handlers_disconnect_by_func (self->kpis[i].kpi, on_kpi_notify_cb, &self->kpis[i]);
      g_clear_object (&self->kpis[i].kpi);
    }
  if (self->css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->css));
  g_clear_object (&self->css);
  g_clear_object (&self->pinned);
  g_clear_object (&self->rotating);
  g_clear_object (&self->war_room);
  g_clear_object (&self->assessor);
  g_clear_object (&self->monitor);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (sitrep_wall_window_parent_class)->dispose (object);
}

static void
sitrep_wall_window_class_init (SitrepWallWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_wall_window_dispose;
  widget_class->size_allocate = sitrep_wall_window_size_allocate;
}

static void
sitrep_wall_window_init (SitrepWallWindow *self)
{
  self->rotate_seconds = SITREP_WALL_ROTATE_DEFAULT;
  self->shown_severity = -1;
  gtk_widget_add_css_class (GTK_WIDGET (self), "wall-display");
  gtk_window_set_title (GTK_WINDOW (self), _("Sitrep Wall Display"));
  /* No chrome, even where full screen is not granted. */
  gtk_window_set_decorated (GTK_WINDOW (self), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 720);
  self->css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  build (self);
  restyle (self, 1280, 720);
}

GtkWidget *
sitrep_wall_window_new (GtkApplication *application,
                        SitrepMonitor  *monitor,
                        SitrepAssessor *assessor,
                        SitrepClock    *clock)
{
  SitrepWallWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (SITREP_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (!assessor || SITREP_IS_ASSESSOR (assessor), NULL);
  g_return_val_if_fail (SITREP_IS_CLOCK (clock), NULL);

  self = g_object_new (SITREP_TYPE_WALL_WINDOW, "application", application, NULL);
  self->monitor = g_object_ref (monitor);
  self->assessor = assessor != NULL ? g_object_ref (assessor) : NULL;
  self->clock = g_object_ref (clock);

  g_signal_connect_object (clock, "tick", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sitrep_monitor_get_kpis (monitor), "items-changed",
                           G_CALLBACK (rebuild_kpis), self, G_CONNECT_SWAPPED);
  rebuild_kpis (self);
  update (self);
  /* Nobody points at a TV: the pointer goes a moment after it opens. */
  self->pointer_id = g_timeout_add_seconds (POINTER_HIDE_S, hide_pointer_cb, self);

  return GTK_WIDGET (self);
}

/**
 * sitrep_wall_window_set_war_room:
 * @war_room: (nullable): whose incidents to show, once the journal is open
 */
void
sitrep_wall_window_set_war_room (SitrepWallWindow *self,
                                 SitrepWarRoom    *war_room)
{
  g_return_if_fail (SITREP_IS_WALL_WINDOW (self));

  if (self->war_room != NULL)
    g_signal_handlers_disconnect_by_func (sitrep_war_room_get_incidents (self->war_room), update, self);
  g_set_object (&self->war_room, war_room);
  if (war_room != NULL)
    g_signal_connect_object (sitrep_war_room_get_incidents (war_room), "items-changed",
                             G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

void
sitrep_wall_window_set_rotate_seconds (SitrepWallWindow *self,
                                       guint             seconds)
{
  g_return_if_fail (SITREP_IS_WALL_WINDOW (self));

  self->rotate_seconds = MAX (1, seconds);
}

/**
 * sitrep_wall_window_restyle:
 * @width: a wall's width, in pixels
 * @height: and its height
 *
 * Sizes everything for a wall of @width × @height pixels from now on,
 * whatever the window's size: for laying the wall out for a screen that
 * is not there. The window otherwise follows its own size.
 */
void
sitrep_wall_window_restyle (SitrepWallWindow *self,
                            int               width,
                            int               height)
{
  g_return_if_fail (SITREP_IS_WALL_WINDOW (self));

  self->fixed_size = TRUE;
  g_clear_handle_id (&self->restyle_id, g_source_remove);
  restyle (self, width, height);
}

/**
 * sitrep_wall_window_get_pinned:
 *
 * Returns: (transfer none) (nullable): the incident shown whole
 */
SitrepIncident *
sitrep_wall_window_get_pinned (SitrepWallWindow *self)
{
  g_return_val_if_fail (SITREP_IS_WALL_WINDOW (self), NULL);
  return self->pinned;
}

/**
 * sitrep_wall_window_get_rotating:
 *
 * Returns: (transfer none) (nullable): the other incident shown in the
 *   strip now
 */
SitrepIncident *
sitrep_wall_window_get_rotating (SitrepWallWindow *self)
{
  g_return_val_if_fail (SITREP_IS_WALL_WINDOW (self), NULL);
  return self->rotating;
}

/**
 * sitrep_wall_window_get_unit:
 *
 * Returns: the size unit in pixels, 1 % of the height the wall is styled for
 */
double
sitrep_wall_window_get_unit (SitrepWallWindow *self)
{
  g_return_val_if_fail (SITREP_IS_WALL_WINDOW (self), 0);
  return self->styled_height / 100.0;
}
