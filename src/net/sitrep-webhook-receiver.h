/* sitrep-webhook-receiver.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sitrep-alert-feed.h"

G_BEGIN_DECLS

/* The largest notification accepted, in bytes. */
#define SITREP_WEBHOOK_MAX_BODY (8 * 1024 * 1024)

/* The shortest secret accepted, in characters. */
#define SITREP_WEBHOOK_MIN_SECRET 16

#define SITREP_TYPE_WEBHOOK_RECEIVER (sitrep_webhook_receiver_get_type ())

G_DECLARE_FINAL_TYPE (SitrepWebhookReceiver, sitrep_webhook_receiver, SITREP, WEBHOOK_RECEIVER, GObject)

SitrepWebhookReceiver *sitrep_webhook_receiver_new                  (SitrepAlertFeed        *feed);
gboolean               sitrep_webhook_receiver_start                (SitrepWebhookReceiver  *self,
                                                                     guint                   port,
                                                                     const char             *secret,
                                                                     GError                **error);
void                   sitrep_webhook_receiver_stop                 (SitrepWebhookReceiver  *self);
guint                  sitrep_webhook_receiver_get_port             (SitrepWebhookReceiver  *self);
char                  *sitrep_webhook_receiver_dup_url              (SitrepWebhookReceiver  *self);
guint                  sitrep_webhook_receiver_get_n_received       (SitrepWebhookReceiver  *self);
gint64                 sitrep_webhook_receiver_get_last_received_at (SitrepWebhookReceiver  *self);
const char            *sitrep_webhook_receiver_get_last_error       (SitrepWebhookReceiver  *self);

G_END_DECLS
