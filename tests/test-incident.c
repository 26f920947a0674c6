/* test-incident.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sitrep-incident.h"

#define T0 (G_GINT64_CONSTANT (1795500131) * G_TIME_SPAN_SECOND)

static SitrepEvent *
make_event (const char *incident_id,
            const char *kind,
            gint64      at,
            const char *payload_json)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;
  SitrepEvent *event;

  event = sitrep_event_new_from_json (id, incident_id, kind, at, "Alice", "origin-1",
                                      payload_json, &error);
  g_assert_no_error (error);
  return event;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 GHashTable *counts)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer)pspec->name, GUINT_TO_POINTER (n + 1));
}

static guint
notifications (GHashTable *counts,
               const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_event_round_trip (void)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(SitrepEvent) event = NULL;
  g_autoptr(SitrepEvent) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  json_object_set_string_member (payload, "title", "Payments <b>failing</b> & \"slow\"");
  json_object_set_int_member (payload, "count", 3);
  event = sitrep_event_new ("e1", "i1", "incident.declared", T0, "Alice", "o1", payload);

  /* The event keeps a sealed payload: nobody can change it afterwards. */
  g_assert_true (json_object_is_immutable (sitrep_event_get_payload (event)));

  json = sitrep_event_dup_payload_json (event);
  copy = sitrep_event_new_from_json ("e1", "i1", "incident.declared", T0, "Alice", "o1",
                                     json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_event_get_payload_string (copy, "title"), ==,
                   "Payments <b>failing</b> & \"slow\"");
  g_assert_null (sitrep_event_get_payload_string (copy, "count"));
  g_assert_null (sitrep_event_get_payload_string (copy, "missing"));
  g_assert_cmpstr (sitrep_event_get_id (copy), ==, "e1");
  g_assert_cmpstr (sitrep_event_get_incident_id (copy), ==, "i1");
  g_assert_cmpstr (sitrep_event_get_kind (copy), ==, "incident.declared");
  g_assert_cmpint (sitrep_event_get_at (copy), ==, T0);
  g_assert_cmpstr (sitrep_event_get_author (copy), ==, "Alice");
  g_assert_cmpstr (sitrep_event_get_origin (copy), ==, "o1");

  /* Journal order is (at, id). */
  {
    g_autoptr(SitrepEvent) later = sitrep_event_new ("a0", "i1", "x.y", T0 + 1, "A", "o", NULL);
    g_autoptr(SitrepEvent) same_time = sitrep_event_new ("e2", "i1", "x.y", T0, "A", "o", NULL);

    g_assert_cmpint (sitrep_event_compare (event, later), <, 0);
    g_assert_cmpint (sitrep_event_compare (later, event), >, 0);
    g_assert_cmpint (sitrep_event_compare (event, same_time), <, 0);
    g_assert_cmpint (sitrep_event_compare (event, event), ==, 0);
  }
}

static void
test_event_rejects_non_objects (void)
{
  static const char * const bad[] = { "[1, 2]", "\"text\"", "42", "{\"title\": ", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SitrepEvent) event = NULL;

      event = sitrep_event_new_from_json ("e", "i", "k.k", 0, "a", "o", bad[i], &error);
      g_assert_null (event);
      g_assert_nonnull (error);
    }
}

static void
test_incident_fold_declared (void)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ("i1");
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SitrepEvent) declared = NULL;

  g_signal_connect (incident, "notify", G_CALLBACK (count_notify_cb), counts);

  g_assert_false (sitrep_incident_is_declared (incident));
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "");

  declared = make_event ("i1", SITREP_EVENT_INCIDENT_DECLARED, T0,
                         "{\"title\": \"Payments failing\", \"severity\": \"sev1\","
                         " \"summary\": \"Card payments fail with 502\"}");
  g_assert_true (sitrep_incident_apply (incident, declared));

  g_assert_true (sitrep_incident_is_declared (incident));
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Payments failing");
  g_assert_cmpstr (sitrep_incident_get_summary (incident), ==, "Card payments fail with 502");
  g_assert_cmpint (sitrep_incident_get_severity (incident), ==, SITREP_SEVERITY_SEV1);
  g_assert_cmpint (sitrep_incident_get_status (incident), ==, SITREP_STATUS_INVESTIGATING);
  g_assert_true (sitrep_incident_is_active (incident));
  g_assert_cmpint (sitrep_incident_get_declared_at (incident), ==, T0);
  g_assert_cmpint (sitrep_incident_get_detected_at (incident), ==, T0);
  g_assert_cmpstr (sitrep_incident_get_declared_by (incident), ==, "Alice");
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_incident_get_events (incident)), ==, 1);

  /* Each property that changed notified once; status did not change. */
  g_assert_cmpuint (notifications (counts, "title"), ==, 1);
  g_assert_cmpuint (notifications (counts, "summary"), ==, 1);
  g_assert_cmpuint (notifications (counts, "severity"), ==, 1);
  g_assert_cmpuint (notifications (counts, "declared-at"), ==, 1);
  g_assert_cmpuint (notifications (counts, "status"), ==, 0);
  g_assert_cmpuint (notifications (counts, "active"), ==, 0);

  /* Applying the same event again changes nothing and notifies nothing. */
  g_hash_table_remove_all (counts);
  g_assert_false (sitrep_incident_apply (incident, declared));
  g_assert_cmpuint (g_hash_table_size (counts), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_incident_get_events (incident)), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&incident));
}

