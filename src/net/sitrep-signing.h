/* sitrep-signing.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *sitrep_signing_dingtalk (const char *secret,
                               gint64      timestamp_ms);
char *sitrep_signing_feishu   (const char *secret,
                               gint64      timestamp_s);
char *sitrep_signing_payload  (const char *secret,
                               gint64      timestamp_s,
                               GBytes     *body);
gboolean sitrep_signing_verify_payload (const char *secret,
                                        const char *header,
                                        GBytes     *body,
                                        gint64      now_s,
                                        gint64      tolerance_s);

G_END_DECLS
