/* sitrep-settings-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The settings that are lists of dictionaries ("sources", "kpis"): one
 * entry replaced, removed or added, the others kept as they are. */

#define G_LOG_DOMAIN "sitrep-settings-list"

#include "config.h"

#include "sitrep-settings-list.h"

/**
 * sitrep_settings_list_same_entry:
 *
 * Returns: whether @entry is @wanted: the one of the same id, or, for an
 *   entry written by hand without an id, the same one
 */
gboolean
sitrep_settings_list_same_entry (GVariant *entry,
                                 GVariant *wanted)
{
  const char *id = NULL;
  const char *wanted_id = NULL;

  if (g_variant_lookup (wanted, "id", "&s", &wanted_id) && *wanted_id != '\0')
    return g_variant_lookup (entry, "id", "&s", &id) && g_str_equal (id, wanted_id);

  return g_variant_equal (entry, wanted);
}

/**
 * sitrep_settings_list_replace:
 * @key: an `aa{sv}` setting
 * @entry: (nullable): the entry to replace or remove, or %NULL for none
 * @replacement: (nullable): what takes its place, or %NULL to remove it
 * @append: whether @replacement goes at the end when @entry is not there
 *   (a new entry, or one removed meanwhile)
 *
 * Returns: %FALSE if the settings cannot be written
 */
gboolean
sitrep_settings_list_replace (GSettings  *settings,
                              const char *key,
                              GVariant   *entry,
                              GVariant   *replacement,
                              gboolean    append)
{
  g_autoptr(GVariant) entries = NULL;
  GVariantBuilder builder;
  gboolean found = FALSE;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  entries = g_settings_get_value (settings, key);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (gsize i = 0; i < g_variant_n_children (entries); i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (entries, i);

      if (!found && entry != NULL && sitrep_settings_list_same_entry (child, entry))
        {
          found = TRUE;
          if (replacement != NULL)
            g_variant_builder_add_value (&builder, replacement);
        }
      else
        g_variant_builder_add_value (&builder, child);
    }

  if (!found && append && replacement != NULL)
    {
      found = TRUE;
      g_variant_builder_add_value (&builder, replacement);
    }

  if (!found)
    {
      g_variant_builder_clear (&builder);
      return TRUE;
    }

  return g_settings_set_value (settings, key, g_variant_builder_end (&builder));
}
