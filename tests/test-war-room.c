/* test-war-room.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sitrep-alert-rules.h"
#include "sitrep-memory-journal.h"
#include "sitrep-war-room.h"

#include "test-utils.h"

#define T0 (G_GINT64_CONSTANT (1795500131) * G_TIME_SPAN_SECOND)

typedef struct
{
  SitrepMemoryJournal *journal;
  SitrepClock         *clock;
  SitrepWarRoom       *war_room;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->journal = sitrep_memory_journal_new ();
  f->clock = sitrep_clock_new_test (T0);
  f->war_room = sitrep_war_room_new (SITREP_JOURNAL (f->journal), f->clock);
  sitrep_war_room_set_author (f->war_room, "Alice");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->war_room));
  g_assert_finalize_object (g_steal_pointer (&f->journal));
  g_assert_finalize_object (g_steal_pointer (&f->clock));
}

static SitrepIncident *
declare (Fixture         *f,
         const char      *title,
         SitrepSeverity   severity,
         const char      *summary,
         GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sitrep_war_room_declare_async (f->war_room, title, severity, summary, NULL,
                                 test_async_result_cb, &result);
  test_wait_for_result (&result);
  return sitrep_war_room_declare_finish (f->war_room, result, error);
}

static GPtrArray *
load_journal (SitrepJournal *journal)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *events;

  sitrep_journal_load_async (journal, NULL, test_async_result_cb, &result);
  events = sitrep_journal_load_finish (journal, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return events;
}

static void
test_declare_journals_then_shows (Fixture       *f,
                                  gconstpointer  data)
{
  GListModel *incidents = sitrep_war_room_get_incidents (f->war_room);
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  SitrepEvent *event;

  g_assert_cmpuint (g_list_model_get_n_items (incidents), ==, 0);

  incident = declare (f, "  Payments failing\n", SITREP_SEVERITY_SEV1,
                      "Card payments return 502 since 14:00.  ", &error);
  g_assert_no_error (error);
  g_assert_nonnull (incident);

  /* On the board at once, as folded from the event. */
  g_assert_cmpuint (g_list_model_get_n_items (incidents), ==, 1);
  g_assert_true (g_list_model_get_item (incidents, 0) == (gpointer)incident);
  g_object_unref (incident); /* the ref g_list_model_get_item() took */
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Payments failing");
  g_assert_cmpstr (sitrep_incident_get_summary (incident), ==, "Card payments return 502 since 14:00.");
  g_assert_cmpint (sitrep_incident_get_severity (incident), ==, SITREP_SEVERITY_SEV1);
  g_assert_cmpint (sitrep_incident_get_declared_at (incident), ==, T0);
  g_assert_cmpuint (sitrep_war_room_get_n_active (f->war_room), ==, 1);
  g_assert_true (sitrep_war_room_lookup_incident (f->war_room, sitrep_incident_get_id (incident)) == incident);

  /* And in the journal, exactly as the architecture defines an event. */
  events = load_journal (SITREP_JOURNAL (f->journal));
  g_assert_cmpuint (events->len, ==, 1);
  event = g_ptr_array_index (events, 0);
  g_assert_true (g_uuid_string_is_valid (sitrep_event_get_id (event)));
  g_assert_cmpstr (sitrep_event_get_incident_id (event), ==, sitrep_incident_get_id (incident));
  g_assert_true (g_uuid_string_is_valid (sitrep_event_get_incident_id (event)));
  g_assert_cmpstr (sitrep_event_get_kind (event), ==, "incident.declared");
  g_assert_cmpint (sitrep_event_get_at (event), ==, T0);
  g_assert_cmpstr (sitrep_event_get_author (event), ==, "Alice");
  g_assert_cmpstr (sitrep_event_get_origin (event), ==,
                   sitrep_journal_get_origin (SITREP_JOURNAL (f->journal)));
  g_assert_cmpstr (sitrep_event_get_payload_string (event, "title"), ==, "Payments failing");
  g_assert_cmpstr (sitrep_event_get_payload_string (event, "severity"), ==, "sev1");
}

