/* test-preferences.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Monitoring page of Preferences over in-memory settings and a
 * monitor, driven through its widgets: the sources with their switches and
 * live health, the source and key metric dialogs, the severity rules and
 * the webhook. No keyring is reachable here (the session bus is pointed at
 * nothing), so every path that needs one must fail in words and save
 * nothing. */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <adwaita.h>

#include "sitrep-alert-rules.h"
#include "sitrep-form-dialog.h"
#include "sitrep-kpi-dialog.h"
#include "sitrep-monitor.h"
#include "sitrep-preferences-window.h"
#include "sitrep-source-dialog.h"

#include "test-utils.h"
#include "test-widget-utils.h"

#define PROMETHEUS_ID   "11111111-1111-4111-8111-111111111111"
#define ALERTMANAGER_ID "22222222-2222-4222-8222-222222222222"

/* Nothing listens there: connections are refused at once. */
#define CLOSED_URL "http://127.0.0.1:1"

typedef struct
{
  GSettings               *settings;
  SitrepAlertFeed         *feed;
  SitrepMonitor           *monitor;
  SitrepPreferencesWindow *window;
} Fixture;

static void
flush (void)
{
  while (g_main_context_iteration (NULL, FALSE));
}

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static GtkListBox *
list (Fixture    *f,
      const char *name)
{
  return child (f->window, SITREP_TYPE_PREFERENCES_WINDOW, name);
}

static guint
n_rows (GtkListBox *box)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (box, n) != NULL)
    n++;

  return n;
}

static AdwActionRow *
row_at (GtkListBox *box,
        guint       position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (box, position);

  g_assert_true (ADW_IS_ACTION_ROW (row));
  return ADW_ACTION_ROW (row);
}

/* The button of a row with that icon: "document-edit-symbolic" edits,
 * "user-trash-symbolic" removes, "go-up-symbolic" moves up. */
static GtkWidget *
button_of (AdwActionRow *row,
           const char   *icon_name)
{
  GtkWidget *button;

  for (guint i = 0; (button = test_find_widget (row, GTK_TYPE_BUTTON, i)) != NULL; i++)
    if (g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (button)), icon_name) == 0)
      return button;

  g_assert_not_reached ();
}

/* As a click does it, at once. */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static const char *
title_of (AdwActionRow *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static GVariant *
source_entry (const char *id,
              const char *kind,
              const char *name,
              const char *url,
              gboolean    enabled)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&dict, "id", "s", id);
  g_variant_dict_insert (&dict, "kind", "s", kind);
  g_variant_dict_insert (&dict, "name", "s", name);
  g_variant_dict_insert (&dict, "url", "s", url);
  g_variant_dict_insert (&dict, "auth", "s", "none");
  g_variant_dict_insert (&dict, "username", "s", "");
  g_variant_dict_insert (&dict, "interval", "u", 15);
  g_variant_dict_insert (&dict, "enabled", "b", enabled);

  return g_variant_dict_end (&dict);
}

static void
set_two_sources (Fixture *f)
{
  GVariant *entries[] = {
    source_entry (PROMETHEUS_ID, "prometheus", "Metrics <b>prod</b> & co", "http://127.0.0.1:9090", TRUE),
    source_entry (ALERTMANAGER_ID, "alertmanager", "Alertmanager", "http://127.0.0.1:9093", TRUE),
  };

  g_settings_set_value (f->settings, "sources",
                        g_variant_new_array (G_VARIANT_TYPE_VARDICT, entries, G_N_ELEMENTS (entries)));
  flush ();
}

static GVariant *
get_entry (Fixture    *f,
           const char *key,
           gsize       position)
{
  g_autoptr(GVariant) entries = g_settings_get_value (f->settings, key);

  g_assert_cmpuint (position, <, g_variant_n_children (entries));
  return g_variant_get_child_value (entries, position);
}

