/* sitrep-source-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Adding or editing a monitoring source: its kind, name and address, how
 * it authenticates, how often it is polled and whether it is on.
 *
 * The token or password goes to the keyring, never to the settings: it is
 * stored first, and only once the keyring has it is the source written to
 * the "sources" setting, so a source never points at a secret that is not
 * there. When editing, an empty secret keeps the stored one; the stored
 * secret is never read back into the dialog (Test Connection reads it from
 * the keyring for the test alone).
 *
 * "Test Connection" builds a source from the form as it stands and asks the
 * server who it is and what it reports; nothing is saved. */

#define G_LOG_DOMAIN "sitrep-source-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-credentials.h"
#include "sitrep-source.h"
#include "sitrep-source-dialog.h"
#include "sitrep-settings-list.h"
#include "sitrep-weak-ref.h"

struct _SitrepSourceDialog
{
  AdwWindow            parent_instance;

  /* Owned */
  GSettings           *settings;
  SitrepHttp          *http;
  GVariant            *original;          /* the entry being edited, or NULL */
  char                *id;
  GCancellable        *cancellable;       /* saving */
  GCancellable        *test_cancellable;
  SitrepSourceAuth     original_auth;

  /* Template children */
  AdwComboRow         *kind_row;
  AdwEntryRow         *name_row;
  AdwEntryRow         *url_row;
  AdwPreferencesGroup *auth_group;
  AdwComboRow         *auth_row;
  AdwEntryRow         *username_row;
  AdwPasswordEntryRow *secret_row;
  GtkSpinButton       *interval_spin;
  GtkSwitch           *enabled_switch;
  GtkButton           *test_button;
  GtkSpinner          *test_spinner;
  GtkLabel            *test_label;
  GtkLabel            *error_label;
  GtkButton           *save_button;
  GtkButton           *cancel_button;
  GtkSpinner          *spinner;

  guint                busy : 1;
};

G_DEFINE_FINAL_TYPE (SitrepSourceDialog, sitrep_source_dialog, ADW_TYPE_WINDOW)

/* In the order of SitrepSourceAuth, which is the order of the auth row. */
static const char * const auth_tokens[] = { "none", "bearer", "basic" };

static SitrepSourceAuth
get_auth (SitrepSourceDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->auth_row);

  return selected < G_N_ELEMENTS (auth_tokens) ? selected : SITREP_SOURCE_AUTH_NONE;
}

static SitrepSourceKind
get_kind (SitrepSourceDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  return selected <= SITREP_SOURCE_KIND_STATUSPAGE ? selected : SITREP_SOURCE_KIND_PROMETHEUS;
}

/* Whether the keyring should hold a secret for the source as it is chosen
 * now: only if it was saved with the same way of authenticating. */
static gboolean
has_stored_secret (SitrepSourceDialog *self)
{
  SitrepSourceAuth auth = get_auth (self);

  return self->original != NULL && auth != SITREP_SOURCE_AUTH_NONE && auth == self->original_auth;
}

static void
show_error (SitrepSourceDialog *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* While the secret is being stored, the dialog waits for the keyring:
 * closing it then would leave the person not knowing what was saved. */
static void
set_busy (SitrepSourceDialog *self,
          gboolean            busy)
{
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !busy);
}

static void
set_testing (SitrepSourceDialog *self,
             gboolean            testing)
{
  gtk_spinner_set_spinning (self->test_spinner, testing);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), testing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), !testing);
  if (testing)
    gtk_widget_set_visible (GTK_WIDGET (self->test_label), FALSE);
}

/* What the server said, or why it could not be asked: plain text, as it
 * comes from the network. */
static void
show_test_result (SitrepSourceDialog *self,
                  const char         *text,
                  gboolean            success)
{
  gtk_label_set_text (self->test_label, text);
  if (success)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->test_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->test_label), "success");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->test_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->test_label), "error");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->test_label), TRUE);
}

static void
update_auth_rows (SitrepSourceDialog *self)
{
  SitrepSourceAuth auth = get_auth (self);
  const char *description;

  gtk_widget_set_visible (GTK_WIDGET (self->username_row), auth == SITREP_SOURCE_AUTH_BASIC);
  gtk_widget_set_visible (GTK_WIDGET (self->secret_row), auth != SITREP_SOURCE_AUTH_NONE);

  if (auth == SITREP_SOURCE_AUTH_BASIC)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row), _("Password"));
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row), _("Token"));

  if (auth == SITREP_SOURCE_AUTH_NONE)
    description = NULL;
  else if (has_stored_secret (self) && auth == SITREP_SOURCE_AUTH_BASIC)
    description = _("Leave the password empty to keep the one in your keyring.");
  else if (has_stored_secret (self))
    description = _("Leave the token empty to keep the one in your keyring.");
  else
    description = _("Kept in your keyring, never in Sitrep’s settings.");

  /* A group's description is markup; these are fixed texts without any. */
  adw_preferences_group_set_description (self->auth_group, description);
}

