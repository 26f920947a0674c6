/* sitrep-fake-channels.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Loopback fakes of the channels Sitrep publishes to (see APIS.md §4, §6
 * and §E): the Statuspage management API v1, a Slack incoming webhook, a
 * DingTalk custom robot, a Feishu custom bot, a Matrix homeserver's send
 * endpoint and the company's own signed banner and push hooks. One
 * SoupServer on 127.0.0.1 with a free port, served from the thread-default
 * main context of its creation, hosts them all under path prefixes:
 *
 *   /v1/pages/{page_id}/...                              Statuspage
 *   /slack/services/T000/B000/XXXX                       Slack
 *   /dingtalk/robot/send?access_token=&timestamp=&sign=  DingTalk
 *   /feishu/open-apis/bot/v2/hook/{hook_id}              Feishu
 *   /_matrix/client/v3/rooms/{room}/send/{type}/{txnId}  Matrix
 *   /hooks/banner, /hooks/push                           the company's hooks
 *
 * Every message a channel accepts is recorded, and the records and the
 * faults are also reachable over HTTP under /_fake/, so that a test can
 * run the fake in its own process (sitrep-fake-channels) while it kills
 * and restarts the app that publishes. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the fake accepts unless told otherwise; the standalone executable
 * takes the same defaults. */
#define SITREP_FAKE_CHANNELS_STATUSPAGE_PAGE_ID   "kctbh9vrtdwd"
#define SITREP_FAKE_CHANNELS_STATUSPAGE_KEY       "5f1c7a9e-3b2d-4c8e-9a61-statuspage"
#define SITREP_FAKE_CHANNELS_STATUSPAGE_API       "b13yz5g2cw10"
#define SITREP_FAKE_CHANNELS_STATUSPAGE_CHECKOUT  "8l4ygp009s5s"
#define SITREP_FAKE_CHANNELS_STATUSPAGE_WEBHOOKS  "ftgks51sfj6c"
#define SITREP_FAKE_CHANNELS_STATUSPAGE_DASHBOARD "vtwrl2gb6bqd"
#define SITREP_FAKE_CHANNELS_SLACK_TOKEN          "T000/B000/XXXX"
#define SITREP_FAKE_CHANNELS_SLACK_PATH           "/slack/services/" SITREP_FAKE_CHANNELS_SLACK_TOKEN
#define SITREP_FAKE_CHANNELS_DINGTALK_PATH        "/dingtalk/robot/send"
#define SITREP_FAKE_CHANNELS_DINGTALK_TOKEN       "3c5e0d9b7a41f28e6d0c"
#define SITREP_FAKE_CHANNELS_DINGTALK_SECRET      "SEC9f27d1c4b8e3a6f05d2c7b9e41a8f3d6c0b5e7a2d9f4c1b8"
#define SITREP_FAKE_CHANNELS_FEISHU_HOOK_ID       "2b8f4e6a-1c3d-4f5e-9a7b-0c1d2e3f4a5b"
#define SITREP_FAKE_CHANNELS_FEISHU_PATH          "/feishu/open-apis/bot/v2/hook/" SITREP_FAKE_CHANNELS_FEISHU_HOOK_ID
#define SITREP_FAKE_CHANNELS_FEISHU_SECRET        "qL7xN2vR9kT4mW8pZ3bC"
#define SITREP_FAKE_CHANNELS_MATRIX_TOKEN         "syt_c2l0cmVw_fakeTokenQx7Lm_0a1b2c"
#define SITREP_FAKE_CHANNELS_MATRIX_ROOM          "!warroom:example.org"
#define SITREP_FAKE_CHANNELS_BANNER_PATH          "/hooks/banner"
#define SITREP_FAKE_CHANNELS_PUSH_PATH            "/hooks/push"
#define SITREP_FAKE_CHANNELS_HOOKS_SECRET         "whsec_6d1f0a9c3e7b2d58f4a1c9e0"

/* The Retry-After, in seconds, of every "too many requests" answer. */
#define SITREP_FAKE_CHANNELS_RETRY_AFTER 1