static void
test_declare_untriaged_without_summary (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  incident = declare (f, "Crash rate up on Android", SITREP_SEVERITY_UNTRIAGED, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_incident_get_severity (incident), ==, SITREP_SEVERITY_UNTRIAGED);
  g_assert_cmpstr (sitrep_incident_get_summary (incident), ==, "");

  events = load_journal (SITREP_JOURNAL (f->journal));
  g_assert_cmpstr (sitrep_event_get_payload_string (g_ptr_array_index (events, 0), "severity"),
                   ==, "untriaged");
  g_assert_false (json_object_has_member (sitrep_event_get_payload (g_ptr_array_index (events, 0)),
                                          "summary"));
}

static void
assert_refused (Fixture        *f,
                const char     *title,
                SitrepSeverity  severity,
                const char     *summary,
                int             code)
{
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  incident = declare (f, title, severity, summary, &error);
  g_assert_null (incident);
  g_assert_error (error, SITREP_WAR_ROOM_ERROR, code);
  /* A message a person can act on, not a code. */
  g_assert_cmpuint (strlen (error->message), >, 20);

  /* Nothing half-written: neither in the journal nor on the board. */
  g_assert_cmpuint (sitrep_memory_journal_get_n_events (f->journal), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_war_room_get_incidents (f->war_room)), ==, 0);
}

static void
test_declare_validation (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GString) long_title = g_string_new (NULL);
  g_autoptr(GString) long_summary = g_string_new (NULL);

  assert_refused (f, "", SITREP_SEVERITY_SEV1, NULL, SITREP_WAR_ROOM_ERROR_EMPTY_TITLE);
  assert_refused (f, NULL, SITREP_SEVERITY_SEV1, NULL, SITREP_WAR_ROOM_ERROR_EMPTY_TITLE);
  assert_refused (f, " \t\n ", SITREP_SEVERITY_SEV1, NULL, SITREP_WAR_ROOM_ERROR_EMPTY_TITLE);

  for (int i = 0; i < 201; i++)
    g_string_append (long_title, "x");
  assert_refused (f, long_title->str, SITREP_SEVERITY_SEV2, NULL,
                  SITREP_WAR_ROOM_ERROR_TITLE_TOO_LONG);

  assert_refused (f, "Bad severity", 5, NULL, SITREP_WAR_ROOM_ERROR_INVALID_SEVERITY);
  assert_refused (f, "Bad severity", -1, NULL, SITREP_WAR_ROOM_ERROR_INVALID_SEVERITY);
  assert_refused (f, "Broken \xff\xfe text", SITREP_SEVERITY_SEV2, NULL,
                  SITREP_WAR_ROOM_ERROR_INVALID_TEXT);
  assert_refused (f, "Fine", SITREP_SEVERITY_SEV2, "bad \xc3\x28", SITREP_WAR_ROOM_ERROR_INVALID_TEXT);

  for (int i = 0; i < SITREP_SUMMARY_MAX_CHARS + 1; i++)
    g_string_append (long_summary, "y");
  assert_refused (f, "Fine", SITREP_SEVERITY_SEV3, long_summary->str,
                  SITREP_WAR_ROOM_ERROR_SUMMARY_TOO_LONG);
}

