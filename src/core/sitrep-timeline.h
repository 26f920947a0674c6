/* sitrep-timeline.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-event.h"

G_BEGIN_DECLS

/**
 * SitrepTimelineCategory:
 * @SITREP_TIMELINE_ALL: every event (a filter only)
 * @SITREP_TIMELINE_CHANGES: declaration, title, severity and status
 * @SITREP_TIMELINE_ROLES: roles assigned, handed over and released
 * @SITREP_TIMELINE_UPDATES: status updates
 * @SITREP_TIMELINE_NOTES: notes, links and TraceIds
 * @SITREP_TIMELINE_DECISIONS: decisions
 * @SITREP_TIMELINE_ALERTS: alerts linked, their changes and silences
 * @SITREP_TIMELINE_OTHER: kinds written by a newer version
 */
typedef enum
{
  SITREP_TIMELINE_ALL,
  SITREP_TIMELINE_CHANGES,
  SITREP_TIMELINE_ROLES,
  SITREP_TIMELINE_UPDATES,
  SITREP_TIMELINE_NOTES,
  SITREP_TIMELINE_DECISIONS,
  SITREP_TIMELINE_ALERTS,
  SITREP_TIMELINE_OTHER,
} SitrepTimelineCategory;

SitrepTimelineCategory sitrep_timeline_get_category      (SitrepEvent            *event);
const char            *sitrep_timeline_category_get_label (SitrepTimelineCategory category);
char                  *sitrep_timeline_describe          (SitrepEvent            *event);
char                  *sitrep_timeline_describe_details  (SitrepEvent            *event,
                                                          gint64                  now_us);
gboolean               sitrep_timeline_is_web_address    (const char             *url);
char                  *sitrep_timeline_expand_trace_url  (const char             *url_template,
                                                          const char             *trace_id);

G_END_DECLS
