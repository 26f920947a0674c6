/* test-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A source's token goes from the keyring to the server, and nowhere else:
 * with a Grafana source (a faithful fake that checks the Bearer token), a
 * journal on disk with an incident declared from its alerts and a silence,
 * and then a wrong token, the token is in no setting, no byte of the
 * journal, no error and no log line. Needs a keyring (the test command
 * provides one); without one it skips unless SITREP_REQUIRE_KEYRING=1. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sitrep-credentials.h"
#include "sitrep-monitor.h"
#include "sitrep-sqlite-journal.h"
#include "sitrep-war-room.h"

#include "fakes/sitrep-fake-server.h"
#include "test-utils.h"

static GString *logged;

static GLogWriterOutput
record_log_cb (GLogLevelFlags   level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].value != NULL)
      {
        if (fields[i].length < 0)
          g_string_append (logged, fields[i].value);
        else
          g_string_append_len (logged, fields[i].value, fields[i].length);
        g_string_append_c (logged, '\n');
      }

  /* Debug lines are only recorded: on stdout they would break TAP. */
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (level, fields, n_fields, user_data);
}

static gboolean
store (const char  *account,
       const char  *secret,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sitrep_credentials_store_async (account, "Sitrep test token", secret, NULL, test_async_result_cb, &result);
  return sitrep_credentials_store_finish (test_wait_for_result (&result), error);
}

static GVariant *
grafana_sources (const char *url,
                 guint       interval)
{
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  GVariantBuilder builder;

  g_variant_dict_insert (&d, "id", "s", "grafana-secrets-test");
  g_variant_dict_insert (&d, "kind", "s", "grafana");
  g_variant_dict_insert (&d, "name", "s", "Grafana");
  g_variant_dict_insert (&d, "url", "s", url);
  g_variant_dict_insert (&d, "auth", "s", "bearer");
  g_variant_dict_insert (&d, "interval", "u", interval);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_builder_add_value (&builder, g_variant_dict_end (&d));
  return g_variant_builder_end (&builder);
}

typedef struct
{
  SitrepMonitor      *monitor;
  SitrepSourceHealth  health;
} Watch;

static gboolean
has_health (gpointer data)
{
  Watch *w = data;
  SitrepSource *source = sitrep_monitor_lookup_source (w->monitor, "grafana-secrets-test");

  return source != NULL && sitrep_source_get_health (source) == w->health;
}

static void
assert_nowhere_in_file (const char *path,
                        const char *token)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return;

  g_assert_null (g_strstr_len (contents, length, token));
}

