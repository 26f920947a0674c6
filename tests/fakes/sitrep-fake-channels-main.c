/* sitrep-fake-channels-main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The fake channels in a process of their own, for tests that kill and
 * restart the app that publishes while the channels keep what they were
 * sent. It prints one line, "READY <url>", once it listens, and runs until
 * SIGTERM or SIGINT; the records and the faults are then reached over
 * HTTP, under <url>/_fake/. */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib-unix.h>

#include "sitrep-fake-channels.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(SitrepFakeChannels) fake = NULL;
  g_autofree char *statuspage_key = NULL;
  g_autofree char *slack_token = NULL;
  g_autofree char *dingtalk_token = NULL;
  g_autofree char *dingtalk_secret = NULL;
  g_autofree char *feishu_hook = NULL;
  g_autofree char *feishu_secret = NULL;
  g_autofree char *hooks_secret = NULL;
  g_autofree char *matrix_token = NULL;
  g_autofree char *matrix_room = NULL;
  gboolean rate_limits = FALSE;
  int limit_status = 429;
  int port = 0;
  guint sigterm_id;
  guint sigint_id;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      "Port to listen on, on 127.0.0.1 (default: a free one)", "PORT" },
    { "statuspage-key", 0, 0, G_OPTION_ARG_STRING, &statuspage_key,
      "Statuspage API key (default: " SITREP_FAKE_CHANNELS_STATUSPAGE_KEY ")", "KEY" },
    { "slack-token", 0, 0, G_OPTION_ARG_STRING, &slack_token,
      "Slack webhook path after /slack/services/ (default: " SITREP_FAKE_CHANNELS_SLACK_TOKEN ")",
      "T/B/X" },
    { "dingtalk-token", 0, 0, G_OPTION_ARG_STRING, &dingtalk_token,
      "DingTalk access_token (default: " SITREP_FAKE_CHANNELS_DINGTALK_TOKEN ")", "TOKEN" },
    { "secret-dingtalk", 0, 0, G_OPTION_ARG_STRING, &dingtalk_secret,
      "DingTalk signing secret (default: " SITREP_FAKE_CHANNELS_DINGTALK_SECRET ")", "SECRET" },
    { "feishu-hook", 0, 0, G_OPTION_ARG_STRING, &feishu_hook,
      "Feishu hook id (default: " SITREP_FAKE_CHANNELS_FEISHU_HOOK_ID ")", "ID" },
    { "secret-feishu", 0, 0, G_OPTION_ARG_STRING, &feishu_secret,
      "Feishu signing secret (default: " SITREP_FAKE_CHANNELS_FEISHU_SECRET ")", "SECRET" },
    { "secret-hooks", 0, 0, G_OPTION_ARG_STRING, &hooks_secret,
      "Secret of the banner and push hooks (default: " SITREP_FAKE_CHANNELS_HOOKS_SECRET ")",
      "SECRET" },
    { "matrix-token", 0, 0, G_OPTION_ARG_STRING, &matrix_token,
      "Matrix access token (default: " SITREP_FAKE_CHANNELS_MATRIX_TOKEN ")", "TOKEN" },
    { "matrix-room", 0, 0, G_OPTION_ARG_STRING, &matrix_room,
      "The Matrix room the user is in (default: " SITREP_FAKE_CHANNELS_MATRIX_ROOM ")", "ROOM" },
    { "rate-limits", 0, 0, G_OPTION_ARG_NONE, &rate_limits,
      "Enforce every channel's rate limit from the start", NULL },
    { "statuspage-limit-status", 0, 0, G_OPTION_ARG_INT, &limit_status,
      "Statuspage's answer to too many requests, 420 or 429 (default: 429)", "STATUS" },
    { NULL }
  };

  context = g_option_context_new ("- fake Statuspage, Slack, DingTalk, Feishu, Matrix and hooks");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (port < 0 || port > G_MAXUINT16 || (limit_status != 420 && limit_status != 429))
    {
      g_printerr ("--port must be 0 to 65535 and --statuspage-limit-status 420 or 429\n");
      return EXIT_FAILURE;
    }

  fake = sitrep_fake_channels_new_on_port ((guint)port, &error);
  if (fake == NULL)
    {
      g_printerr ("Cannot listen on 127.0.0.1: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (statuspage_key != NULL)
    sitrep_fake_channels_set_token (fake, SITREP_FAKE_CHANNEL_STATUSPAGE, statuspage_key);
  if (slack_token != NULL)
    sitrep_fake_channels_set_token (fake, SITREP_FAKE_CHANNEL_SLACK, slack_token);
  if (dingtalk_token != NULL)
    sitrep_fake_channels_set_token (fake, SITREP_FAKE_CHANNEL_DINGTALK, dingtalk_token);
  if (dingtalk_secret != NULL)
    sitrep_fake_channels_set_secret (fake, SITREP_FAKE_CHANNEL_DINGTALK, dingtalk_secret);
  if (feishu_hook != NULL)
    sitrep_fake_channels_set_token (fake, SITREP_FAKE_CHANNEL_FEISHU, feishu_hook);
  if (feishu_secret != NULL)
    sitrep_fake_channels_set_secret (fake, SITREP_FAKE_CHANNEL_FEISHU, feishu_secret);
  if (hooks_secret != NULL)
    {
      sitrep_fake_channels_set_secret (fake, SITREP_FAKE_CHANNEL_BANNER, hooks_secret);
      sitrep_fake_channels_set_secret (fake, SITREP_FAKE_CHANNEL_PUSH, hooks_secret);
    }
  if (matrix_token != NULL)
    sitrep_fake_channels_set_token (fake, SITREP_FAKE_CHANNEL_MATRIX, matrix_token);
  if (matrix_room != NULL)
    sitrep_fake_channels_set_matrix_room (fake, matrix_room);
  for (guint i = 0; i < SITREP_FAKE_N_CHANNELS; i++)
    sitrep_fake_channels_set_rate_limit (fake, i, rate_limits);
  sitrep_fake_channels_set_statuspage_limit_status (fake, (guint)limit_status);

  loop = g_main_loop_new (NULL, FALSE);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);

  /* The one line a test waits for: flushed, since stdout is a pipe. */
  printf ("READY %s\n", sitrep_fake_channels_get_url (fake));
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);

  return EXIT_SUCCESS;
}
