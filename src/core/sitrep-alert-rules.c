/* sitrep-alert-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* From alerts to an incident: the severity a set of alerts suggests, by
 * rules a team configures ("severity=critical, tier=core" → SEV1; the first
 * rule that matches any alert wins, rules in order), and the title and
 * summary a declaration starts from. Pure functions over alerts. */

#define G_LOG_DOMAIN "sitrep-alert-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sitrep-alert-rules.h"

#define SUGGESTED_DEFAULT SITREP_SEVERITY_SEV3

/* Whether every "name=value" pair of @matchers holds for @alert. */
static gboolean
matches (SitrepAlert *alert,
         const char  *matchers)
{
  g_auto(GStrv) pairs = g_strsplit (matchers, ",", -1);
  guint n_pairs = 0;

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      const char *value;

      g_strstrip (pairs[i]);
      if (*pairs[i] == '\0')
        continue;

      parts = g_strsplit (pairs[i], "=", 2);
      if (parts[1] == NULL)
        return FALSE;

      g_strstrip (parts[0]);
      g_strstrip (parts[1]);
      value = sitrep_alert_get_label (alert, parts[0]);
      if (g_strcmp0 (value, parts[1]) != 0)
        return FALSE;
      n_pairs++;
    }

  return n_pairs > 0;
}

/**
 * sitrep_alert_rules_check:
 * @rules: an `a(si)` of label matchers and severities
 *
 * Returns: whether every rule can be used; if not, @error says which
 */
gboolean
sitrep_alert_rules_check (GVariant  *rules,
                          GError   **error)
{
  GVariantIter iter;
  const char *matchers;
  gint32 severity;

  g_return_val_if_fail (rules != NULL && g_variant_is_of_type (rules, G_VARIANT_TYPE ("a(si)")), FALSE);

  g_variant_iter_init (&iter, rules);
  while (g_variant_iter_next (&iter, "(&si)", &matchers, &severity))
    {
      g_auto(GStrv) pairs = g_strsplit (matchers, ",", -1);

      if (severity < SITREP_SEVERITY_SEV1 || severity > SITREP_SEVERITY_SEV4)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: %s is a rule such as "severity=critical". */
                       _("The rule “%s” names no severity from SEV1 to SEV4."), matchers);
          return FALSE;
        }

      for (guint i = 0; pairs[i] != NULL; i++)
        if (strchr (pairs[i], '=') == NULL)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         /* Translators: %s is a rule such as "severity=critical". */
                         _("The rule “%s” is not a list of label=value pairs separated by "
                           "commas, such as severity=critical, tier=core."), matchers);
            return FALSE;
          }
    }

  return TRUE;
}

/**
 * sitrep_alert_rules_suggest_severity:
 * @alerts: (element-type SitrepAlert): the alerts an incident comes from
 * @rules: an `a(si)`: label matchers ("severity=critical, tier=core") and
 *   the severity (1 to 4) they suggest, the first matching rule winning
 * @reason: (out) (optional) (transfer full): why, in one sentence
 *
 * Returns: the most severe suggestion over @alerts, or SEV3 when no rule
 *   matches
 */
SitrepSeverity
sitrep_alert_rules_suggest_severity (GPtrArray  *alerts,
                                     GVariant   *rules,
                                     char      **reason)
{
  SitrepSeverity best = SITREP_SEVERITY_UNTRIAGED;
  g_autofree char *best_rule = NULL;
  const char *best_alert = NULL;

  g_return_val_if_fail (alerts != NULL, SUGGESTED_DEFAULT);
  g_return_val_if_fail (rules != NULL && g_variant_is_of_type (rules, G_VARIANT_TYPE ("a(si)")),
                        SUGGESTED_DEFAULT);

  for (guint i = 0; i < alerts->len; i++)
    {
      SitrepAlert *alert = g_ptr_array_index (alerts, i);
      GVariantIter iter;
      const char *matchers;
      gint32 severity;

      g_variant_iter_init (&iter, rules);
      while (g_variant_iter_next (&iter, "(&si)", &matchers, &severity))
        {
          if (severity < SITREP_SEVERITY_SEV1 || severity > SITREP_SEVERITY_SEV4 ||
              !matches (alert, matchers))
            continue;

          if (best == SITREP_SEVERITY_UNTRIAGED || severity < (gint32)best)
            {
              best = severity;
              g_free (best_rule);
              best_rule = g_strdup (matchers);
              best_alert = sitrep_alert_get_name (alert);
            }
          break;
        }
    }

  if (best == SITREP_SEVERITY_UNTRIAGED)
    {
      if (reason != NULL)
        /* Translators: %s is a severity such as "SEV3". */
        *reason = g_strdup_printf (_("No severity rule matches these alerts, so %s is suggested."),
                                   sitrep_severity_get_label (SUGGESTED_DEFAULT));
      return SUGGESTED_DEFAULT;
    }

  if (reason != NULL)
    /* Translators: an alert's name, a rule such as "severity=critical", a severity. */
    *reason = g_strdup_printf (_("%s matches the rule “%s”, which suggests %s."),
                               best_alert, best_rule, sitrep_severity_get_label (best));
  return best;
}

