/* sitrep-alert-feed.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-alert.h"

G_BEGIN_DECLS

/**
 * SitrepAlertChange:
 * @SITREP_ALERT_CHANGE_NEW: an alert no source reported before
 * @SITREP_ALERT_CHANGE_STATE: an alert's state changed
 * @SITREP_ALERT_CHANGE_RESOLVED: no source reports the alert any more
 * @SITREP_ALERT_CHANGE_FORGOTTEN: the only source that reported the alert
 *   was removed; whether it resolved is unknown
 */
typedef enum
{
  SITREP_ALERT_CHANGE_NEW,
  SITREP_ALERT_CHANGE_STATE,
  SITREP_ALERT_CHANGE_RESOLVED,
  SITREP_ALERT_CHANGE_FORGOTTEN,
} SitrepAlertChange;

#define SITREP_TYPE_ALERT_FEED (sitrep_alert_feed_get_type ())

G_DECLARE_FINAL_TYPE (SitrepAlertFeed, sitrep_alert_feed, SITREP, ALERT_FEED, GObject)

SitrepAlertFeed *sitrep_alert_feed_new           (void);
GListModel      *sitrep_alert_feed_get_alerts    (SitrepAlertFeed *self);
SitrepAlert     *sitrep_alert_feed_lookup        (SitrepAlertFeed *self,
                                                  const char      *fingerprint);
void             sitrep_alert_feed_update        (SitrepAlertFeed *self,
                                                  const char      *source,
                                                  GPtrArray       *alerts);
void             sitrep_alert_feed_remove_source (SitrepAlertFeed *self,
                                                  const char      *source);
int              sitrep_alert_compare            (SitrepAlert     *a,
                                                  SitrepAlert     *b);

G_END_DECLS
