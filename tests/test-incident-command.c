/* test-incident-command.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The commands of incident command and the state they fold to: the triage
 * clock, the update cadence across severity changes and updates, the
 * metrics, the roster, corrections, the refusals. Times are exact to the
 * microsecond: the test clock moves only when told. */

#include "config.h"

#include <locale.h>

#include "sitrep-format.h"
#include "sitrep-memory-journal.h"
#include "sitrep-timeline.h"
#include "sitrep-war-room.h"

#include "test-utils.h"

#define T0  (G_GINT64_CONSTANT (1795500131) * G_TIME_SPAN_SECOND)
#define MINUTE (60 * G_TIME_SPAN_SECOND)
#define SECOND G_TIME_SPAN_SECOND

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
declare (Fixture        *f,
         SitrepSeverity  severity)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SitrepIncident *incident;

  sitrep_war_room_declare_async (f->war_room, "Payments failing", severity, NULL, NULL,
                                 test_async_result_cb, &result);
  test_wait_for_result (&result);
  incident = sitrep_war_room_declare_finish (f->war_room, result, &error);
  g_assert_no_error (error);
  g_object_unref (incident);  /* the war room keeps it */

  return incident;
}

static gboolean
finish (Fixture       *f,
        GAsyncResult **result,
        GError       **error)
{
  gboolean ok;

  test_wait_for_result (result);
  ok = sitrep_war_room_command_finish (f->war_room, *result, error);
  g_clear_object (result);

  return ok;
}

static void
set_severity (Fixture        *f,
              SitrepIncident *incident,
              SitrepSeverity  severity)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;

  sitrep_war_room_set_severity_async (f->war_room, incident, severity, NULL,
                                      test_async_result_cb, &result);
  g_assert_true (finish (f, &result, &error));
  g_assert_no_error (error);
}

static void
post_update (Fixture        *f,
             SitrepIncident *incident,
             gint64          next_update_at)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;

  sitrep_war_room_post_update_async (f->war_room, incident, "Card payments fail", "Rolling back",
                                     NULL, next_update_at, NULL, test_async_result_cb, &result);
  g_assert_true (finish (f, &result, &error));
  g_assert_no_error (error);
}

static void
set_status (Fixture        *f,
            SitrepIncident *incident,
            SitrepStatus    status)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;

  sitrep_war_room_set_status_async (f->war_room, incident, status, NULL,
                                    test_async_result_cb, &result);
  g_assert_true (finish (f, &result, &error));
  g_assert_no_error (error);
}

static void
assign (Fixture        *f,
        SitrepIncident *incident,
        const char     *role,
        const char     *label,
        const char     *name,
        const char     *phone)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;

  sitrep_war_room_assign_role_async (f->war_room, incident, role, label, name, NULL, phone, NULL,
                                     test_async_result_cb, &result);
  g_assert_true (finish (f, &result, &error));
  g_assert_no_error (error);
}

static void
test_triage_clock (Fixture       *f,
                   gconstpointer  data)
{
  SitrepIncident *incident;

  g_object_set (f->war_room, "triage-target", 7, NULL);
  incident = declare (f, SITREP_SEVERITY_UNTRIAGED);

  /* Untriaged: the triage clock runs from detection; no update cadence. */
  g_assert_cmpint (sitrep_incident_get_detected_at (incident), ==, T0);
  g_assert_cmpint (sitrep_incident_get_triage_due_at (incident), ==, T0 + 7 * MINUTE);
  g_assert_cmpint (sitrep_incident_get_triaged_at (incident), ==, 0);
  g_assert_cmpint (sitrep_incident_get_update_due_at (incident), ==, 0);

  /* A later change of the setting does not move this incident's target. */
  g_object_set (f->war_room, "triage-target", 5, NULL);
  g_assert_cmpint (sitrep_incident_get_triage_due_at (incident), ==, T0 + 7 * MINUTE);

  g_assert_cmpint (sitrep_deadline_get_state (sitrep_incident_get_triage_due_at (incident),
                                              T0 + 6 * MINUTE - 1, SITREP_TRIAGE_WARNING),
                   ==, SITREP_DEADLINE_RUNNING);
  g_assert_cmpint (sitrep_deadline_get_state (sitrep_incident_get_triage_due_at (incident),
                                              T0 + 6 * MINUTE, SITREP_TRIAGE_WARNING),
                   ==, SITREP_DEADLINE_WARNING);
  g_assert_cmpint (sitrep_deadline_get_state (sitrep_incident_get_triage_due_at (incident),
                                              T0 + 7 * MINUTE, SITREP_TRIAGE_WARNING),
                   ==, SITREP_DEADLINE_OVERDUE);

  /* Triaged at 8:30, late; the SEV2 cadence (30 min) starts then. */
  sitrep_clock_set_now (f->clock, T0 + 8 * MINUTE + 30 * SECOND);
  set_severity (f, incident, SITREP_SEVERITY_SEV2);
  g_assert_cmpint (sitrep_incident_get_triaged_at (incident), ==, T0 + 8 * MINUTE + 30 * SECOND);
  g_assert_cmpint (sitrep_incident_get_update_due_at (incident), ==, T0 + 38 * MINUTE + 30 * SECOND);

  /* Triage happens once: a later severity does not move it. */
  sitrep_clock_set_now (f->clock, T0 + 20 * MINUTE);
  set_severity (f, incident, SITREP_SEVERITY_SEV1);
  g_assert_cmpint (sitrep_incident_get_triaged_at (incident), ==, T0 + 8 * MINUTE + 30 * SECOND);
}