static void
on_auth_changed_cb (SitrepSourceDialog *self)
{
  update_auth_rows (self);
}

static void
on_kind_changed_cb (SitrepSourceDialog *self)
{
  /* What was tested was another kind of server. */
  gtk_widget_set_visible (GTK_WIDGET (self->test_label), FALSE);
}

static void
on_entry_activated_cb (SitrepSourceDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "source.save", NULL);
}

/* The form as an entry of the "sources" setting. It never holds the
 * secret. */
static GVariant *
build_entry (SitrepSourceDialog *self)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  SitrepSourceAuth auth = get_auth (self);

  gtk_spin_button_update (self->interval_spin);

  g_variant_dict_insert (&dict, "id", "s", self->id);
  g_variant_dict_insert (&dict, "kind", "s", sitrep_source_kind_to_token (get_kind (self)));
  g_variant_dict_insert (&dict, "name", "s", gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_variant_dict_insert (&dict, "url", "s", gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  g_variant_dict_insert (&dict, "auth", "s", auth_tokens[auth]);
  g_variant_dict_insert (&dict, "username", "s",
                         auth == SITREP_SOURCE_AUTH_BASIC
                         ? gtk_editable_get_text (GTK_EDITABLE (self->username_row)) : "");
  g_variant_dict_insert (&dict, "interval", "u",
                         (guint32)gtk_spin_button_get_value_as_int (self->interval_spin));
  g_variant_dict_insert (&dict, "enabled", "b", gtk_switch_get_active (self->enabled_switch));

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

/* The source the form describes, or %NULL with @error saying what to fix. */
static SitrepSource *
build_source (SitrepSourceDialog  *self,
              GError             **error)
{
  g_autoptr(GVariant) entry = build_entry (self);

  return sitrep_source_new_from_variant (entry, error);
}

static gboolean
check_credentials (SitrepSourceDialog  *self,
                   SitrepSource        *source,
                   GError             **error)
{
  SitrepSourceAuth auth = sitrep_source_get_auth (source);
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));

  if (auth == SITREP_SOURCE_AUTH_BASIC && *sitrep_source_get_username (source) == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Type the user name to sign in with, or choose another way to authenticate."));
      return FALSE;
    }

  if (auth != SITREP_SOURCE_AUTH_NONE && *secret == '\0' && !has_stored_secret (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           auth == SITREP_SOURCE_AUTH_BASIC
                           ? _("Type the password to sign in with, or choose another way to authenticate.")
                           : _("Type the token the server expects, or choose another way to authenticate."));
      return FALSE;
    }

  return TRUE;
}

/* Puts @source in the "sources" setting, in place of the entry edited or
 * after the others. */
static gboolean
write_source (SitrepSourceDialog *self,
              SitrepSource *source,
              GError **error)
{
  g_autoptr(GVariant) entry = g_variant_ref_sink (sitrep_source_to_variant (source));

  if (!sitrep_settings_list_replace (self->settings, "sources", self->original, entry, TRUE))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("The source was not saved: Sitrep’s settings cannot be changed."));
      return FALSE;
    }

  return TRUE;
}

static void
finish_save (SitrepSourceDialog *self,
             SitrepSource       *source)
{
  g_autoptr(GError) error = NULL;

  if (!write_source (self, source, &error))
    {
      show_error (self, error->message);
      return;
    }

  /* A source that no longer authenticates leaves no secret behind. */
  if (self->original_auth != SITREP_SOURCE_AUTH_NONE &&
      sitrep_source_get_auth (source) == SITREP_SOURCE_AUTH_NONE)
    {
      g_autofree char *account = sitrep_source_dup_account (source);

      sitrep_credentials_delete_async (account, NULL, NULL, NULL);
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

typedef struct
{
  GWeakRef     *dialog;
  SitrepSource *source;
} Pending;

static Pending *
pending_new (SitrepSourceDialog *self,
             SitrepSource       *source)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->dialog = sitrep_weak_ref_new (self);
  pending->source = g_object_ref (source);
  return pending;
}

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->source);
  g_free (pending);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(SitrepSourceDialog) self = sitrep_weak_ref_steal (pending->dialog);
  g_autoptr(GError) error = NULL;
  gboolean stored;

  stored = sitrep_credentials_store_finish (result, &error);

  if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_busy (self, FALSE);

      if (stored)
        {
          /* The running source reads the new secret. */
          sitrep_source_renew_credential (pending->source);
          finish_save (self, pending->source);
        }
      else
        {
          g_autofree char *message = NULL;

          /* Translators: %s says why the keyring could not be used. */
          message = g_strdup_printf (_("The source was not saved, because its secret could not be "
                                       "stored. %s"), error->message);
          show_error (self, message);
        }
    }

  pending_free (pending);
}

