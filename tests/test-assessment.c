/* test-assessment.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An incident's blast radius, live: its configuration (from a key metric
 * or saved with the incident, checked before it is), the features its
 * linked alerts and the IC name, the numbers applied to it, the loss
 * since detection by the test clock, the severity suggested, and the IC
 * accepting or dismissing it, journalled. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sitrep-memory-journal.h"
#include "sitrep-timeline.h"
#include "sitrep-war-room.h"

#include "test-utils.h"

#define MINUTE (60 * G_TIME_SPAN_SECOND)
#define T0     (G_GINT64_CONSTANT (1795500000) * G_TIME_SPAN_SECOND)

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

static SitrepAlert *
make_alert (const char *name,
            const char *service,
            const char *feature,
            const char *severity,
            const char *tier)
{
  g_autoptr(JsonObject) labels = json_object_new ();
  g_autoptr(JsonObject) annotations = json_object_new ();

  json_object_set_string_member (labels, "alertname", name);
  json_object_set_string_member (labels, "service", service);
  if (feature != NULL)
    json_object_set_string_member (labels, "feature", feature);
  json_object_set_string_member (labels, "severity", severity);
  if (tier != NULL)
    json_object_set_string_member (labels, "tier", tier);
  json_object_set_string_member (annotations, "summary", name);
  return sitrep_alert_new ("am", labels, annotations, NULL, SITREP_ALERT_FIRING, T0 - 4 * MINUTE, NULL);
}

static SitrepIncident *
declare_from_alerts (Fixture   *f,
                     GPtrArray *alerts)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SitrepIncident *incident;

  sitrep_war_room_declare_from_alerts_async (f->war_room, "Checkout failing", SITREP_SEVERITY_SEV3,
                                             NULL, alerts, NULL, test_async_result_cb, &result);
  incident = sitrep_war_room_declare_finish (f->war_room, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return incident;
}

static gboolean
command_finish (Fixture       *f,
                GAsyncResult **result,
                GError       **error)
{
  gboolean ok = sitrep_war_room_command_finish (f->war_room, test_wait_for_result (result), error);

  g_clear_object (result);
  return ok;
}

static SitrepBlastConfig *
payments_config (void)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "kpi", "payment-success");
  json_object_set_string_member (object, "dimension", "provider");
  json_object_set_string_member (object, "affected", "increase(payment_attempts_total{result=\"failure\"}[5m])");
  json_object_set_string_member (object, "total", "increase(payment_attempts_total[5m])");
  json_object_set_string_member (object, "loss", "sum(rate(payment_attempts_total{result=\"failure\"}[5m])) * 60");
  json_object_set_string_member (object, "loss_unit", "failed payments");
  json_object_set_double_member (object, "loss_factor", 42.0);
  json_object_set_string_member (object, "currency", "USD");
  return sitrep_blast_config_new_from_json (object);
}

static void
test_config (void)
{
  g_autoptr(SitrepBlastConfig) config = payments_config ();
  g_autoptr(SitrepBlastConfig) copy = NULL;
  g_autoptr(SitrepBlastConfig) read_back = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) incomplete = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;

  g_assert_nonnull (config);
  g_assert_cmpfloat (config->loss_factor, ==, 42.0);
  g_assert_true (sitrep_blast_config_has_loss (config));
  g_assert_true (sitrep_blast_config_check (config, &error));
  g_assert_no_error (error);

  query = sitrep_blast_config_build_query (config, config->affected);
  g_assert_cmpstr (query, ==, "sum by (provider) (increase(payment_attempts_total{result=\"failure\"}[5m]))");

  object = sitrep_blast_config_to_json (config);
  read_back = sitrep_blast_config_new_from_json (object);
  g_assert_true (sitrep_blast_config_equal (config, read_back));
  copy = sitrep_blast_config_copy (config);
  g_assert_true (sitrep_blast_config_equal (config, copy));
  g_free (copy->dimension);
  copy->dimension = g_strdup ("region");
  g_assert_false (sitrep_blast_config_equal (config, copy));

  /* The dimension goes into the query as a label name: nothing else may. */
  g_free (copy->dimension);
  copy->dimension = g_strdup ("provider) (vector(1)");
  g_assert_false (sitrep_blast_config_check (copy, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "label name"));
  g_clear_error (&error);

  g_free (copy->dimension);
  copy->dimension = g_strdup ("app_version");
  g_free (copy->total);
  copy->total = g_strdup ("increase(x[5m])\nor vector(0)");
  g_assert_false (sitrep_blast_config_check (copy, &error));
  g_assert_nonnull (strstr (error->message, "one line"));
  g_clear_error (&error);

  /* No dimension, no affected or no total: nothing to measure. */
  json_object_set_string_member (incomplete, "dimension", "platform");
  json_object_set_string_member (incomplete, "affected", "x");
  g_assert_null (sitrep_blast_config_new_from_json (incomplete));
  json_object_set_string_member (incomplete, "total", "");
  g_assert_null (sitrep_blast_config_new_from_json (incomplete));
}