static gsize
n_entries (Fixture    *f,
           const char *key)
{
  g_autoptr(GVariant) entries = g_settings_get_value (f->settings, key);

  return g_variant_n_children (entries);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char * const keys[] = {
    "sources", "kpis", "severity-rules", "webhook-enabled", "webhook-port",
  };

  f->settings = g_settings_new (APP_ID);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (f->settings, keys[i]);

  f->feed = sitrep_alert_feed_new ();
  f->monitor = sitrep_monitor_new (f->feed);
  f->window = sitrep_preferences_window_new (NULL, f->settings, "/var/lib/sitrep/journal.db", f->monitor);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->window), "monitoring");
  gtk_window_present (GTK_WINDOW (f->window));
  flush ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Dialogs first, then the window they belong to. */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  flush ();

  sitrep_monitor_stop (f->monitor);
  g_clear_object (&f->monitor);
  g_clear_object (&f->feed);
  g_clear_object (&f->settings);
}

/* (a) One row per source, named and described as plain text, with a switch
 * that writes "enabled" into the setting and nothing else. */
static void
test_sources_rows (Fixture       *f,
                   gconstpointer  data)
{
  GtkListBox *sources = list (f, "sources_list");
  g_autoptr(GVariant) first = NULL;
  g_autoptr(GVariant) second = NULL;
  g_autoptr(GVariant) expected = NULL;
  AdwActionRow *row;
  GtkSwitch *toggle;
  gboolean enabled = TRUE;

  g_assert_cmpuint (n_rows (sources), ==, 0);
  g_assert_true (test_label_shown (sources, "No sources yet. Add your Prometheus, Alertmanager, Grafana "
                                            "or a dependency’s status page."));

  set_two_sources (f);
  g_assert_cmpuint (n_rows (sources), ==, 2);

  row = row_at (sources, 0);
  g_assert_cmpstr (title_of (row), ==, "Metrics <b>prod</b> & co");
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
  g_assert_true (test_label_shown (row, "Metrics <b>prod</b> & co"));
  for (guint i = 0; test_find_widget (row, GTK_TYPE_LABEL, i) != NULL; i++)
    g_assert_false (gtk_label_get_use_markup (test_find_widget (row, GTK_TYPE_LABEL, i)));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Prometheus · http://127.0.0.1:9090\n"));

  row = row_at (sources, 1);
  g_assert_cmpstr (title_of (row), ==, "Alertmanager");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Alertmanager · http://127.0.0.1:9093\n"));

  /* The switch of the first source turns it off, in the setting. */
  row = row_at (sources, 0);
  toggle = test_find_widget (row, GTK_TYPE_SWITCH, 0);
  g_assert_true (gtk_switch_get_active (toggle));
  gtk_switch_set_active (toggle, FALSE);

  first = get_entry (f, "sources", 0);
  second = get_entry (f, "sources", 1);
  g_assert_true (g_variant_lookup (first, "enabled", "b", &enabled));
  g_assert_false (enabled);
  expected = g_variant_ref_sink (source_entry (ALERTMANAGER_ID, "alertmanager", "Alertmanager",
                                              "http://127.0.0.1:9093", TRUE));
  g_assert_true (g_variant_equal (second, expected));
  g_clear_pointer (&second, g_variant_unref);

  /* The same row stays (and keeps the focus); it now says the source is off. */
  flush ();
  g_assert_true (row_at (sources, 0) == row);
  g_assert_false (gtk_switch_get_active (toggle));
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (row), "\nOff"));

  /* A source removed from the setting elsewhere goes. */
  second = get_entry (f, "sources", 1);
  g_settings_set_value (f->settings, "sources", g_variant_new_array (G_VARIANT_TYPE_VARDICT, &second, 1));
  flush ();
  g_assert_cmpuint (n_rows (sources), ==, 1);
  g_assert_cmpstr (title_of (row_at (sources, 0)), ==, "Alertmanager");
}

