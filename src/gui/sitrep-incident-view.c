/* sitrep-incident-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where the Incident Commander, the ops lead and the comms lead work on one
 * incident: its header (severity, status, elapsed time, milestones), the
 * triage clock and the countdown to the next status update, the roster,
 * the decisions, the metrics and the timeline. Everything shown is a fold
 * of the incident's events; every act goes through a war room command and
 * shows as done only once it is in the journal. Its acts are the
 * "incident." actions, which the window's shortcuts reach too. */

#define G_LOG_DOMAIN "sitrep-incident-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-blast-chart.h"
#include "sitrep-form-dialog.h"
#include "sitrep-format.h"
#include "sitrep-incident-view.h"
#include "sitrep-severity-badge.h"
#include "sitrep-timeline.h"
#include "sitrep-weak-ref.h"
#include "sitrep-window.h"

typedef enum {
  MILESTONE_DETECTED,
  MILESTONE_DECLARED,
  MILESTONE_TRIAGED,
  MILESTONE_MITIGATED,
  MILESTONE_RESOLVED,
  N_MILESTONES
} Milestone;

typedef enum {
  METRIC_TRIAGE,
  METRIC_MITIGATE,
  METRIC_RESOLVE,
  METRIC_UPDATES,
  METRIC_ON_TIME,
  N_METRICS
} Metric;

struct _SitrepIncidentView
{
  GtkWidget           parent_instance;

  /* Owned */
  SitrepWarRoom      *war_room;
  SitrepIncident     *incident;
  char               *trace_url_template;
  GtkCustomFilter    *filter;
  GtkFilterListModel *timeline;
  GtkLabel           *milestone_labels[N_MILESTONES];
  AdwActionRow       *metric_rows[N_METRICS];

  /* Template children */
  GtkWidget          *scroller;
  SitrepSeverityBadge *badge;
  GtkLabel           *title_label;
  GtkMenuButton      *severity_button;
  GtkMenuButton      *status_button;
  GtkLabel           *elapsed_label;
  GtkLabel           *summary_label;
  GtkBox             *milestones_box;
  GtkWidget          *triage_card;
  GtkLabel           *triage_label;
  GtkLabel           *triage_detail;
  GtkWidget          *update_card;
  GtkLabel           *update_label;
  GtkLabel           *update_detail;
  GtkLabel           *commander_warning;
  GtkListBox         *roster_list;
  GtkListBox         *decision_list;
  GtkListBox         *linked_alerts_list;
  GtkListBox         *metrics_list;
  GtkDropDown        *filter_dropdown;
  GtkToggleButton    *utc_button;
  GtkListBox         *timeline_list;

  /* The blast radius, when an assessor measures it */
  SitrepAssessor     *assessor;
  SitrepAssessment   *assessment;
  GtkWidget          *blast_group;
  GtkWidget          *blast_chart;
  GtkWidget          *suggestion_row;
};

G_DEFINE_FINAL_TYPE (SitrepIncidentView, sitrep_incident_view, GTK_TYPE_WIDGET)

static const char * const editing_actions[] = {
  "incident.rename", "incident.change-severity", "incident.set-severity", "incident.set-status",
  "incident.post-update", "incident.add-note", "incident.add-link", "incident.add-trace",
  "incident.assign-role", "incident.release-role", "incident.record-decision",
  "incident.correct-note", "incident.accept-suggestion", "incident.dismiss-suggestion",
  "incident.measure-blast-radius", "incident.mark-feature",
};

static gint64
now (SitrepIncidentView *self)
{
  return sitrep_clock_get_now (sitrep_war_room_get_clock (self->war_room));
}

static gboolean
is_read_only (SitrepIncidentView *self)
{
  return self->war_room == NULL || sitrep_war_room_get_read_only (self->war_room);
}

static void
set_deadline_class (GtkWidget           *widget,
                    SitrepDeadlineState  state)
{
  gtk_widget_remove_css_class (widget, "deadline-warning");
  gtk_widget_remove_css_class (widget, "deadline-overdue");
  gtk_widget_remove_css_class (widget, "deadline-met");

  if (state == SITREP_DEADLINE_WARNING)
    gtk_widget_add_css_class (widget, "deadline-warning");
  else if (state == SITREP_DEADLINE_OVERDUE)
    gtk_widget_add_css_class (widget, "deadline-overdue");
}

static char *
format_time (SitrepIncidentView *self,
             gint64              at)
{
  if (gtk_toggle_button_get_active (self->utc_button))
    return sitrep_format_utc_time (at);

  return sitrep_format_timeline_time (at, now (self));
}

/* The two clocks and the elapsed time, every second. */
static void
update_clocks (SitrepIncidentView *self)
{
  SitrepIncident *incident = self->incident;
  g_autofree char *elapsed = NULL;
  g_autofree char *elapsed_text = NULL;
  gint64 t, due, triaged;
  SitrepDeadlineState state;

  if (incident == NULL || self->war_room == NULL)
    return;

  t = now (self);

  /* Elapsed since detection, stopped at resolution. */
  if (sitrep_incident_get_resolved_at (incident) > 0)
    t = sitrep_incident_get_resolved_at (incident);
  elapsed = sitrep_format_duration (t - sitrep_incident_get_detected_at (incident));
  t = now (self);
  /* Translators: %s is a duration such as 0:12:03. */
  elapsed_text = g_strdup_printf (_("%s since detection"), elapsed);
  gtk_label_set_text (self->elapsed_label, elapsed_text);

  /* Triage */
  due = sitrep_incident_get_triage_due_at (incident);
  triaged = sitrep_incident_get_triaged_at (incident);
  if (triaged > 0)
    {
      g_autofree char *took = sitrep_format_countdown (-(triaged - sitrep_incident_get_detected_at (incident)));
      g_autofree char *target = sitrep_format_countdown (sitrep_incident_get_triage_target (incident));
      g_autofree char *detail = NULL;

      gtk_label_set_text (self->triage_label, took);
      if (triaged <= due)
        /* Translators: %s is the triage target, such as 5:00. */
        detail = g_strdup_printf (_("Triaged within the %s target"), target);
      else
        /* Translators: %s is the triage target, such as 5:00. */
        detail = g_strdup_printf (_("Triaged, but later than the %s target"), target);
      gtk_label_set_text (self->triage_detail, detail);
      set_deadline_class (self->triage_card, SITREP_DEADLINE_NONE);
      gtk_widget_remove_css_class (self->triage_card, "deadline-missed");
      gtk_widget_add_css_class (self->triage_card, triaged <= due ? "deadline-met" : "deadline-missed");
    }
  else if (due == 0)
    {
      gtk_label_set_text (self->triage_label, "—");
      gtk_label_set_text (self->triage_detail, _("Resolved before a severity was set"));
      gtk_widget_remove_css_class (self->triage_card, "deadline-missed");
      set_deadline_class (self->triage_card, SITREP_DEADLINE_NONE);
    }
  else
    {
      g_autofree char *countdown = sitrep_format_countdown (due - t);

      state = sitrep_deadline_get_state (due, t, SITREP_TRIAGE_WARNING);
      gtk_widget_remove_css_class (self->triage_card, "deadline-missed");
      set_deadline_class (self->triage_card, state);

      if (state == SITREP_DEADLINE_OVERDUE)
        {
          g_autofree char *late = g_strdup_printf ("+%s", countdown);

          gtk_label_set_text (self->triage_label, late);
          gtk_label_set_text (self->triage_detail, _("Triage is late: set the severity now"));
        }
      else
        {
          gtk_label_set_text (self->triage_label, countdown);
          gtk_label_set_text (self->triage_detail, _("Left to set the severity"));
        }
    }

  /* Next status update */
  due = sitrep_incident_get_update_due_at (incident);
  state = sitrep_deadline_get_state (due, t, SITREP_UPDATE_WARNING);
  set_deadline_class (self->update_card, state);

  if (state == SITREP_DEADLINE_NONE)
    {
      gtk_label_set_text (self->update_label, "—");
      if (!sitrep_incident_is_active (incident))
        gtk_label_set_text (self->update_detail, _("The incident is resolved"));
      else if (sitrep_incident_get_severity (incident) == SITREP_SEVERITY_UNTRIAGED)
        gtk_label_set_text (self->update_detail, _("The cadence starts when the severity is set"));
      else
        gtk_label_set_text (self->update_detail, _("No update cadence at this severity"));
    }
  else
    {
      g_autofree char *countdown = sitrep_format_countdown (due - t);
      g_autofree char *at = sitrep_format_local_time (due, t);
      g_autofree char *detail = NULL;

      if (state == SITREP_DEADLINE_OVERDUE)
        {
          g_autofree char *late = g_strdup_printf ("+%s", countdown);

          gtk_label_set_text (self->update_label, late);
          /* Translators: %s is a time such as 14:30. */
          detail = g_strdup_printf (_("Overdue since %s: post an update now"), at);
        }
      else
        {
          gtk_label_set_text (self->update_label, countdown);
          /* Translators: %s is a time such as 14:30. */
          detail = g_strdup_printf (_("Due at %s"), at);
        }
      gtk_label_set_text (self->update_detail, detail);
    }
}