static void
test_resolved_untriaged (Fixture       *f,
                         gconstpointer  data)
{
  SitrepIncident *incident = declare (f, SITREP_SEVERITY_UNTRIAGED);

  /* A false alarm, resolved before anyone set a severity: no clock runs on. */
  sitrep_clock_advance (f->clock, MINUTE);
  set_status (f, incident, SITREP_STATUS_RESOLVED);
  g_assert_cmpint (sitrep_incident_get_triage_due_at (incident), ==, 0);
  g_assert_cmpint (sitrep_incident_get_triaged_at (incident), ==, 0);
  g_assert_cmpint (sitrep_incident_get_update_due_at (incident), ==, 0);
}

static void
test_update_cadence (Fixture       *f,
                     gconstpointer  data)
{
  SitrepIncident *incident = declare (f, SITREP_SEVERITY_SEV1);

  /* Declared as SEV1: triaged at once, the 15-minute cadence runs. */
  g_assert_cmpint (sitrep_incident_get_triaged_at (incident), ==, T0);
  g_assert_cmpint (sitrep_incident_get_update_due_at (incident), ==, T0 + 15 * MINUTE);

  /* An update restarts it. */
  sitrep_clock_set_now (f->clock, T0 + 10 * MINUTE);
  post_update (f, incident, 0);
  g_assert_cmpint (sitrep_incident_get_last_update_at (incident), ==, T0 + 10 * MINUTE);
  g_assert_cmpint (sitrep_incident_get_update_due_at (incident), ==, T0 + 25 * MINUTE);

  /* Down to SEV2: re-planned from the last update, not from now. */
  sitrep_clock_set_now (f->clock, T0 + 12 * MINUTE);
  set_severity (f, incident, SITREP_SEVERITY_SEV2);
  g_assert_cmpint (sitrep_incident_get_update_due_at (incident), ==, T0 + 40 * MINUTE);

  /* An update that announces its successor sets the deadline… */
  sitrep_clock_set_now (f->clock, T0 + 20 * MINUTE);
  post_update (f, incident, T0 + 30 * MINUTE);
  g_assert_cmpint (sitrep_incident_get_update_due_at (incident), ==, T0 + 30 * MINUTE);

  /* …until the severity changes, which re-plans from that update. */
  sitrep_clock_set_now (f->clock, T0 + 21 * MINUTE);
  set_severity (f, incident, SITREP_SEVERITY_SEV1);
  g_assert_cmpint (sitrep_incident_get_update_due_at (incident), ==, T0 + 35 * MINUTE);

  /* The cadence in force is the one set when the severity was; SEV4 has none. */
  sitrep_war_room_set_cadence (f->war_room, SITREP_SEVERITY_SEV1, 10);
  g_assert_cmpint (sitrep_incident_get_update_due_at (incident), ==, T0 + 35 * MINUTE);
  sitrep_clock_set_now (f->clock, T0 + 22 * MINUTE);
  set_severity (f, incident, SITREP_SEVERITY_SEV4);
  g_assert_cmpint (sitrep_incident_get_update_due_at (incident), ==, 0);
  sitrep_clock_set_now (f->clock, T0 + 23 * MINUTE);
  set_severity (f, incident, SITREP_SEVERITY_SEV1);
  g_assert_cmpint (sitrep_incident_get_update_due_at (incident), ==, T0 + 30 * MINUTE);

  /* Countdown states: amber in the last 3 minutes, overdue from the deadline. */
  g_assert_cmpint (sitrep_deadline_get_state (T0 + 30 * MINUTE, T0 + 27 * MINUTE - 1, SITREP_UPDATE_WARNING),
                   ==, SITREP_DEADLINE_RUNNING);
  g_assert_cmpint (sitrep_deadline_get_state (T0 + 30 * MINUTE, T0 + 27 * MINUTE, SITREP_UPDATE_WARNING),
                   ==, SITREP_DEADLINE_WARNING);
  g_assert_cmpint (sitrep_deadline_get_state (T0 + 30 * MINUTE, T0 + 30 * MINUTE, SITREP_UPDATE_WARNING),
                   ==, SITREP_DEADLINE_OVERDUE);

  /* A resolved incident owes no update. */
  set_status (f, incident, SITREP_STATUS_RESOLVED);
  g_assert_cmpint (sitrep_incident_get_update_due_at (incident), ==, 0);
}

