/* sitrep-status-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sitrep-alert.h"

G_BEGIN_DECLS

/**
 * SitrepStatusPage:
 * @name: the page's name, such as "Payments Provider"
 * @url: (nullable): the page's address, as the page gives it
 * @indicator: "none", "minor", "major", "critical", or "unknown"
 * @description: (nullable): the overall status in words, such as
 *   "All Systems Operational"
 * @alerts: (element-type SitrepAlert): one alert per component that is
 *   not operational and one per unresolved incident
 *
 * What a dependency's public status page (Atlassian Statuspage) says.
 * All text is clipped to %SITREP_ALERT_TEXT_MAX_CHARS characters.
 */
typedef struct
{
  char      *name;
  char      *url;
  char      *indicator;
  char      *description;
  GPtrArray *alerts;
} SitrepStatusPage;

void              sitrep_status_page_free          (SitrepStatusPage  *self);
SitrepStatusPage *sitrep_status_page_parse_summary (JsonNode          *root,
                                                    const char        *source,
                                                    GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepStatusPage, sitrep_status_page_free)

G_END_DECLS