static void
set_metric (SitrepIncidentView *self,
            Metric              metric,
            const char         *value)
{
  adw_action_row_set_subtitle (self->metric_rows[metric], value);
}

static void
set_metric_duration (SitrepIncidentView *self,
                     Metric              metric,
                     gint64              at)
{
  g_autofree char *value = NULL;

  if (at <= 0)
    {
      set_metric (self, metric, _("Not yet"));
      return;
    }

  value = sitrep_format_duration (at - sitrep_incident_get_detected_at (self->incident));
  set_metric (self, metric, value);
}

static void
update_metrics (SitrepIncidentView *self)
{
  guint n_updates = sitrep_incident_get_n_updates (self->incident);
  guint n_on_time = sitrep_incident_get_n_updates_on_time (self->incident);
  g_autofree char *updates = g_strdup_printf ("%u", n_updates);

  set_metric_duration (self, METRIC_TRIAGE, sitrep_incident_get_triaged_at (self->incident));
  set_metric_duration (self, METRIC_MITIGATE, sitrep_incident_get_mitigated_at (self->incident));
  set_metric_duration (self, METRIC_RESOLVE, sitrep_incident_get_resolved_at (self->incident));
  set_metric (self, METRIC_UPDATES, updates);

  if (n_updates == 0)
    set_metric (self, METRIC_ON_TIME, _("No updates yet"));
  else
    {
      /* Translators: a share of status updates, then the counts: "67 % (2 of 3)". */
      g_autofree char *on_time = g_strdup_printf (_("%u %% (%u of %u)"),
                                                  (n_on_time * 100 + n_updates / 2) / n_updates,
                                                  n_on_time, n_updates);
      set_metric (self, METRIC_ON_TIME, on_time);
    }
}

static void
update_milestones (SitrepIncidentView *self)
{
  gint64 times[N_MILESTONES] = {
    sitrep_incident_get_detected_at (self->incident),
    sitrep_incident_get_declared_at (self->incident),
    sitrep_incident_get_triaged_at (self->incident),
    sitrep_incident_get_mitigated_at (self->incident),
    sitrep_incident_get_resolved_at (self->incident),
  };

  for (guint i = 0; i < N_MILESTONES; i++)
    {
      GtkLabel *label = self->milestone_labels[i];

      if (times[i] > 0)
        {
          g_autofree char *local = sitrep_format_local_time (times[i], now (self));
          g_autofree char *utc = sitrep_format_utc_time (times[i]);

          gtk_label_set_text (label, local);
          gtk_widget_set_tooltip_text (GTK_WIDGET (label), utc);
        }
      else
        {
          gtk_label_set_text (label, "—");
          gtk_widget_set_tooltip_text (GTK_WIDGET (label), NULL);
        }
    }
}

static void
update_header (SitrepIncidentView *self)
{
  SitrepIncident *incident = self->incident;
  SitrepSeverity severity = sitrep_incident_get_severity (incident);
  g_autofree char *severity_text = NULL;
  g_autofree char *status_text = NULL;
  const char *summary = sitrep_incident_get_summary (incident);

  gtk_label_set_text (self->title_label, sitrep_incident_get_title (incident));
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), *summary != '\0');
  sitrep_severity_badge_set_severity (self->badge, severity);

  /* Translators: the button that changes the severity; %s is the current one. */
  severity_text = g_strdup_printf (_("Severity: %s"), sitrep_severity_get_label (severity));
  gtk_menu_button_set_label (self->severity_button, severity_text);
  /* Translators: the button that changes the status; %s is the current one. */
  status_text = g_strdup_printf (_("Status: %s"), sitrep_status_get_label (sitrep_incident_get_status (incident)));
  gtk_menu_button_set_label (self->status_button, status_text);

  /* An unassigned IC on a SEV1/SEV2 is called out, in words. */
  gtk_widget_set_visible (GTK_WIDGET (self->commander_warning),
                          sitrep_incident_is_active (incident) &&
                          sitrep_incident_get_commander (incident) == NULL &&
                          (severity == SITREP_SEVERITY_SEV1 || severity == SITREP_SEVERITY_SEV2));

  update_milestones (self);
  update_metrics (self);
  update_clocks (self);
}

static GtkWidget *
make_row_button (const char *label,
                 const char *accessible_label,
                 const char *action,
                 GVariant   *target)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *child = gtk_label_new (label);

  gtk_button_set_child (GTK_BUTTON (button), child);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_widget_set_tooltip_text (button, accessible_label);

  return button;
}

static void
remove_all_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
rebuild_roster (SitrepIncidentView *self)
{
  GListModel *roster = sitrep_incident_get_roster (self->incident);
  guint n_items = g_list_model_get_n_items (roster);

  remove_all_rows (self->roster_list);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(SitrepRosterEntry) entry = g_list_model_get_item (roster, i);
      const char *label = sitrep_roster_entry_get_label (entry);
      const char *name = sitrep_roster_entry_get_name (entry);
      GVariant *role = g_variant_new_string (sitrep_roster_entry_get_role (entry));
      g_autofree char *assign_label = NULL;
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);

      if (name != NULL)
        {
          g_autofree char *release_label = NULL;
          GtkWidget *release;

          /* Translators: separates a person's name, chat handle and phone. */
          const char *separator = _(" · ");

          g_string_append (subtitle, name);
          if (sitrep_roster_entry_get_handle (entry) != NULL)
            g_string_append_printf (subtitle, "%s%s", separator, sitrep_roster_entry_get_handle (entry));
          if (sitrep_roster_entry_get_phone (entry) != NULL)
            g_string_append_printf (subtitle, "%s%s", separator, sitrep_roster_entry_get_phone (entry));

          /* Translators: %s is a role, such as "Incident Commander". */
          assign_label = g_strdup_printf (_("Hand Over %s"), label);
          /* Translators: %s is a role, such as "Incident Commander". */
          release_label = g_strdup_printf (_("Release %s"), label);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     make_row_button (_("Hand Over…"), assign_label,
                                                      "incident.assign-role", role));
          release = make_row_button (_("Release"), release_label, "incident.release-role",
                                     g_variant_new_string (sitrep_roster_entry_get_role (entry)));
          gtk_widget_add_css_class (release, "flat");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), release);
        }
      else
        {
          g_string_append (subtitle, _("Unassigned"));
          /* Translators: %s is a role, such as "Incident Commander". */
          assign_label = g_strdup_printf (_("Assign %s"), label);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     make_row_button (_("Assign…"), assign_label,
                                                      "incident.assign-role", role));
        }

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      gtk_list_box_append (self->roster_list, row);
    }
}

/* A payload member as text to show; events merged from elsewhere may lack it. */
static const char *
payload_text (SitrepEvent *event,
              const char  *member)
{
  const char *text = sitrep_event_get_payload_string (event, member);

  return text != NULL ? text : "";
}

