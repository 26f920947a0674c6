/* test-incident-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The incident view over a journal the test prepares, with a test clock:
 * what it shows (roster, countdowns, timeline, metrics), when its clocks
 * turn amber and red, and its acts through the form dialog. */

#include "config.h"

#include <adwaita.h>

#include "sitrep-form-dialog.h"
#include "sitrep-incident-view.h"
#include "sitrep-memory-journal.h"
#include "sitrep-timeline.h"
#include "sitrep-window.h"

#include "test-utils.h"
#include "test-widget-utils.h"

#define T0     (G_GINT64_CONSTANT (1795500131) * G_TIME_SPAN_SECOND)
#define MINUTE (60 * G_TIME_SPAN_SECOND)

#define PAYMENTS "11111111-1111-4111-8111-111111111111"
#define CRASHES  "22222222-2222-4222-8222-222222222222"

typedef struct
{
  SitrepMemoryJournal *journal;
  SitrepClock         *clock;
  SitrepWarRoom       *war_room;
  SitrepWindow        *window;
  SitrepIncidentView  *view;
} Fixture;

static void
add_event (GPtrArray  *events,
           const char *incident_id,
           const char *kind,
           gint64      at,
           const char *payload_json)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;
  SitrepEvent *event = sitrep_event_new_from_json (id, incident_id, kind, at, "Li Lei", "test",
                                                   payload_json, &error);

  g_assert_no_error (error);
  g_ptr_array_add (events, event);
}

static gpointer
child (Fixture    *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->view), SITREP_TYPE_INCIDENT_VIEW, name);

  g_assert_nonnull (object);
  return object;
}

static const char *
label_text (Fixture    *f,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (child (f, name)));
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_visible (row))
      n++;

  return n;
}

static SitrepFormDialog *
find_dialog (void)
{
  return test_find_toplevel (SITREP_TYPE_FORM_DIALOG);
}

static gboolean
no_dialog (gpointer data)
{
  return find_dialog () == NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) appended = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;

  /* A SEV1 declared at T0 with an IC, a note and a decision; an untriaged
   * incident declared at T0 + 1 min. */
  add_event (events, PAYMENTS, "incident.declared", T0,
             "{\"title\":\"Payments failing\",\"severity\":\"sev1\",\"cadence\":900,\"triage_target\":300}");
  add_event (events, PAYMENTS, "role.assigned", T0 + 10,
             "{\"role\":\"commander\",\"name\":\"Li Lei\",\"handle\":\"@lilei\"}");
  add_event (events, PAYMENTS, "note.added", T0 + 20, "{\"text\":\"Gateway returns 502\"}");
  add_event (events, PAYMENTS, "decision.recorded", T0 + 30,
             "{\"question\":\"Roll back 5.2.0?\",\"options\":[\"Roll back\",\"Hotfix\"],"
             "\"chosen\":\"Roll back\",\"decided_by\":\"Li Lei\",\"rollback\":true}");
  add_event (events, CRASHES, "incident.declared", T0 + MINUTE,
             "{\"title\":\"Crashes on Android\",\"severity\":\"untriaged\",\"triage_target\":300}");

  f->journal = sitrep_memory_journal_new ();
  sitrep_journal_append_async (SITREP_JOURNAL (f->journal), events, NULL, test_async_result_cb, &appended);
  g_assert_true (sitrep_journal_append_finish (SITREP_JOURNAL (f->journal), test_wait_for_result (&appended), NULL));

  f->clock = sitrep_clock_new_test (T0 + 2 * MINUTE);
  f->war_room = sitrep_war_room_new (SITREP_JOURNAL (f->journal), f->clock);
  sitrep_war_room_set_author (f->war_room, "Ana");
  sitrep_war_room_load_async (f->war_room, NULL, test_async_result_cb, &loaded);
  g_assert_true (sitrep_war_room_load_finish (f->war_room, test_wait_for_result (&loaded), NULL));

  f->window = sitrep_window_new (NULL);
  sitrep_window_set_war_room (f->window, f->war_room);
  gtk_window_present (GTK_WINDOW (f->window));
  f->view = test_find_widget (f->window, SITREP_TYPE_INCIDENT_VIEW, 0);
  g_assert_nonnull (f->view);

  /* The first incident of the board is open at once: the untriaged one,
   * which ranks with SEV1 and is newer. */
  g_assert_cmpstr (sitrep_incident_get_id (sitrep_incident_view_get_incident (f->view)), ==, CRASHES);
  sitrep_window_show_incident (f->window, PAYMENTS);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  SitrepFormDialog *dialog = find_dialog ();

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE));

  g_clear_object (&f->war_room);
  g_clear_object (&f->journal);
  g_clear_object (&f->clock);
}