/* A key metric carries the blast radius of the incidents it reveals, and
 * keeps it through its settings. */
static void
test_kpi_config (void)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autoptr(SitrepKpi) kpi = NULL;
  g_autoptr(SitrepKpi) again = NULL;
  g_autoptr(GVariant) saved = NULL;
  g_autoptr(GError) error = NULL;
  const SitrepBlastConfig *config;

  g_variant_builder_add (&builder, "{sv}", "id", g_variant_new_string ("payment-success"));
  g_variant_builder_add (&builder, "{sv}", "name", g_variant_new_string ("Payment success rate"));
  g_variant_builder_add (&builder, "{sv}", "query", g_variant_new_string ("x"));
  g_variant_builder_add (&builder, "{sv}", "blast-dimension", g_variant_new_string ("provider"));
  g_variant_builder_add (&builder, "{sv}", "blast-affected", g_variant_new_string ("failed"));
  g_variant_builder_add (&builder, "{sv}", "blast-total", g_variant_new_string ("all"));
  g_variant_builder_add (&builder, "{sv}", "loss", g_variant_new_string ("failed_per_minute"));
  g_variant_builder_add (&builder, "{sv}", "loss-factor", g_variant_new_double (42.5));
  g_variant_builder_add (&builder, "{sv}", "currency", g_variant_new_string ("EUR"));
  kpi = sitrep_kpi_new_from_variant (g_variant_builder_end (&builder), &error);
  g_assert_no_error (error);

  config = sitrep_kpi_get_blast_config (kpi);
  g_assert_nonnull (config);
  g_assert_cmpstr (config->kpi, ==, "payment-success");
  g_assert_cmpstr (config->dimension, ==, "provider");
  g_assert_cmpstr (config->affected, ==, "failed");
  g_assert_cmpstr (config->total, ==, "all");
  g_assert_cmpstr (config->loss, ==, "failed_per_minute");
  g_assert_cmpfloat (config->loss_factor, ==, 42.5);
  g_assert_cmpstr (config->currency, ==, "EUR");

  saved = g_variant_ref_sink (sitrep_kpi_to_variant (kpi));
  again = sitrep_kpi_new_from_variant (saved, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_blast_config_equal (config, sitrep_kpi_get_blast_config (again)));

  /* A dimension that is no label name is left out, metric kept. */
  {
    g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (saved);
    g_autoptr(SitrepKpi) hostile = NULL;

    g_variant_dict_insert (&d, "blast-dimension", "s", "provider) or vector(1) # <b>");
    hostile = sitrep_kpi_new_from_variant (g_variant_dict_end (&d), &error);
    g_assert_no_error (error);
    g_assert_null (sitrep_kpi_get_blast_config (hostile));
  }
}

static const SitrepFeature *
lookup_feature (GArray     *features,
                const char *name)
{
  for (guint i = 0; i < features->len; i++)
    if (g_str_equal (g_array_index (features, SitrepFeature, i).name, name))
      return &g_array_index (features, SitrepFeature, i);

  return NULL;
}

