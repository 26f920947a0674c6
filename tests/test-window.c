/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window over a war room with an in-memory journal and a test clock,
 * driven through its widgets: the buttons, the entry, the radio buttons. */

#include "config.h"

#include <adwaita.h>

#include "sitrep-declare-dialog.h"
#include "sitrep-incident-card.h"
#include "sitrep-memory-journal.h"
#include "sitrep-severity-badge.h"
#include "sitrep-window.h"

#include "test-utils.h"
#include "test-widget-utils.h"

#define T0 (G_GINT64_CONSTANT (1795500131) * G_TIME_SPAN_SECOND)

typedef struct
{
  SitrepMemoryJournal *journal;
  SitrepClock         *clock;
  SitrepWarRoom       *war_room;
  SitrepWindow        *window;
} Fixture;

static SitrepDeclareDialog *
find_dialog (void)
{
  return test_find_toplevel (SITREP_TYPE_DECLARE_DIALOG);
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
  g_autoptr(GAsyncResult) result = NULL;

  f->journal = sitrep_memory_journal_new ();
  f->clock = sitrep_clock_new_test (T0);
  f->war_room = sitrep_war_room_new (SITREP_JOURNAL (f->journal), f->clock);
  sitrep_war_room_set_author (f->war_room, "Alice");
  sitrep_war_room_load_async (f->war_room, NULL, test_async_result_cb, &result);
  g_assert_true (sitrep_war_room_load_finish (f->war_room, test_wait_for_result (&result), NULL));

  f->window = sitrep_window_new (NULL);
  sitrep_window_set_war_room (f->window, f->war_room);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  SitrepDeclareDialog *dialog = find_dialog ();

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE));

  g_clear_object (&f->war_room);
  g_clear_object (&f->journal);
  g_clear_object (&f->clock);
}

static GtkStack *
find_pages (SitrepWindow *window)
{
  GtkStack *stack;

  for (guint i = 0; (stack = test_find_widget (window, GTK_TYPE_STACK, i)) != NULL; i++)
    if (gtk_stack_get_child_by_name (stack, "board") != NULL)
      return stack;

  g_assert_not_reached ();
}

static const char *
visible_page (SitrepWindow *window)
{
  return gtk_stack_get_visible_child_name (find_pages (window));
}

/* Opens the dialog the way the button does and fills it in as a person
 * would: types the title, picks a severity radio, presses Declare. */
static SitrepDeclareDialog *
fill_in_dialog (Fixture        *f,
                const char     *title,
                SitrepSeverity  severity)
{
  static const SitrepSeverity rows[] = {
    SITREP_SEVERITY_SEV1, SITREP_SEVERITY_SEV2, SITREP_SEVERITY_SEV3,
    SITREP_SEVERITY_SEV4, SITREP_SEVERITY_UNTRIAGED,
  };
  SitrepDeclareDialog *dialog;
  GtkWidget *declare_button = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.declare", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);

  gtk_editable_set_text (GTK_EDITABLE (test_find_widget (dialog, ADW_TYPE_ENTRY_ROW, 0)), title);

  g_assert_cmpuint (test_count_widgets (dialog, GTK_TYPE_CHECK_BUTTON), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *check = test_find_widget (dialog, GTK_TYPE_CHECK_BUTTON, i);
      SitrepSeverityBadge *badge = test_find_widget (gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW),
                                         SITREP_TYPE_SEVERITY_BADGE, 0);

      /* Each radio sits beside the badge of its severity. */
      g_assert_cmpint (sitrep_severity_badge_get_severity (badge), ==, rows[i]);
      if (rows[i] == severity)
        gtk_widget_activate (check);
    }
  g_assert_cmpint (sitrep_declare_dialog_get_severity (dialog), ==, severity);

  for (guint i = 0; (declare_button = test_find_widget (dialog, GTK_TYPE_BUTTON, i)) != NULL; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (declare_button)), "dialog.declare") == 0)
      break;
  g_assert_nonnull (declare_button);
  g_assert_true (gtk_widget_is_sensitive (declare_button));
  gtk_widget_activate (declare_button);

  return dialog;
}

static const char *
badge_text (gpointer root)
{
  SitrepSeverityBadge *badge = test_find_widget (root, SITREP_TYPE_SEVERITY_BADGE, 0);

  return gtk_label_get_text (test_find_widget (badge, GTK_TYPE_LABEL, 0));
}

static gboolean
error_shown (gpointer dialog)
{
  return test_label_shown (dialog, "The disk holding the journal is full.");
}

static void
test_empty_board (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpstr (visible_page (f->window), ==, "empty");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_cmpuint (test_count_widgets (f->window, SITREP_TYPE_INCIDENT_CARD), ==, 0);
}