static SitrepIncident *
incident (Fixture    *f,
          const char *id)
{
  SitrepIncident *found = sitrep_war_room_lookup_incident (f->war_room, id);

  g_assert_nonnull (found);
  return found;
}

static gboolean
has_class (Fixture    *f,
           const char *name,
           const char *css_class)
{
  return gtk_widget_has_css_class (GTK_WIDGET (child (f, name)), css_class);
}

static void
test_shows_the_incident (Fixture       *f,
                         gconstpointer  data)
{
  GtkListBox *roster = child (f, "roster_list");
  g_autoptr(GtkWidget) first_row = NULL;

  g_assert_true (sitrep_incident_view_get_incident (f->view) == incident (f, PAYMENTS));
  g_assert_cmpstr (label_text (f, "title_label"), ==, "Payments failing");

  /* Roster: the IC by name, the other two unassigned. */
  g_assert_cmpuint (n_rows (roster), ==, 3);
  {
    AdwActionRow *ic = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (roster, 0));
    AdwActionRow *ops = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (roster, 1));

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (ic)), ==, "Incident Commander");
    g_assert_cmpstr (adw_action_row_get_subtitle (ic), ==, "Li Lei · @lilei");
    g_assert_cmpstr (adw_action_row_get_subtitle (ops), ==, "Unassigned");
  }
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (f, "commander_warning"))));

  /* The countdown: declared SEV1 at T0, now T0 + 2 min: 13:00 to go. */
  g_assert_cmpstr (label_text (f, "update_label"), ==, "13:00");
  /* Triaged at declaration. */
  g_assert_cmpstr (label_text (f, "triage_label"), ==, "0:00");
  g_assert_true (has_class (f, "triage_card", "deadline-met"));

  /* Timeline: four events; decisions: one, with its rollback caution. */
  g_assert_cmpuint (n_rows (child (f, "timeline_list")), ==, 4);
  g_assert_cmpuint (n_rows (child (f, "decision_list")), ==, 1);

  /* Filtering the timeline to decisions. */
  gtk_drop_down_set_selected (child (f, "filter_dropdown"), SITREP_TIMELINE_DECISIONS);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (n_rows (child (f, "timeline_list")), ==, 1);
}

static void
test_update_countdown_colours (Fixture       *f,
                               gconstpointer  data)
{
  /* Due at T0 + 15 min: amber from 12 min, red and counting up from 15. */
  sitrep_clock_set_now (f->clock, T0 + 12 * MINUTE - 1);
  g_assert_false (has_class (f, "update_card", "deadline-warning"));
  g_assert_cmpstr (label_text (f, "update_label"), ==, "3:01");

  sitrep_clock_set_now (f->clock, T0 + 12 * MINUTE);
  g_assert_true (has_class (f, "update_card", "deadline-warning"));
  g_assert_false (has_class (f, "update_card", "deadline-overdue"));
  g_assert_cmpstr (label_text (f, "update_label"), ==, "3:00");

  sitrep_clock_set_now (f->clock, T0 + 15 * MINUTE);
  g_assert_true (has_class (f, "update_card", "deadline-overdue"));
  g_assert_false (has_class (f, "update_card", "deadline-warning"));
  g_assert_cmpstr (label_text (f, "update_label"), ==, "+0:00");

  sitrep_clock_set_now (f->clock, T0 + 17 * MINUTE + 5 * G_TIME_SPAN_SECOND);
  g_assert_cmpstr (label_text (f, "update_label"), ==, "+2:05");
  g_assert_nonnull (strstr (label_text (f, "update_detail"), "Overdue"));
}

static void
test_triage_clock_colours (Fixture       *f,
                           gconstpointer  data)
{
  sitrep_window_show_incident (f->window, CRASHES);
  g_assert_true (sitrep_incident_view_get_incident (f->view) == incident (f, CRASHES));

  /* Detected at T0 + 1 min, target 5 min: due at T0 + 6 min. */
  g_assert_cmpstr (label_text (f, "triage_label"), ==, "4:00");
  g_assert_false (has_class (f, "triage_card", "deadline-warning"));

  sitrep_clock_set_now (f->clock, T0 + 5 * MINUTE);
  g_assert_true (has_class (f, "triage_card", "deadline-warning"));
  g_assert_cmpstr (label_text (f, "triage_label"), ==, "1:00");

  sitrep_clock_set_now (f->clock, T0 + 6 * MINUTE + 30 * G_TIME_SPAN_SECOND);
  g_assert_true (has_class (f, "triage_card", "deadline-overdue"));
  g_assert_cmpstr (label_text (f, "triage_label"), ==, "+0:30");

  /* Untriaged: no update cadence yet. */
  g_assert_cmpstr (label_text (f, "update_label"), ==, "—");
}

static void
submit_dialog (SitrepFormDialog *dialog)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "form.submit", NULL));
}

