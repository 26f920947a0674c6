/* sitrep-settings-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean sitrep_settings_list_same_entry (GVariant   *entry,
                                          GVariant   *wanted);
gboolean sitrep_settings_list_replace (GSettings  *settings,
                                       const char *key,
                                       GVariant   *entry,
                                       GVariant   *replacement,
                                       gboolean    append);

G_END_DECLS
