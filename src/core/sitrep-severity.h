/* sitrep-severity.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SitrepSeverity:
 * @SITREP_SEVERITY_UNTRIAGED: no severity has been set yet; the triage clock runs
 * @SITREP_SEVERITY_SEV1: a core function is completely unavailable
 * @SITREP_SEVERITY_SEV2: a core function is severely impaired
 * @SITREP_SEVERITY_SEV3: a non-core function is affected
 * @SITREP_SEVERITY_SEV4: minor impact
 *
 * The numeric values are the SEV numbers; they are never stored. The journal
 * stores the stable tokens of sitrep_severity_to_token().
 */
typedef enum
{
  SITREP_SEVERITY_UNTRIAGED = 0,
  SITREP_SEVERITY_SEV1 = 1,
  SITREP_SEVERITY_SEV2 = 2,
  SITREP_SEVERITY_SEV3 = 3,
  SITREP_SEVERITY_SEV4 = 4,
} SitrepSeverity;

#define SITREP_SEVERITY_LAST SITREP_SEVERITY_SEV4

gboolean     sitrep_severity_is_valid       (int             value);
const char  *sitrep_severity_to_token       (SitrepSeverity  severity);
gboolean     sitrep_severity_from_token     (const char     *token,
                                             SitrepSeverity *severity);
const char  *sitrep_severity_get_label      (SitrepSeverity  severity);
const char  *sitrep_severity_get_definition (SitrepSeverity  severity);
const char  *sitrep_severity_get_css_class  (SitrepSeverity  severity);
const char  *sitrep_severity_get_icon_name  (SitrepSeverity  severity);
int          sitrep_severity_get_rank       (SitrepSeverity  severity);
int          sitrep_severity_get_default_cadence (SitrepSeverity severity);

G_END_DECLS