/**
 * SitrepFakeChannel:
 * @SITREP_FAKE_CHANNEL_STATUSPAGE: the Statuspage management API v1
 * @SITREP_FAKE_CHANNEL_SLACK: a Slack incoming webhook
 * @SITREP_FAKE_CHANNEL_DINGTALK: a DingTalk custom robot
 * @SITREP_FAKE_CHANNEL_FEISHU: a Feishu custom bot
 * @SITREP_FAKE_CHANNEL_MATRIX: a Matrix room, through the client-server API
 * @SITREP_FAKE_CHANNEL_BANNER: the company's banner hook
 * @SITREP_FAKE_CHANNEL_PUSH: the company's push hook
 *
 * Their names over HTTP are "statuspage", "slack", "dingtalk", "feishu",
 * "matrix", "banner" and "push".
 */
typedef enum
{
  SITREP_FAKE_CHANNEL_STATUSPAGE,
  SITREP_FAKE_CHANNEL_SLACK,
  SITREP_FAKE_CHANNEL_DINGTALK,
  SITREP_FAKE_CHANNEL_FEISHU,
  SITREP_FAKE_CHANNEL_MATRIX,
  SITREP_FAKE_CHANNEL_BANNER,
  SITREP_FAKE_CHANNEL_PUSH,
} SitrepFakeChannel;

#define SITREP_FAKE_N_CHANNELS (SITREP_FAKE_CHANNEL_PUSH + 1)

/**
 * SitrepFakeChannelFault:
 * @SITREP_FAKE_CHANNEL_FAULT_NONE: answer as the real service does
 * @SITREP_FAKE_CHANNEL_FAULT_SERVER_ERROR: 500 with the service's body
 * @SITREP_FAKE_CHANNEL_FAULT_RATE_LIMITED: the service's own refusal for
 *   too many messages: Statuspage 420 or 429, Slack 429 `rate_limited`,
 *   DingTalk errcode 130101, Feishu code 11232, Matrix 429
 *   M_LIMIT_EXCEEDED, the hooks 429; with a Retry-After where the service
 *   sends one
 * @SITREP_FAKE_CHANNEL_FAULT_ACCEPT_THEN_DROP: a write is carried out and
 *   recorded as delivered (if valid), then the connection closes without
 *   an answer: the ambiguous failure after which a publisher must not
 *   send again blindly. Reads (GET, HEAD) are answered.
 * @SITREP_FAKE_CHANNEL_FAULT_DOWN: 503 from the load balancer in front,
 *   and nothing gets through
 * @SITREP_FAKE_CHANNEL_FAULT_CHANNEL_NOT_FOUND: Slack only: 404
 *   `channel_not_found`
 * @SITREP_FAKE_CHANNEL_FAULT_CHANNEL_ARCHIVED: Slack only: 410
 *   `channel_is_archived`
 *
 * What a channel's requests get until the fault changes. Their names over
 * HTTP are "none", "server_error", "rate_limited", "accept_then_drop",
 * "down", "channel_not_found" and "channel_is_archived".
 */
typedef enum
{
  SITREP_FAKE_CHANNEL_FAULT_NONE,
  SITREP_FAKE_CHANNEL_FAULT_SERVER_ERROR,
  SITREP_FAKE_CHANNEL_FAULT_RATE_LIMITED,
  SITREP_FAKE_CHANNEL_FAULT_ACCEPT_THEN_DROP,
  SITREP_FAKE_CHANNEL_FAULT_DOWN,
  SITREP_FAKE_CHANNEL_FAULT_CHANNEL_NOT_FOUND,
  SITREP_FAKE_CHANNEL_FAULT_CHANNEL_ARCHIVED,
} SitrepFakeChannelFault;

typedef struct _SitrepFakeChannels SitrepFakeChannels;

SitrepFakeChannels     *sitrep_fake_channels_new                        (void);
SitrepFakeChannels     *sitrep_fake_channels_new_on_port                (guint                   port,
                                                                         GError                **error);