static SitrepEvent *
event_at (const char *incident_id,
          const char *kind,
          gint64      at,
          const char *payload_json)
{
  g_autofree char *id = g_strdup_printf ("%020" G_GINT64_FORMAT, at);
  g_autoptr(GError) error = NULL;
  SitrepEvent *event;

  event = sitrep_event_new_from_json (id, incident_id, kind, at, "Alice", "origin",
                                      payload_json, &error);
  g_assert_no_error (error);

  return event;
}

/* A hand-written incident, minute by minute. */
static GPtrArray *
written_incident (void)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);
  const char *id = "b6c0e5cb-8f34-4b5a-9d0f-2f7c3f0e6f11";

  /* Detected 3 minutes before it was declared, untriaged, target 5 min. */
  g_ptr_array_add (events, event_at (id, "incident.declared", T0,
                                     "{\"title\":\"Checkout down\",\"severity\":\"untriaged\","
                                     "\"detected_at\":1795499951000000,\"triage_target\":300}"));
  /* Triaged as SEV1 at +1 (4 minutes after detection: on target). */
  g_ptr_array_add (events, event_at (id, "severity.set", T0 + 1 * MINUTE,
                                     "{\"severity\":\"sev1\",\"previous\":\"untriaged\",\"cadence\":900}"));
  /* Updates: +10 (due +16: on time), +30 (due +25: late), +44 (due +45: on time). */
  g_ptr_array_add (events, event_at (id, "update.posted", T0 + 10 * MINUTE, "{\"known\":\"a\"}"));
  g_ptr_array_add (events, event_at (id, "update.posted", T0 + 30 * MINUTE, "{\"known\":\"b\"}"));
  g_ptr_array_add (events, event_at (id, "status.changed", T0 + 40 * MINUTE,
                                     "{\"status\":\"identified\"}"));
  g_ptr_array_add (events, event_at (id, "update.posted", T0 + 44 * MINUTE, "{\"known\":\"c\"}"));
  /* Mitigated at +50 (a fix in place), resolved at +70. */
  g_ptr_array_add (events, event_at (id, "status.changed", T0 + 50 * MINUTE,
                                     "{\"status\":\"monitoring\"}"));
  /* An update that promised the next one, posted on time at +60. */
  g_ptr_array_add (events, event_at (id, "update.posted", T0 + 59 * MINUTE,
                                     "{\"known\":\"d\",\"next_update_at\":1795503851000000}"));
  /* +65: 1 minute late against the promise of +64. */
  g_ptr_array_add (events, event_at (id, "update.posted", T0 + 65 * MINUTE, "{\"known\":\"e\"}"));
  g_ptr_array_add (events, event_at (id, "status.changed", T0 + 70 * MINUTE,
                                     "{\"status\":\"resolved\"}"));
  /* A final update after resolution: no deadline was in force, so on time. */
  g_ptr_array_add (events, event_at (id, "update.posted", T0 + 75 * MINUTE, "{\"known\":\"f\"}"));

  return events;
}