static void
test_incident_fold_tolerates_the_unknown (void)
{
  g_autoptr(SitrepIncident) incident = sitrep_incident_new ("i2");
  g_autoptr(SitrepEvent) future_kind = NULL;
  g_autoptr(SitrepEvent) declared = NULL;
  g_autoptr(SitrepEvent) second = NULL;
  g_autoptr(SitrepEvent) first = NULL;

  /* A declaration from a newer version: unknown severity, extra members,
   * an explicit detection time. */
  declared = make_event ("i2", SITREP_EVENT_INCIDENT_DECLARED, T0,
                         "{\"title\": \"Login slow\", \"severity\": \"sev0\","
                         " \"detected_at\": 1795500000000000, \"future\": [1, 2]}");
  future_kind = make_event ("i2", "incident.teleported", T0 + 10, "{\"where\": \"mars\"}");

  g_assert_true (sitrep_incident_apply (incident, future_kind));
  g_assert_true (sitrep_incident_apply (incident, declared));

  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Login slow");
  g_assert_cmpint (sitrep_incident_get_severity (incident), ==, SITREP_SEVERITY_UNTRIAGED);
  g_assert_cmpint (sitrep_incident_get_detected_at (incident), ==,
                   G_GINT64_CONSTANT (1795500000000000));

  /* Unknown kinds are kept, in journal order, whatever order they came in. */
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_incident_get_events (incident)), ==, 2);
  first = g_list_model_get_item (sitrep_incident_get_events (incident), 0);
  second = g_list_model_get_item (sitrep_incident_get_events (incident), 1);
  g_assert_true (first == declared);
  g_assert_true (second == future_kind);

  /* A later second declaration (a copy merged from elsewhere) changes
   * nothing; an earlier one wins even when it arrives last, so every
   * machine folds the same incident. */
  {
    g_autoptr(SitrepEvent) later = make_event ("i2", SITREP_EVENT_INCIDENT_DECLARED, T0 + 20,
                                               "{\"title\": \"Other\", \"severity\": \"sev4\"}");
    g_autoptr(SitrepEvent) earlier = make_event ("i2", SITREP_EVENT_INCIDENT_DECLARED, T0 - 20,
                                                 "{\"title\": \"First\", \"severity\": \"sev2\"}");

    sitrep_incident_apply (incident, later);
    g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "Login slow");

    sitrep_incident_apply (incident, earlier);
    g_assert_cmpstr (sitrep_incident_get_title (incident), ==, "First");
    g_assert_cmpint (sitrep_incident_get_severity (incident), ==, SITREP_SEVERITY_SEV2);
    g_assert_cmpint (sitrep_incident_get_declared_at (incident), ==, T0 - 20);
  }

  /* A declaration without a title still folds. */
  {
    g_autoptr(SitrepIncident) bare = sitrep_incident_new ("i3");
    g_autoptr(SitrepEvent) event = make_event ("i3", SITREP_EVENT_INCIDENT_DECLARED, T0, "{}");

    sitrep_incident_apply (bare, event);
    g_assert_true (sitrep_incident_is_declared (bare));
    g_assert_cmpstr (sitrep_incident_get_title (bare), ==, "");
    g_assert_cmpint (sitrep_incident_get_severity (bare), ==, SITREP_SEVERITY_UNTRIAGED);
  }
}

static SitrepIncident *
declared_incident (const char *id,
                   const char *severity,
                   gint64      at)
{
  SitrepIncident *incident = sitrep_incident_new (id);
  g_autofree char *json = g_strdup_printf ("{\"title\": \"%s\", \"severity\": \"%s\"}", id, severity);
  g_autoptr(SitrepEvent) event = make_event (id, SITREP_EVENT_INCIDENT_DECLARED, at, json);

  sitrep_incident_apply (incident, event);
  return incident;
}

static void
test_incident_board_order (void)
{
  g_autoptr(SitrepIncident) sev1_old = declared_incident ("a", "sev1", T0);
  g_autoptr(SitrepIncident) sev1_new = declared_incident ("b", "sev1", T0 + 60);
  g_autoptr(SitrepIncident) untriaged = declared_incident ("c", "untriaged", T0 + 30);
  g_autoptr(SitrepIncident) sev2 = declared_incident ("d", "sev2", T0 + 90);
  g_autoptr(SitrepIncident) sev4 = declared_incident ("e", "sev4", T0 + 120);

  /* Most severe first; within a rank, the most recent first. */
  g_assert_cmpint (sitrep_incident_compare (sev1_new, sev1_old), <, 0);
  g_assert_cmpint (sitrep_incident_compare (sev1_old, sev2), <, 0);
  g_assert_cmpint (sitrep_incident_compare (sev2, sev4), <, 0);
  /* Untriaged ranks with SEV1 ("when unsure, pick the higher one"). */
  g_assert_cmpint (sitrep_incident_compare (untriaged, sev1_old), <, 0);
  g_assert_cmpint (sitrep_incident_compare (sev1_new, untriaged), <, 0);
  g_assert_cmpint (sitrep_incident_compare (untriaged, sev2), <, 0);
  g_assert_cmpint (sitrep_incident_compare (sev4, sev4), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/event/round-trip", test_event_round_trip);
  g_test_add_func ("/event/rejects-non-objects", test_event_rejects_non_objects);
  g_test_add_func ("/incident/fold-declared", test_incident_fold_declared);
  g_test_add_func ("/incident/fold-tolerates-the-unknown", test_incident_fold_tolerates_the_unknown);
  g_test_add_func ("/incident/board-order", test_incident_board_order);

  return g_test_run ();
}
