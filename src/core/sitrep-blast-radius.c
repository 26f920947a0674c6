/* sitrep-blast-radius.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The arithmetic of the blast radius: who is affected (a share per
 * segment and in all), what it costs (a loss per minute integrated since
 * detection), and the severity that suggests. Pure functions: the numbers
 * come from queries elsewhere; NaN means "not known", never zero. */

#define G_LOG_DOMAIN "sitrep-blast-radius"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "sitrep-blast-radius.h"

/**
 * sitrep_segment_get_share:
 *
 * Returns: the affected share of the segment, from 0 to 1, or NaN when
 *   it is not known (no total, or a number missing)
 */
double
sitrep_segment_get_share (const SitrepSegment *segment)
{
  g_return_val_if_fail (segment != NULL, NAN);

  if (!isfinite (segment->affected) || !isfinite (segment->total) || segment->total <= 0)
    return NAN;

  return CLAMP (segment->affected / segment->total, 0.0, 1.0);
}

/**
 * sitrep_blast_radius_total_share:
 * @affected: (out) (optional): how many are affected in all
 * @total: (out) (optional): how many there are in all
 *
 * Adds up the segments whose numbers are known.
 *
 * Returns: the affected share over all of them, or NaN when none is known
 */
double
sitrep_blast_radius_total_share (const SitrepSegment *segments,
                                 guint                n_segments,
                                 double              *affected,
                                 double              *total)
{
  double sum_affected = 0, sum_total = 0;

  for (guint i = 0; i < n_segments; i++)
    if (!isnan (sitrep_segment_get_share (&segments[i])))
      {
        sum_affected += MIN (segments[i].affected, segments[i].total);
        sum_total += segments[i].total;
      }

  if (affected != NULL)
    *affected = sum_total > 0 ? sum_affected : NAN;
  if (total != NULL)
    *total = sum_total > 0 ? sum_total : NAN;

  return sum_total > 0 ? sum_affected / sum_total : NAN;
}

/* The loss per minute at @t: between two known samples, the line joining
 * them; before the first or after the last, the nearest. */
static double
value_at (const gint64 *at,
          const double *values,
          guint         n,
          gint64        t)
{
  gint64 before_at = 0, after_at = 0;
  double before = NAN, after = NAN;

  for (guint i = 0; i < n; i++)
    {
      if (!isfinite (values[i]))
        continue;
      if (at[i] <= t)
        {
          before_at = at[i];
          before = values[i];
        }
      else if (isnan (after))
        {
          after_at = at[i];
          after = values[i];
        }
    }

  if (isnan (before))
    return after;
  if (isnan (after) || after_at == before_at)
    return before;

  return before + (after - before) * (double)(t - before_at) / (double)(after_at - before_at);
}

/**
 * sitrep_blast_radius_integrate_loss:
 * @at: (array length=n_samples): the samples' times, µs, in order
 * @per_minute: (array length=n_samples): the loss per minute then; NaN
 *   for a sample that is missing
 * @from: detection, µs
 * @until: now, µs
 *
 * The estimated loss between @from and @until: the loss per minute joined
 * by straight lines between known samples, held flat before the first and
 * after the last, and integrated. An estimate, and said to be one.
 *
 * Returns: the loss, or NaN when no sample is known
 */
double
sitrep_blast_radius_integrate_loss (const gint64 *at,
                                    const double *per_minute,
                                    guint         n_samples,
                                    gint64        from,
                                    gint64        until)
{
  double loss = 0, known = 0;
  gint64 t;

  g_return_val_if_fail (n_samples == 0 || (at != NULL && per_minute != NULL), NAN);

  for (guint i = 0; i < n_samples; i++)
    known += isfinite (per_minute[i]);
  if (known == 0)
    return NAN;
  if (until <= from)
    return 0;

  /* Trapezoids between the breakpoints inside [from, until]: exact for a
   * piecewise linear function. */
  t = from;
  while (t < until)
    {
      gint64 next = until;

      for (guint i = 0; i < n_samples; i++)
        if (isfinite (per_minute[i]) && at[i] > t && at[i] < next)
          next = at[i];

      loss += (value_at (at, per_minute, n_samples, t) + value_at (at, per_minute, n_samples, next)) / 2.0 *
              (double)(next - t) / (60.0 * G_TIME_SPAN_SECOND);
      t = next;
    }

  return loss;
}