static void
check_written_incident (SitrepIncident *incident)
{
  g_assert_cmpint (sitrep_incident_get_detected_at (incident), ==, T0 - 3 * MINUTE);
  g_assert_cmpint (sitrep_incident_get_triaged_at (incident) -
                   sitrep_incident_get_detected_at (incident), ==, 4 * MINUTE);
  g_assert_cmpint (sitrep_incident_get_triage_due_at (incident), ==, T0 + 2 * MINUTE);
  g_assert_cmpint (sitrep_incident_get_mitigated_at (incident) -
                   sitrep_incident_get_detected_at (incident), ==, 53 * MINUTE);
  g_assert_cmpint (sitrep_incident_get_resolved_at (incident) -
                   sitrep_incident_get_detected_at (incident), ==, 73 * MINUTE);
  g_assert_cmpuint (sitrep_incident_get_n_updates (incident), ==, 6);
  g_assert_cmpuint (sitrep_incident_get_n_updates_on_time (incident), ==, 4);
  g_assert_cmpint (sitrep_incident_get_status (incident), ==, SITREP_STATUS_RESOLVED);
  g_assert_false (sitrep_incident_is_active (incident));
  g_assert_cmpint (sitrep_incident_get_update_due_at (incident), ==, 0);
}

static void
test_metrics (void)
{
  g_autoptr(GPtrArray) events = written_incident ();
  g_autoptr(SitrepIncident) in_order = NULL;
  g_autoptr(SitrepIncident) shuffled = NULL;
  const char *id = sitrep_event_get_incident_id (g_ptr_array_index (events, 0));
  static const guint order[] = { 10, 3, 0, 7, 1, 9, 5, 2, 8, 4, 6 };

  G_STATIC_ASSERT (G_N_ELEMENTS (order) == 11);
  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (order));

  in_order = sitrep_incident_new (id);
  for (guint i = 0; i < events->len; i++)
    g_assert_true (sitrep_incident_apply (in_order, g_ptr_array_index (events, i)));
  check_written_incident (in_order);

  /* Copies merged from several machines arrive in any order; the fold is
   * the same. */
  shuffled = sitrep_incident_new (id);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_true (sitrep_incident_apply (shuffled, g_ptr_array_index (events, order[i])));
  check_written_incident (shuffled);

  /* Reopened: no longer resolved; mitigation stays when it first happened. */
  {
    g_autoptr(SitrepEvent) reopened = event_at (id, "status.changed", T0 + 80 * MINUTE,
                                                 "{\"status\":\"investigating\"}");

    sitrep_incident_apply (in_order, reopened);
    g_assert_cmpint (sitrep_incident_get_resolved_at (in_order), ==, 0);
    g_assert_cmpint (sitrep_incident_get_mitigated_at (in_order), ==, T0 + 50 * MINUTE);
    g_assert_true (sitrep_incident_is_active (in_order));
    /* SEV1 cadence again, from the last update at +75. */
    g_assert_cmpint (sitrep_incident_get_update_due_at (in_order), ==, T0 + 90 * MINUTE);
  }
}

static guint
count_notifies (SitrepIncident *incident,
                const char     *property)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (incident), property));
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  const char *name = g_param_spec_get_name (pspec);

  g_object_set_data (object, g_intern_string (name),
                     GUINT_TO_POINTER (count_notifies (SITREP_INCIDENT (object), name) + 1));
}