static void
sitrep_source_dialog_save_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  SitrepSourceDialog *self = SITREP_SOURCE_DIALOG (widget);
  g_autoptr(SitrepSource) source = NULL;
  g_autoptr(GError) error = NULL;
  const char *secret;

  if (self->busy)
    return;

  show_error (self, NULL);

  if (!(source = build_source (self, &error)) || !check_credentials (self, source, &error))
    {
      show_error (self, error->message);
      return;
    }

  secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  if (sitrep_source_get_auth (source) != SITREP_SOURCE_AUTH_NONE && *secret != '\0')
    {
      g_autofree char *account = sitrep_source_dup_account (source);
      g_autofree char *label = NULL;

      /* Translators: how the secret is named in the keyring; %s is the source's name. */
      label = g_strdup_printf (_("Sitrep: %s"), sitrep_source_get_name (source));
      set_busy (self, TRUE);
      sitrep_credentials_store_async (account, label, secret, self->cancellable,
                                      store_cb, pending_new (self, source));
      return;
    }

  finish_save (self, source);
}

static SitrepHttp *
get_http (SitrepSourceDialog *self)
{
  if (self->http == NULL)
    self->http = sitrep_http_new ();

  return self->http;
}

static void
test_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SitrepSourceDialog) self = sitrep_weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = sitrep_source_test_finish (SITREP_SOURCE (object), result, &error);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_testing (self, FALSE);
  show_test_result (self, text != NULL ? text : error->message, text != NULL);
}

static void
start_test (SitrepSourceDialog *self,
            SitrepSource       *source)
{
  sitrep_source_test_async (source, get_http (self), self->test_cancellable,
                            test_cb, sitrep_weak_ref_new (self));
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(SitrepSourceDialog) self = sitrep_weak_ref_steal (pending->dialog);
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = sitrep_credentials_lookup_finish (result, &error);

  if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (error != NULL)
        {
          set_testing (self, FALSE);
          show_test_result (self, error->message, FALSE);
        }
      else
        {
          /* No secret stored: the server will say what it thinks of that. */
          sitrep_source_set_secret (pending->source, secret);
          start_test (self, pending->source);
        }
    }

  if (secret != NULL)
    sitrep_credentials_free (secret);
  pending_free (pending);
}

static void
on_test_clicked_cb (SitrepSourceDialog *self)
{
  g_autoptr(SitrepSource) source = NULL;
  g_autoptr(GError) error = NULL;
  const char *secret;

  if (!(source = build_source (self, &error)))
    {
      show_test_result (self, error->message, FALSE);
      return;
    }

  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  self->test_cancellable = g_cancellable_new ();
  set_testing (self, TRUE);

  secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  if (*secret != '\0' || !has_stored_secret (self))
    {
      sitrep_source_set_secret (source, secret);
      start_test (self, source);
      return;
    }

  /* Editing with the secret left empty: test with the stored one, which
   * goes to the test's source object and nowhere else. */
  {
    g_autofree char *account = sitrep_source_dup_account (source);

    sitrep_credentials_lookup_async (account, self->test_cancellable, lookup_cb,
                                     pending_new (self, source));
  }
}

static gboolean
sitrep_source_dialog_close_request (GtkWindow *window)
{
  SitrepSourceDialog *self = SITREP_SOURCE_DIALOG (window);

  if (self->busy)
    return TRUE;

  g_cancellable_cancel (self->test_cancellable);

  return GTK_WINDOW_CLASS (sitrep_source_dialog_parent_class)->close_request (window);
}

static void
sitrep_source_dialog_dispose (GObject *object)
{
  SitrepSourceDialog *self = (SitrepSourceDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->http);
  g_clear_pointer (&self->original, g_variant_unref);

  G_OBJECT_CLASS (sitrep_source_dialog_parent_class)->dispose (object);
}