static void
update_linked_state (GtkLabel          *label,
                     GParamSpec        *pspec,
                     SitrepLinkedAlert *linked)
{
  const char *state = sitrep_linked_alert_get_state (linked);
  const char *text;

  if (g_strcmp0 (state, "firing") == 0)
    text = _("Firing");
  else if (g_strcmp0 (state, SITREP_LINKED_ALERT_RESOLVED) == 0)
    text = _("Resolved");
  else if (g_strcmp0 (state, "silenced") == 0)
    text = _("Silenced");
  else if (g_strcmp0 (state, "inhibited") == 0)
    text = _("Inhibited");
  else
    text = _("Pending");

  gtk_label_set_text (label, text);
  if (sitrep_linked_alert_is_firing (linked))
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

static GtkWidget *
create_linked_alert_row_cb (gpointer item,
                            gpointer user_data)
{
  SitrepLinkedAlert *linked = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state = gtk_label_new (NULL);
  g_autofree char *title = NULL;
  const char *service = sitrep_linked_alert_get_service (linked);
  const char *severity = sitrep_linked_alert_get_severity (linked);

  if (*service != '\0')
    /* Translators: an alert's name and its service. */
    title = g_strdup_printf (_("%s · %s"), sitrep_linked_alert_get_name (linked), service);
  else
    title = g_strdup (sitrep_linked_alert_get_name (linked));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (*sitrep_linked_alert_get_summary (linked) != '\0' || *severity != '\0')
    {
      /* Translators: an alert's severity label and its summary. */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), *severity != '\0' ? severity : "—",
                                                   sitrep_linked_alert_get_summary (linked));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }

  gtk_widget_add_css_class (state, "heading");
  g_signal_connect_object (linked, "notify::state", G_CALLBACK (update_linked_state), state, G_CONNECT_SWAPPED);
  update_linked_state (GTK_LABEL (state), NULL, linked);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);

  return row;
}

static void
rebuild_decisions (SitrepIncidentView *self)
{
  GListModel *events = sitrep_incident_get_events (self->incident);
  guint n_items = g_list_model_get_n_items (events);
  guint n_decisions = 0;

  remove_all_rows (self->decision_list);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(SitrepEvent) event = g_list_model_get_item (events, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (!sitrep_event_has_kind (event, SITREP_EVENT_DECISION_RECORDED))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), payload_text (event, "question"));
      /* Translators: the option chosen, then who decided: "Roll back · decided by Ann". */
      subtitle = g_strdup_printf (_("%s · decided by %s"),
                                  payload_text (event, "chosen"), payload_text (event, "decided_by"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      if (sitrep_event_get_payload_boolean (event, "rollback"))
        {
          GtkWidget *caution = gtk_label_new (_("Rollback: store rollbacks take hours"));

          gtk_label_set_wrap (GTK_LABEL (caution), TRUE);
          gtk_widget_add_css_class (caution, "caution");
          gtk_widget_add_css_class (caution, "caption");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), caution);
        }

      gtk_list_box_append (self->decision_list, row);
      n_decisions++;
    }

  if (n_decisions == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No decisions recorded yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->decision_list, row);
    }
}

static GtkWidget *
create_timeline_row_cb (gpointer item,
                        gpointer user_data)
{
  SitrepIncidentView *self = user_data;
  SitrepEvent *event = item;
  gint64 at = sitrep_event_get_at (event);
  g_autofree char *when = format_time (self, at);
  g_autofree char *other = NULL;
  g_autofree char *sentence = sitrep_timeline_describe (event);
  g_autofree char *details = sitrep_timeline_describe_details (event, now (self));
  g_autofree char *accessible = NULL;
  SitrepEvent *correction = NULL;
  GtkWidget *row, *box, *top, *time_label, *author, *text;
  GtkWidget *button = NULL;

  if (sitrep_event_has_kind (event, SITREP_EVENT_NOTE_ADDED))
    correction = sitrep_incident_get_correction (self->incident, sitrep_event_get_id (event));

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  time_label = gtk_label_new (when);
  other = gtk_toggle_button_get_active (self->utc_button)
            ? sitrep_format_timeline_time (at, now (self)) : sitrep_format_utc_time (at);
  gtk_widget_set_tooltip_text (time_label, other);
  gtk_widget_add_css_class (time_label, "numeric");
  gtk_widget_add_css_class (time_label, "dim-label");
  gtk_widget_add_css_class (time_label, "caption");
  gtk_box_append (GTK_BOX (top), time_label);

  author = gtk_label_new (sitrep_event_get_author (event));
  gtk_label_set_ellipsize (GTK_LABEL (author), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (author, "caption-heading");
  gtk_box_append (GTK_BOX (top), author);

  if (correction != NULL)
    {
      GtkWidget *corrected = gtk_label_new (_("Corrected below"));

      gtk_widget_add_css_class (corrected, "caption");
      gtk_widget_add_css_class (corrected, "caution");
      gtk_box_append (GTK_BOX (top), corrected);
    }
  gtk_box_append (GTK_BOX (box), top);

  text = gtk_label_new (sentence);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  if (correction != NULL)
    gtk_widget_add_css_class (text, "superseded");
  gtk_box_append (GTK_BOX (box), text);

  if (details != NULL)
    {
      GtkWidget *detail = gtk_label_new (details);

      gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (detail), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (detail), 0);
      gtk_widget_add_css_class (detail, "dim-label");
      gtk_box_append (GTK_BOX (box), detail);
    }

  if (sitrep_event_has_kind (event, SITREP_EVENT_LINK_ADDED) &&
      sitrep_timeline_is_web_address (sitrep_event_get_payload_string (event, "url")))
    button = make_row_button (_("Open Link"), _("Open Link"), "incident.open-uri",
                              g_variant_new_string (sitrep_event_get_payload_string (event, "url")));
  else if (sitrep_event_has_kind (event, SITREP_EVENT_TRACE_ADDED))
    {
      g_autofree char *url =
        sitrep_timeline_expand_trace_url (self->trace_url_template,
                                          sitrep_event_get_payload_string (event, "trace_id"));

      if (url != NULL)
        button = make_row_button (_("Open Trace"), _("Open Trace"), "incident.open-uri",
                                  g_variant_new_string (url));
    }
  else if (sitrep_event_has_kind (event, SITREP_EVENT_NOTE_ADDED) && correction == NULL)
    button = make_row_button (_("Correct…"), _("Correct Note"), "incident.correct-note",
                              g_variant_new_string (sitrep_event_get_id (event)));

  if (button != NULL)
    {
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), button);
    }

  /* Translators: a timeline entry read out: time, author, what happened. */
  accessible = g_strdup_printf (_("%s, %s: %s"), when, sitrep_event_get_author (event), sentence);
  if (details != NULL)
    {
      char *full = g_strconcat (accessible, "\n", details, NULL);

      g_free (accessible);
      accessible = full;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return row;
}

static gboolean
filter_event_cb (gpointer item,
                 gpointer user_data)
{
  SitrepIncidentView *self = user_data;
  SitrepTimelineCategory category = gtk_drop_down_get_selected (self->filter_dropdown);

  return category == SITREP_TIMELINE_ALL || sitrep_timeline_get_category (item) == category;
}

static void
rebind_timeline (SitrepIncidentView *self)
{
  if (self->incident == NULL)
    {
      gtk_list_box_bind_model (self->timeline_list, NULL, NULL, NULL, NULL);
      return;
    }

  gtk_list_box_bind_model (self->timeline_list, G_LIST_MODEL (self->timeline),
                           create_timeline_row_cb, self, NULL);
}

static void
on_events_changed_cb (SitrepIncidentView *self,
                      guint               position,
                      guint               removed,
                      guint               added)
{
  GListModel *events = sitrep_incident_get_events (self->incident);
  gboolean corrected = FALSE;
  gboolean decided = removed > 0;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(SitrepEvent) event = g_list_model_get_item (events, i);

      corrected |= sitrep_event_get_payload_string (event, "supersedes") != NULL;
      decided |= sitrep_event_has_kind (event, SITREP_EVENT_DECISION_RECORDED);
    }

  /* A correction changes how the note it corrects reads. */
  if (corrected)
    rebind_timeline (self);

  /* The decision list changes only with a decision. */
  if (decided)
    rebuild_decisions (self);
}