static void
test_roster (Fixture       *f,
             gconstpointer  data)
{
  SitrepIncident *incident = declare (f, SITREP_SEVERITY_SEV2);
  GListModel *roster = sitrep_incident_get_roster (incident);
  GListModel *people = sitrep_war_room_get_people (f->war_room);
  SitrepRosterEntry *entry;
  GAsyncResult *result = NULL;

  /* The three roles are there, unassigned. */
  g_assert_cmpuint (g_list_model_get_n_items (roster), ==, 3);
  g_assert_null (sitrep_incident_get_commander (incident));
  entry = sitrep_incident_lookup_role (incident, SITREP_ROLE_COMMANDER);
  g_assert_nonnull (entry);
  g_assert_null (sitrep_roster_entry_get_name (entry));
  g_assert_cmpstr (sitrep_roster_entry_get_label (entry), ==, "Incident Commander");

  g_signal_connect (incident, "notify", G_CALLBACK (on_notify_cb), NULL);

  sitrep_clock_advance (f->clock, MINUTE);
  assign (f, incident, SITREP_ROLE_COMMANDER, NULL, "  Ann\u200B Lee ", "+49 30 1234-5678");
  g_assert_cmpstr (sitrep_incident_get_commander (incident), ==, "Ann Lee");
  g_assert_cmpuint (count_notifies (incident, "commander"), ==, 1);
  g_assert_cmpuint (count_notifies (incident, "title"), ==, 0);

  /* Handing over keeps the previous holder in the event. */
  sitrep_clock_advance (f->clock, MINUTE);
  assign (f, incident, SITREP_ROLE_COMMANDER, NULL, "Bo", NULL);
  g_assert_cmpstr (sitrep_incident_get_commander (incident), ==, "Bo");
  entry = sitrep_incident_lookup_role (incident, SITREP_ROLE_COMMANDER);
  g_assert_cmpint (sitrep_roster_entry_get_since (entry), ==, T0 + 2 * MINUTE);
  {
    GListModel *events = sitrep_incident_get_events (incident);
    g_autoptr(SitrepEvent) last = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
    g_autofree char *sentence = sitrep_timeline_describe (last);

    g_assert_cmpstr (sitrep_event_get_payload_string (last, "previous"), ==, "Ann Lee");
    g_assert_cmpstr (sentence, ==, "Handed Incident Commander over from Ann Lee to Bo");
  }

  /* Assigning the same again writes nothing. */
  {
    guint n_events = sitrep_memory_journal_get_n_events (f->journal);

    assign (f, incident, SITREP_ROLE_COMMANDER, NULL, "Bo", NULL);
    g_assert_cmpuint (sitrep_memory_journal_get_n_events (f->journal), ==, n_events);
  }

  /* A scribe and a custom role join the roster, after the three. */
  assign (f, incident, SITREP_ROLE_SCRIBE, NULL, "Cy", NULL);
  assign (f, incident, NULL, "Database Expert", "Di", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (roster), ==, 5);
  {
    g_autoptr(SitrepRosterEntry) scribe = g_list_model_get_item (roster, 3);
    g_autoptr(SitrepRosterEntry) custom = g_list_model_get_item (roster, 4);

    g_assert_cmpstr (sitrep_roster_entry_get_role (scribe), ==, SITREP_ROLE_SCRIBE);
    g_assert_cmpstr (sitrep_roster_entry_get_role (custom), ==, "custom:database expert");
    g_assert_cmpstr (sitrep_roster_entry_get_label (custom), ==, "Database Expert");
    g_assert_cmpstr (sitrep_roster_entry_get_name (custom), ==, "Di");
  }

  /* A custom role on the roster is handed over by its key alone. */
  assign (f, incident, "custom:database expert", NULL, "Ed", NULL);
  {
    SitrepRosterEntry *custom = sitrep_incident_lookup_role (incident, "custom:database expert");

    g_assert_cmpstr (sitrep_roster_entry_get_name (custom), ==, "Ed");
    g_assert_cmpstr (sitrep_roster_entry_get_label (custom), ==, "Database Expert");
  }

  /* Releasing: the IC stays on the roster, unassigned; the custom role goes. */
  sitrep_war_room_release_role_async (f->war_room, incident, SITREP_ROLE_COMMANDER, NULL,
                                      test_async_result_cb, &result);
  g_assert_true (finish (f, &result, NULL));
  sitrep_war_room_release_role_async (f->war_room, incident, "custom:database expert", NULL,
                                      test_async_result_cb, &result);
  g_assert_true (finish (f, &result, NULL));
  g_assert_null (sitrep_incident_get_commander (incident));
  g_assert_cmpuint (g_list_model_get_n_items (roster), ==, 4);
  g_assert_nonnull (sitrep_incident_lookup_role (incident, SITREP_ROLE_COMMANDER));
  g_assert_null (sitrep_incident_lookup_role (incident, "custom:database expert"));

  /* The people directory: everyone who held a role, by name, with details. */
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 5);
  {
    g_autoptr(SitrepPerson) first = g_list_model_get_item (people, 0);

    g_assert_cmpstr (sitrep_person_get_name (first), ==, "Ann Lee");
    g_assert_cmpstr (sitrep_person_get_phone (first), ==, "+49 30 1234-5678");
  }
}

static void
append_and_load (Fixture    *f,
                 SitrepEvent *event)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autoptr(GAsyncResult) appended = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;

  g_ptr_array_add (events, event);
  sitrep_journal_append_async (SITREP_JOURNAL (f->journal), events, NULL, test_async_result_cb, &appended);
  g_assert_true (sitrep_journal_append_finish (SITREP_JOURNAL (f->journal), test_wait_for_result (&appended), NULL));
  sitrep_war_room_load_async (f->war_room, NULL, test_async_result_cb, &loaded);
  g_assert_true (sitrep_war_room_load_finish (f->war_room, test_wait_for_result (&loaded), NULL));
}

/* Copies of a journal merged in any order: the directory keeps the details
 * of a person's latest assignment in time, not the last one to arrive. */