/* Features come from the linked alerts' labels, and by hand, which wins. */
static void
test_features (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepAssessment) assessment = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GArray *features;
  const char *reason = NULL;

  g_ptr_array_add (alerts, make_alert ("CheckoutErrors", "checkout", NULL, "critical", "core"));
  g_ptr_array_add (alerts, make_alert ("SearchSlow", "api", "search", "warning", NULL));
  incident = declare_from_alerts (f, alerts);
  assessment = sitrep_assessment_new (incident);

  features = sitrep_assessment_get_features (assessment);
  g_assert_cmpuint (features->len, ==, 2);
  g_assert_cmpint (lookup_feature (features, "checkout")->state, ==, SITREP_FEATURE_DOWN);
  g_assert_true (lookup_feature (features, "checkout")->core);
  g_assert_cmpint (lookup_feature (features, "search")->state, ==, SITREP_FEATURE_DEGRADED);
  g_assert_false (lookup_feature (features, "search")->core);

  g_assert_cmpint (sitrep_assessment_get_suggestion (assessment, &reason), ==, SITREP_SEVERITY_SEV1);
  g_assert_nonnull (strstr (reason, "checkout"));
  g_assert_true (sitrep_assessment_should_offer (assessment));

  /* The IC knows better: checkout works again; login is down. */
  sitrep_war_room_set_feature_async (f->war_room, incident, "checkout", SITREP_FEATURE_OK, TRUE,
                                     NULL, test_async_result_cb, &result);
  g_assert_true (command_finish (f, &result, &error));
  sitrep_war_room_set_feature_async (f->war_room, incident, "  login ", SITREP_FEATURE_DOWN, FALSE,
                                     NULL, test_async_result_cb, &result);
  g_assert_true (command_finish (f, &result, &error));
  sitrep_war_room_set_feature_async (f->war_room, incident, "   ", SITREP_FEATURE_DOWN, FALSE,
                                     NULL, test_async_result_cb, &result);
  g_assert_false (command_finish (f, &result, &error));
  g_assert_error (error, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_EMPTY_TEXT);
  g_clear_error (&error);

  /* The assessment followed the events by itself. */
  features = sitrep_assessment_get_features (assessment);
  g_assert_cmpuint (features->len, ==, 3);
  g_assert_cmpint (lookup_feature (features, "checkout")->state, ==, SITREP_FEATURE_OK);
  g_assert_cmpint (lookup_feature (features, "login")->state, ==, SITREP_FEATURE_DOWN);
  g_assert_cmpint (sitrep_assessment_get_suggestion (assessment, &reason), ==, SITREP_SEVERITY_SEV2);
  g_assert_nonnull (strstr (reason, "login"));
}