static void
test_declare_through_dialog (Fixture       *f,
                             gconstpointer  data)
{
  SitrepIncidentCard *card;

  fill_in_dialog (f, "Payments failing", SITREP_SEVERITY_SEV1);
  test_wait_until (no_dialog, NULL);

  /* The card is on the board, with its severity as text. */
  g_assert_cmpstr (visible_page (f->window), ==, "board");
  g_assert_cmpuint (test_count_widgets (f->window, SITREP_TYPE_INCIDENT_CARD), ==, 1);
  card = test_find_widget (f->window, SITREP_TYPE_INCIDENT_CARD, 0);
  g_assert_cmpstr (badge_text (card), ==, "SEV1");
  g_assert_true (test_label_shown (card, "Payments failing"));
  g_assert_true (test_label_shown (card, "Investigating"));
  g_assert_true (test_label_shown (card, "Declared 06:02 by Alice"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (test_find_widget (card, SITREP_TYPE_SEVERITY_BADGE, 0)), "sev1"));

  /* Journalled, not just drawn. */
  g_assert_cmpuint (sitrep_memory_journal_get_n_events (f->journal), ==, 1);

  /* The elapsed time follows the clock, to the second. */
  g_assert_cmpstr (sitrep_incident_card_get_elapsed (card), ==, "0:00:00");
  g_assert_true (test_label_shown (card, "0:00:00"));
  sitrep_clock_advance (f->clock, 65 * G_TIME_SPAN_SECOND);
  g_assert_cmpstr (sitrep_incident_card_get_elapsed (card), ==, "0:01:05");
  sitrep_clock_advance (f->clock, 2 * 3600 * G_TIME_SPAN_SECOND);
  g_assert_true (test_label_shown (card, "2:01:05"));
}

static void
test_declare_failure_keeps_input (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) full = g_error_new_literal (SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_FAILED,
                                                "The disk holding the journal is full.");
  SitrepDeclareDialog *dialog;
  GtkLabel *error_label = NULL;

  sitrep_memory_journal_fail_appends (f->journal, full);
  dialog = fill_in_dialog (f, "Login broken", SITREP_SEVERITY_SEV2);

  /* The dialog stays, says why, and keeps what was typed and chosen. */
  test_wait_until (error_shown, dialog);
  g_assert_true (find_dialog () == dialog);
  for (guint i = 0; (error_label = test_find_widget (dialog, GTK_TYPE_LABEL, i)) != NULL; i++)
    if (gtk_widget_has_css_class (GTK_WIDGET (error_label), "error") &&
        gtk_widget_get_visible (GTK_WIDGET (error_label)))
      break;
  g_assert_nonnull (error_label);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (test_find_widget (dialog, ADW_TYPE_ENTRY_ROW, 0))), ==,
                   "Login broken");
  g_assert_cmpint (sitrep_declare_dialog_get_severity (dialog), ==, SITREP_SEVERITY_SEV2);
  g_assert_cmpuint (test_count_widgets (f->window, SITREP_TYPE_INCIDENT_CARD), ==, 0);

  /* Once the journal recovers, Declare works from the same dialog. */
  sitrep_memory_journal_fail_appends (f->journal, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.declare", NULL));
  test_wait_until (no_dialog, NULL);
  g_assert_cmpuint (test_count_widgets (f->window, SITREP_TYPE_INCIDENT_CARD), ==, 1);
}

static void
test_title_validation_as_typed (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GString) long_title = g_string_new (NULL);
  SitrepDeclareDialog *dialog;
  GtkWidget *declare_button = NULL;
  GtkEditable *title;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.declare", NULL));
  dialog = find_dialog ();
  title = GTK_EDITABLE (test_find_widget (dialog, ADW_TYPE_ENTRY_ROW, 0));
  for (guint i = 0; (declare_button = test_find_widget (dialog, GTK_TYPE_BUTTON, i)) != NULL; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (declare_button)), "dialog.declare") == 0)
      break;

  /* Nothing typed, or only spaces: nothing to declare. */
  g_assert_false (gtk_widget_is_sensitive (declare_button));
  gtk_editable_set_text (title, "   ");
  g_assert_false (gtk_widget_is_sensitive (declare_button));

  gtk_editable_set_text (title, "API errors");
  g_assert_true (gtk_widget_is_sensitive (declare_button));
  g_assert_true (test_label_shown (dialog, "10 / 200"));

  /* Over the limit: refused before anything is sent, and said so. */
  for (int i = 0; i < 201; i++)
    g_string_append_c (long_title, 'x');
  gtk_editable_set_text (title, long_title->str);
  g_assert_false (gtk_widget_is_sensitive (declare_button));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (title), "error"));
  g_assert_true (test_label_shown (dialog,
                              "The title can be at most 200 characters long; this one has 201. "
                              "Put the details in the summary."));

  /* Escape closes without declaring. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  test_wait_until (no_dialog, NULL);
  g_assert_cmpuint (sitrep_memory_journal_get_n_events (f->journal), ==, 0);
}

/* Once Declare is pressed the write cannot be called off: Cancel and
 * Escape wait for the journal, and the incident is declared. */