static const char *
summary_of (SitrepAlert *alert)
{
  const char *summary = sitrep_alert_get_annotation (alert, "summary");

  if (summary == NULL)
    summary = sitrep_alert_get_annotation (alert, "description");

  return summary;
}

/**
 * sitrep_alert_dup_group_key:
 *
 * Returns: (transfer full): what the alerts panel groups alerts by: the
 *   alert's name and, if it has one, its service
 */
char *
sitrep_alert_dup_group_key (SitrepAlert *alert)
{
  const char *service;

  g_return_val_if_fail (SITREP_IS_ALERT (alert), NULL);

  service = sitrep_alert_get_label (alert, "service");
  return g_strconcat (sitrep_alert_get_name (alert), "\x1f", service != NULL ? service : "", NULL);
}

/**
 * sitrep_alert_rules_suggest_title:
 * @alerts: (element-type SitrepAlert): at least one alert
 *
 * Returns: (transfer full): a title for an incident declared from @alerts,
 *   within the title's length limit
 */
char *
sitrep_alert_rules_suggest_title (GPtrArray *alerts)
{
  SitrepAlert *first;
  const char *service;
  g_autofree char *title = NULL;

  g_return_val_if_fail (alerts != NULL && alerts->len > 0, NULL);

  first = g_ptr_array_index (alerts, 0);
  service = sitrep_alert_get_label (first, "service");

  if (alerts->len == 1 && summary_of (first) != NULL)
    title = g_strdup (summary_of (first));
  else if (service != NULL)
    /* Translators: an alert's name and the service it is about: "PaymentSuccessRateLow on checkout". */
    title = g_strdup_printf (_("%s on %s"), sitrep_alert_get_name (first), service);
  else
    title = g_strdup (sitrep_alert_get_name (first));

  /* A title is one line of at most 120 characters. */
  g_strdelimit (title, "\n\r\t", ' ');
  if (g_utf8_strlen (title, -1) > 120)
    {
      char *end = g_utf8_offset_to_pointer (title, 119);

      *end = '\0';
      return g_strconcat (title, "…", NULL);
    }

  return g_steal_pointer (&title);
}

/**
 * sitrep_alert_rules_suggest_summary:
 * @alerts: (element-type SitrepAlert): the alerts
 *
 * Returns: (transfer full): one line per alert (at most ten), for the
 *   summary of an incident declared from @alerts
 */
char *
sitrep_alert_rules_suggest_summary (GPtrArray *alerts)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (alerts != NULL, NULL);

  for (guint i = 0; i < alerts->len && i < 10; i++)
    {
      SitrepAlert *alert = g_ptr_array_index (alerts, i);
      const char *summary = summary_of (alert);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (summary != NULL)
        /* Translators: an alert's name and its summary. */
        g_string_append_printf (text, _("%s: %s"), sitrep_alert_get_name (alert), summary);
      else
        g_string_append (text, sitrep_alert_get_name (alert));
    }

  if (alerts->len > 10)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              /* Translators: %u is a number of further alerts. */
                              g_dngettext (GETTEXT_PACKAGE, "…and %u more alert", "…and %u more alerts",
                                           alerts->len - 10),
                              alerts->len - 10);
    }

  return g_string_free (text, FALSE);
}

/**
 * sitrep_alert_rules_first_start:
 * @alerts: (element-type SitrepAlert): the alerts
 *
 * Returns: when the first of @alerts started, or 0 if none says
 */
gint64
sitrep_alert_rules_first_start (GPtrArray *alerts)
{
  gint64 first = 0;

  g_return_val_if_fail (alerts != NULL, 0);

  for (guint i = 0; i < alerts->len; i++)
    {
      gint64 starts_at = sitrep_alert_get_starts_at (g_ptr_array_index (alerts, i));

      if (starts_at > 0 && (first == 0 || starts_at < first))
        first = starts_at;
    }

  return first;
}