static void
test_declare_title_limits (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;

  /* The limit counts characters, not bytes: 200 Chinese characters fit. */
  for (int i = 0; i < SITREP_TITLE_MAX_CHARS; i++)
    g_string_append (title, "支");
  incident = declare (f, title->str, SITREP_SEVERITY_SEV1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_utf8_strlen (sitrep_incident_get_title (incident), -1), ==, 200);

  /* A title is one line: line breaks and control characters become spaces;
   * markup-like text is kept as the literal text it is. */
  clean = sitrep_war_room_normalize_title ("  <b>API</b>\r\nerrors &\tall\x01  ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clean, ==, "<b>API</b> errors & all");
}

static void
test_declare_cleans_unicode_text (Fixture       *f,
                                  gconstpointer  data)
{
  static const char * const blank[] = {
    "\u3000\u3000",              /* ideographic spaces, as Chinese input methods type */
    "\u00a0 \u2003",             /* no-break and em spaces */
    "\u200b\ufeff\u200e",        /* zero-width space, byte order mark, direction mark */
    " \u2028 \u2029 ",           /* line and paragraph separators */
  };
  static const struct {
    const char *typed;
    const char *stored;
  } titles[] = {
    { "\u3000支付失败\u3000", "支付失败" },
    { "\ufeffPayments\u200b failing", "Payments failing" },
    { "Login\u2028broken\u2029again", "Login broken again" },
    { "\u00a0iOS\u00a0login\u00a0", "iOS login" },
    { "\U0001F469\u200D\U0001F4BB dev portal down", "\U0001F469\u200D\U0001F4BB dev portal down" },
  };
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (blank); i++)
    assert_refused (f, blank[i], SITREP_SEVERITY_SEV1, NULL, SITREP_WAR_ROOM_ERROR_EMPTY_TITLE);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *clean = sitrep_war_room_normalize_title (titles[i].typed, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (clean, ==, titles[i].stored);
    }

  /* A summary keeps its lines, whatever they were broken with. */
  incident = declare (f, "Payments failing", SITREP_SEVERITY_SEV1,
                      "\u3000Gateway 502s.\r\nRetries fail.\u2029Since 14:02.\u200b\u3000 ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_summary (incident), ==, "Gateway 502s.\nRetries fail.\nSince 14:02.");
}

/* A caller that gives up while the incident is being written still learns
 * that it was declared: it is on the board, so it must not be reported as
 * cancelled. */
static void
test_declare_cancelled_after_start (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  sitrep_war_room_declare_async (f->war_room, "Payments failing", SITREP_SEVERITY_SEV1, NULL,
                                 cancellable, test_async_result_cb, &result);
  g_cancellable_cancel (cancellable);

  incident = sitrep_war_room_declare_finish (f->war_room, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (incident);
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_war_room_get_incidents (f->war_room)), ==, 1);
  g_assert_cmpuint (sitrep_memory_journal_get_n_events (f->journal), ==, 1);
}

static void
append_directly (SitrepJournal *journal,
                 SitrepEvent   *event)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_ptr_array_add (events, event);
  sitrep_journal_append_async (journal, events, NULL, test_async_result_cb, &result);
  g_assert_true (sitrep_journal_append_finish (journal, test_wait_for_result (&result), NULL));
}

/* Merged from machines whose clocks disagree, an event can come before its
 * incident's declaration in journal order; it is kept for the incident. */
static void
test_event_before_its_declaration (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(JsonObject) declared = json_object_new ();
  g_autoptr(JsonObject) note = json_object_new ();
  g_autoptr(SitrepEvent) early = NULL;
  g_autoptr(SitrepEvent) declaration = NULL;
  g_autoptr(SitrepWarRoom) war_room = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  SitrepIncident *incident;

  json_object_set_string_member (note, "text", "Rolled back the gateway config");
  json_object_set_string_member (declared, "title", "Payments failing");
  json_object_set_string_member (declared, "severity", "sev1");
  early = sitrep_event_new ("e-early", "i-1", "note.added", T0 - 5, "Bo", "other", note);
  declaration = sitrep_event_new ("e-decl", "i-1", SITREP_EVENT_INCIDENT_DECLARED, T0, "Ana", "o", declared);
  append_directly (SITREP_JOURNAL (f->journal), early);
  append_directly (SITREP_JOURNAL (f->journal), declaration);

  war_room = sitrep_war_room_new (SITREP_JOURNAL (f->journal), f->clock);
  sitrep_war_room_load_async (war_room, NULL, test_async_result_cb, &result);
  g_assert_true (sitrep_war_room_load_finish (war_room, test_wait_for_result (&result), NULL));

  incident = sitrep_war_room_lookup_incident (war_room, "i-1");
  g_assert_nonnull (incident);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Payments failing");
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_incident_get_events (incident)), ==, 2);
}

static void
test_declare_journal_failure (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) disk_full = g_error_new_literal (SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_FAILED,
                                                     "The disk is full");
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  sitrep_memory_journal_fail_appends (f->journal, disk_full);
  incident = declare (f, "Payments failing", SITREP_SEVERITY_SEV1, NULL, &error);

  /* Not written, so not shown: the error says why. */
  g_assert_null (incident);
  g_assert_error (error, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_FAILED);
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_war_room_get_incidents (f->war_room)), ==, 0);

  /* Once the journal works again, so does declaring. */
  sitrep_memory_journal_fail_appends (f->journal, NULL);
  g_clear_error (&error);
  incident = declare (f, "Payments failing", SITREP_SEVERITY_SEV1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_war_room_get_incidents (f->war_room)), ==, 1);
}