static void
on_filter_changed_cb (SitrepIncidentView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
update_actions (SitrepIncidentView *self)
{
  gboolean editable = self->incident != NULL && !is_read_only (self);

  for (guint i = 0; i < G_N_ELEMENTS (editing_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), editing_actions[i], editable);

  gtk_widget_set_sensitive (GTK_WIDGET (self->severity_button), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_button), editable);
}

static void
show_error (SitrepIncidentView *self,
            const GError       *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (SITREP_IS_WINDOW (root))
    sitrep_window_add_toast (SITREP_WINDOW (root), error->message);
  else
    g_warning ("%s", error->message);
}

static void
on_direct_command_done_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(SitrepIncidentView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sitrep_war_room_command_finish (SITREP_WAR_ROOM (object), result, &error))
    show_error (self, error);
}

static void
on_dialog_command_done_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(SitrepFormDialog) dialog = sitrep_weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;

  sitrep_war_room_command_finish (SITREP_WAR_ROOM (object), result, &error);

  /* Gone with its window: the act, if done, shows in the timeline. */
  if (dialog != NULL)
    sitrep_form_dialog_finish (dialog, error);
}

static SitrepFormDialog *
new_dialog (SitrepIncidentView *self,
            const char         *title,
            const char         *confirm_label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return sitrep_form_dialog_new (GTK_WINDOW (root), title, confirm_label);
}

/* Blast radius */

static void
update_blast_radius (SitrepIncidentView *self)
{
  const SitrepBlastConfig *config;
  g_autofree char *description = NULL;
  gboolean offer;

  gtk_widget_set_visible (self->blast_group, self->assessment != NULL);
  if (self->assessment == NULL)
    return;

  config = sitrep_assessment_get_config (self->assessment);
  if (config == NULL)
    description = g_strdup (_("Not measured: no key metric says how. Choose the queries with "
                              "Measure…"));
  else if (sitrep_assessment_get_config_is_default (self->assessment))
    /* Translators: %s is a label, such as "provider". */
    description = g_strdup_printf (_("Who is affected by %s, as the key metric that revealed the "
                                     "incident measures it; what it costs is an estimate."),
                                   config->dimension);
  else
    /* Translators: %s is a label, such as "platform". */
    description = g_strdup_printf (_("Who is affected by %s, as measured for this incident; what it "
                                     "costs is an estimate."), config->dimension);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->blast_group), description);

  offer = sitrep_assessment_should_offer (self->assessment);
  if (offer)
    {
      const char *reason = NULL;
      SitrepSeverity suggestion = sitrep_assessment_get_suggestion (self->assessment, &reason);
      g_autofree char *title = NULL;

      /* Translators: %s is a severity, such as "SEV1". */
      title = g_strdup_printf (_("Suggested severity: %s"), sitrep_severity_get_label (suggestion));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->suggestion_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->suggestion_row), reason);
    }
  gtk_widget_set_visible (self->suggestion_row, offer);
}

static void
set_assessment (SitrepIncidentView *self)
{
  SitrepAssessment *assessment = NULL;

  if (self->assessor != NULL && self->incident != NULL)
    assessment = sitrep_assessor_get_assessment (self->assessor, self->incident);

  if (self->assessment != NULL)
    g_signal_handlers_disconnect_by_func (self->assessment, update_blast_radius, self);
  g_set_object (&self->assessment, assessment);
  if (assessment != NULL)
    g_signal_connect_object (assessment, "changed", G_CALLBACK (update_blast_radius), self,
                             G_CONNECT_SWAPPED);
  sitrep_blast_chart_set_assessment (SITREP_BLAST_CHART (self->blast_chart), assessment);
  update_blast_radius (self);
}

static void
build_blast_group (SitrepIncidentView *self)
{
  GtkWidget *linked_group, *box, *buttons, *button, *frame, *list;

  self->blast_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->blast_group), _("Blast Radius"));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  button = gtk_button_new_with_label (_("Mark Feature…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "incident.mark-feature");
  gtk_widget_add_css_class (button, "flat");
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_label (_("Measure…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "incident.measure-blast-radius");
  gtk_widget_set_tooltip_text (button, _("Choose how who is affected and what it costs are measured"));
  gtk_widget_add_css_class (button, "flat");
  gtk_box_append (GTK_BOX (buttons), button);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->blast_group), buttons);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "card");
  self->blast_chart = sitrep_blast_chart_new ();
  gtk_widget_set_size_request (self->blast_chart, 300, 220);
  /* The size of the view's own small text, so the estimate's inputs read. */
  sitrep_blast_chart_set_text_size (SITREP_BLAST_CHART (self->blast_chart), 12);
  gtk_widget_set_margin_top (self->blast_chart, 12);
  gtk_widget_set_margin_bottom (self->blast_chart, 12);
  gtk_widget_set_margin_start (self->blast_chart, 12);
  gtk_widget_set_margin_end (self->blast_chart, 12);
  gtk_frame_set_child (GTK_FRAME (frame), self->blast_chart);
  gtk_box_append (GTK_BOX (box), frame);

  /* The suggestion: beside the severity, never applied by itself. */
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Severity suggestion"), -1);
  self->suggestion_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->suggestion_row), FALSE);
  button = gtk_button_new_with_label (_("Dismiss"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "incident.dismiss-suggestion");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->suggestion_row), button);
  button = gtk_button_new_with_label (_("Accept"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "incident.accept-suggestion");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->suggestion_row), button);
  gtk_list_box_append (GTK_LIST_BOX (list), self->suggestion_row);
  gtk_box_append (GTK_BOX (box), list);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->blast_group), box);

  /* First in the column of roles and linked alerts: who and what is hit
   * is the first question of triage. */
  linked_group = gtk_widget_get_ancestor (GTK_WIDGET (self->linked_alerts_list), ADW_TYPE_PREFERENCES_GROUP);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (linked_group)), self->blast_group, NULL);
  gtk_widget_set_visible (self->blast_group, FALSE);
}

static void
accept_suggestion_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);

  if (self->assessment != NULL)
    sitrep_war_room_accept_assessment_async (self->war_room, self->assessment, NULL,
                                             on_direct_command_done_cb, g_object_ref (self));
}

static void
dismiss_suggestion_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);

  if (self->assessment != NULL)
    sitrep_war_room_dismiss_suggestion_async (self->war_room, self->assessment, NULL,
                                              on_direct_command_done_cb, g_object_ref (self));
}

static void
on_measure_submit_cb (SitrepFormDialog   *dialog,
                      SitrepIncidentView *self)
{
  g_autoptr(SitrepBlastConfig) config = g_new0 (SitrepBlastConfig, 1);
  const SitrepBlastConfig *current = self->assessment != NULL
                                     ? sitrep_assessment_get_config (self->assessment) : NULL;

  config->kpi = g_strdup (current != NULL ? current->kpi : NULL);
  if (g_object_get_data (G_OBJECT (dialog), "labels") != NULL)
    {
      char **labels = g_object_get_data (G_OBJECT (dialog), "labels");
      guint choice = sitrep_form_dialog_get_choice (dialog, "dimension_choice");

      config->dimension = g_strdup (choice < g_strv_length (labels) ? labels[choice] : NULL);
    }
  else
    config->dimension = sitrep_form_dialog_dup_text (dialog, "dimension");
  config->affected = sitrep_form_dialog_dup_text (dialog, "affected");
  config->total = sitrep_form_dialog_dup_text (dialog, "total");
  config->loss = sitrep_form_dialog_dup_text (dialog, "loss");
  config->loss_unit = sitrep_form_dialog_dup_text (dialog, "loss_unit");
  config->loss_factor = sitrep_form_dialog_get_value (dialog, "loss_factor");
  config->currency = sitrep_form_dialog_dup_text (dialog, "currency");

  sitrep_war_room_configure_blast_radius_async (self->war_room, self->incident, config,
                                                sitrep_form_dialog_get_cancellable (dialog),
                                                on_dialog_command_done_cb, sitrep_weak_ref_new (dialog));
}

/* The dimension is picked from the labels the affected query's series
 * carry, when Prometheus could say; typed, when it could not. */
