/* sitrep-war-room-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-war-room.h"

G_BEGIN_DECLS

struct _SitrepWarRoom
{
  GObject        parent_instance;

  SitrepJournal *journal;
  SitrepClock   *clock;
  char          *author;
  GListStore    *incidents;
  GHashTable    *by_id;
  GHashTable    *orphans;   /* incident id → GPtrArray of events awaiting its declaration */
  GListStore    *people;    /* SitrepPerson, by name */
  GHashTable    *people_by_key;
  gint64         last_at;
  int            cadence[SITREP_SEVERITY_LAST + 1];  /* minutes */
  int            triage_target;                      /* minutes */
  SitrepAlertFeed *feed;
  GHashTable    *alert_writes;  /* "incident id␟fingerprint" → state being written */
  GHashTable    *linked;        /* fingerprints linked to any incident; NULL when stale */
  guint          n_active;
  guint          loaded : 1;
  guint          read_only : 1;
};

gboolean _sitrep_war_room_check_text      (const char     *text,
                                           GError        **error);
char    *_sitrep_war_room_clean_text      (const char     *text,
                                           gboolean        one_line);
void     _sitrep_war_room_apply_events    (SitrepWarRoom  *self,
                                           GPtrArray      *events);
gint64   _sitrep_war_room_next_timestamp  (SitrepWarRoom  *self);
int      _sitrep_war_room_get_cadence     (SitrepWarRoom  *self,
                                           SitrepSeverity  severity);
gboolean _sitrep_war_room_check_writable  (SitrepWarRoom  *self,
                                           GError        **error);
JsonArray *_sitrep_war_room_describe_alerts (GPtrArray    *alerts);

G_END_DECLS