static const char *
title_at (SitrepWarRoom *war_room,
          guint          position)
{
  g_autoptr(SitrepIncident) incident =
    g_list_model_get_item (sitrep_war_room_get_incidents (war_room), position);

  return sitrep_incident_get_title (incident);
}

static void
test_board_order_and_load (Fixture       *f,
                           gconstpointer  data)
{
  static const struct {
    const char     *title;
    SitrepSeverity  severity;
  } declared[] = {
    { "Old SEV3", SITREP_SEVERITY_SEV3 },
    { "Old SEV1", SITREP_SEVERITY_SEV1 },
    { "SEV4", SITREP_SEVERITY_SEV4 },
    { "Untriaged", SITREP_SEVERITY_UNTRIAGED },
    { "New SEV1", SITREP_SEVERITY_SEV1 },
    { "SEV2", SITREP_SEVERITY_SEV2 },
  };
  static const char * const expected[] = {
    "New SEV1", "Untriaged", "Old SEV1", "SEV2", "Old SEV3", "SEV4",
  };
  g_autoptr(SitrepWarRoom) reloaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (declared); i++)
    {
      g_autoptr(SitrepIncident) incident = NULL;

      sitrep_clock_advance (f->clock, 60 * G_TIME_SPAN_SECOND);
      incident = declare (f, declared[i].title, declared[i].severity, NULL, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (title_at (f->war_room, i), ==, expected[i]);
  g_assert_cmpuint (sitrep_war_room_get_n_active (f->war_room), ==, 6);

  /* A second war room over the same journal folds the same board. */
  reloaded = sitrep_war_room_new (SITREP_JOURNAL (f->journal), f->clock);
  g_assert_false (sitrep_war_room_is_loaded (reloaded));
  sitrep_war_room_load_async (reloaded, NULL, test_async_result_cb, &result);
  g_assert_true (sitrep_war_room_load_finish (reloaded, test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_war_room_is_loaded (reloaded));

  g_assert_cmpuint (g_list_model_get_n_items (sitrep_war_room_get_incidents (reloaded)), ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (title_at (reloaded, i), ==, expected[i]);
  g_assert_cmpuint (sitrep_war_room_get_n_active (reloaded), ==, 6);

  /* Loading twice is harmless. */
  g_clear_object (&result);
  sitrep_war_room_load_async (reloaded, NULL, test_async_result_cb, &result);
  g_assert_true (sitrep_war_room_load_finish (reloaded, test_wait_for_result (&result), &error));
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_war_room_get_incidents (reloaded)), ==, 6);
}

static void
test_timestamps_strictly_increase (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  /* The clock does not move, then steps back: events stay in order. */
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(SitrepIncident) incident = declare (f, "Same instant", SITREP_SEVERITY_SEV2, NULL, &error);
      g_assert_no_error (error);
    }
  sitrep_clock_advance (f->clock, -3600 * G_TIME_SPAN_SECOND);
  {
    g_autoptr(SitrepIncident) incident = declare (f, "After a step back", SITREP_SEVERITY_SEV2, NULL, &error);
    g_assert_no_error (error);
  }

  events = load_journal (SITREP_JOURNAL (f->journal));
  g_assert_cmpuint (events->len, ==, 4);
  for (guint i = 1; i < events->len; i++)
    g_assert_cmpint (sitrep_event_get_at (g_ptr_array_index (events, i - 1)), <,
                     sitrep_event_get_at (g_ptr_array_index (events, i)));
  g_assert_cmpstr (sitrep_event_get_payload_string (g_ptr_array_index (events, 3), "title"), ==,
                   "After a step back");
}

