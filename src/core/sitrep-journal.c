/* sitrep-journal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sitrep-journal"

#include "config.h"

#include "sitrep-journal.h"

G_DEFINE_QUARK (sitrep-journal-error-quark, sitrep_journal_error)

G_DEFINE_INTERFACE (SitrepJournal, sitrep_journal, G_TYPE_OBJECT)

static void
sitrep_journal_default_init (SitrepJournalInterface *iface)
{
}

const char *
sitrep_journal_get_origin (SitrepJournal *self)
{
  g_return_val_if_fail (SITREP_IS_JOURNAL (self), NULL);

  return SITREP_JOURNAL_GET_IFACE (self)->get_origin (self);
}

/**
 * sitrep_journal_append_async:
 * @events: (element-type SitrepEvent): the events, all or none of which are
 *   written
 *
 * Appends @events. The callback runs only once they are durable, or with the
 * error that kept them from being written. An append that has started cannot
 * be cancelled: the callback always reports what really happened, so a
 * caller never believes a committed event was lost, nor the reverse.
 * Appending an event whose id the journal already holds changes nothing.
 */
void
sitrep_journal_append_async (SitrepJournal       *self,
                             GPtrArray           *events,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SITREP_IS_JOURNAL (self));
  g_return_if_fail (events != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  SITREP_JOURNAL_GET_IFACE (self)->append_async (self, events, cancellable, callback, user_data);
}

gboolean
sitrep_journal_append_finish (SitrepJournal  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (SITREP_IS_JOURNAL (self), FALSE);

  return SITREP_JOURNAL_GET_IFACE (self)->append_finish (self, result, error);
}

void
sitrep_journal_load_async (SitrepJournal       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (SITREP_IS_JOURNAL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  SITREP_JOURNAL_GET_IFACE (self)->load_async (self, cancellable, callback, user_data);
}

/**
 * sitrep_journal_load_finish:
 *
 * Returns: (transfer full) (element-type SitrepEvent): every event, in
 *   journal order
 */
GPtrArray *
sitrep_journal_load_finish (SitrepJournal  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (SITREP_IS_JOURNAL (self), NULL);

  return SITREP_JOURNAL_GET_IFACE (self)->load_finish (self, result, error);
}