static void
test_people_latest_details (Fixture       *f,
                            gconstpointer  data)
{
  SitrepIncident *incident = declare (f, SITREP_SEVERITY_SEV2);
  const char *id = sitrep_incident_get_id (incident);
  g_autoptr(SitrepEvent) newer = event_at (id, "role.assigned", T0 + 10 * MINUTE,
                                           "{\"role\":\"ops\",\"name\":\"Ann\",\"phone\":\"222\"}");
  g_autoptr(SitrepEvent) older = event_at (id, "role.assigned", T0 + 5 * MINUTE,
                                           "{\"role\":\"ops\",\"name\":\"Ann\",\"phone\":\"111\"}");
  g_autoptr(SitrepPerson) person = NULL;

  append_and_load (f, newer);
  append_and_load (f, older);

  person = g_list_model_get_item (sitrep_war_room_get_people (f->war_room), 0);
  g_assert_cmpstr (sitrep_person_get_phone (person), ==, "222");
  g_assert_cmpstr (sitrep_roster_entry_get_phone (sitrep_incident_lookup_role (incident, "ops")), ==, "222");
}

static void
expect_refusal (Fixture       *f,
                GAsyncResult **result,
                int            code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (finish (f, result, &error));
  g_assert_error (error, SITREP_WAR_ROOM_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  SitrepIncident *incident = declare (f, SITREP_SEVERITY_SEV1);
  GAsyncResult *result = NULL;
  const char *options[] = { "Roll back", "Hotfix", NULL };
  guint n_events = sitrep_memory_journal_get_n_events (f->journal);

  sitrep_war_room_post_update_async (f->war_room, incident, " ", "\u200B", NULL, 0, NULL,
                                     test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_EMPTY_TEXT);

  sitrep_war_room_post_update_async (f->war_room, incident, "Known", NULL, NULL, T0 - 1, NULL,
                                     test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_INVALID_TIME);

  sitrep_war_room_assign_role_async (f->war_room, incident, SITREP_ROLE_OPS, NULL, " \t ", NULL,
                                     NULL, NULL, test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_EMPTY_NAME);

  sitrep_war_room_assign_role_async (f->war_room, incident, "overlord", NULL, "Ann", NULL,
                                     NULL, NULL, test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_INVALID_ROLE);

  sitrep_war_room_assign_role_async (f->war_room, incident, NULL, "  ", "Ann", NULL,
                                     NULL, NULL, test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_INVALID_ROLE);

  sitrep_war_room_assign_role_async (f->war_room, incident, SITREP_ROLE_OPS, NULL, "Ann", NULL,
                                     "call me", NULL, test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_INVALID_TEXT);

  sitrep_war_room_record_decision_async (f->war_room, incident, "Roll back 5.2.0?", options,
                                         "  ", NULL, NULL, TRUE, NULL, test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_NO_CHOICE);

  sitrep_war_room_record_decision_async (f->war_room, incident, "", options,
                                         "Hotfix", NULL, NULL, FALSE, NULL, test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_EMPTY_TEXT);

  sitrep_war_room_add_note_async (f->war_room, incident, "\n\n", NULL, NULL,
                                  test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_EMPTY_TEXT);

  sitrep_war_room_add_note_async (f->war_room, incident, "Fixed", "no-such-note", NULL,
                                  test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_NOT_FOUND);

  sitrep_war_room_add_link_async (f->war_room, incident, "javascript:alert(1)", NULL, NULL,
                                  test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_INVALID_URL);

  sitrep_war_room_add_link_async (f->war_room, incident, "file:///etc/passwd", NULL, NULL,
                                  test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_INVALID_URL);

  sitrep_war_room_add_trace_async (f->war_room, incident, "00000000000000000000000000000000",
                                   NULL, NULL, test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_INVALID_TRACE_ID);

  sitrep_war_room_add_trace_async (f->war_room, incident, "4bf92f3577b34da6a3ce929d0e0e473g",
                                   NULL, NULL, test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_INVALID_TRACE_ID);

  sitrep_war_room_set_severity_async (f->war_room, incident, SITREP_SEVERITY_UNTRIAGED, NULL,
                                      test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_INVALID_SEVERITY);

  sitrep_war_room_set_title_async (f->war_room, incident, "\u3000", NULL,
                                   test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_EMPTY_TITLE);

  /* Nothing at all was written. */
  g_assert_cmpuint (sitrep_memory_journal_get_n_events (f->journal), ==, n_events);
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_incident_get_events (incident)), ==, 1);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  SitrepIncident *incident = declare (f, SITREP_SEVERITY_SEV2);
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) declared = NULL;
  g_autoptr(GError) error = NULL;
  const char *options[] = { "Roll back", NULL };
  guint n_events = sitrep_memory_journal_get_n_events (f->journal);

  sitrep_war_room_set_read_only (f->war_room, TRUE);

  sitrep_war_room_declare_async (f->war_room, "Another", SITREP_SEVERITY_SEV1, NULL, NULL,
                                 test_async_result_cb, &declared);
  test_wait_for_result (&declared);
  g_assert_null (sitrep_war_room_declare_finish (f->war_room, declared, &error));
  g_assert_error (error, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));

  sitrep_war_room_set_title_async (f->war_room, incident, "New title", NULL, test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_READ_ONLY);
  sitrep_war_room_set_severity_async (f->war_room, incident, SITREP_SEVERITY_SEV1, NULL,
                                      test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_READ_ONLY);
  sitrep_war_room_set_status_async (f->war_room, incident, SITREP_STATUS_RESOLVED, NULL,
                                    test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_READ_ONLY);
  sitrep_war_room_assign_role_async (f->war_room, incident, SITREP_ROLE_COMMANDER, NULL, "Ann",
                                     NULL, NULL, NULL, test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_READ_ONLY);
  sitrep_war_room_release_role_async (f->war_room, incident, SITREP_ROLE_COMMANDER, NULL,
                                      test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_READ_ONLY);
  sitrep_war_room_add_note_async (f->war_room, incident, "Note", NULL, NULL, test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_READ_ONLY);
  sitrep_war_room_add_link_async (f->war_room, incident, "https://example.com", NULL, NULL,
                                  test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_READ_ONLY);
  sitrep_war_room_add_trace_async (f->war_room, incident, "4bf92f3577b34da6a3ce929d0e0e4736", NULL,
                                   NULL, test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_READ_ONLY);
  sitrep_war_room_post_update_async (f->war_room, incident, "Known", NULL, NULL, 0, NULL,
                                     test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_READ_ONLY);
  sitrep_war_room_record_decision_async (f->war_room, incident, "Roll back?", options, "Roll back",
                                         NULL, NULL, TRUE, NULL, test_async_result_cb, &result);
  expect_refusal (f, &result, SITREP_WAR_ROOM_ERROR_READ_ONLY);

  g_assert_cmpuint (sitrep_memory_journal_get_n_events (f->journal), ==, n_events);

  /* Leaving read-only mode lets commands through again. */
  sitrep_war_room_set_read_only (f->war_room, FALSE);
  set_status (f, incident, SITREP_STATUS_IDENTIFIED);
  g_assert_cmpuint (sitrep_memory_journal_get_n_events (f->journal), ==, n_events + 1);
}

