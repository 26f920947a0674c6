/* test-severity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sitrep-core-enums.h"
#include "sitrep-severity.h"
#include "sitrep-status.h"

static void
test_severity_tokens (void)
{
  static const char * const tokens[] = { "untriaged", "sev1", "sev2", "sev3", "sev4" };

  for (int i = 0; i <= SITREP_SEVERITY_LAST; i++)
    {
      SitrepSeverity parsed = -1;

      g_assert_true (sitrep_severity_is_valid (i));
      g_assert_cmpstr (sitrep_severity_to_token (i), ==, tokens[i]);
      g_assert_true (sitrep_severity_from_token (tokens[i], &parsed));
      g_assert_cmpint (parsed, ==, i);
    }

  g_assert_false (sitrep_severity_is_valid (-1));
  g_assert_false (sitrep_severity_is_valid (5));
  g_assert_false (sitrep_severity_from_token ("sev0", NULL));
  g_assert_false (sitrep_severity_from_token ("SEV1", NULL));
  g_assert_false (sitrep_severity_from_token ("", NULL));
  g_assert_false (sitrep_severity_from_token (NULL, NULL));
}

static void
test_severity_definitions (void)
{
  /* Every level reads as its name and carries a definition that a
   * responder can decide by. */
  g_assert_cmpstr (sitrep_severity_get_label (SITREP_SEVERITY_SEV1), ==, "SEV1");
  g_assert_cmpstr (sitrep_severity_get_label (SITREP_SEVERITY_SEV4), ==, "SEV4");
  g_assert_cmpstr (sitrep_severity_get_label (SITREP_SEVERITY_UNTRIAGED), ==, "Untriaged");

  g_assert_nonnull (strstr (sitrep_severity_get_definition (SITREP_SEVERITY_SEV1),
                            "completely unavailable"));
  g_assert_nonnull (strstr (sitrep_severity_get_definition (SITREP_SEVERITY_SEV2),
                            "severely impaired"));
  g_assert_nonnull (strstr (sitrep_severity_get_definition (SITREP_SEVERITY_SEV3), "non-core"));
  g_assert_nonnull (strstr (sitrep_severity_get_definition (SITREP_SEVERITY_UNTRIAGED),
                            "pick the higher one"));

  for (int i = 0; i <= SITREP_SEVERITY_LAST; i++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_cmpuint (strlen (sitrep_severity_get_definition (i)), >, 20);
      g_assert_nonnull (sitrep_severity_get_css_class (i));

      /* Each severity has a shape of its own: colour is never alone. */
      for (int j = 0; j <= SITREP_SEVERITY_LAST; j++)
        g_assert_true (g_hash_table_add (seen, (gpointer)sitrep_severity_get_icon_name (j)));
    }
}

static void
test_severity_rank (void)
{
  /* Most severe first; an untriaged incident ranks with SEV1. */
  g_assert_cmpint (sitrep_severity_get_rank (SITREP_SEVERITY_SEV1), <,
                   sitrep_severity_get_rank (SITREP_SEVERITY_SEV2));
  g_assert_cmpint (sitrep_severity_get_rank (SITREP_SEVERITY_SEV2), <,
                   sitrep_severity_get_rank (SITREP_SEVERITY_SEV3));
  g_assert_cmpint (sitrep_severity_get_rank (SITREP_SEVERITY_SEV3), <,
                   sitrep_severity_get_rank (SITREP_SEVERITY_SEV4));
  g_assert_cmpint (sitrep_severity_get_rank (SITREP_SEVERITY_UNTRIAGED), ==,
                   sitrep_severity_get_rank (SITREP_SEVERITY_SEV1));
}

static void
test_status (void)
{
  static const char * const tokens[] = { "investigating", "identified", "monitoring", "resolved" };

  for (int i = 0; i <= SITREP_STATUS_LAST; i++)
    {
      SitrepStatus parsed = -1;

      g_assert_cmpstr (sitrep_status_to_token (i), ==, tokens[i]);
      g_assert_true (sitrep_status_from_token (tokens[i], &parsed));
      g_assert_cmpint (parsed, ==, i);
      g_assert_cmpuint (strlen (sitrep_status_get_label (i)), >, 0);
      g_assert_cmpuint (strlen (sitrep_status_get_definition (i)), >, 10);
      g_assert_true (sitrep_status_is_active (i) == (i != SITREP_STATUS_RESOLVED));
    }

  g_assert_false (sitrep_status_from_token ("fixed", NULL));
}

static void
test_enum_types (void)
{
  g_autoptr(GEnumClass) severities = g_type_class_ref (SITREP_TYPE_SEVERITY);
  g_autoptr(GEnumClass) statuses = g_type_class_ref (SITREP_TYPE_STATUS);

  g_assert_cmpuint (severities->n_values, ==, SITREP_SEVERITY_LAST + 1);
  g_assert_cmpuint (statuses->n_values, ==, SITREP_STATUS_LAST + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/severity/tokens", test_severity_tokens);
  g_test_add_func ("/severity/definitions", test_severity_definitions);
  g_test_add_func ("/severity/rank", test_severity_rank);
  g_test_add_func ("/status/vocabulary", test_status);
  g_test_add_func ("/enums/types", test_enum_types);

  return g_test_run ();
}
