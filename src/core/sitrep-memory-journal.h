/* sitrep-memory-journal.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sitrep-journal.h"

G_BEGIN_DECLS

#define SITREP_TYPE_MEMORY_JOURNAL (sitrep_memory_journal_get_type ())

G_DECLARE_FINAL_TYPE (SitrepMemoryJournal, sitrep_memory_journal, SITREP, MEMORY_JOURNAL, GObject)

SitrepMemoryJournal *sitrep_memory_journal_new          (void);
void                 sitrep_memory_journal_fail_appends (SitrepMemoryJournal *self,
                                                         const GError        *error);
guint                sitrep_memory_journal_get_n_events (SitrepMemoryJournal *self);

G_END_DECLS