static void
open_measure_dialog (SitrepIncidentView *self,
                     char              **labels)
{
  SitrepFormDialog *dialog = new_dialog (self, _("Measure the Blast Radius"), _("Save"));
  const SitrepBlastConfig *config = self->assessment != NULL
                                    ? sitrep_assessment_get_config (self->assessment) : NULL;

  sitrep_form_dialog_add_group (dialog, _("Who Is Affected"),
                                _("Two PromQL queries, summed by the label: one counting the "
                                  "affected (failing sessions, failed payments), one counting "
                                  "everyone."));
  if (labels != NULL && labels[0] != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) choices = NULL;
      guint active = 0;

      /* The label in use stays a choice, even if no series has it now. */
      g_strv_builder_addv (builder, (const char **)labels);
      if (config != NULL && !g_strv_contains ((const char * const *)labels, config->dimension))
        g_strv_builder_add (builder, config->dimension);
      choices = g_strv_builder_end (builder);

      for (guint i = 0; config != NULL && choices[i] != NULL; i++)
        if (g_strcmp0 (choices[i], config->dimension) == 0)
          active = i;
      sitrep_form_dialog_add_choice (dialog, "dimension_choice", _("Broken Down By"),
                                     (const char * const *)choices, active);
      g_object_set_data_full (G_OBJECT (dialog), "labels", g_steal_pointer (&choices),
                              (GDestroyNotify)g_strfreev);
    }
  else
    sitrep_form_dialog_add_entry (dialog, "dimension", _("Broken Down By (a Label, Such as platform)"),
                                  config != NULL ? config->dimension : NULL);
  sitrep_form_dialog_add_entry (dialog, "affected", _("Affected (PromQL)"),
                                config != NULL ? config->affected : NULL);
  sitrep_form_dialog_add_entry (dialog, "total", _("Everyone (PromQL)"),
                                config != NULL ? config->total : NULL);
  sitrep_form_dialog_add_group (dialog, _("What It Costs"),
                                _("An estimate, shown as one: what is lost per minute (PromQL), "
                                  "times what one is worth. Leave the query empty to skip it."));
  sitrep_form_dialog_add_entry (dialog, "loss", _("Lost per Minute (PromQL)"),
                                config != NULL ? config->loss : NULL);
  sitrep_form_dialog_add_entry (dialog, "loss_unit", _("What It Counts (Such as failed payments)"),
                                config != NULL ? config->loss_unit : NULL);
  sitrep_form_dialog_add_spin (dialog, "loss_factor", _("Worth of One"), _("Such as the average order value"),
                               config != NULL ? config->loss_factor : 1.0, 0.01, 1e9);
  sitrep_form_dialog_add_entry (dialog, "currency", _("Currency (Such as USD)"),
                                config != NULL ? config->currency : NULL);
  g_signal_connect_object (dialog, "submit", G_CALLBACK (on_measure_submit_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_labels_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SitrepIncidentView) self = user_data;
  g_auto(GStrv) labels = sitrep_assessor_list_labels_finish (SITREP_ASSESSOR (object), result, NULL);

  /* Without an answer, the label is typed. */
  if (self->incident != NULL && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    open_measure_dialog (self, labels);
}

static void
measure_blast_radius_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
  const SitrepBlastConfig *config = self->assessment != NULL
                                    ? sitrep_assessment_get_config (self->assessment) : NULL;

  if (self->assessor != NULL && config != NULL)
    sitrep_assessor_list_labels_async (self->assessor, config, NULL, on_labels_cb, g_object_ref (self));
  else
    open_measure_dialog (self, NULL);
}

static void
on_feature_submit_cb (SitrepFormDialog   *dialog,
                      SitrepIncidentView *self)
{
  static const SitrepFeatureState states[] = { SITREP_FEATURE_DOWN, SITREP_FEATURE_DEGRADED, SITREP_FEATURE_OK };
  g_autofree char *name = sitrep_form_dialog_dup_text (dialog, "name");
  guint choice = MIN (sitrep_form_dialog_get_choice (dialog, "state"), G_N_ELEMENTS (states) - 1);

  sitrep_war_room_set_feature_async (self->war_room, self->incident, name, states[choice],
                                     sitrep_form_dialog_get_active (dialog, "core"),
                                     sitrep_form_dialog_get_cancellable (dialog),
                                     on_dialog_command_done_cb, sitrep_weak_ref_new (dialog));
}

