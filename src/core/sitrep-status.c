/* sitrep-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sitrep-status"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sitrep-status.h"

typedef struct
{
  const char *token;
  const char *label;
  const char *definition;
} StatusInfo;

static const StatusInfo status_info[] = {
  [SITREP_STATUS_INVESTIGATING] = {
    "investigating",
    N_("Investigating"),
    N_("The problem is confirmed and its cause is being looked for."),
  },
  [SITREP_STATUS_IDENTIFIED] = {
    "identified",
    N_("Identified"),
    N_("The cause is known and a fix or a containment is under way."),
  },
  [SITREP_STATUS_MONITORING] = {
    "monitoring",
    N_("Monitoring"),
    N_("A fix is in place and its effect is being watched."),
  },
  [SITREP_STATUS_RESOLVED] = {
    "resolved",
    N_("Resolved"),
    N_("Users are no longer affected."),
  },
};

gboolean
sitrep_status_is_valid (int value)
{
  return value >= SITREP_STATUS_INVESTIGATING && value <= SITREP_STATUS_LAST;
}

const char *
sitrep_status_to_token (SitrepStatus status)
{
  g_return_val_if_fail (sitrep_status_is_valid (status), NULL);

  return status_info[status].token;
}

gboolean
sitrep_status_from_token (const char   *token,
                          SitrepStatus *status)
{
  if (token == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (status_info); i++)
    {
      if (g_str_equal (token, status_info[i].token))
        {
          if (status != NULL)
            *status = (SitrepStatus)i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
sitrep_status_get_label (SitrepStatus status)
{
  g_return_val_if_fail (sitrep_status_is_valid (status), NULL);

  return _(status_info[status].label);
}

const char *
sitrep_status_get_definition (SitrepStatus status)
{
  g_return_val_if_fail (sitrep_status_is_valid (status), NULL);

  return _(status_info[status].definition);
}

gboolean
sitrep_status_is_active (SitrepStatus status)
{
  return status != SITREP_STATUS_RESOLVED;
}
