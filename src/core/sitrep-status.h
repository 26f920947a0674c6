/* sitrep-status.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SitrepStatus:
 *
 * An incident's status, in the vocabulary of public status pages so that what
 * the war room says and what users read never disagree.
 */
typedef enum
{
  SITREP_STATUS_INVESTIGATING = 0,
  SITREP_STATUS_IDENTIFIED,
  SITREP_STATUS_MONITORING,
  SITREP_STATUS_RESOLVED,
} SitrepStatus;

#define SITREP_STATUS_LAST SITREP_STATUS_RESOLVED

gboolean     sitrep_status_is_valid       (int           value);
const char  *sitrep_status_to_token       (SitrepStatus  status);
gboolean     sitrep_status_from_token     (const char   *token,
                                           SitrepStatus *status);
const char  *sitrep_status_get_label      (SitrepStatus  status);
const char  *sitrep_status_get_definition (SitrepStatus  status);
gboolean     sitrep_status_is_active      (SitrepStatus  status);

G_END_DECLS