static void
test_author (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (sitrep_war_room_get_author (f->war_room), ==, "Alice");

  sitrep_war_room_set_author (f->war_room, "\u3000 李雷\u3000\n");
  g_assert_cmpstr (sitrep_war_room_get_author (f->war_room), ==, "李雷");
  incident = declare (f, "Push notifications delayed", SITREP_SEVERITY_SEV3, NULL, &error);
  g_assert_cmpstr (sitrep_incident_get_declared_by (incident), ==, "李雷");

  /* No name means the account's name, never an empty author. */
  sitrep_war_room_set_author (f->war_room, "");
  g_assert_cmpstr (sitrep_war_room_get_author (f->war_room), ==, sitrep_war_room_get_system_author ());
  g_assert_cmpuint (strlen (sitrep_war_room_get_author (f->war_room)), >, 0);
  sitrep_war_room_set_author (f->war_room, NULL);
  g_assert_cmpstr (sitrep_war_room_get_author (f->war_room), ==, sitrep_war_room_get_system_author ());
  sitrep_war_room_set_author (f->war_room, "\u200b\u3000");
  g_assert_cmpstr (sitrep_war_room_get_author (f->war_room), ==, sitrep_war_room_get_system_author ());

  /* A name is a name, not an essay. */
  {
    g_autoptr(GString) long_name = g_string_new (NULL);

    for (int i = 0; i < 300; i++)
      g_string_append (long_name, "名");
    sitrep_war_room_set_author (f->war_room, long_name->str);
    g_assert_cmpint (g_utf8_strlen (sitrep_war_room_get_author (f->war_room), -1), ==,
                     SITREP_AUTHOR_MAX_CHARS);
  }
}

static SitrepAlert *
make_alert (const char       *name,
            SitrepAlertState  state,
            gint64            starts_at)
{
  g_autoptr(JsonObject) labels = json_object_new ();
  g_autoptr(JsonObject) annotations = json_object_new ();

  json_object_set_string_member (labels, "alertname", name);
  json_object_set_string_member (labels, "service", "checkout");
  json_object_set_string_member (labels, "severity", "critical");
  json_object_set_string_member (labels, "tier", "core");
  json_object_set_string_member (annotations, "summary", "Payment success 82% on stripe");
  return sitrep_alert_new ("am", labels, annotations, NULL, state, starts_at, NULL);
}

static guint
n_events (SitrepIncident *incident)
{
  return g_list_model_get_n_items (sitrep_incident_get_events (incident));
}

static gboolean
has_events (gpointer data)
{
  gpointer *pair = data;

  return n_events (pair[0]) >= GPOINTER_TO_UINT (pair[1]);
}

static void
wait_for_events (SitrepIncident *incident,
                 guint           n)
{
  gpointer pair[2] = { incident, GUINT_TO_POINTER (n) };

  test_wait_until (has_events, pair);
}

static const char *
last_state (SitrepIncident *incident)
{
  GListModel *events = sitrep_incident_get_events (incident);
  g_autoptr(SitrepEvent) last = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);

  g_assert_cmpstr (sitrep_event_get_kind (last), ==, SITREP_EVENT_ALERT_STATE);
  return sitrep_event_get_payload_string (last, "state");
}