static void
mark_feature_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
  SitrepFormDialog *dialog = new_dialog (self, _("Mark Feature"), _("Mark"));
  const char *states[] = {
    sitrep_feature_state_get_label (SITREP_FEATURE_DOWN),
    sitrep_feature_state_get_label (SITREP_FEATURE_DEGRADED),
    sitrep_feature_state_get_label (SITREP_FEATURE_OK),
    NULL,
  };

  sitrep_form_dialog_add_group (dialog, NULL, _("Say how a feature is, whatever its alerts say. "
                                                "A core feature down suggests SEV1."));
  sitrep_form_dialog_add_entry (dialog, "name", _("Feature"), NULL);
  sitrep_form_dialog_add_choice (dialog, "state", _("State"), states, 0);
  sitrep_form_dialog_add_switch (dialog, "core", _("Core Feature"),
                                 _("Payments, login, checkout: what users cannot do without"), FALSE);
  g_signal_connect_object (dialog, "submit", G_CALLBACK (on_feature_submit_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * sitrep_incident_view_set_assessor:
 * @assessor: (nullable): what measures the blast radius
 */
void
sitrep_incident_view_set_assessor (SitrepIncidentView *self,
                                   SitrepAssessor     *assessor)
{
  g_return_if_fail (SITREP_IS_INCIDENT_VIEW (self));

  g_set_object (&self->assessor, assessor);
  set_assessment (self);
}

/* Actions */

static void
on_rename_submit_cb (SitrepFormDialog   *dialog,
                     SitrepIncidentView *self)
{
  g_autofree char *title = sitrep_form_dialog_dup_text (dialog, "title");

  sitrep_war_room_set_title_async (self->war_room, self->incident, title,
                                   sitrep_form_dialog_get_cancellable (dialog),
                                   on_dialog_command_done_cb, sitrep_weak_ref_new (dialog));
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
  SitrepFormDialog *dialog = new_dialog (self, _("Rename Incident"), _("Rename"));

  sitrep_form_dialog_add_entry (dialog, "title", _("Title"), sitrep_incident_get_title (self->incident));
  g_signal_connect_object (dialog, "submit", G_CALLBACK (on_rename_submit_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
change_severity_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  gtk_menu_button_popup (SITREP_INCIDENT_VIEW (widget)->severity_button);
}

static void
set_severity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
  SitrepSeverity severity;

  if (!sitrep_severity_from_token (g_variant_get_string (param, NULL), &severity))
    return;

  sitrep_war_room_set_severity_async (self->war_room, self->incident, severity, NULL,
                                      on_direct_command_done_cb, g_object_ref (self));
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
  SitrepStatus status;

  if (!sitrep_status_from_token (g_variant_get_string (param, NULL), &status))
    return;

  sitrep_war_room_set_status_async (self->war_room, self->incident, status, NULL,
                                    on_direct_command_done_cb, g_object_ref (self));
}

static void
on_update_submit_cb (SitrepFormDialog   *dialog,
                     SitrepIncidentView *self)
{
  g_autofree char *known = sitrep_form_dialog_dup_text (dialog, "known");
  g_autofree char *doing = sitrep_form_dialog_dup_text (dialog, "doing");
  g_autofree char *needed = sitrep_form_dialog_dup_text (dialog, "needed");
  int minutes = (int)sitrep_form_dialog_get_value (dialog, "next");
  gint64 next = minutes > 0 ? now (self) + minutes * 60 * G_TIME_SPAN_SECOND : 0;

  sitrep_war_room_post_update_async (self->war_room, self->incident, known, doing, needed, next,
                                     sitrep_form_dialog_get_cancellable (dialog),
                                     on_dialog_command_done_cb, sitrep_weak_ref_new (dialog));
}

static void
post_update_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
  SitrepFormDialog *dialog = new_dialog (self, _("Post Status Update"), _("Post"));
  gint64 cadence = sitrep_incident_get_update_cadence (self->incident);

  sitrep_form_dialog_add_group (dialog, sitrep_incident_get_title (self->incident),
                                _("The war room’s own record: it lands in the timeline and "
                                  "restarts the update countdown."));
  sitrep_form_dialog_add_text (dialog, "known", _("What Is Known"), NULL);
  sitrep_form_dialog_add_text (dialog, "doing", _("What Is Being Done"), NULL);
  sitrep_form_dialog_add_text (dialog, "needed", _("What Is Needed"), NULL);
  sitrep_form_dialog_add_group (dialog, NULL, NULL);
  sitrep_form_dialog_add_spin (dialog, "next", _("Next Update In (Minutes)"),
                               _("0 leaves it to the cadence of the severity"),
                               cadence / (60 * G_TIME_SPAN_SECOND), 0, 24 * 60);
  g_signal_connect_object (dialog, "submit", G_CALLBACK (on_update_submit_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_note_submit_cb (SitrepFormDialog   *dialog,
                   SitrepIncidentView *self)
{
  g_autofree char *text = sitrep_form_dialog_dup_text (dialog, "text");
  const char *supersedes = g_object_get_data (G_OBJECT (dialog), "supersedes");

  sitrep_war_room_add_note_async (self->war_room, self->incident, text, supersedes,
                                  sitrep_form_dialog_get_cancellable (dialog),
                                  on_dialog_command_done_cb, sitrep_weak_ref_new (dialog));
}

static void
open_note_dialog (SitrepIncidentView *self,
                  SitrepEvent        *corrected)
{
  SitrepFormDialog *dialog;

  if (corrected == NULL)
    {
      dialog = new_dialog (self, _("Add Note"), _("Add"));
      sitrep_form_dialog_add_text (dialog, "text", _("Note"), NULL);
    }
  else
    {
      dialog = new_dialog (self, _("Correct Note"), _("Correct"));
      sitrep_form_dialog_add_group (dialog, NULL,
                                    _("The note stays in the timeline as it was written; the "
                                      "correction is added after it."));
      sitrep_form_dialog_add_text (dialog, "text", _("Note"),
                                   sitrep_event_get_payload_string (corrected, "text"));
      g_object_set_data_full (G_OBJECT (dialog), "supersedes",
                              g_strdup (sitrep_event_get_id (corrected)), g_free);
    }

  g_signal_connect_object (dialog, "submit", G_CALLBACK (on_note_submit_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  open_note_dialog (SITREP_INCIDENT_VIEW (widget), NULL);
}

static void
correct_note_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
  SitrepEvent *note = sitrep_incident_lookup_event (self->incident, g_variant_get_string (param, NULL));

  if (note != NULL)
    open_note_dialog (self, note);
}

static void
on_link_submit_cb (SitrepFormDialog   *dialog,
                   SitrepIncidentView *self)
{
  g_autofree char *url = sitrep_form_dialog_dup_text (dialog, "url");
  g_autofree char *label = sitrep_form_dialog_dup_text (dialog, "label");

  sitrep_war_room_add_link_async (self->war_room, self->incident, url, label,
                                  sitrep_form_dialog_get_cancellable (dialog),
                                  on_dialog_command_done_cb, sitrep_weak_ref_new (dialog));
}

static void
add_link_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
  SitrepFormDialog *dialog = new_dialog (self, _("Add Link"), _("Add"));

  sitrep_form_dialog_add_group (dialog, NULL, _("A dashboard, a log search, a ticket: anything the "
                                                "responders need to find again."));
  sitrep_form_dialog_add_entry (dialog, "url", _("Address"), NULL);
  sitrep_form_dialog_add_entry (dialog, "label", _("What It Shows (Optional)"), NULL);
  g_signal_connect_object (dialog, "submit", G_CALLBACK (on_link_submit_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_trace_submit_cb (SitrepFormDialog   *dialog,
                    SitrepIncidentView *self)
{
  g_autofree char *trace_id = sitrep_form_dialog_dup_text (dialog, "trace_id");
  g_autofree char *label = sitrep_form_dialog_dup_text (dialog, "label");

  sitrep_war_room_add_trace_async (self->war_room, self->incident, trace_id, label,
                                   sitrep_form_dialog_get_cancellable (dialog),
                                   on_dialog_command_done_cb, sitrep_weak_ref_new (dialog));
}

static void
add_trace_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
  SitrepFormDialog *dialog = new_dialog (self, _("Add TraceId"), _("Add"));

  sitrep_form_dialog_add_group (dialog, NULL, _("The TraceId of a failing request, 32 hexadecimal "
                                                "characters. With a trace address set in "
                                                "Preferences, the timeline opens the trace."));
  sitrep_form_dialog_add_entry (dialog, "trace_id", _("TraceId"), NULL);
  sitrep_form_dialog_add_entry (dialog, "label", _("What It Shows (Optional)"), NULL);
  g_signal_connect_object (dialog, "submit", G_CALLBACK (on_trace_submit_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_assign_submit_cb (SitrepFormDialog   *dialog,
                     SitrepIncidentView *self)
{
  const char *role = g_object_get_data (G_OBJECT (dialog), "role");
  g_autofree char *custom = NULL;
  g_autofree char *name = sitrep_form_dialog_dup_text (dialog, "name");
  g_autofree char *handle = sitrep_form_dialog_dup_text (dialog, "handle");
  g_autofree char *phone = sitrep_form_dialog_dup_text (dialog, "phone");

  if (role == NULL)
    {
      static const char * const builtin[] = { SITREP_ROLE_COMMANDER, SITREP_ROLE_OPS,
                                              SITREP_ROLE_COMMS, SITREP_ROLE_SCRIBE };
      g_autofree char *folded = NULL;

      custom = sitrep_form_dialog_dup_text (dialog, "role");
      folded = g_utf8_casefold (g_strstrip (custom), -1);

      /* Typing the name of a built-in role means that role. */
      for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
        {
          g_autofree char *label = g_utf8_casefold (sitrep_role_get_label (builtin[i]), -1);

          if (g_str_equal (label, folded))
            role = builtin[i];
        }
    }

  sitrep_war_room_assign_role_async (self->war_room, self->incident, role, custom, name, handle, phone,
                                     sitrep_form_dialog_get_cancellable (dialog),
                                     on_dialog_command_done_cb, sitrep_weak_ref_new (dialog));
}

static void
on_person_chosen_cb (GtkButton        *button,
                     SitrepFormDialog *dialog)
{
  SitrepPerson *person = g_object_get_data (G_OBJECT (button), "person");

  sitrep_form_dialog_set_text (dialog, "name", sitrep_person_get_name (person));
  sitrep_form_dialog_set_text (dialog, "handle", sitrep_person_get_handle (person));
  sitrep_form_dialog_set_text (dialog, "phone", sitrep_person_get_phone (person));
}

static void
assign_role_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
  const char *role = g_variant_get_string (param, NULL);
  GListModel *people = sitrep_war_room_get_people (self->war_room);
  SitrepRosterEntry *entry = NULL;
  SitrepFormDialog *dialog;
  g_autofree char *title = NULL;
  guint n_people = g_list_model_get_n_items (people);

  /* The shortcut assigns the Incident Commander while there is none. */
  if (*role == '\0' && sitrep_incident_get_commander (self->incident) == NULL)
    role = SITREP_ROLE_COMMANDER;

  if (*role != '\0')
    entry = sitrep_incident_lookup_role (self->incident, role);

  if (entry != NULL && sitrep_roster_entry_get_name (entry) != NULL)
    /* Translators: %s is a role, such as "Incident Commander". */
    title = g_strdup_printf (_("Hand Over %s"), sitrep_roster_entry_get_label (entry));
  else if (entry != NULL)
    /* Translators: %s is a role, such as "Incident Commander". */
    title = g_strdup_printf (_("Assign %s"), sitrep_roster_entry_get_label (entry));
  else if (*role != '\0' && sitrep_role_is_builtin (role))
    /* Translators: %s is a role, such as "Scribe". */
    title = g_strdup_printf (_("Assign %s"), sitrep_role_get_label (role));
  else
    title = g_strdup (_("Add a Role"));

  dialog = new_dialog (self, title, entry != NULL && sitrep_roster_entry_get_name (entry) != NULL
                                    ? _("Hand Over") : _("Assign"));

  if (*role == '\0')
    {
      sitrep_form_dialog_add_group (dialog, NULL, _("Scribe, or a role of your own, such as "
                                                    "“Database Expert”."));
      sitrep_form_dialog_add_entry (dialog, "role", _("Role"), NULL);
    }
  else
    g_object_set_data_full (G_OBJECT (dialog), "role", g_strdup (role), g_free);

  sitrep_form_dialog_add_group (dialog, _("Person"), NULL);
  sitrep_form_dialog_add_entry (dialog, "name", _("Name"), NULL);
  sitrep_form_dialog_add_entry (dialog, "handle", _("Chat Handle (Optional)"), NULL);
  sitrep_form_dialog_add_entry (dialog, "phone", _("Phone (Optional)"), NULL);

  if (n_people > 0)
    {
      AdwPreferencesGroup *group =
        sitrep_form_dialog_add_group (dialog, _("People"),
                                      _("Everyone who has held a role. Choose one to fill in their "
                                        "details."));

      for (guint i = 0; i < n_people; i++)
        {
          g_autoptr(SitrepPerson) person = g_list_model_get_item (people, i);
          g_autofree char *choose = NULL;
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *button;

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sitrep_person_get_name (person));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sitrep_person_get_handle (person));

          /* Translators: %s is a person's name. */
          choose = g_strdup_printf (_("Choose %s"), sitrep_person_get_name (person));
          button = make_row_button (_("Choose"), choose, NULL, NULL);
          g_object_set_data_full (G_OBJECT (button), "person", g_object_ref (person), g_object_unref);
          g_signal_connect_object (button, "clicked", G_CALLBACK (on_person_chosen_cb), dialog, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
          adw_preferences_group_add (group, row);
        }
    }

  g_signal_connect_object (dialog, "submit", G_CALLBACK (on_assign_submit_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
release_role_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);

  sitrep_war_room_release_role_async (self->war_room, self->incident, g_variant_get_string (param, NULL),
                                      NULL, on_direct_command_done_cb, g_object_ref (self));
}

static void
on_decision_submit_cb (SitrepFormDialog   *dialog,
                       SitrepIncidentView *self)
{
  g_autofree char *question = sitrep_form_dialog_dup_text (dialog, "question");
  g_autofree char *options_text = sitrep_form_dialog_dup_text (dialog, "options");
  g_autofree char *chosen = sitrep_form_dialog_dup_text (dialog, "chosen");
  g_autofree char *rationale = sitrep_form_dialog_dup_text (dialog, "rationale");
  g_autofree char *decided_by = sitrep_form_dialog_dup_text (dialog, "decided_by");
  g_auto(GStrv) options = g_strsplit (options_text, "\n", -1);

  sitrep_war_room_record_decision_async (self->war_room, self->incident, question,
                                         (const char * const *)options, chosen, rationale, decided_by,
                                         sitrep_form_dialog_get_active (dialog, "rollback"),
                                         sitrep_form_dialog_get_cancellable (dialog),
                                         on_dialog_command_done_cb, sitrep_weak_ref_new (dialog));
}

static void
record_decision_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  SitrepIncidentView *self = SITREP_INCIDENT_VIEW (widget);
  SitrepFormDialog *dialog = new_dialog (self, _("Record Decision"), _("Record"));

  sitrep_form_dialog_add_entry (dialog, "question", _("Question, Such as “Roll Back 5.2.0?”"), NULL);
  sitrep_form_dialog_add_text (dialog, "options", _("Options Considered, One per Line"), NULL);
  sitrep_form_dialog_add_group (dialog, NULL, NULL);
  sitrep_form_dialog_add_entry (dialog, "chosen", _("Option Chosen"), NULL);
  sitrep_form_dialog_add_text (dialog, "rationale", _("Rationale"), NULL);
  sitrep_form_dialog_add_group (dialog, NULL, NULL);
  sitrep_form_dialog_add_entry (dialog, "decided_by", _("Decided By"),
                                sitrep_war_room_get_author (self->war_room));
  sitrep_form_dialog_add_switch (dialog, "rollback", _("This Is a Rollback"),
                                 _("An app store rollback takes hours to reach users; a server-side "
                                   "switch or a kill switch acts in minutes."), FALSE);
  g_signal_connect_object (dialog, "submit", G_CALLBACK (on_decision_submit_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *uri = g_variant_get_string (param, NULL);

  if (sitrep_timeline_is_web_address (uri))
    gtk_show_uri (GTK_WINDOW (root), uri, GDK_CURRENT_TIME);
}

/* The severity and status choosers: every option with its definition, so
 * the person choosing reads what each one means. */
static GtkWidget *
build_chooser (const char *action,
               const char *tokens[],
               const char *labels[],
               const char *definitions[],
               guint       n_options)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  for (guint i = 0; i < n_options; i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = gtk_label_new (labels[i]);
      GtkWidget *definition = gtk_label_new (definitions[i]);
      g_autofree char *accessible = g_strdup_printf ("%s: %s", labels[i], definitions[i]);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_xalign (GTK_LABEL (definition), 0);
      gtk_label_set_wrap (GTK_LABEL (definition), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (definition), 40);
      gtk_widget_add_css_class (definition, "dim-label");
      gtk_box_append (GTK_BOX (content), title);
      gtk_box_append (GTK_BOX (content), definition);

      gtk_button_set_child (GTK_BUTTON (button), content);
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", tokens[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      g_signal_connect_object (button, "clicked", G_CALLBACK (gtk_popover_popdown), popover,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), button);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  return popover;
}

static void
build_choosers (SitrepIncidentView *self)
{
  const char *tokens[SITREP_STATUS_LAST + 1 > SITREP_SEVERITY_LAST ? SITREP_STATUS_LAST + 1 : SITREP_SEVERITY_LAST];
  const char *labels[G_N_ELEMENTS (tokens)];
  const char *definitions[G_N_ELEMENTS (tokens)];

  for (guint i = 0; i < SITREP_SEVERITY_LAST; i++)
    {
      SitrepSeverity severity = SITREP_SEVERITY_SEV1 + i;

      tokens[i] = sitrep_severity_to_token (severity);
      labels[i] = sitrep_severity_get_label (severity);
      definitions[i] = sitrep_severity_get_definition (severity);
    }
  gtk_menu_button_set_popover (self->severity_button,
                               build_chooser ("incident.set-severity", tokens, labels, definitions,
                                              SITREP_SEVERITY_LAST));

  for (guint i = 0; i <= SITREP_STATUS_LAST; i++)
    {
      tokens[i] = sitrep_status_to_token (i);
      labels[i] = sitrep_status_get_label (i);
      definitions[i] = sitrep_status_get_definition (i);
    }
  gtk_menu_button_set_popover (self->status_button,
                               build_chooser ("incident.set-status", tokens, labels, definitions,
                                              SITREP_STATUS_LAST + 1));
}

static void
build_static_rows (SitrepIncidentView *self)
{
  const char *milestones[N_MILESTONES] = {
    _("Detected"), _("Declared"), _("Triaged"), _("Mitigated"), _("Resolved"),
  };
  const char *metrics[N_METRICS] = {
    _("Time to Triage"), _("Time to Mitigate"), _("Time to Resolve"),
    _("Status Updates"), _("Updates on Time"),
  };
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);

  for (guint i = 0; i < N_MILESTONES; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *caption = gtk_label_new (milestones[i]);
      GtkWidget *value = gtk_label_new ("—");

      gtk_widget_add_css_class (caption, "caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_widget_add_css_class (value, "numeric");
      gtk_box_append (GTK_BOX (box), caption);
      gtk_box_append (GTK_BOX (box), value);
      gtk_box_append (self->milestones_box, box);
      self->milestone_labels[i] = GTK_LABEL (value);
    }

  for (guint i = 0; i < N_METRICS; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), metrics[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "—");
      gtk_widget_add_css_class (row, "property");
      gtk_list_box_append (self->metrics_list, row);
      self->metric_rows[i] = ADW_ACTION_ROW (row);
    }

  for (guint i = SITREP_TIMELINE_ALL; i <= SITREP_TIMELINE_ALERTS; i++)
    gtk_string_list_append (categories, sitrep_timeline_category_get_label (i));
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (categories));
}

static void
sitrep_incident_view_dispose (GObject *object)
{
  SitrepIncidentView *self = (SitrepIncidentView *)object;

  sitrep_incident_view_set_incident (self, NULL);
  sitrep_incident_view_set_war_room (self, NULL);
  if (self->assessment != NULL)
    g_signal_handlers_disconnect_by_func (self->assessment, update_blast_radius, self);
  g_clear_object (&self->assessment);
  g_clear_object (&self->assessor);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_INCIDENT_VIEW);
  g_clear_object (&self->timeline);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (sitrep_incident_view_parent_class)->dispose (object);
}

static void
sitrep_incident_view_finalize (GObject *object)
{
  SitrepIncidentView *self = (SitrepIncidentView *)object;

  g_clear_pointer (&self->trace_url_template, g_free);

  G_OBJECT_CLASS (sitrep_incident_view_parent_class)->finalize (object);
}

static void
sitrep_incident_view_class_init (SitrepIncidentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_incident_view_dispose;
  object_class->finalize = sitrep_incident_view_finalize;

  g_type_ensure (SITREP_TYPE_SEVERITY_BADGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/sitrep/Sitrep/ui/sitrep-incident-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "incident-view");

  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, badge);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, commander_warning);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, decision_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, linked_alerts_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, metrics_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, milestones_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, roster_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, scroller);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, severity_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, status_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, title_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, triage_card);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, triage_detail);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, triage_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, update_card);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, update_detail);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, update_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentView, utc_button);

  gtk_widget_class_install_action (widget_class, "incident.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "incident.change-severity", NULL, change_severity_action);
  gtk_widget_class_install_action (widget_class, "incident.set-severity", "s", set_severity_action);
  gtk_widget_class_install_action (widget_class, "incident.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "incident.post-update", NULL, post_update_action);
  gtk_widget_class_install_action (widget_class, "incident.add-note", NULL, add_note_action);
  gtk_widget_class_install_action (widget_class, "incident.correct-note", "s", correct_note_action);
  gtk_widget_class_install_action (widget_class, "incident.add-link", NULL, add_link_action);
  gtk_widget_class_install_action (widget_class, "incident.add-trace", NULL, add_trace_action);
  gtk_widget_class_install_action (widget_class, "incident.assign-role", "s", assign_role_action);
  gtk_widget_class_install_action (widget_class, "incident.release-role", "s", release_role_action);
  gtk_widget_class_install_action (widget_class, "incident.record-decision", NULL, record_decision_action);
  gtk_widget_class_install_action (widget_class, "incident.open-uri", "s", open_uri_action);
  gtk_widget_class_install_action (widget_class, "incident.accept-suggestion", NULL, accept_suggestion_action);
  gtk_widget_class_install_action (widget_class, "incident.dismiss-suggestion", NULL, dismiss_suggestion_action);
  gtk_widget_class_install_action (widget_class, "incident.measure-blast-radius", NULL,
                                   measure_blast_radius_action);
  gtk_widget_class_install_action (widget_class, "incident.mark-feature", NULL, mark_feature_action);
}

static void
sitrep_incident_view_init (SitrepIncidentView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  {
    GtkWidget *placeholder = gtk_label_new (_("No alerts linked. Declare from an alert, or link "
                                              "alerts from the alerts panel."));

    gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
    gtk_widget_set_margin_top (placeholder, 12);
    gtk_widget_set_margin_bottom (placeholder, 12);
    gtk_widget_set_margin_start (placeholder, 12);
    gtk_widget_set_margin_end (placeholder, 12);
    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_list_box_set_placeholder (self->linked_alerts_list, placeholder);
  }

  build_static_rows (self);
  build_choosers (self);
  build_blast_group (self);

  self->filter = gtk_custom_filter_new (filter_event_cb, self, NULL);
  g_signal_connect_object (self->filter_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->utc_button, "toggled",
                           G_CALLBACK (rebind_timeline), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

GtkWidget *
sitrep_incident_view_new (void)
{
  return g_object_new (SITREP_TYPE_INCIDENT_VIEW, NULL);
}

SitrepWarRoom *
sitrep_incident_view_get_war_room (SitrepIncidentView *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), NULL);

  return self->war_room;
}

void
sitrep_incident_view_set_war_room (SitrepIncidentView *self,
                                   SitrepWarRoom      *war_room)
{
  g_return_if_fail (SITREP_IS_INCIDENT_VIEW (self));
  g_return_if_fail (!war_room || SITREP_IS_WAR_ROOM (war_room));

  if (self->war_room == war_room)
    return;

  sitrep_incident_view_set_incident (self, NULL);

  if (self->war_room != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->war_room, self);
      g_signal_handlers_disconnect_by_data (sitrep_war_room_get_clock (self->war_room), self);
    }

  g_set_object (&self->war_room, war_room);

  if (war_room != NULL)
    {
      g_signal_connect_object (war_room, "notify::read-only", G_CALLBACK (update_actions), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (sitrep_war_room_get_clock (war_room), "tick",
                               G_CALLBACK (update_clocks), self, G_CONNECT_SWAPPED);
    }

  update_actions (self);
}

/**
 * sitrep_incident_view_get_incident:
 *
 * Returns: (transfer none) (nullable): the incident shown
 */
SitrepIncident *
sitrep_incident_view_get_incident (SitrepIncidentView *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_VIEW (self), NULL);

  return self->incident;
}