static void
test_no_cancel_while_writing (Fixture       *f,
                              gconstpointer  data)
{
  SitrepDeclareDialog *dialog;
  GtkWidget *cancel = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.declare", NULL));
  dialog = find_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (test_find_widget (dialog, ADW_TYPE_ENTRY_ROW, 0)), "Payments failing");
  for (guint i = 0; (cancel = test_find_widget (dialog, GTK_TYPE_BUTTON, i)) != NULL; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (cancel)), "window.close") == 0)
      break;
  g_assert_nonnull (cancel);
  g_assert_true (gtk_widget_is_sensitive (cancel));

  /* The journal answers on a later main loop iteration, not before. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.declare", NULL));
  g_assert_false (gtk_widget_is_sensitive (cancel));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (find_dialog () == dialog);

  test_wait_until (no_dialog, NULL);
  g_assert_cmpuint (test_count_widgets (f->window, SITREP_TYPE_INCIDENT_CARD), ==, 1);
  g_assert_cmpuint (sitrep_memory_journal_get_n_events (f->journal), ==, 1);
}

static void
declare_directly (Fixture        *f,
                  const char     *title,
                  SitrepSeverity  severity)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SitrepIncident) incident = NULL;

  sitrep_war_room_declare_async (f->war_room, title, severity, NULL, NULL, test_async_result_cb, &result);
  incident = sitrep_war_room_declare_finish (f->war_room, test_wait_for_result (&result), NULL);
  g_assert_nonnull (incident);
}

static void
test_board_order_and_summary (Fixture       *f,
                              gconstpointer  data)
{
  AdwWindowTitle *window_title = test_find_widget (f->window, ADW_TYPE_WINDOW_TITLE, 0);

  declare_directly (f, "Search slow", SITREP_SEVERITY_SEV3);
  sitrep_clock_advance (f->clock, G_TIME_SPAN_MINUTE);
  declare_directly (f, "Payments failing", SITREP_SEVERITY_SEV1);
  sitrep_clock_advance (f->clock, G_TIME_SPAN_MINUTE);
  declare_directly (f, "Crash rate <b>up</b> & rising", SITREP_SEVERITY_UNTRIAGED);

  g_assert_cmpuint (test_count_widgets (f->window, SITREP_TYPE_INCIDENT_CARD), ==, 3);
  /* Most severe first (untriaged ranks with SEV1, newest first). */
  g_assert_cmpstr (badge_text (test_find_widget (f->window, SITREP_TYPE_INCIDENT_CARD, 0)), ==, "Untriaged");
  g_assert_cmpstr (badge_text (test_find_widget (f->window, SITREP_TYPE_INCIDENT_CARD, 1)), ==, "SEV1");
  g_assert_cmpstr (badge_text (test_find_widget (f->window, SITREP_TYPE_INCIDENT_CARD, 2)), ==, "SEV3");

  /* Text from people is shown as typed, never as markup. */
  g_assert_true (test_label_shown (test_find_widget (f->window, SITREP_TYPE_INCIDENT_CARD, 0),
                              "Crash rate <b>up</b> & rising"));
  g_assert_cmpstr (adw_window_title_get_subtitle (window_title), ==, "3 active incidents");
}

static void
test_journal_error_page (Fixture       *f,
                         gconstpointer  data)
{
  const char *path = "/home/ops & <team>/.local/share/sitrep/journal.db";
  g_autoptr(GError) error = g_error_new (SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_CORRUPT,
                                         "The journal file %s is damaged.", path);
  AdwStatusPage *page;
  g_autofree char *expected = NULL;

  sitrep_window_show_journal_error (f->window, error, path);

  g_assert_cmpstr (visible_page (f->window), ==, "error");
  /* The path is shown exactly, whatever characters it holds. */
  g_assert_true (test_label_shown (f->window, path));
  page = test_find_widget (gtk_stack_get_visible_child (find_pages (f->window)), ADW_TYPE_STATUS_PAGE, 0);
  expected = g_markup_escape_text (error->message, -1);
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (page), expected));

  /* Nothing can be declared without a journal. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.declare", NULL) &&
                  find_dialog () != NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/window/empty-board", test_empty_board);
  ADD ("/window/declare-through-dialog", test_declare_through_dialog);
  ADD ("/window/declare-failure-keeps-input", test_declare_failure_keeps_input);
  ADD ("/window/title-validation-as-typed", test_title_validation_as_typed);
  ADD ("/window/no-cancel-while-writing", test_no_cancel_while_writing);
  ADD ("/window/board-order-and-summary", test_board_order_and_summary);
  ADD ("/window/journal-error-page", test_journal_error_page);

#undef ADD

  return g_test_run ();
}