static gboolean
subtitle_has_failing (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (data);

  return subtitle != NULL && strstr (subtitle, "\nFailing: ") != NULL;
}

/* The health is the monitor's running source's, as it changes. */
static void
test_source_health (Fixture       *f,
                    gconstpointer  data)
{
  GVariant *entry = source_entry (PROMETHEUS_ID, "prometheus", "Nowhere", CLOSED_URL, TRUE);
  g_autoptr(GVariant) sources = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE_VARDICT, &entry, 1));
  AdwActionRow *row;

  g_settings_set_value (f->settings, "sources", sources);
  flush ();
  row = row_at (list (f, "sources_list"), 0);
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (row), "\nConnecting…"));

  /* What the application does on "changed::sources". */
  sitrep_monitor_set_sources (f->monitor, sources);
  test_wait_until (subtitle_has_failing, row);
}

static SitrepSourceDialog *
open_source_dialog (Fixture *f)
{
  SitrepSourceDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "prefs.add-source", NULL));
  dialog = test_find_toplevel (SITREP_TYPE_SOURCE_DIALOG);
  g_assert_nonnull (dialog);

  return dialog;
}

static void
fill_source_dialog (SitrepSourceDialog *dialog,
                    guint               kind,
                    const char         *name,
                    const char         *url,
                    guint               auth,
                    const char         *secret)
{
  GType type = SITREP_TYPE_SOURCE_DIALOG;

  adw_combo_row_set_selected (child (dialog, type, "kind_row"), kind);
  gtk_editable_set_text (child (dialog, type, "name_row"), name);
  gtk_editable_set_text (child (dialog, type, "url_row"), url);
  adw_combo_row_set_selected (child (dialog, type, "auth_row"), auth);
  gtk_editable_set_text (child (dialog, type, "secret_row"), secret);
}

static gboolean
no_source_dialog (gpointer data)
{
  return test_find_toplevel (SITREP_TYPE_SOURCE_DIALOG) == NULL;
}

static void
assert_member (GVariant           *entry,
               const char         *key,
               const GVariantType *type)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (entry, key, NULL);

  g_assert_nonnull (value);
  g_assert_true (g_variant_is_of_type (value, type));
}

/* (b) Adding a source without credentials writes a complete entry, and
 * nothing that looks like a secret. */
