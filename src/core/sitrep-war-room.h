/* sitrep-war-room.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-clock.h"
#include "sitrep-incident.h"
#include "sitrep-journal.h"

G_BEGIN_DECLS

#define SITREP_WAR_ROOM_ERROR (sitrep_war_room_error_quark ())

typedef enum
{
  SITREP_WAR_ROOM_ERROR_EMPTY_TITLE,
  SITREP_WAR_ROOM_ERROR_TITLE_TOO_LONG,
  SITREP_WAR_ROOM_ERROR_SUMMARY_TOO_LONG,
  SITREP_WAR_ROOM_ERROR_INVALID_SEVERITY,
  SITREP_WAR_ROOM_ERROR_INVALID_TEXT,
} SitrepWarRoomError;

#define SITREP_TITLE_MAX_CHARS   200
#define SITREP_SUMMARY_MAX_CHARS 10000
#define SITREP_AUTHOR_MAX_CHARS  100

GQuark sitrep_war_room_error_quark (void);

#define SITREP_TYPE_WAR_ROOM (sitrep_war_room_get_type ())

G_DECLARE_FINAL_TYPE (SitrepWarRoom, sitrep_war_room, SITREP, WAR_ROOM, GObject)

SitrepWarRoom  *sitrep_war_room_new               (SitrepJournal        *journal,
                                                   SitrepClock          *clock);
SitrepJournal  *sitrep_war_room_get_journal       (SitrepWarRoom        *self);
SitrepClock    *sitrep_war_room_get_clock         (SitrepWarRoom        *self);
const char     *sitrep_war_room_get_system_author (void);
const char     *sitrep_war_room_get_author        (SitrepWarRoom        *self);
void            sitrep_war_room_set_author        (SitrepWarRoom        *self,
                                                   const char           *author);
GListModel     *sitrep_war_room_get_incidents     (SitrepWarRoom        *self);
guint           sitrep_war_room_get_n_active      (SitrepWarRoom        *self);
gboolean        sitrep_war_room_is_loaded         (SitrepWarRoom        *self);
SitrepIncident *sitrep_war_room_lookup_incident   (SitrepWarRoom        *self,
                                                   const char           *incident_id);
void            sitrep_war_room_load_async        (SitrepWarRoom        *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean        sitrep_war_room_load_finish       (SitrepWarRoom        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
char           *sitrep_war_room_normalize_title   (const char           *title,
                                                   GError              **error);
void            sitrep_war_room_declare_async     (SitrepWarRoom        *self,
                                                   const char           *title,
                                                   SitrepSeverity        severity,
                                                   const char           *summary,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
SitrepIncident *sitrep_war_room_declare_finish    (SitrepWarRoom        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