static void
test_notes_and_decisions (Fixture       *f,
                          gconstpointer  data)
{
  SitrepIncident *incident = declare (f, SITREP_SEVERITY_SEV1);
  GListModel *events = sitrep_incident_get_events (incident);
  GAsyncResult *result = NULL;
  g_autoptr(SitrepEvent) note = NULL;
  g_autoptr(SitrepEvent) correction = NULL;
  g_autoptr(SitrepEvent) trace = NULL;
  g_autoptr(SitrepEvent) decision = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *details = NULL;
  g_autofree char *url = NULL;
  const char *options[] = { "Roll back to 5.1.9", " Hotfix 5.2.1 ", "Roll back to 5.1.9", "", NULL };

  sitrep_war_room_add_note_async (f->war_room, incident, "Errors started at 14:02", NULL, NULL,
                                  test_async_result_cb, &result);
  g_assert_true (finish (f, &result, NULL));
  note = g_list_model_get_item (events, 1);

  sitrep_war_room_add_note_async (f->war_room, incident, "Errors started at 13:58",
                                  sitrep_event_get_id (note), NULL, test_async_result_cb, &result);
  g_assert_true (finish (f, &result, NULL));
  correction = g_list_model_get_item (events, 2);
  g_assert_true (sitrep_incident_get_correction (incident, sitrep_event_get_id (note)) == correction);
  sentence = sitrep_timeline_describe (correction);
  g_assert_cmpstr (sentence, ==, "Correction: Errors started at 13:58");
  g_clear_pointer (&sentence, g_free);
  /* The corrected note is kept, as written. */
  g_assert_cmpstr (sitrep_event_get_payload_string (note, "text"), ==, "Errors started at 14:02");

  sitrep_war_room_add_trace_async (f->war_room, incident, " 4BF92F3577B34DA6A3CE929D0E0E4736\n",
                                   "checkout span", NULL, test_async_result_cb, &result);
  g_assert_true (finish (f, &result, NULL));
  trace = g_list_model_get_item (events, 3);
  g_assert_cmpint (sitrep_timeline_get_category (trace), ==, SITREP_TIMELINE_NOTES);
  g_assert_cmpstr (sitrep_event_get_payload_string (trace, "trace_id"), ==,
                   "4bf92f3577b34da6a3ce929d0e0e4736");
  sentence = sitrep_timeline_describe (trace);
  g_assert_cmpstr (sentence, ==, "Added TraceId 4bf92f3577b34da6a3ce929d0e0e4736: checkout span");
  url = sitrep_timeline_expand_trace_url ("https://tempo.example.com/trace/{trace_id}?x=1",
                                          sitrep_event_get_payload_string (trace, "trace_id"));
  g_assert_cmpstr (url, ==, "https://tempo.example.com/trace/4bf92f3577b34da6a3ce929d0e0e4736?x=1");
  g_assert_null (sitrep_timeline_expand_trace_url ("", "4bf92f3577b34da6a3ce929d0e0e4736"));
  g_assert_null (sitrep_timeline_expand_trace_url ("javascript:{trace_id}", "4bf92f3577b34da6a3ce929d0e0e4736"));

  sitrep_war_room_record_decision_async (f->war_room, incident, "Roll back 5.2.0?", options,
                                         "Roll back to 5.1.9", "The hotfix needs a store review",
                                         "", TRUE, NULL, test_async_result_cb, &result);
  g_assert_true (finish (f, &result, NULL));
  decision = g_list_model_get_item (events, 4);
  g_assert_cmpint (sitrep_timeline_get_category (decision), ==, SITREP_TIMELINE_DECISIONS);
  g_clear_pointer (&sentence, g_free);
  sentence = sitrep_timeline_describe (decision);
  g_assert_cmpstr (sentence, ==, "Decided “Roll back 5.2.0?”: Roll back to 5.1.9");
  details = sitrep_timeline_describe_details (decision, T0);
  g_assert_cmpstr (details, ==,
                   "Options considered: Roll back to 5.1.9 · Hotfix 5.2.1\n"
                   "Chosen: Roll back to 5.1.9\n"
                   "Rationale: The hotfix needs a store review\n"
                   "Decided by: Alice\n"
                   "Caution: this is a rollback. An app store rollback takes hours to reach "
                   "users; a server-side switch or a kill switch acts in minutes.");
}

