/* sitrep-credentials.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Credentials (API tokens, webhook secrets, passwords) live in the user's
 * keyring through libsecret, and nowhere else: never in GSettings, the
 * journal, a file or a log. Everything else refers to a credential by its
 * account name, e.g. "source:<uuid>". Errors never include the secret. */

#define G_LOG_DOMAIN "sitrep-credentials"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "sitrep-credentials.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "org.sitrep.Sitrep.Credential", SECRET_SCHEMA_NONE,
    {
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static GError *
keyring_error (GError *error)
{
  GError *friendly;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  friendly = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                          /* Translators: %s is the keyring's own explanation. */
                          _("The keyring could not be used: %s. Check that a keyring (such as "
                            "GNOME Keyring) is running and unlocked."),
                          error->message);
  g_error_free (error);
  return friendly;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * sitrep_credentials_store_async:
 * @account: what the secret belongs to, e.g. "source:<uuid>"
 * @label: what a person sees in their keyring manager
 * @secret: the secret; it is not copied anywhere but the keyring
 *
 * Stores @secret in the default keyring collection, replacing any earlier
 * secret of @account.
 */
void
sitrep_credentials_store_async (const char          *account,
                                const char          *label,
                                const char          *secret,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (account != NULL && *account != '\0');
  g_return_if_fail (label != NULL);
  g_return_if_fail (secret != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_credentials_store_async);

  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                         cancellable, store_cb, task,
                         "account", account,
                         NULL);
}

gboolean
sitrep_credentials_store_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_pointer (task, secret, (GDestroyNotify)secret_password_free);
}

void
sitrep_credentials_lookup_async (const char          *account,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (account != NULL && *account != '\0');

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_credentials_lookup_async);

  secret_password_lookup (get_schema (), cancellable, lookup_cb, task,
                          "account", account,
                          NULL);
}

/**
 * sitrep_credentials_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the secret, to be freed with
 *   sitrep_credentials_free(); %NULL without an error when there is none
 */
char *
sitrep_credentials_lookup_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error means there was nothing to delete: fine. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
sitrep_credentials_delete_async (const char          *account,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (account != NULL && *account != '\0');

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_credentials_delete_async);

  secret_password_clear (get_schema (), cancellable, delete_cb, task,
                         "account", account,
                         NULL);
}

gboolean
sitrep_credentials_delete_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sitrep_credentials_free:
 *
 * Clears the memory of a secret before freeing it.
 */
void
sitrep_credentials_free (char *secret)
{
  secret_password_free (secret);
}