static void
sitrep_source_dialog_finalize (GObject *object)
{
  SitrepSourceDialog *self = (SitrepSourceDialog *)object;

  g_free (self->id);

  G_OBJECT_CLASS (sitrep_source_dialog_parent_class)->finalize (object);
}

static void
sitrep_source_dialog_class_init (SitrepSourceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sitrep_source_dialog_dispose;
  object_class->finalize = sitrep_source_dialog_finalize;
  window_class->close_request = sitrep_source_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sitrep/Sitrep/ui/sitrep-source-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepSourceDialog, auth_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepSourceDialog, auth_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepSourceDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepSourceDialog, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, SitrepSourceDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepSourceDialog, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, SitrepSourceDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepSourceDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepSourceDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepSourceDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepSourceDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SitrepSourceDialog, test_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepSourceDialog, test_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepSourceDialog, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, SitrepSourceDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepSourceDialog, username_row);
  gtk_widget_class_bind_template_callback (widget_class, on_auth_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked_cb);

  gtk_widget_class_install_action (widget_class, "source.save", NULL, sitrep_source_dialog_save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "source.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "source.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sitrep_source_dialog_init (SitrepSourceDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->test_cancellable = g_cancellable_new ();

  for (guint kind = SITREP_SOURCE_KIND_PROMETHEUS; kind <= SITREP_SOURCE_KIND_STATUSPAGE; kind++)
    gtk_string_list_append (kinds, sitrep_source_kind_get_label (kind));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  /* Whatever a source is called is shown as typed. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->name_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->url_row), FALSE);
}

static char *
lookup_string (GVariant   *dict,
               const char *key)
{
  const char *value = NULL;

  if (dict == NULL || !g_variant_lookup (dict, key, "&s", &value))
    return g_strdup ("");

  return g_strdup (value);
}

static void
fill (SitrepSourceDialog *self,
      GVariant           *source)
{
  g_autofree char *kind = lookup_string (source, "kind");
  g_autofree char *name = lookup_string (source, "name");
  g_autofree char *url = lookup_string (source, "url");
  g_autofree char *auth = lookup_string (source, "auth");
  g_autofree char *username = lookup_string (source, "username");
  SitrepSourceKind kind_value = SITREP_SOURCE_KIND_PROMETHEUS;
  guint32 interval = SITREP_SOURCE_INTERVAL_DEFAULT;
  gboolean enabled = TRUE;

  if (sitrep_source_kind_from_token (kind, &kind_value))
    adw_combo_row_set_selected (self->kind_row, kind_value);

  for (guint i = 0; i < G_N_ELEMENTS (auth_tokens); i++)
    if (g_str_equal (auth, auth_tokens[i]))
      self->original_auth = i;
  adw_combo_row_set_selected (self->auth_row, self->original_auth);

  g_variant_lookup (source, "interval", "u", &interval);
  g_variant_lookup (source, "enabled", "b", &enabled);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
  gtk_spin_button_set_value (self->interval_spin,
                             CLAMP (interval, SITREP_SOURCE_INTERVAL_MIN, SITREP_SOURCE_INTERVAL_MAX));
  gtk_switch_set_active (self->enabled_switch, enabled);
}

/**
 * sitrep_source_dialog_new:
 * @parent: the window it belongs to
 * @settings: where the "sources" setting is written
 * @http: (nullable): the client to test the connection with
 * @source: (nullable): the entry of the "sources" setting to edit, or
 *   %NULL to add a source
 *
 * Returns: (transfer none): a new dialog, to present; it writes the
 *   setting itself and closes once the source is saved
 */
SitrepSourceDialog *
sitrep_source_dialog_new (GtkWindow  *parent,
                          GSettings  *settings,
                          SitrepHttp *http,
                          GVariant   *source)
{
  SitrepSourceDialog *self;
  g_autofree char *id = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!http || SITREP_IS_HTTP (http), NULL);
  g_return_val_if_fail (!source || g_variant_is_of_type (source, G_VARIANT_TYPE_VARDICT), NULL);

  self = g_object_new (SITREP_TYPE_SOURCE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->settings = g_object_ref (settings);
  self->http = http != NULL ? g_object_ref (http) : NULL;

  if (source != NULL)
    {
      self->original = g_variant_ref_sink (source);
      id = lookup_string (source, "id");
      fill (self, source);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Source"));
      gtk_button_set_label (self->save_button, _("Save"));
    }

  self->id = id != NULL && *id != '\0' ? g_steal_pointer (&id) : g_uuid_string_random ();
  update_auth_rows (self);

  return self;
}