static void
test_add_source (Fixture       *f,
                 gconstpointer  data)
{
  SitrepSourceDialog *dialog = open_source_dialog (f);
  g_autoptr(GVariant) entry = NULL;
  GVariantIter iter;
  const char *key;
  const char *text = NULL;
  guint32 interval = 0;
  gboolean enabled = FALSE;

  fill_source_dialog (dialog, 1, "Team <Alertmanager>", "https://am.example.com:9093/", 0, "");
  gtk_spin_button_set_value (child (dialog, SITREP_TYPE_SOURCE_DIALOG, "interval_spin"), 30);
  /* Auth "none" asks for no credentials. */
  g_assert_false (gtk_widget_get_visible (child (dialog, SITREP_TYPE_SOURCE_DIALOG, "secret_row")));
  g_assert_false (gtk_widget_get_visible (child (dialog, SITREP_TYPE_SOURCE_DIALOG, "username_row")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  test_wait_until (no_source_dialog, NULL);

  g_assert_cmpuint (n_entries (f, "sources"), ==, 1);
  entry = get_entry (f, "sources", 0);
  g_assert_cmpuint (g_variant_n_children (entry), ==, 8);

  assert_member (entry, "id", G_VARIANT_TYPE_STRING);
  assert_member (entry, "kind", G_VARIANT_TYPE_STRING);
  assert_member (entry, "name", G_VARIANT_TYPE_STRING);
  assert_member (entry, "url", G_VARIANT_TYPE_STRING);
  assert_member (entry, "auth", G_VARIANT_TYPE_STRING);
  assert_member (entry, "username", G_VARIANT_TYPE_STRING);
  assert_member (entry, "interval", G_VARIANT_TYPE_UINT32);
  assert_member (entry, "enabled", G_VARIANT_TYPE_BOOLEAN);

  g_variant_lookup (entry, "id", "&s", &text);
  g_assert_true (g_uuid_string_is_valid (text));
  g_variant_lookup (entry, "kind", "&s", &text);
  g_assert_cmpstr (text, ==, "alertmanager");
  g_variant_lookup (entry, "name", "&s", &text);
  g_assert_cmpstr (text, ==, "Team <Alertmanager>");
  g_variant_lookup (entry, "url", "&s", &text);
  g_assert_cmpstr (text, ==, "https://am.example.com:9093");
  g_variant_lookup (entry, "auth", "&s", &text);
  g_assert_cmpstr (text, ==, "none");
  g_variant_lookup (entry, "username", "&s", &text);
  g_assert_cmpstr (text, ==, "");
  g_variant_lookup (entry, "interval", "u", &interval);
  g_assert_cmpuint (interval, ==, 30);
  g_variant_lookup (entry, "enabled", "b", &enabled);
  g_assert_true (enabled);

  /* Nothing that could hold a secret. */
  g_variant_iter_init (&iter, entry);
  while (g_variant_iter_next (&iter, "{&sv}", &key, NULL))
    {
      g_autofree char *lower = g_ascii_strdown (key, -1);

      g_assert_null (strstr (lower, "secret"));
      g_assert_null (strstr (lower, "token"));
      g_assert_null (strstr (lower, "password"));
    }

  flush ();
  g_assert_cmpuint (n_rows (list (f, "sources_list")), ==, 1);
  g_assert_cmpstr (title_of (row_at (list (f, "sources_list"), 0)), ==, "Team <Alertmanager>");
}

static gboolean
error_shown (gpointer dialog)
{
  GtkLabel *label = child (dialog, G_OBJECT_TYPE (dialog), "error_label");

  return gtk_widget_get_visible (GTK_WIDGET (label)) && *gtk_label_get_text (label) != '\0';
}

/* An address that is not one is refused in words, and nothing is saved. */
static void
test_source_invalid_url (Fixture       *f,
                         gconstpointer  data)
{
  SitrepSourceDialog *dialog = open_source_dialog (f);

  fill_source_dialog (dialog, 0, "Prometheus", "prometheus.example.com", 0, "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));

  g_assert_true (error_shown (dialog));
  g_assert_nonnull (strstr (gtk_label_get_text (child (dialog, SITREP_TYPE_SOURCE_DIALOG, "error_label")),
                            "prometheus.example.com"));
  g_assert_true (test_find_toplevel (SITREP_TYPE_SOURCE_DIALOG) == dialog);
  g_assert_cmpuint (n_entries (f, "sources"), ==, 0);
}

/* With a token but no keyring, the source is not saved, and the dialog
 * says why. */
static void
test_bearer_without_keyring (Fixture       *f,
                             gconstpointer  data)
{
  SitrepSourceDialog *dialog = open_source_dialog (f);
  const char *message;

  /* A token is needed first. */
  fill_source_dialog (dialog, 0, "Prometheus", "https://prometheus.example.com", 1, "");
  g_assert_true (gtk_widget_get_visible (child (dialog, SITREP_TYPE_SOURCE_DIALOG, "secret_row")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  g_assert_true (error_shown (dialog));
  g_assert_cmpuint (n_entries (f, "sources"), ==, 0);

  gtk_editable_set_text (child (dialog, SITREP_TYPE_SOURCE_DIALOG, "secret_row"), "s3cr3t-t0ken");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  test_wait_until (error_shown, dialog);

  message = gtk_label_get_text (child (dialog, SITREP_TYPE_SOURCE_DIALOG, "error_label"));
  g_assert_nonnull (strstr (message, "not saved"));
  g_assert_nonnull (strstr (message, "keyring"));
  g_assert_null (strstr (message, "s3cr3t-t0ken"));
  g_assert_true (test_find_toplevel (SITREP_TYPE_SOURCE_DIALOG) == dialog);
  g_assert_cmpuint (n_entries (f, "sources"), ==, 0);
  /* Still there to try again. */
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, SITREP_TYPE_SOURCE_DIALOG, "secret_row")), ==,
                   "s3cr3t-t0ken");
}

static gboolean
test_result_shown (gpointer dialog)
{
  return gtk_widget_get_visible (child (dialog, SITREP_TYPE_SOURCE_DIALOG, "test_label"));
}

/* Test Connection reports the failure, plain, and saves nothing. */
static void
test_test_connection (Fixture       *f,
                      gconstpointer  data)
{
  SitrepSourceDialog *dialog = open_source_dialog (f);
  GtkLabel *label = child (dialog, SITREP_TYPE_SOURCE_DIALOG, "test_label");

  fill_source_dialog (dialog, 0, "Nowhere", CLOSED_URL, 0, "");
  gtk_widget_activate (child (dialog, SITREP_TYPE_SOURCE_DIALOG, "test_button"));
  test_wait_until (test_result_shown, dialog);

  g_assert_cmpstr (gtk_label_get_text (label), !=, "");
  g_assert_false (gtk_label_get_use_markup (label));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "error"));
  g_assert_true (gtk_widget_get_sensitive (child (dialog, SITREP_TYPE_SOURCE_DIALOG, "test_button")));
  g_assert_cmpuint (n_entries (f, "sources"), ==, 0);
}