static GArray *
segments_new (void)
{
  GArray *segments = g_array_new (FALSE, TRUE, sizeof (SitrepSegment));
  SitrepSegment ios = { (char *)"ios", 300, 1000 };
  SitrepSegment android = { (char *)"android", 20, 1000 };
  SitrepSegment web = { (char *)"web", NAN, 500 };

  g_array_append_val (segments, ios);
  g_array_append_val (segments, android);
  g_array_append_val (segments, web);
  return segments;
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

static SitrepEvent *
last_of_kind (SitrepIncident *incident,
              const char     *kind)
{
  GListModel *events = sitrep_incident_get_events (incident);

  for (guint i = g_list_model_get_n_items (events); i > 0; i--)
    {
      g_autoptr(SitrepEvent) event = g_list_model_get_item (events, i - 1);

      if (sitrep_event_has_kind (event, kind))
        return g_steal_pointer (&event);
    }

  return NULL;
}

static void
on_changed_cb (SitrepAssessment *assessment,
               guint            *n_changed)
{
  (*n_changed)++;
}

/* Numbers in, share and loss out; the suggestion accepted (journalled
 * with its numbers, the severity set with it) and dismissed. */
static void
test_assess (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepAssessment) assessment = NULL;
  g_autoptr(SitrepBlastConfig) config = payments_config ();
  g_autoptr(SitrepBlastConfig) saved = NULL;
  g_autoptr(GArray) segments = segments_new ();
  g_autoptr(GArray) loss = g_array_new (FALSE, FALSE, sizeof (SitrepKpiPoint));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepEvent) assessed = NULL;
  g_autoptr(SitrepEvent) severity_set = NULL;
  g_autofree char *description = NULL;
  g_autofree char *money = NULL;
  const char *reason = NULL;
  double affected, total;
  guint n_changed = 0;
  JsonObject *payload;

  g_ptr_array_add (alerts, make_alert ("PaymentsLow", "payments", NULL, "warning", NULL));
  incident = declare_from_alerts (f, alerts);
  g_assert_cmpint (sitrep_incident_get_detected_at (incident), ==, T0 - 4 * MINUTE);
  assessment = sitrep_assessment_new (incident);
  g_signal_connect (assessment, "changed", G_CALLBACK (on_changed_cb), &n_changed);

  /* Nothing to measure until a key metric or the IC says how. */
  g_assert_null (sitrep_assessment_get_config (assessment));
  sitrep_assessment_set_default_config (assessment, config);
  g_assert_true (sitrep_assessment_get_config_is_default (assessment));
  g_assert_cmpuint (n_changed, ==, 1);

  /* 320 of 2,000 known (web's affected count is missing: left out). */
  sitrep_clock_advance (f->clock, 6 * MINUTE);
  for (int minute = -4; minute <= 6; minute += 2)
    {
      SitrepKpiPoint point = { T0 + minute * MINUTE, 10.0 };

      g_array_append_val (loss, point);
    }
  sitrep_assessment_apply (assessment, segments, loss, T0 + 6 * MINUTE);
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_cmpfloat_with_epsilon (sitrep_assessment_get_share (assessment, &affected, &total), 0.16, 1e-9);
  g_assert_cmpfloat (affected, ==, 320);
  g_assert_cmpfloat (total, ==, 2000);

  /* 10 failed payments a minute at USD 42, for the 10 minutes since the
   * alert started. */
  g_assert_cmpfloat_with_epsilon (sitrep_assessment_get_loss_per_minute (assessment), 420.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sitrep_assessment_get_loss_total (assessment, sitrep_clock_get_now (f->clock)),
                                  4200.0, 1e-6);
  money = sitrep_assessment_format_money (assessment, 4200.0);
  g_assert_nonnull (strstr (money, "USD"));
  g_assert_nonnull (strstr (money, "4"));

  g_assert_cmpint (sitrep_assessment_get_suggestion (assessment, &reason), ==, SITREP_SEVERITY_SEV2);
  g_assert_nonnull (strstr (reason, "16.0"));
  g_assert_true (sitrep_assessment_should_offer (assessment));

  description = sitrep_assessment_describe (assessment, sitrep_clock_get_now (f->clock));
  g_assert_nonnull (strstr (description, "16.0"));
  g_assert_nonnull (strstr (description, "320"));
  g_assert_nonnull (strstr (description, "ios 30.0"));
  g_assert_nonnull (strstr (description, "android 2.0"));
  g_assert_nonnull (strstr (description, "web —"));
  g_assert_nonnull (strstr (description, "payments Degraded"));
  g_assert_nonnull (strstr (description, "per minute"));

  /* An error keeps the numbers. */
  sitrep_assessment_set_error (assessment, "Prometheus could not be reached.");
  g_assert_cmpfloat_with_epsilon (sitrep_assessment_get_share (assessment, NULL, NULL), 0.16, 1e-9);
  g_assert_cmpstr (sitrep_assessment_get_error (assessment), ==, "Prometheus could not be reached.");

  /* The IC dismisses it: not offered again while it stays the same. */
  sitrep_war_room_dismiss_suggestion_async (f->war_room, assessment, NULL, test_async_result_cb, &result);
  g_assert_true (command_finish (f, &result, &error));
  g_assert_cmpint (sitrep_incident_get_dismissed_suggestion (incident), ==, SITREP_SEVERITY_SEV2);
  g_assert_false (sitrep_assessment_should_offer (assessment));
  sitrep_war_room_dismiss_suggestion_async (f->war_room, assessment, NULL, test_async_result_cb, &result);
  g_assert_true (command_finish (f, &result, &error));
  g_assert_cmpuint (count_kind (incident, SITREP_EVENT_BLAST_DISMISSED), ==, 1);

  /* It grows: a new suggestion, offered. */
  g_array_index (segments, SitrepSegment, 1).affected = 700;
  sitrep_assessment_apply (assessment, segments, loss, T0 + 6 * MINUTE);
  g_assert_cmpint (sitrep_assessment_get_suggestion (assessment, NULL), ==, SITREP_SEVERITY_SEV1);
  g_assert_true (sitrep_assessment_should_offer (assessment));

  /* Accepted: the assessment with its numbers, then the severity. */
  sitrep_war_room_accept_assessment_async (f->war_room, assessment, NULL, test_async_result_cb, &result);
  g_assert_true (command_finish (f, &result, &error));
  g_assert_cmpint (sitrep_incident_get_severity (incident), ==, SITREP_SEVERITY_SEV1);
  g_assert_false (sitrep_assessment_should_offer (assessment));
  g_assert_cmpint (sitrep_incident_get_dismissed_suggestion (incident), ==, SITREP_SEVERITY_UNTRIAGED);

  assessed = last_of_kind (incident, SITREP_EVENT_BLAST_ASSESSED);
  severity_set = last_of_kind (incident, SITREP_EVENT_SEVERITY_SET);
  g_assert_nonnull (assessed);
  g_assert_nonnull (severity_set);
  g_assert_cmpint (sitrep_event_compare (assessed, severity_set), <, 0);
  g_assert_cmpstr (sitrep_event_get_payload_string (severity_set, "severity"), ==, "sev1");
  g_assert_cmpstr (sitrep_event_get_payload_string (assessed, "severity"), ==, "sev1");
  g_assert_cmpstr (sitrep_event_get_payload_string (assessed, "previous"), ==, "sev3");
  payload = sitrep_event_get_payload (assessed);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (payload, "share"), 1000.0 / 2000.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (payload, "loss_total"), 4200.0, 1e-6);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (payload, "segments")), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (payload, "config"), "dimension"),
                   ==, "provider");

  /* The timeline keeps the numbers it was accepted on. */
  {
    g_autofree char *details = sitrep_timeline_describe_details (assessed, T0);

    g_assert_nonnull (details);
    g_assert_nonnull (strstr (details, "Affected: 50.0 % (1000 of 2000), by provider"));
    g_assert_nonnull (strstr (details, "Estimated loss: USD 420 per minute, USD 4200 since detection"));
  }

  /* The IC saves the configuration with the incident; the same again
   * writes nothing; a bad one is refused before anything is written. */
  g_free (config->dimension);
  config->dimension = g_strdup ("region");
  sitrep_war_room_configure_blast_radius_async (f->war_room, incident, config, NULL,
                                                test_async_result_cb, &result);
  g_assert_true (command_finish (f, &result, &error));
  sitrep_war_room_configure_blast_radius_async (f->war_room, incident, config, NULL,
                                                test_async_result_cb, &result);
  g_assert_true (command_finish (f, &result, &error));
  g_assert_cmpuint (count_kind (incident, SITREP_EVENT_BLAST_CONFIGURED), ==, 1);
  g_assert_false (sitrep_assessment_get_config_is_default (assessment));
  g_assert_cmpstr (sitrep_assessment_get_config (assessment)->dimension, ==, "region");
  saved = sitrep_incident_dup_blast_config (incident);
  g_assert_true (sitrep_blast_config_equal (saved, config));

  g_free (config->dimension);
  config->dimension = g_strdup ("region\")");
  sitrep_war_room_configure_blast_radius_async (f->war_room, incident, config, NULL,
                                                test_async_result_cb, &result);
  g_assert_false (command_finish (f, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpuint (count_kind (incident, SITREP_EVENT_BLAST_CONFIGURED), ==, 1);

  /* Read-only: nothing accepted, dismissed or configured. */
  g_array_index (segments, SitrepSegment, 0).affected = 0;
  g_array_index (segments, SitrepSegment, 1).affected = 0;
  sitrep_assessment_apply (assessment, segments, loss, T0 + 7 * MINUTE);
  sitrep_war_room_set_read_only (f->war_room, TRUE);
  sitrep_war_room_accept_assessment_async (f->war_room, assessment, NULL, test_async_result_cb, &result);
  g_assert_false (command_finish (f, &result, &error));
  g_assert_error (error, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_READ_ONLY);
  g_clear_error (&error);
  sitrep_war_room_dismiss_suggestion_async (f->war_room, assessment, NULL, test_async_result_cb, &result);
  g_assert_false (command_finish (f, &result, &error));
  g_assert_error (error, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpuint (count_kind (incident, SITREP_EVENT_BLAST_ASSESSED), ==, 1);
  g_assert_cmpint (sitrep_incident_get_severity (incident), ==, SITREP_SEVERITY_SEV1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assessment/config", test_config);
  g_test_add_func ("/assessment/kpi-config", test_kpi_config);
  g_test_add ("/assessment/features", Fixture, NULL, fixture_set_up, test_features, fixture_tear_down);
  g_test_add ("/assessment/assess", Fixture, NULL, fixture_set_up, test_assess, fixture_tear_down);

  return g_test_run ();
}
