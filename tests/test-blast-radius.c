/* test-blast-radius.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The blast radius' arithmetic: shares per segment and in all, with
 * missing numbers left out rather than counted as zero; the loss
 * integrated over time, with gaps and NaN samples; and the severity it
 * suggests, with its reason. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sitrep-blast-radius.h"

#define MINUTE (60 * G_TIME_SPAN_SECOND)
#define T0     (G_GINT64_CONSTANT (1795500000) * G_TIME_SPAN_SECOND)

static void
test_shares (void)
{
  SitrepSegment segments[] = {
    { (char *)"ios", 300, 1000 },
    { (char *)"android", 50, 4000 },
    { (char *)"web", NAN, 5000 },        /* not known: left out */
    { (char *)"desktop", 10, 0 },        /* no sessions: left out */
    { (char *)"tv", 70, 50 },            /* more affected than there are: all */
  };
  double affected, total;

  g_assert_cmpfloat_with_epsilon (sitrep_segment_get_share (&segments[0]), 0.3, 1e-12);
  g_assert_cmpfloat_with_epsilon (sitrep_segment_get_share (&segments[1]), 0.0125, 1e-12);
  g_assert_true (isnan (sitrep_segment_get_share (&segments[2])));
  g_assert_true (isnan (sitrep_segment_get_share (&segments[3])));
  g_assert_cmpfloat (sitrep_segment_get_share (&segments[4]), ==, 1.0);

  g_assert_cmpfloat_with_epsilon (sitrep_blast_radius_total_share (segments, G_N_ELEMENTS (segments),
                                                                   &affected, &total),
                                  400.0 / 5050.0, 1e-12);
  g_assert_cmpfloat (affected, ==, 400);
  g_assert_cmpfloat (total, ==, 5050);

  g_assert_true (isnan (sitrep_blast_radius_total_share (&segments[2], 2, &affected, &total)));
  g_assert_true (isnan (affected) && isnan (total));
  g_assert_true (isnan (sitrep_blast_radius_total_share (NULL, 0, NULL, NULL)));
}

static void
test_loss (void)
{
  /* 100 a minute at T0+1, 300 at T0+3, a missing sample at T0+4, 300 at T0+5. */
  gint64 at[] = { T0 + 1 * MINUTE, T0 + 3 * MINUTE, T0 + 4 * MINUTE, T0 + 5 * MINUTE };
  double per_minute[] = { 100, 300, NAN, 300 };
  double nothing[] = { NAN, NAN, NAN, NAN };

  /* From detection at T0: 100 held for the first minute (100), a ramp to
   * 300 over two (400), 300 for two more (600), held for one (300). */
  g_assert_cmpfloat_with_epsilon (sitrep_blast_radius_integrate_loss (at, per_minute, 4, T0, T0 + 6 * MINUTE),
                                  1400, 1e-9);
  /* Half way up the ramp: 100 + (100 + 200) / 2. */
  g_assert_cmpfloat_with_epsilon (sitrep_blast_radius_integrate_loss (at, per_minute, 4, T0, T0 + 2 * MINUTE),
                                  250, 1e-9);
  /* A window inside the ramp. */
  g_assert_cmpfloat_with_epsilon (sitrep_blast_radius_integrate_loss (at, per_minute, 4, T0 + 2 * MINUTE,
                                                                      T0 + 3 * MINUTE),
                                  250, 1e-9);
  g_assert_cmpfloat (sitrep_blast_radius_integrate_loss (at, per_minute, 4, T0, T0), ==, 0);
  g_assert_true (isnan (sitrep_blast_radius_integrate_loss (at, nothing, 4, T0, T0 + MINUTE)));
  g_assert_true (isnan (sitrep_blast_radius_integrate_loss (NULL, NULL, 0, T0, T0 + MINUTE)));
}

/* One segment and one feature, either of them maybe none. */
static SitrepSeverity
suggest (const SitrepSegment            *segment,
         const SitrepFeature            *feature,
         const SitrepSeverityThresholds *thresholds,
         char                          **reason)
{
  g_clear_pointer (reason, g_free);
  return sitrep_blast_radius_suggest (segment, segment != NULL, feature, feature != NULL, thresholds, reason);
}

static void
test_suggestion (void)
{
  SitrepSegment many[] = { { (char *)"ios", 400, 1000 } };
  SitrepSegment some[] = { { (char *)"ios", 100, 1000 } };
  SitrepSegment few[] = { { (char *)"ios", 1, 1000 } };
  SitrepSegment none[] = { { (char *)"ios", 0, 1000 } };
  SitrepFeature checkout_down[] = { { (char *)"checkout", SITREP_FEATURE_DOWN, TRUE } };
  SitrepFeature checkout_slow[] = { { (char *)"checkout", SITREP_FEATURE_DEGRADED, TRUE } };
  SitrepFeature search_down[] = { { (char *)"search", SITREP_FEATURE_DOWN, FALSE } };
  SitrepFeature search_slow[] = { { (char *)"search", SITREP_FEATURE_DEGRADED, FALSE } };
  SitrepSeverityThresholds strict = { 0.5, 0.2 };
  g_autofree char *reason = NULL;

#define SUGGEST(s, f, t) suggest (s, f, t, &reason)

  g_assert_cmpint (SUGGEST (none, checkout_down, NULL), ==, SITREP_SEVERITY_SEV1);
  g_assert_cmpstr (reason, ==, "The core feature “checkout” is down.");
  g_assert_cmpint (SUGGEST (many, (SitrepFeature *)NULL, NULL), ==, SITREP_SEVERITY_SEV1);
  g_assert_cmpstr (reason, ==, "40.0 % of users are affected, more than 25.0 %.");
  g_assert_cmpint (SUGGEST (many, (SitrepFeature *)NULL, &strict), ==, SITREP_SEVERITY_SEV2);
  g_assert_cmpint (SUGGEST (none, checkout_slow, NULL), ==, SITREP_SEVERITY_SEV2);
  g_assert_nonnull (strstr (reason, "degraded"));
  g_assert_cmpint (SUGGEST (none, search_down, NULL), ==, SITREP_SEVERITY_SEV2);
  g_assert_cmpint (SUGGEST (some, (SitrepFeature *)NULL, NULL), ==, SITREP_SEVERITY_SEV2);
  g_assert_cmpint (SUGGEST (some, (SitrepFeature *)NULL, &strict), ==, SITREP_SEVERITY_SEV3);
  g_assert_cmpint (SUGGEST (few, (SitrepFeature *)NULL, NULL), ==, SITREP_SEVERITY_SEV3);
  g_assert_cmpint (SUGGEST (none, search_slow, NULL), ==, SITREP_SEVERITY_SEV3);
  g_assert_cmpint (SUGGEST (none, (SitrepFeature *)NULL, NULL), ==, SITREP_SEVERITY_SEV4);
  g_assert_cmpint (SUGGEST ((SitrepSegment *)NULL, (SitrepFeature *)NULL, NULL), ==, SITREP_SEVERITY_UNTRIAGED);
  g_assert_nonnull (strstr (reason, "Nothing is known"));

#undef SUGGEST
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/blast-radius/shares", test_shares);
  g_test_add_func ("/blast-radius/loss", test_loss);
  g_test_add_func ("/blast-radius/suggestion", test_suggestion);

  return g_test_run ();
}