static gboolean
dialog_shows_error (gpointer data)
{
  SitrepFormDialog *dialog = find_dialog ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  if (dialog == NULL)
    return FALSE;

  test_collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "error") &&
        gtk_widget_get_visible (g_ptr_array_index (labels, i)))
      return TRUE;

  return FALSE;
}

static void
test_post_update (Fixture       *f,
                  gconstpointer  data)
{
  SitrepIncident *payments = incident (f, PAYMENTS);
  SitrepFormDialog *dialog;

  sitrep_clock_set_now (f->clock, T0 + 10 * MINUTE);

  /* Through the window's shortcut action, as Ctrl+U does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.post-update", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);

  /* Empty: refused, the dialog stays with the error. */
  submit_dialog (dialog);
  test_wait_until (dialog_shows_error, NULL);
  g_assert_cmpuint (sitrep_incident_get_n_updates (payments), ==, 0);

  sitrep_form_dialog_set_text (dialog, "known", "Card payments fail");
  submit_dialog (dialog);
  test_wait_until (no_dialog, NULL);

  g_assert_cmpuint (sitrep_incident_get_n_updates (payments), ==, 1);
  g_assert_cmpuint (n_rows (child (f, "timeline_list")), ==, 5);
  /* The countdown restarted: the prefilled next update is in 15 minutes. */
  g_assert_cmpstr (label_text (f, "update_label"), ==, "15:00");
}

static void
run_command (GAsyncResult **result)
{
  test_wait_for_result (result);
  g_clear_object (result);
}

static void
test_view_stays_on_its_incident (Fixture       *f,
                                 gconstpointer  data)
{
  SitrepIncident *crashes = incident (f, CRASHES);
  GAsyncResult *result = NULL;

  /* Triaging the incident in view moves its card down the board; the view
   * stays with it. */
  sitrep_window_show_incident (f->window, CRASHES);
  sitrep_war_room_set_severity_async (f->war_room, crashes, SITREP_SEVERITY_SEV3, NULL,
                                      test_async_result_cb, &result);
  run_command (&result);
  g_assert_cmpint (sitrep_incident_get_severity (crashes), ==, SITREP_SEVERITY_SEV3);
  g_assert_true (sitrep_incident_view_get_incident (f->view) == crashes);
  g_assert_cmpstr (label_text (f, "title_label"), ==, "Crashes on Android");
}

static void
test_correction_marks_the_note (Fixture       *f,
                                gconstpointer  data)
{
  SitrepIncident *payments = incident (f, PAYMENTS);
  g_autoptr(SitrepEvent) note = g_list_model_get_item (sitrep_incident_get_events (payments), 2);
  GAsyncResult *result = NULL;

  g_assert_cmpstr (sitrep_event_get_kind (note), ==, "note.added");
  g_assert_false (test_label_shown (child (f, "timeline_list"), "Corrected below"));

  sitrep_war_room_add_note_async (f->war_room, payments, "Gateway returns 503",
                                  sitrep_event_get_id (note), NULL, test_async_result_cb, &result);
  run_command (&result);

  g_assert_true (test_label_shown (child (f, "timeline_list"), "Corrected below"));
  g_assert_true (test_label_shown (child (f, "timeline_list"), "Correction: Gateway returns 503"));
}

static void
test_decisions_follow (Fixture       *f,
                       gconstpointer  data)
{
  SitrepIncident *payments = incident (f, PAYMENTS);
  const char *options[] = { "Hotfix 5.2.1", "Wait", NULL };
  GAsyncResult *result = NULL;

  g_assert_cmpuint (n_rows (child (f, "decision_list")), ==, 1);

  sitrep_war_room_record_decision_async (f->war_room, payments, "Ship the hotfix?", options,
                                         "Hotfix 5.2.1", NULL, NULL, FALSE, NULL,
                                         test_async_result_cb, &result);
  run_command (&result);
  g_assert_cmpuint (n_rows (child (f, "decision_list")), ==, 2);
  g_assert_true (test_label_shown (child (f, "decision_list"), "Ship the hotfix?"));
}