static void
spin (void)
{
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* An incident declared from an alert: detected when the alert started,
 * the alert linked; its changes of state land in the timeline once each;
 * a source switched off says nothing; what happened while Sitrep was
 * closed is reconciled; read-only records nothing. */
static void
test_linked_alerts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SitrepAlertFeed) feed = sitrep_alert_feed_new ();
  g_autoptr(SitrepAlert) firing = make_alert ("PaymentSuccessRateLow", SITREP_ALERT_FIRING, T0 - 180 * G_TIME_SPAN_SECOND);
  g_autoptr(SitrepAlert) silenced = make_alert ("PaymentSuccessRateLow", SITREP_ALERT_SILENCED, T0 - 180 * G_TIME_SPAN_SECOND);
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GVariant) rules = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  SitrepLinkedAlert *linked;
  guint n;

  sitrep_war_room_load_async (f->war_room, NULL, test_async_result_cb, &result);
  g_assert_true (sitrep_war_room_load_finish (f->war_room, test_wait_for_result (&result), NULL));
  g_clear_object (&result);
  sitrep_war_room_set_alert_feed (f->war_room, feed);

  g_ptr_array_add (alerts, g_object_ref (firing));
  sitrep_alert_feed_update (feed, "am-id", alerts);

  /* The default rules: critical on a core tier is SEV1, and say why. */
  rules = g_variant_ref_sink (g_variant_new_parsed ("[('severity=critical, tier=core', 1), ('severity=critical', 2)]"));
  g_assert_cmpint (sitrep_alert_rules_suggest_severity (alerts, rules, &reason), ==, SITREP_SEVERITY_SEV1);
  g_assert_nonnull (strstr (reason, "severity=critical, tier=core"));

  sitrep_war_room_declare_from_alerts_async (f->war_room, "Payments failing", SITREP_SEVERITY_SEV1, NULL,
                                             alerts, NULL, test_async_result_cb, &result);
  incident = sitrep_war_room_declare_finish (f->war_room, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (sitrep_incident_get_detected_at (incident), ==, T0 - 180 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (sitrep_incident_get_triaged_at (incident), ==, sitrep_incident_get_declared_at (incident));
  g_assert_cmpuint (sitrep_incident_get_n_firing_alerts (incident), ==, 1);
  linked = sitrep_incident_lookup_linked_alert (incident, sitrep_alert_get_fingerprint (firing));
  g_assert_nonnull (linked);
  g_assert_cmpstr (sitrep_linked_alert_get_summary (linked), ==, "Payment success 82% on stripe");
  g_assert_cmpstr (sitrep_linked_alert_get_source (linked), ==, "am");

  /* Linking it again writes nothing. */
  n = n_events (incident);
  sitrep_war_room_link_alerts_async (f->war_room, incident, alerts, NULL, test_async_result_cb, &result);
  g_assert_true (sitrep_war_room_command_finish (f->war_room, test_wait_for_result (&result), &error));
  g_clear_object (&result);
  g_assert_cmpuint (n_events (incident), ==, n);

  /* Silenced: once in the timeline, however often the feed says it. */
  g_ptr_array_set_size (alerts, 0);
  g_ptr_array_add (alerts, g_object_ref (silenced));
  sitrep_alert_feed_update (feed, "am-id", alerts);
  sitrep_alert_feed_update (feed, "am-id", alerts);
  wait_for_events (incident, n + 1);
  spin ();
  g_assert_cmpuint (n_events (incident), ==, n + 1);
  g_assert_cmpstr (last_state (incident), ==, "silenced");
  g_assert_cmpuint (sitrep_incident_get_n_firing_alerts (incident), ==, 0);

  /* The source switched off: nobody knows whether it resolved. */
  sitrep_alert_feed_remove_source (feed, "am-id");
  spin ();
  g_assert_cmpuint (n_events (incident), ==, n + 1);

  /* The source answers again, without it: it resolved meanwhile. */
  sitrep_alert_feed_update (feed, "am-id", none);
  sitrep_war_room_reconcile_alerts (f->war_room, "am");
  wait_for_events (incident, n + 2);
  g_assert_cmpstr (last_state (incident), ==, "resolved");
  sitrep_war_room_reconcile_alerts (f->war_room, "am");
  sitrep_war_room_reconcile_alerts (f->war_room, "another source");
  spin ();
  g_assert_cmpuint (n_events (incident), ==, n + 2);

  /* Read-only: it fires again, and this instance records nothing. */
  sitrep_war_room_set_read_only (f->war_room, TRUE);
  g_ptr_array_set_size (alerts, 0);
  g_ptr_array_add (alerts, g_object_ref (firing));
  sitrep_alert_feed_update (feed, "am-id", alerts);
  spin ();
  g_assert_cmpuint (n_events (incident), ==, n + 2);

  sitrep_war_room_set_read_only (f->war_room, FALSE);
  sitrep_war_room_reconcile_alerts (f->war_room, "am");
  wait_for_events (incident, n + 3);
  g_assert_cmpstr (last_state (incident), ==, "firing");
  g_assert_cmpuint (sitrep_incident_get_n_firing_alerts (incident), ==, 1);

  sitrep_war_room_set_alert_feed (f->war_room, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/war-room/declare/journals-then-shows", test_declare_journals_then_shows);
  ADD ("/war-room/declare/untriaged-without-summary", test_declare_untriaged_without_summary);
  ADD ("/war-room/declare/validation", test_declare_validation);
  ADD ("/war-room/declare/title-limits", test_declare_title_limits);
  ADD ("/war-room/declare/cleans-unicode-text", test_declare_cleans_unicode_text);
  ADD ("/war-room/declare/cancelled-after-start", test_declare_cancelled_after_start);
  ADD ("/war-room/declare/journal-failure", test_declare_journal_failure);
  ADD ("/war-room/event-before-its-declaration", test_event_before_its_declaration);
  ADD ("/war-room/board-order-and-load", test_board_order_and_load);
  ADD ("/war-room/timestamps-strictly-increase", test_timestamps_strictly_increase);
  ADD ("/war-room/author", test_author);
  ADD ("/war-room/linked-alerts", test_linked_alerts);

#undef ADD

  return g_test_run ();
}