static gboolean
no_dialog (gpointer data)
{
  return test_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

/* Editing keeps the id, and "Remove" asks first, then removes. */
static void
test_edit_and_remove_source (Fixture       *f,
                             gconstpointer  data)
{
  GtkListBox *sources = list (f, "sources_list");
  g_autoptr(GVariant) entry = NULL;
  SitrepSourceDialog *dialog;
  AdwMessageDialog *question;
  const char *text = NULL;

  set_two_sources (f);

  click (button_of (row_at (sources, 1), "document-edit-symbolic"));
  dialog = test_find_toplevel (SITREP_TYPE_SOURCE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, SITREP_TYPE_SOURCE_DIALOG, "name_row")), ==,
                   "Alertmanager");
  gtk_editable_set_text (child (dialog, SITREP_TYPE_SOURCE_DIALOG, "name_row"), "Alertmanager EU");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  test_wait_until (no_dialog, GSIZE_TO_POINTER (SITREP_TYPE_SOURCE_DIALOG));

  g_assert_cmpuint (n_entries (f, "sources"), ==, 2);
  entry = get_entry (f, "sources", 1);
  g_variant_lookup (entry, "id", "&s", &text);
  g_assert_cmpstr (text, ==, ALERTMANAGER_ID);
  g_variant_lookup (entry, "name", "&s", &text);
  g_assert_cmpstr (text, ==, "Alertmanager EU");
  flush ();
  g_assert_cmpstr (title_of (row_at (sources, 1)), ==, "Alertmanager EU");

  /* Remove: the first source, once confirmed. */
  click (button_of (row_at (sources, 0), "user-trash-symbolic"));
  question = test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Remove “Metrics <b>prod</b> & co”?");
  adw_message_dialog_response (question, "cancel");
  g_assert_cmpuint (n_entries (f, "sources"), ==, 2);

  click (button_of (row_at (sources, 0), "user-trash-symbolic"));
  question = test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (question, "remove");
  g_assert_cmpuint (n_entries (f, "sources"), ==, 1);
  g_clear_pointer (&entry, g_variant_unref);
  entry = get_entry (f, "sources", 0);
  g_variant_lookup (entry, "id", "&s", &text);
  g_assert_cmpstr (text, ==, ALERTMANAGER_ID);

  flush ();
  g_assert_cmpuint (n_rows (sources), ==, 1);
}

