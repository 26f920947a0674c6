/* sitrep-weak-ref.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* For the user data of an async call made by a dialog: the journal may
 * answer after the dialog and its window are gone, and a strong reference
 * would then outlive the window the dialog was transient for. */
static inline GWeakRef *
sitrep_weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

/* Frees @ref. Returns: (transfer full) (nullable): the object if it lives. */
static inline gpointer
sitrep_weak_ref_steal (GWeakRef *ref)
{
  gpointer object = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return object;
}

G_END_DECLS
