/* test-widget-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Widgets of @type under @widget (itself included), in tree order. */
static inline void
test_collect_widgets (GtkWidget *widget,
                      GType      type,
                      GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    test_collect_widgets (child, type, found);
}

/* The nth widget of @type under @root, in tree order, or NULL. */
static inline gpointer
test_find_widget (gpointer root,
                  GType    type,
                  guint    nth)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  test_collect_widgets (GTK_WIDGET (root), type, found);
  return nth < found->len ? g_ptr_array_index (found, nth) : NULL;
}

static inline guint
test_count_widgets (gpointer root,
                    GType    type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  test_collect_widgets (GTK_WIDGET (root), type, found);
  return found->len;
}

/* Whether a visible label under @root reads @text. */
static inline gboolean
test_label_shown (gpointer    root,
                  const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  test_collect_widgets (GTK_WIDGET (root), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0 &&
        gtk_widget_get_visible (g_ptr_array_index (labels, i)))
      return TRUE;

  return FALSE;
}

/* The first toplevel window of @type, or NULL. */
static inline gpointer
test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

G_END_DECLS
