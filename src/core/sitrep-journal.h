/* sitrep-journal.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-event.h"

G_BEGIN_DECLS

#define SITREP_JOURNAL_ERROR (sitrep_journal_error_quark ())

/**
 * SitrepJournalError:
 * @SITREP_JOURNAL_ERROR_FAILED: reading or writing failed
 * @SITREP_JOURNAL_ERROR_CORRUPT: the file is damaged or is not a journal
 * @SITREP_JOURNAL_ERROR_TOO_NEW: the file was written by a newer Sitrep
 * @SITREP_JOURNAL_ERROR_UNWRITABLE: the file or its folder cannot be written
 * @SITREP_JOURNAL_ERROR_CLOSED: the journal has been closed
 */
typedef enum
{
  SITREP_JOURNAL_ERROR_FAILED,
  SITREP_JOURNAL_ERROR_CORRUPT,
  SITREP_JOURNAL_ERROR_TOO_NEW,
  SITREP_JOURNAL_ERROR_UNWRITABLE,
  SITREP_JOURNAL_ERROR_CLOSED,
} SitrepJournalError;

GQuark sitrep_journal_error_quark (void);

#define SITREP_TYPE_JOURNAL (sitrep_journal_get_type ())

G_DECLARE_INTERFACE (SitrepJournal, sitrep_journal, SITREP, JOURNAL, GObject)

/**
 * SitrepJournalInterface:
 * @get_origin: the UUID of the installation that writes to this journal
 * @append_async: append events atomically; complete only once they are
 *   durable (committed), never before
 * @load_async: all events, in journal order (see sitrep_event_compare())
 *
 * The journal the core needs; `store` implements it on SQLite, and an
 * in-memory implementation serves the core's own tests.
 */
struct _SitrepJournalInterface
{
  GTypeInterface parent_iface;

  const char *(*get_origin)    (SitrepJournal        *self);
  void        (*append_async)  (SitrepJournal        *self,
                                GPtrArray            *events,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
  gboolean    (*append_finish) (SitrepJournal        *self,
                                GAsyncResult         *result,
                                GError              **error);
  void        (*load_async)    (SitrepJournal        *self,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
  GPtrArray  *(*load_finish)   (SitrepJournal        *self,
                                GAsyncResult         *result,
                                GError              **error);
};

const char *sitrep_journal_get_origin    (SitrepJournal        *self);
void        sitrep_journal_append_async  (SitrepJournal        *self,
                                          GPtrArray            *events,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean    sitrep_journal_append_finish (SitrepJournal        *self,
                                          GAsyncResult         *result,
                                          GError              **error);
void        sitrep_journal_load_async    (SitrepJournal        *self,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GPtrArray  *sitrep_journal_load_finish   (SitrepJournal        *self,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