static void
test_token_stays_in_the_keyring (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *token = g_strdup_printf ("glsa_%s", uuid);
  g_autofree char *wrong = g_strdup_printf ("glsa_wrong_%s", uuid);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(SitrepFakeServer) grafana = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(SitrepAlertFeed) feed = NULL;
  g_autoptr(SitrepMonitor) monitor = NULL;
  g_autoptr(SitrepSqliteJournal) journal = NULL;
  g_autoptr(SitrepWarRoom) war_room = NULL;
  g_autoptr(SitrepClock) clock = NULL;
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) sources = NULL;
  g_autofree char *silence_id = NULL;
  g_auto(GStrv) keys = NULL;
  SitrepSource *source;
  Watch w = { 0 };

  if (!store ("source:grafana-secrets-test", token, &error))
    {
      if (g_strcmp0 (g_getenv ("SITREP_REQUIRE_KEYRING"), "1") == 0)
        g_error ("No usable keyring: %s", error->message);
      g_test_skip_printf ("No usable keyring here: %s", error->message);
      return;
    }

  grafana = sitrep_fake_grafana_new (token);

  /* The source as Preferences writes it: no secret in the settings. */
  settings = g_settings_new (APP_ID);
  g_settings_set_value (settings, "sources", grafana_sources (sitrep_fake_server_get_url (grafana), 1));

  feed = sitrep_alert_feed_new ();
  monitor = sitrep_monitor_new (feed);
  w.monitor = monitor;
  sources = g_settings_get_value (settings, "sources");
  sitrep_monitor_set_sources (monitor, sources);

  /* The token reaches the server, from the keyring. */
  w.health = SITREP_SOURCE_HEALTH_HEALTHY;
  test_wait_until (has_health, &w);
  {
    g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

    g_assert_cmpstr (sitrep_fake_server_get_last_authorization (grafana), ==, bearer);
  }
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_alert_feed_get_alerts (feed)), >, 0);

  /* An incident from its alerts, and a silence, in a journal on disk. */
  dir = g_dir_make_tmp ("sitrep-secrets-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "journal.db", NULL);
  wal = g_strconcat (path, "-wal", NULL);
  sitrep_sqlite_journal_open_async (path, NULL, test_async_result_cb, &result);
  journal = sitrep_sqlite_journal_open_finish (test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  clock = sitrep_clock_new_system ();
  war_room = sitrep_war_room_new (SITREP_JOURNAL (journal), clock);
  sitrep_war_room_load_async (war_room, NULL, test_async_result_cb, &result);
  g_assert_true (sitrep_war_room_load_finish (war_room, test_wait_for_result (&result), &error));
  g_clear_object (&result);
  sitrep_war_room_set_alert_feed (war_room, feed);

  alerts = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (alerts, g_list_model_get_item (sitrep_alert_feed_get_alerts (feed), 0));
  sitrep_war_room_declare_from_alerts_async (war_room, "Payments errors", SITREP_SEVERITY_SEV2, NULL, alerts,
                                             NULL, test_async_result_cb, &result);
  incident = sitrep_war_room_declare_finish (war_room, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  source = sitrep_monitor_find_silencer (monitor, g_ptr_array_index (alerts, 0));
  g_assert_nonnull (source);
  sitrep_source_create_silence_async (source, sitrep_monitor_get_http (monitor), alerts,
                                      g_get_real_time () + 3600 * G_TIME_SPAN_SECOND, "Ann", "Payments errors",
                                      NULL, test_async_result_cb, &result);
  silence_id = sitrep_source_create_silence_finish (source, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  sitrep_war_room_record_silence_async (war_room, incident, silence_id, "Grafana", "alertname=PaymentsErrorRate",
                                        g_get_real_time () + 3600 * G_TIME_SPAN_SECOND, "Payments errors",
                                        NULL, test_async_result_cb, &result);
  g_assert_true (sitrep_war_room_command_finish (war_room, test_wait_for_result (&result), &error));
  g_clear_object (&result);

  /* A wrong token: refused, and the error says so without it. */
  g_assert_true (store ("source:grafana-secrets-test", wrong, &error));
  g_settings_set_value (settings, "sources", grafana_sources (sitrep_fake_server_get_url (grafana), 2));
  g_clear_pointer (&sources, g_variant_unref);
  sources = g_settings_get_value (settings, "sources");
  sitrep_monitor_set_sources (monitor, sources);
  w.health = SITREP_SOURCE_HEALTH_AUTH_FAILED;
  test_wait_until (has_health, &w);
  source = sitrep_monitor_lookup_source (monitor, "grafana-secrets-test");
  g_assert_nonnull (strstr (sitrep_source_get_last_error (source), "refused the credentials"));
  g_assert_null (strstr (sitrep_source_get_last_error (source), wrong));
  g_assert_null (strstr (sitrep_source_get_last_error (source), token));
  g_assert_null (strstr (sitrep_source_get_last_error (source), uuid));

  sitrep_monitor_stop (monitor);
  g_clear_object (&war_room);
  sitrep_sqlite_journal_close (journal);

  /* Nowhere else: every setting, every byte of the journal, every log line. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, TRUE);

      g_assert_null (strstr (text, uuid));
    }
  assert_nowhere_in_file (path, uuid);
  assert_nowhere_in_file (wal, uuid);
  g_assert_null (strstr (logged->str, uuid));
  g_assert_cmpuint (logged->len, >, 0);  /* the debug log did run */

  g_remove (wal);
  g_remove (path);
  {
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (shm);
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  logged = g_string_new (NULL);
  g_log_set_writer_func (record_log_cb, NULL, NULL);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/token-stays-in-the-keyring", test_token_stays_in_the_keyring);

  return g_test_run ();
}
