/* sitrep-alert-dialogs.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-monitor.h"
#include "sitrep-war-room.h"
#include "sitrep-window.h"

G_BEGIN_DECLS

void sitrep_alert_dialogs_declare (SitrepWindow  *window,
                                   SitrepWarRoom *war_room,
                                   GSettings     *settings,
                                   GPtrArray     *alerts);
void sitrep_alert_dialogs_link    (SitrepWindow  *window,
                                   SitrepWarRoom *war_room,
                                   GPtrArray     *alerts);
void sitrep_alert_dialogs_silence (SitrepWindow  *window,
                                   SitrepWarRoom *war_room,
                                   SitrepMonitor *monitor,
                                   GPtrArray     *alerts);

G_END_DECLS
