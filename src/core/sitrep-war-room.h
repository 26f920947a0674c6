/* sitrep-war-room.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-alert-feed.h"
#include "sitrep-assessment.h"
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
  SITREP_WAR_ROOM_ERROR_READ_ONLY,
  SITREP_WAR_ROOM_ERROR_EMPTY_TEXT,
  SITREP_WAR_ROOM_ERROR_TEXT_TOO_LONG,
  SITREP_WAR_ROOM_ERROR_EMPTY_NAME,
  SITREP_WAR_ROOM_ERROR_INVALID_ROLE,
  SITREP_WAR_ROOM_ERROR_INVALID_STATUS,
  SITREP_WAR_ROOM_ERROR_NO_CHOICE,
  SITREP_WAR_ROOM_ERROR_INVALID_URL,
  SITREP_WAR_ROOM_ERROR_INVALID_TRACE_ID,
  SITREP_WAR_ROOM_ERROR_INVALID_TIME,
  SITREP_WAR_ROOM_ERROR_NOT_FOUND,
} SitrepWarRoomError;

#define SITREP_TITLE_MAX_CHARS   200
#define SITREP_SUMMARY_MAX_CHARS 10000
#define SITREP_AUTHOR_MAX_CHARS  100
#define SITREP_NAME_MAX_CHARS    100
#define SITREP_PHONE_MAX_CHARS   40
#define SITREP_TEXT_MAX_CHARS    10000
#define SITREP_LINE_MAX_CHARS    500
#define SITREP_URL_MAX_CHARS     2000

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
void            sitrep_war_room_declare_from_alerts_async (SitrepWarRoom *self,
                                                   const char           *title,
                                                   SitrepSeverity        severity,
                                                   const char           *summary,
                                                   GPtrArray            *alerts,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void            sitrep_war_room_set_alert_feed    (SitrepWarRoom        *self,
                                                   SitrepAlertFeed      *feed);
SitrepAlertFeed *sitrep_war_room_get_alert_feed   (SitrepWarRoom        *self);
void            sitrep_war_room_reconcile_alerts  (SitrepWarRoom        *self,
                                                   const char           *source);
void            sitrep_war_room_link_alerts_async (SitrepWarRoom        *self,
                                                   SitrepIncident       *incident,
                                                   GPtrArray            *alerts,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void            sitrep_war_room_record_silence_async (SitrepWarRoom     *self,
                                                   SitrepIncident       *incident,
                                                   const char           *silence_id,
                                                   const char           *source,
                                                   const char           *matchers,
                                                   gint64                ends_at,
                                                   const char           *comment,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
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
gboolean        sitrep_war_room_get_read_only     (SitrepWarRoom        *self);
void            sitrep_war_room_set_read_only     (SitrepWarRoom        *self,
                                                   gboolean              read_only);
void            sitrep_war_room_set_cadence       (SitrepWarRoom        *self,
                                                   SitrepSeverity        severity,
                                                   int                   minutes);
GListModel     *sitrep_war_room_get_people        (SitrepWarRoom        *self);

/* Commands on an incident. Each validates its input, refuses in read-only
 * mode, and completes once its event is committed and folded; a command
 * that would change nothing completes at once and writes nothing. They all
 * finish with sitrep_war_room_command_finish(). */
void            sitrep_war_room_set_title_async   (SitrepWarRoom        *self,
                                                   SitrepIncident       *incident,
                                                   const char           *title,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void            sitrep_war_room_set_severity_async (SitrepWarRoom       *self,
                                                   SitrepIncident       *incident,
                                                   SitrepSeverity        severity,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void            sitrep_war_room_set_status_async  (SitrepWarRoom        *self,
                                                   SitrepIncident       *incident,
                                                   SitrepStatus          status,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void            sitrep_war_room_assign_role_async (SitrepWarRoom        *self,
                                                   SitrepIncident       *incident,
                                                   const char           *role,
                                                   const char           *custom_label,
                                                   const char           *name,
                                                   const char           *handle,
                                                   const char           *phone,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void            sitrep_war_room_release_role_async (SitrepWarRoom       *self,
                                                   SitrepIncident       *incident,
                                                   const char           *role,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void            sitrep_war_room_add_note_async    (SitrepWarRoom        *self,
                                                   SitrepIncident       *incident,
                                                   const char           *text,
                                                   const char           *supersedes,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void            sitrep_war_room_add_link_async    (SitrepWarRoom        *self,
                                                   SitrepIncident       *incident,
                                                   const char           *url,
                                                   const char           *label,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void            sitrep_war_room_add_trace_async   (SitrepWarRoom        *self,
                                                   SitrepIncident       *incident,
                                                   const char           *trace_id,
                                                   const char           *label,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void            sitrep_war_room_post_update_async (SitrepWarRoom        *self,
                                                   SitrepIncident       *incident,
                                                   const char           *known,
                                                   const char           *doing,
                                                   const char           *needed,
                                                   gint64                next_update_at,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void            sitrep_war_room_record_decision_async (SitrepWarRoom    *self,
                                                   SitrepIncident       *incident,
                                                   const char           *question,
                                                   const char * const   *options,
                                                   const char           *chosen,
                                                   const char           *rationale,
                                                   const char           *decided_by,
                                                   gboolean              rollback,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void            sitrep_war_room_configure_blast_radius_async (SitrepWarRoom      *self,
                                                   SitrepIncident       *incident,
                                                   const SitrepBlastConfig *config,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void            sitrep_war_room_set_feature_async (SitrepWarRoom        *self,
                                                   SitrepIncident       *incident,
                                                   const char           *name,
                                                   SitrepFeatureState    state,
                                                   gboolean              core,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void            sitrep_war_room_accept_assessment_async (SitrepWarRoom  *self,
                                                   SitrepAssessment     *assessment,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void            sitrep_war_room_dismiss_suggestion_async (SitrepWarRoom *self,
                                                   SitrepAssessment     *assessment,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean        sitrep_war_room_command_finish    (SitrepWarRoom        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
char           *sitrep_war_room_normalize_trace_id (const char          *trace_id,
                                                   GError              **error);

G_END_DECLS
