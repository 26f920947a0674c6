/* sitrep-severity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sitrep-severity"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sitrep-severity.h"

typedef struct
{
  const char *token;
  const char *label;
  const char *definition;
  const char *css_class;
  const char *icon_name;
} SeverityInfo;

/* The definitions follow the process every responder is trained on; they are
 * shown wherever a severity is chosen, so the choice is never made from memory. */
static const SeverityInfo severity_info[] = {
  [SITREP_SEVERITY_UNTRIAGED] = {
    "untriaged",
    N_("Untriaged"),
    N_("Not yet assessed. Set a severity within 5 minutes; when unsure, pick the higher one."),
    "untriaged",
    "sitrep-severity-untriaged-symbolic",
  },
  [SITREP_SEVERITY_SEV1] = {
    "sev1",
    N_("SEV1"),
    N_("A core function is completely unavailable (users cannot log in or pay), or user data is "
       "damaged at scale. Assemble the response team immediately."),
    "sev1",
    "sitrep-severity-1-symbolic",
  },
  [SITREP_SEVERITY_SEV2] = {
    "sev2",
    N_("SEV2"),
    N_("A core function is severely impaired, or some users are severely affected."),
    "sev2",
    "sitrep-severity-2-symbolic",
  },
  [SITREP_SEVERITY_SEV3] = {
    "sev3",
    N_("SEV3"),
    N_("A non-core function is affected, or a core function is degraded for a small share of "
       "users."),
    "sev3",
    "sitrep-severity-3-symbolic",
  },
  [SITREP_SEVERITY_SEV4] = {
    "sev4",
    N_("SEV4"),
    N_("Small impact: a minor or cosmetic problem that few users notice."),
    "sev4",
    "sitrep-severity-4-symbolic",
  },
};

gboolean
sitrep_severity_is_valid (int value)
{
  return value >= SITREP_SEVERITY_UNTRIAGED && value <= SITREP_SEVERITY_LAST;
}

/**
 * sitrep_severity_to_token:
 *
 * Returns: the stable token stored in event payloads ("sev1" … "sev4",
 *   "untriaged"); never translated.
 */
const char *
sitrep_severity_to_token (SitrepSeverity severity)
{
  g_return_val_if_fail (sitrep_severity_is_valid (severity), NULL);

  return severity_info[severity].token;
}

gboolean
sitrep_severity_from_token (const char     *token,
                            SitrepSeverity *severity)
{
  if (token == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (severity_info); i++)
    {
      if (g_str_equal (token, severity_info[i].token))
        {
          if (severity != NULL)
            *severity = (SitrepSeverity)i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * sitrep_severity_get_label:
 *
 * Returns: the short, translated name ("SEV1", "Untriaged").
 */
const char *
sitrep_severity_get_label (SitrepSeverity severity)
{
  g_return_val_if_fail (sitrep_severity_is_valid (severity), NULL);

  return _(severity_info[severity].label);
}

/**
 * sitrep_severity_get_definition:
 *
 * Returns: the translated definition responders choose by.
 */
const char *
sitrep_severity_get_definition (SitrepSeverity severity)
{
  g_return_val_if_fail (sitrep_severity_is_valid (severity), NULL);

  return _(severity_info[severity].definition);
}

const char *
sitrep_severity_get_css_class (SitrepSeverity severity)
{
  g_return_val_if_fail (sitrep_severity_is_valid (severity), NULL);

  return severity_info[severity].css_class;
}

/**
 * sitrep_severity_get_icon_name:
 *
 * Every severity has its own shape, so it is never told by colour alone:
 * SEV1 an octagon, SEV2 a triangle, SEV3 a diamond, SEV4 a circle, and an
 * untriaged incident a dashed square with a question mark.
 */
const char *
sitrep_severity_get_icon_name (SitrepSeverity severity)
{
  g_return_val_if_fail (sitrep_severity_is_valid (severity), NULL);

  return severity_info[severity].icon_name;
}

/**
 * sitrep_severity_get_rank:
 *
 * The order in which incidents are shown, lowest first. An untriaged incident
 * ranks with SEV1: until someone has looked, it may be the worst thing
 * happening ("when unsure, pick the higher one"), and its triage clock is
 * running.
 */
int
sitrep_severity_get_rank (SitrepSeverity severity)
{
  g_return_val_if_fail (sitrep_severity_is_valid (severity), G_MAXINT);

  if (severity == SITREP_SEVERITY_UNTRIAGED)
    return SITREP_SEVERITY_SEV1;

  return severity;
}

/**
 * sitrep_severity_get_default_cadence:
 *
 * How often the war room publishes a status update at this severity,
 * unless the team's settings say otherwise: every 15 minutes at SEV1, 30 at
 * SEV2, 60 at SEV3; SEV4 and untriaged incidents have no cadence.
 *
 * Returns: the interval in seconds, or 0 for none
 */
int
sitrep_severity_get_default_cadence (SitrepSeverity severity)
{
  g_return_val_if_fail (sitrep_severity_is_valid (severity), 0);

  switch (severity)
    {
    case SITREP_SEVERITY_SEV1:
      return 15 * 60;
    case SITREP_SEVERITY_SEV2:
      return 30 * 60;
    case SITREP_SEVERITY_SEV3:
      return 60 * 60;
    case SITREP_SEVERITY_SEV4:
    case SITREP_SEVERITY_UNTRIAGED:
    default:
      return 0;
    }
}