static SitrepKpiDialog *
open_kpi_dialog (Fixture *f)
{
  SitrepKpiDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "prefs.add-metric", NULL));
  dialog = test_find_toplevel (SITREP_TYPE_KPI_DIALOG);
  g_assert_nonnull (dialog);

  return dialog;
}

/* (c) A metric without a query is refused with a visible error; with one,
 * a percentage typed as 95 is stored as 0.95. */
static void
test_kpi_dialog (Fixture       *f,
                 gconstpointer  data)
{
  GtkListBox *kpis = list (f, "kpis_list");
  gsize n = n_entries (f, "kpis");
  SitrepKpiDialog *dialog = open_kpi_dialog (f);
  GType type = SITREP_TYPE_KPI_DIALOG;
  g_autoptr(GVariant) entry = NULL;
  const char *text = NULL;
  double threshold = 0;

  g_assert_cmpuint (n_rows (kpis), ==, n);
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (row_at (kpis, 0)),
                                   "\nBreach above 2.00 % · from first Prometheus source"));

  gtk_editable_set_text (child (dialog, type, "name_row"), "Checkout success");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "kpi.save", NULL));
  g_assert_true (error_shown (dialog));
  g_assert_true (test_label_shown (dialog, "The key metric “Checkout success” needs a PromQL query."));
  g_assert_true (test_find_toplevel (SITREP_TYPE_KPI_DIALOG) == dialog);
  g_assert_cmpuint (n_entries (f, "kpis"), ==, n);

  gtk_editable_set_text (child (dialog, type, "query_row"), "sum(rate(checkout_ok[5m])) / sum(rate(checkout[5m]))");
  adw_combo_row_set_selected (child (dialog, type, "direction_row"), 1);
  gtk_spin_button_set_value (child (dialog, type, "threshold_spin"), 95);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "kpi.save", NULL));
  test_wait_until (no_dialog, GSIZE_TO_POINTER (SITREP_TYPE_KPI_DIALOG));

  g_assert_cmpuint (n_entries (f, "kpis"), ==, n + 1);
  entry = get_entry (f, "kpis", n);
  g_assert_true (g_variant_lookup (entry, "threshold", "d", &threshold));
  g_assert_cmpfloat (threshold, ==, 0.95);
  g_variant_lookup (entry, "direction", "&s", &text);
  g_assert_cmpstr (text, ==, "below");
  g_variant_lookup (entry, "unit", "&s", &text);
  g_assert_cmpstr (text, ==, "percent");
  g_variant_lookup (entry, "id", "&s", &text);
  g_assert_true (g_uuid_string_is_valid (text));

  flush ();
  g_assert_cmpuint (n_rows (kpis), ==, n + 1);
  g_assert_cmpstr (title_of (row_at (kpis, n)), ==, "Checkout success");
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (row_at (kpis, n)),
                                   "\nBreach below 95.0 % · from first Prometheus source"));
}

/* Editing a metric and saving it unchanged changes nothing: a threshold of
 * 2 % is still exactly 0.02. */
static void
test_kpi_edit_unchanged (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GVariant) before = get_entry (f, "kpis", 0);
  g_autoptr(GVariant) after = NULL;
  SitrepKpiDialog *dialog;
  double threshold = 0;

  click (button_of (row_at (list (f, "kpis_list"), 0), "document-edit-symbolic"));
  dialog = test_find_toplevel (SITREP_TYPE_KPI_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpfloat (gtk_spin_button_get_value (child (dialog, SITREP_TYPE_KPI_DIALOG, "threshold_spin")),
                     ==, 2.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "kpi.save", NULL));
  test_wait_until (no_dialog, GSIZE_TO_POINTER (SITREP_TYPE_KPI_DIALOG));

  after = get_entry (f, "kpis", 0);
  g_assert_true (g_variant_lookup (after, "threshold", "d", &threshold));
  g_assert_cmpfloat (threshold, ==, 0.02);
  g_assert_cmpuint (g_variant_n_children (after), ==, g_variant_n_children (before));
}

