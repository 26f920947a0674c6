/* sitrep-alert-rules.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-alert.h"
#include "sitrep-severity.h"

G_BEGIN_DECLS

SitrepSeverity  sitrep_alert_rules_suggest_severity (GPtrArray   *alerts,
                                                     GVariant    *rules,
                                                     char       **reason);
gboolean        sitrep_alert_rules_check            (GVariant    *rules,
                                                     GError     **error);
char           *sitrep_alert_rules_suggest_title    (GPtrArray   *alerts);
char           *sitrep_alert_rules_suggest_summary  (GPtrArray   *alerts);
char           *sitrep_alert_dup_group_key          (SitrepAlert *alert);
gint64          sitrep_alert_rules_first_start      (GPtrArray   *alerts);

G_END_DECLS
