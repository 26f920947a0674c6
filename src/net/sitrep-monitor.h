/* sitrep-monitor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-source.h"

G_BEGIN_DECLS

#define SITREP_TYPE_MONITOR (sitrep_monitor_get_type ())

G_DECLARE_FINAL_TYPE (SitrepMonitor, sitrep_monitor, SITREP, MONITOR, GObject)

SitrepMonitor   *sitrep_monitor_new                (SitrepAlertFeed *feed);
SitrepHttp      *sitrep_monitor_get_http           (SitrepMonitor   *self);
SitrepAlertFeed *sitrep_monitor_get_feed           (SitrepMonitor   *self);
GListModel      *sitrep_monitor_get_sources        (SitrepMonitor   *self);
GListModel      *sitrep_monitor_get_kpis           (SitrepMonitor   *self);
void             sitrep_monitor_set_sources        (SitrepMonitor   *self,
                                                    GVariant        *sources);
void             sitrep_monitor_set_kpis           (SitrepMonitor   *self,
                                                    GVariant        *kpis);
SitrepSource    *sitrep_monitor_lookup_source      (SitrepMonitor   *self,
                                                    const char      *id);
SitrepSource    *sitrep_monitor_find_silencer      (SitrepMonitor   *self,
                                                    SitrepAlert     *alert);
void             sitrep_monitor_stop               (SitrepMonitor   *self);

G_END_DECLS