/* Buttons of the view bound to an act on the incident, that can be pressed. */
static guint
count_sensitive_editing_buttons (Fixture *f)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint n = 0;

  test_collect_widgets (GTK_WIDGET (f->view), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      const char *action = gtk_actionable_get_action_name (g_ptr_array_index (buttons, i));

      if (action != NULL && g_str_has_prefix (action, "incident.") &&
          !g_str_equal (action, "incident.open-uri") &&
          gtk_widget_is_sensitive (g_ptr_array_index (buttons, i)))
        n++;
    }

  return n;
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  sitrep_war_room_set_read_only (f->war_room, TRUE);

  /* The shortcuts' actions do nothing; every editing button is off. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.post-update", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.declare", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "incident.add-note", NULL);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_null (find_dialog ());
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (child (f, "severity_button"))));
  g_assert_cmpuint (count_sensitive_editing_buttons (f), ==, 0);

  sitrep_war_room_set_read_only (f->war_room, FALSE);
  g_assert_cmpuint (count_sensitive_editing_buttons (f), >, 5);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "incident.add-note", NULL);
  g_assert_nonnull (find_dialog ());
}

static AdwActionRow *
suggestion_row (Fixture *f)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  test_collect_widgets (GTK_WIDGET (f->view), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "Suggested severity"))
      return g_ptr_array_index (rows, i);

  return NULL;
}

static gboolean
suggests (gpointer data)
{
  gpointer *pair = data;
  AdwActionRow *row = suggestion_row (pair[0]);

  return row != NULL && gtk_widget_get_visible (GTK_WIDGET (row)) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), pair[1]) == 0;
}

static gboolean
severity_is_sev1 (gpointer data)
{
  return sitrep_incident_get_severity (data) == SITREP_SEVERITY_SEV1;
}

static guint
count_kind (SitrepIncident *incident,
            const char     *kind)
{
  GListModel *events = sitrep_incident_get_events (incident);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(SitrepEvent) event = g_list_model_get_item (events, i);

      n += sitrep_event_has_kind (event, kind);
    }

  return n;
}

static gboolean
has_dismissal (gpointer data)
{
  return count_kind (data, SITREP_EVENT_BLAST_DISMISSED) == 1;
}

/* The blast radius' suggestion shows beside the incident, with its
 * reason; the IC accepts it (journalled, severity set) or dismisses it. */
static void
test_blast_radius_suggestion (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(SitrepAlertFeed) feed = sitrep_alert_feed_new ();
  g_autoptr(SitrepMonitor) monitor = sitrep_monitor_new (feed);
  g_autoptr(SitrepAssessor) assessor = sitrep_assessor_new (monitor);
  g_autoptr(GAsyncResult) result = NULL;
  SitrepIncident *crashes = incident (f, CRASHES);
  gpointer sev1[2] = { f, (gpointer)"Suggested severity: SEV1" };
  gpointer sev4[2] = { f, (gpointer)"Suggested severity: SEV4" };

  sitrep_window_set_assessor (f->window, assessor);
  sitrep_window_show_incident (f->window, CRASHES);

  sitrep_war_room_set_feature_async (f->war_room, crashes, "login", SITREP_FEATURE_DOWN, TRUE, NULL,
                                     test_async_result_cb, &result);
  g_assert_true (sitrep_war_room_command_finish (f->war_room, test_wait_for_result (&result), NULL));
  g_clear_object (&result);

  test_wait_until (suggests, sev1);
  g_assert_cmpstr (adw_action_row_get_subtitle (suggestion_row (f)), ==, "The core feature “login” is down.");
  g_assert_cmpint (sitrep_incident_get_severity (crashes), ==, SITREP_SEVERITY_UNTRIAGED);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "incident.accept-suggestion", NULL));
  test_wait_until (severity_is_sev1, crashes);
  g_assert_cmpuint (count_kind (crashes, SITREP_EVENT_BLAST_ASSESSED), ==, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (suggestion_row (f))));

  /* Login works again: SEV4 is suggested, and dismissed. */
  sitrep_war_room_set_feature_async (f->war_room, crashes, "login", SITREP_FEATURE_OK, TRUE, NULL,
                                     test_async_result_cb, &result);
  g_assert_true (sitrep_war_room_command_finish (f->war_room, test_wait_for_result (&result), NULL));
  test_wait_until (suggests, sev4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "incident.dismiss-suggestion", NULL));
  test_wait_until (has_dismissal, crashes);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (suggestion_row (f))));
  g_assert_cmpint (sitrep_incident_get_severity (crashes), ==, SITREP_SEVERITY_SEV1);

  sitrep_window_set_assessor (f->window, NULL);
  sitrep_assessor_stop (assessor);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      if (g_getenv ("SITREP_REQUIRE_DISPLAY") != NULL)
        g_error ("No display, but SITREP_REQUIRE_DISPLAY is set");
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/incident-view/shows-the-incident", test_shows_the_incident);
  ADD ("/incident-view/update-countdown-colours", test_update_countdown_colours);
  ADD ("/incident-view/triage-clock-colours", test_triage_clock_colours);
  ADD ("/incident-view/post-update", test_post_update);
  ADD ("/incident-view/read-only", test_read_only);
  ADD ("/incident-view/view-stays-on-its-incident", test_view_stays_on_its_incident);
  ADD ("/incident-view/correction-marks-the-note", test_correction_marks_the_note);
  ADD ("/incident-view/decisions-follow", test_decisions_follow);
  ADD ("/incident-view/blast-radius-suggestion", test_blast_radius_suggestion);
#undef ADD

  return g_test_run ();
}