static SitrepFormDialog *
open_rule_dialog (Fixture *f)
{
  SitrepFormDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "prefs.add-rule", NULL));
  dialog = test_find_toplevel (SITREP_TYPE_FORM_DIALOG);
  g_assert_nonnull (dialog);

  return dialog;
}

/* (d) A rule that is not label=value pairs is refused with the reason. */
static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  GtkListBox *rules = list (f, "rules_list");
  g_autoptr(GVariant) before = g_settings_get_value (f->settings, "severity-rules");
  g_autoptr(GVariant) bad = g_variant_ref_sink (g_variant_new_parsed ("[('severity critical', 2)]"));
  g_autoptr(GVariant) after = NULL;
  g_autoptr(GError) expected = NULL;
  SitrepFormDialog *dialog;
  const char *matchers = NULL;
  gint32 severity = 0;
  gsize n = g_variant_n_children (before);

  g_assert_cmpuint (n_rows (rules), ==, n);
  g_assert_cmpstr (title_of (row_at (rules, 0)), ==, "severity=critical, tier=core");
  g_assert_cmpuint (gtk_drop_down_get_selected (test_find_widget (row_at (rules, 0), GTK_TYPE_DROP_DOWN, 0)),
                    ==, 0);

  g_assert_false (sitrep_alert_rules_check (bad, &expected));
  dialog = open_rule_dialog (f);
  sitrep_form_dialog_set_text (dialog, "matchers", "severity critical");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "form.submit", NULL));
  g_assert_true (test_label_shown (dialog, expected->message));
  g_assert_true (test_find_toplevel (SITREP_TYPE_FORM_DIALOG) == dialog);
  after = g_settings_get_value (f->settings, "severity-rules");
  g_assert_true (g_variant_equal (after, before));
  g_clear_pointer (&after, g_variant_unref);

  /* A good one goes last, with the severity chosen (SEV2 unless changed). */
  sitrep_form_dialog_set_text (dialog, "matchers", " team=payments, env=prod ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "form.submit", NULL));
  test_wait_until (no_dialog, GSIZE_TO_POINTER (SITREP_TYPE_FORM_DIALOG));
  after = g_settings_get_value (f->settings, "severity-rules");
  g_assert_cmpuint (g_variant_n_children (after), ==, n + 1);
  g_variant_get_child (after, n, "(&si)", &matchers, &severity);
  g_assert_cmpstr (matchers, ==, "team=payments, env=prod");
  g_assert_cmpint (severity, ==, 2);
  g_clear_pointer (&after, g_variant_unref);

  flush ();
  g_assert_cmpuint (n_rows (rules), ==, n + 1);

  /* The drop-down sets the severity in place. */
  gtk_drop_down_set_selected (test_find_widget (row_at (rules, n), GTK_TYPE_DROP_DOWN, 0), 0);
  after = g_settings_get_value (f->settings, "severity-rules");
  g_variant_get_child (after, n, "(&si)", &matchers, &severity);
  g_assert_cmpint (severity, ==, 1);
  g_clear_pointer (&after, g_variant_unref);

  /* Moving up and removing. */
  click (button_of (row_at (rules, n), "go-up-symbolic"));
  after = g_settings_get_value (f->settings, "severity-rules");
  g_variant_get_child (after, n - 1, "(&si)", &matchers, NULL);
  g_assert_cmpstr (matchers, ==, "team=payments, env=prod");
  g_clear_pointer (&after, g_variant_unref);
  flush ();

  click (button_of (row_at (rules, n - 1), "user-trash-symbolic"));
  after = g_settings_get_value (f->settings, "severity-rules");
  g_assert_true (g_variant_equal (after, before));
  flush ();
  g_assert_cmpuint (n_rows (rules), ==, n);
}

