/* test-credentials.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A real round trip through the Secret Service (gnome-keyring in CI, in a
 * private D-Bus session). Without a keyring the test is skipped, unless
 * SITREP_REQUIRE_KEYRING=1 says one must be there. */

#include "config.h"

#include <libsecret/secret.h>

#include "sitrep-credentials.h"

#include "test-utils.h"

static gboolean
store (const char  *account,
       const char  *secret,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sitrep_credentials_store_async (account, "Sitrep test credential", secret, NULL,
                                  test_async_result_cb, &result);
  return sitrep_credentials_store_finish (test_wait_for_result (&result), error);
}

static char *
lookup (const char *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  sitrep_credentials_lookup_async (account, NULL, test_async_result_cb, &result);
  secret = sitrep_credentials_lookup_finish (test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return secret;
}

static void
delete (const char *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sitrep_credentials_delete_async (account, NULL, test_async_result_cb, &result);
  g_assert_true (sitrep_credentials_delete_finish (test_wait_for_result (&result), &error));
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *account = g_strdup_printf ("test:%s", uuid);
  g_autofree char *first = g_strdup_printf ("tok-%s", uuid);
  g_autoptr(GError) error = NULL;
  char *secret;

  if (!store (account, first, &error))
    {
      if (g_strcmp0 (g_getenv ("SITREP_REQUIRE_KEYRING"), "1") == 0)
        g_error ("No usable keyring: %s", error->message);
      g_test_skip_printf ("No usable keyring here: %s", error->message);
      return;
    }

  secret = lookup (account);
  g_assert_cmpstr (secret, ==, first);
  sitrep_credentials_free (secret);

  /* Storing again replaces the secret, it does not add a second one. */
  g_assert_true (store (account, "replaced", &error));
  secret = lookup (account);
  g_assert_cmpstr (secret, ==, "replaced");
  sitrep_credentials_free (secret);

  delete (account);
  g_assert_null (lookup (account));

  /* Deleting what is not there, or looking it up, is not an error. */
  delete (account);
  g_assert_null (lookup ("test:never-stored"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credentials/round-trip", test_round_trip);

  return g_test_run ();
}