static void
test_format (void)
{
  static const struct { gint64 us; const char *text; } cases[] = {
    { 15 * MINUTE, "15:00" },
    { 15 * MINUTE - 1, "15:00" },
    { 14 * MINUTE + 59 * SECOND, "14:59" },
    { 1, "0:01" },
    { 0, "0:00" },
    { -1, "0:00" },
    { -61 * SECOND, "1:01" },
    { 60 * MINUTE, "1:00:00" },
    { -(2 * 60 * MINUTE + 5 * SECOND), "2:00:05" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sitrep_format_countdown (cases[i].us);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  g_assert_cmpint (sitrep_deadline_get_state (0, T0, SITREP_UPDATE_WARNING), ==, SITREP_DEADLINE_NONE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/incident-command/triage-clock", Fixture, NULL, fixture_set_up, test_triage_clock, fixture_tear_down);
  g_test_add ("/incident-command/resolved-untriaged", Fixture, NULL, fixture_set_up, test_resolved_untriaged, fixture_tear_down);
  g_test_add ("/incident-command/update-cadence", Fixture, NULL, fixture_set_up, test_update_cadence, fixture_tear_down);
  g_test_add_func ("/incident-command/metrics", test_metrics);
  g_test_add ("/incident-command/roster", Fixture, NULL, fixture_set_up, test_roster, fixture_tear_down);
  g_test_add ("/incident-command/people-latest-details", Fixture, NULL, fixture_set_up, test_people_latest_details, fixture_tear_down);
  g_test_add ("/incident-command/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/incident-command/read-only", Fixture, NULL, fixture_set_up, test_read_only, fixture_tear_down);
  g_test_add ("/incident-command/notes-and-decisions", Fixture, NULL, fixture_set_up, test_notes_and_decisions, fixture_tear_down);
  g_test_add_func ("/incident-command/format", test_format);

  return g_test_run ();
}
