/* sitrep-sqlite-journal.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-journal.h"

G_BEGIN_DECLS

/* The schema this version writes; older files are migrated forward on open,
 * newer ones are refused untouched. */
#define SITREP_SQLITE_JOURNAL_SCHEMA_VERSION 1

/* PRAGMA application_id of a Sitrep journal: "SITR". */
#define SITREP_SQLITE_JOURNAL_APPLICATION_ID 0x53495452

#define SITREP_TYPE_SQLITE_JOURNAL (sitrep_sqlite_journal_get_type ())

G_DECLARE_FINAL_TYPE (SitrepSqliteJournal, sitrep_sqlite_journal, SITREP, SQLITE_JOURNAL, GObject)

void                 sitrep_sqlite_journal_open_async        (const char           *path,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
SitrepSqliteJournal *sitrep_sqlite_journal_open_finish       (GAsyncResult         *result,
                                                              GError              **error);
const char          *sitrep_sqlite_journal_get_path          (SitrepSqliteJournal  *self);
void                 sitrep_sqlite_journal_close             (SitrepSqliteJournal  *self);
void                 sitrep_sqlite_journal_move_aside_async  (const char           *path,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
char                *sitrep_sqlite_journal_move_aside_finish (GAsyncResult         *result,
                                                              GError              **error);

G_END_DECLS