/**
 * sitrep_blast_radius_suggest:
 * @thresholds: (nullable): the shares that suggest SEV1 and SEV2; the
 *   defaults when %NULL
 * @reason: (out) (optional) (transfer full): why, in one sentence
 *
 * The severity the blast radius suggests: a core feature down, or more
 * than the SEV1 share of users affected, is SEV1; a core feature degraded,
 * another feature down, or more than the SEV2 share, is SEV2; anything
 * else affected is SEV3, nothing is SEV4. It is a suggestion: nothing
 * changes an incident's severity but a person.
 *
 * Returns: the severity, or %SITREP_SEVERITY_UNTRIAGED when nothing is
 *   known
 */
SitrepSeverity
sitrep_blast_radius_suggest (const SitrepSegment            *segments,
                             guint                           n_segments,
                             const SitrepFeature            *features,
                             guint                           n_features,
                             const SitrepSeverityThresholds *thresholds,
                             char                          **reason)
{
  SitrepSeverityThresholds defaults = { SITREP_SEV1_SHARE_DEFAULT, SITREP_SEV2_SHARE_DEFAULT };
  double share = sitrep_blast_radius_total_share (segments, n_segments, NULL, NULL);
  const SitrepFeature *down = NULL, *core_degraded = NULL, *degraded = NULL;

  if (thresholds == NULL)
    thresholds = &defaults;

  for (guint i = 0; i < n_features; i++)
    {
      const SitrepFeature *feature = &features[i];

      if (feature->state == SITREP_FEATURE_DOWN && feature->core)
        {
          if (reason != NULL)
            /* Translators: %s is a feature, such as "checkout". */
            *reason = g_strdup_printf (_("The core feature “%s” is down."), feature->name);
          return SITREP_SEVERITY_SEV1;
        }
      if (feature->state == SITREP_FEATURE_DOWN && down == NULL)
        down = feature;
      if (feature->state == SITREP_FEATURE_DEGRADED && feature->core && core_degraded == NULL)
        core_degraded = feature;
      if (feature->state == SITREP_FEATURE_DEGRADED && degraded == NULL)
        degraded = feature;
    }

  if (!isnan (share) && share > thresholds->sev1_share)
    {
      if (reason != NULL)
        /* Translators: two percentages; keep the %% signs. */
        *reason = g_strdup_printf (_("%.1f %% of users are affected, more than %.1f %%."),
                                   share * 100, thresholds->sev1_share * 100);
      return SITREP_SEVERITY_SEV1;
    }

  if (core_degraded != NULL)
    {
      if (reason != NULL)
        /* Translators: %s is a feature, such as "checkout". */
        *reason = g_strdup_printf (_("The core feature “%s” is degraded."), core_degraded->name);
      return SITREP_SEVERITY_SEV2;
    }

  if (down != NULL)
    {
      if (reason != NULL)
        /* Translators: %s is a feature, such as "search". */
        *reason = g_strdup_printf (_("The feature “%s” is down."), down->name);
      return SITREP_SEVERITY_SEV2;
    }

  if (!isnan (share) && share > thresholds->sev2_share)
    {
      if (reason != NULL)
        /* Translators: two percentages; keep the %% signs. */
        *reason = g_strdup_printf (_("%.1f %% of users are affected, more than %.1f %%."),
                                   share * 100, thresholds->sev2_share * 100);
      return SITREP_SEVERITY_SEV2;
    }

  if (degraded != NULL || (!isnan (share) && share > 0))
    {
      if (reason != NULL)
        *reason = g_strdup (_("Some users or a feature are affected, within the thresholds of SEV2."));
      return SITREP_SEVERITY_SEV3;
    }

  if (isnan (share) && n_features == 0)
    {
      if (reason != NULL)
        *reason = g_strdup (_("Nothing is known yet of who or what is affected."));
      return SITREP_SEVERITY_UNTRIAGED;
    }

  if (reason != NULL)
    *reason = g_strdup (_("No user and no feature is measured as affected."));
  return SITREP_SEVERITY_SEV4;
}