/* The webhook's address shows the port but never the secret. */
static void
test_webhook (Fixture       *f,
              gconstpointer  data)
{
  AdwActionRow *address = child (f->window, SITREP_TYPE_PREFERENCES_WINDOW, "webhook_address_row");
  GtkSwitch *toggle = child (f->window, SITREP_TYPE_PREFERENCES_WINDOW, "webhook_switch");

  g_assert_cmpstr (adw_action_row_get_subtitle (address), ==, "http://127.0.0.1:9797/alertmanager/<secret>");
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (address)));

  g_settings_set_value (f->settings, "webhook-port", g_variant_new_uint16 (9800));
  g_assert_cmpstr (adw_action_row_get_subtitle (address), ==, "http://127.0.0.1:9800/alertmanager/<secret>");
  g_assert_cmpfloat (gtk_spin_button_get_value (child (f->window, SITREP_TYPE_PREFERENCES_WINDOW,
                                                       "webhook_port_spin")), ==, 9800);

  g_assert_false (g_settings_get_boolean (f->settings, "webhook-enabled"));
  gtk_switch_set_active (toggle, TRUE);
  g_assert_true (g_settings_get_boolean (f->settings, "webhook-enabled"));
}

/* The spin button of the row titled @title. */
static GtkSpinButton *
spin_of_row (Fixture    *f,
             const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  test_collect_widgets (GTK_WIDGET (f->window), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return test_find_widget (g_ptr_array_index (rows, i), GTK_TYPE_SPIN_BUTTON, 0);

  g_error ("No row “%s”", title);
}

/* The blast radius' thresholds are percentages in Preferences and shares
 * in the settings; the wall's rotation is seconds. */
static void
test_blast_and_wall (Fixture       *f,
                     gconstpointer  data)
{
  GtkSpinButton *sev1 = spin_of_row (f, "Suggest SEV1 Above");
  GtkSpinButton *sev2 = spin_of_row (f, "Suggest SEV2 Above");
  GtkSpinButton *rotate = spin_of_row (f, "Wall Display Rotation");

  g_assert_cmpfloat (gtk_spin_button_get_value (sev1), ==, 25.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (sev2), ==, 5.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (rotate), ==, 15.0);

  gtk_spin_button_set_value (sev1, 40.0);
  gtk_spin_button_set_value (sev2, 2.5);
  gtk_spin_button_set_value (rotate, 30.0);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (f->settings, "sev1-share"), 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (f->settings, "sev2-share"), 0.025, 1e-9);
  g_assert_cmpint (g_settings_get_int (f->settings, "wall-rotate-seconds"), ==, 30);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *no_bus = NULL;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }

  /* No keyring, whatever the machine runs: the session bus is nowhere. */
  no_bus = g_strdup_printf ("unix:path=%s/sitrep-test-no-bus-%d", g_get_tmp_dir (), (int)getpid ());
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", no_bus, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/preferences/sources-rows", test_sources_rows);
  ADD ("/preferences/source-health", test_source_health);
  ADD ("/preferences/add-source", test_add_source);
  ADD ("/preferences/source-invalid-url", test_source_invalid_url);
  ADD ("/preferences/bearer-without-keyring", test_bearer_without_keyring);
  ADD ("/preferences/test-connection", test_test_connection);
  ADD ("/preferences/edit-and-remove-source", test_edit_and_remove_source);
  ADD ("/preferences/kpi-dialog", test_kpi_dialog);
  ADD ("/preferences/kpi-edit-unchanged", test_kpi_edit_unchanged);
  ADD ("/preferences/rules", test_rules);
  ADD ("/preferences/webhook", test_webhook);
  ADD ("/preferences/blast-and-wall", test_blast_and_wall);

#undef ADD

  return g_test_run ();
}