void                    sitrep_fake_channels_free                       (SitrepFakeChannels     *fake);
const char             *sitrep_fake_channels_get_url                    (SitrepFakeChannels     *fake);

void                    sitrep_fake_channels_set_token                  (SitrepFakeChannels     *fake,
                                                                         SitrepFakeChannel       channel,
                                                                         const char             *token);
void                    sitrep_fake_channels_set_secret                 (SitrepFakeChannels     *fake,
                                                                         SitrepFakeChannel       channel,
                                                                         const char             *secret);
void                    sitrep_fake_channels_set_matrix_room            (SitrepFakeChannels     *fake,
                                                                         const char             *room_id);

void                    sitrep_fake_channels_set_fault                  (SitrepFakeChannels     *fake,
                                                                         SitrepFakeChannel       channel,
                                                                         SitrepFakeChannelFault  fault);
void                    sitrep_fake_channels_set_fault_times            (SitrepFakeChannels     *fake,
                                                                         SitrepFakeChannel       channel,
                                                                         SitrepFakeChannelFault  fault,
                                                                         guint                   times);
SitrepFakeChannelFault  sitrep_fake_channels_get_fault                  (SitrepFakeChannels     *fake,
                                                                         SitrepFakeChannel       channel);
void                    sitrep_fake_channels_set_rate_limit             (SitrepFakeChannels     *fake,
                                                                         SitrepFakeChannel       channel,
                                                                         gboolean                enabled);
void                    sitrep_fake_channels_set_statuspage_limit_status (SitrepFakeChannels    *fake,
                                                                         guint                   status);

void                    sitrep_fake_channels_set_clock                  (SitrepFakeChannels     *fake,
                                                                         gint64                  unix_us);
void                    sitrep_fake_channels_advance_clock              (SitrepFakeChannels     *fake,
                                                                         gint64                  us);
gint64                  sitrep_fake_channels_get_clock                  (SitrepFakeChannels     *fake);

guint                   sitrep_fake_channels_get_n_requests             (SitrepFakeChannels     *fake,
                                                                         SitrepFakeChannel       channel);
guint                   sitrep_fake_channels_get_n_delivered            (SitrepFakeChannels     *fake,
                                                                         SitrepFakeChannel       channel);
const char             *sitrep_fake_channels_get_delivered_body         (SitrepFakeChannels     *fake,
                                                                         SitrepFakeChannel       channel,
                                                                         guint                   index);
const char             *sitrep_fake_channels_get_delivered_text         (SitrepFakeChannels     *fake,
                                                                         SitrepFakeChannel       channel,
                                                                         guint                   index);
const char             *sitrep_fake_channels_get_delivered_path         (SitrepFakeChannels     *fake,
                                                                         SitrepFakeChannel       channel,
                                                                         guint                   index);
const char             *sitrep_fake_channels_get_delivered_key          (SitrepFakeChannels     *fake,
                                                                         SitrepFakeChannel       channel,
                                                                         guint                   index);
const char             *sitrep_fake_channels_get_delivered_id           (SitrepFakeChannels     *fake,
                                                                         SitrepFakeChannel       channel,
                                                                         guint                   index);
gint64                  sitrep_fake_channels_get_delivered_time         (SitrepFakeChannels     *fake,
                                                                         SitrepFakeChannel       channel,
                                                                         guint                   index);
char                   *sitrep_fake_channels_dup_delivered_json         (SitrepFakeChannels     *fake);
void                    sitrep_fake_channels_clear_delivered            (SitrepFakeChannels     *fake);

const char             *sitrep_fake_channel_to_string                   (SitrepFakeChannel       channel);
gboolean                sitrep_fake_channel_from_string                 (const char             *name,
                                                                         SitrepFakeChannel      *channel);
const char             *sitrep_fake_channel_fault_to_string             (SitrepFakeChannelFault  fault);
gboolean                sitrep_fake_channel_fault_from_string           (const char             *name,
                                                                         SitrepFakeChannelFault *fault);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepFakeChannels, sitrep_fake_channels_free)

G_END_DECLS
