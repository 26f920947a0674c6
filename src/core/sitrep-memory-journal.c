/* sitrep-memory-journal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A journal that lives in memory, with the same contract as the SQLite one:
 * appends are atomic and complete asynchronously, loads come back in journal
 * order. The core's tests run on it, and it can be told to fail appends so
 * the error paths are tested too. */

#define G_LOG_DOMAIN "sitrep-memory-journal"

#include "config.h"

#include "sitrep-memory-journal.h"

struct _SitrepMemoryJournal
{
  GObject     parent_instance;

  char       *origin;
  GPtrArray  *events;
  GHashTable *ids;
  GError     *append_error;
};

static void journal_iface_init (SitrepJournalInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SitrepMemoryJournal, sitrep_memory_journal, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SITREP_TYPE_JOURNAL, journal_iface_init))

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  return sitrep_event_compare (*(SitrepEvent **)a, *(SitrepEvent **)b);
}

static const char *
sitrep_memory_journal_get_origin (SitrepJournal *journal)
{
  return SITREP_MEMORY_JOURNAL (journal)->origin;
}

static void
sitrep_memory_journal_append_async (SitrepJournal       *journal,
                                    GPtrArray           *events,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  SitrepMemoryJournal *self = SITREP_MEMORY_JOURNAL (journal);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_memory_journal_append_async);
  g_task_set_check_cancellable (task, FALSE);

  if (self->append_error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->append_error));
      return;
    }

  for (guint i = 0; i < events->len; i++)
    {
      SitrepEvent *event = g_ptr_array_index (events, i);

      if (g_hash_table_contains (self->ids, sitrep_event_get_id (event)))
        continue;

      g_hash_table_add (self->ids, g_strdup (sitrep_event_get_id (event)));
      g_ptr_array_add (self->events, g_object_ref (event));
    }

  g_ptr_array_sort (self->events, compare_events);
  g_task_return_boolean (task, TRUE);
}

static gboolean
sitrep_memory_journal_append_finish (SitrepJournal  *journal,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, journal), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
sitrep_memory_journal_load_async (SitrepJournal       *journal,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  SitrepMemoryJournal *self = SITREP_MEMORY_JOURNAL (journal);
  g_autoptr(GTask) task = NULL;
  GPtrArray *copy;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_memory_journal_load_async);

  copy = g_ptr_array_new_full (self->events->len, g_object_unref);
  for (guint i = 0; i < self->events->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (self->events, i)));

  g_task_return_pointer (task, copy, (GDestroyNotify)g_ptr_array_unref);
}

static GPtrArray *
sitrep_memory_journal_load_finish (SitrepJournal  *journal,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, journal), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
journal_iface_init (SitrepJournalInterface *iface)
{
  iface->get_origin = sitrep_memory_journal_get_origin;
  iface->append_async = sitrep_memory_journal_append_async;
  iface->append_finish = sitrep_memory_journal_append_finish;
  iface->load_async = sitrep_memory_journal_load_async;
  iface->load_finish = sitrep_memory_journal_load_finish;
}

static void
sitrep_memory_journal_finalize (GObject *object)
{
  SitrepMemoryJournal *self = (SitrepMemoryJournal *)object;

  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_error (&self->append_error);

  G_OBJECT_CLASS (sitrep_memory_journal_parent_class)->finalize (object);
}

static void
sitrep_memory_journal_class_init (SitrepMemoryJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_memory_journal_finalize;
}

static void
sitrep_memory_journal_init (SitrepMemoryJournal *self)
{
  self->origin = g_uuid_string_random ();
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

SitrepMemoryJournal *
sitrep_memory_journal_new (void)
{
  return g_object_new (SITREP_TYPE_MEMORY_JOURNAL, NULL);
}

/**
 * sitrep_memory_journal_fail_appends:
 * @error: (nullable): the error every append fails with from now on, or
 *   %NULL to let appends succeed again
 */
void
sitrep_memory_journal_fail_appends (SitrepMemoryJournal *self,
                                    const GError        *error)
{
  g_return_if_fail (SITREP_IS_MEMORY_JOURNAL (self));

  g_clear_error (&self->append_error);
  if (error != NULL)
    self->append_error = g_error_copy (error);
}

guint
sitrep_memory_journal_get_n_events (SitrepMemoryJournal *self)
{
  g_return_val_if_fail (SITREP_IS_MEMORY_JOURNAL (self), 0);

  return self->events->len;
}