/**
 * sitrep_incident_view_set_incident:
 * @incident: (nullable): an incident of the view's war room
 */
void
sitrep_incident_view_set_incident (SitrepIncidentView *self,
                                   SitrepIncident     *incident)
{
  g_return_if_fail (SITREP_IS_INCIDENT_VIEW (self));
  g_return_if_fail (!incident || SITREP_IS_INCIDENT (incident));
  g_return_if_fail (!incident || self->war_room != NULL);

  if (self->incident == incident)
    return;

  if (self->incident != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->incident, self);
      g_signal_handlers_disconnect_by_data (sitrep_incident_get_roster (self->incident), self);
      g_signal_handlers_disconnect_by_data (sitrep_incident_get_events (self->incident), self);
    }

  g_set_object (&self->incident, incident);
  g_clear_object (&self->timeline);

  if (incident != NULL)
    {
      g_signal_connect_object (incident, "notify", G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sitrep_incident_get_roster (incident), "items-changed",
                               G_CALLBACK (rebuild_roster), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sitrep_incident_get_events (incident), "items-changed",
                               G_CALLBACK (on_events_changed_cb), self, G_CONNECT_SWAPPED);

      self->timeline = gtk_filter_list_model_new (g_object_ref (sitrep_incident_get_events (incident)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
      update_header (self);
      rebuild_roster (self);
      rebuild_decisions (self);
    }

  set_assessment (self);

  gtk_list_box_bind_model (self->linked_alerts_list,
                           incident != NULL ? sitrep_incident_get_linked_alerts (incident) : NULL,
                           create_linked_alert_row_cb, self, NULL);

  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    rebind_timeline (self);

  update_actions (self);
}

/**
 * sitrep_incident_view_set_trace_url_template:
 * @url_template: (nullable): an address with "{trace_id}" in it
 *
 * Where TraceIds of the timeline open.
 */
void
sitrep_incident_view_set_trace_url_template (SitrepIncidentView *self,
                                             const char         *url_template)
{
  g_return_if_fail (SITREP_IS_INCIDENT_VIEW (self));

  if (g_strcmp0 (self->trace_url_template, url_template) == 0)
    return;

  g_free (self->trace_url_template);
  self->trace_url_template = g_strdup (url_template);

  if (self->incident != NULL)
    rebind_timeline (self);
}
