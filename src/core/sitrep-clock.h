/* sitrep-clock.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SITREP_TYPE_CLOCK (sitrep_clock_get_type ())

G_DECLARE_FINAL_TYPE (SitrepClock, sitrep_clock, SITREP, CLOCK, GObject)

SitrepClock *sitrep_clock_new_system (void);
SitrepClock *sitrep_clock_new_test   (gint64       start_us);
gboolean     sitrep_clock_is_test    (SitrepClock *self);
gint64       sitrep_clock_get_now    (SitrepClock *self);
void         sitrep_clock_advance    (SitrepClock *self,
                                      gint64       delta_us);
void         sitrep_clock_set_now    (SitrepClock *self,
                                      gint64       now_us);

G_END_DECLS
