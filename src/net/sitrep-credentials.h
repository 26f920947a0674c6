/* sitrep-credentials.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      sitrep_credentials_store_async   (const char           *account,
                                            const char           *label,
                                            const char           *secret,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  sitrep_credentials_store_finish  (GAsyncResult         *result,
                                            GError              **error);
void      sitrep_credentials_lookup_async  (const char           *account,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
char     *sitrep_credentials_lookup_finish (GAsyncResult         *result,
                                            GError              **error);
void      sitrep_credentials_delete_async  (const char           *account,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  sitrep_credentials_delete_finish (GAsyncResult         *result,
                                            GError              **error);
void      sitrep_credentials_free          (char                 *secret);

G_END_DECLS
