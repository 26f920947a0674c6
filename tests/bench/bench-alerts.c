/* bench-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How Sitrep copes with a big Alertmanager answer: 10,000 alerts fetched
 * over loopback HTTP, parsed on the worker thread and applied to the alert
 * feed on the main thread. Prints the total time and the longest time the
 * main loop was blocked, measured by a 1 ms heartbeat, over several runs.
 * A benchmark, not a test: it prints figures and judges nothing. */

#include "config.h"

#include <stdio.h>

#include "sitrep-alert-feed.h"
#include "sitrep-http.h"

#define N_ALERTS 10000
#define N_RUNS   5

typedef struct
{
  gint64 last_beat;
  gint64 longest_gap;
} Heartbeat;

static gboolean
beat_cb (gpointer user_data)
{
  Heartbeat *heartbeat = user_data;
  gint64 now = g_get_monotonic_time ();

  heartbeat->longest_gap = MAX (heartbeat->longest_gap, now - heartbeat->last_beat);
  heartbeat->last_beat = now;

  return G_SOURCE_CONTINUE;
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  GBytes *body = user_data;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* The server runs on a thread of its own, as a remote server would: its
 * work must not count as the main loop's. */
typedef struct
{
  GBytes  *answer;
  GMutex   lock;
  GCond    ready;
  guint    port;
} ServerThread;

static gpointer
server_thread (gpointer user_data)
{
  ServerThread *thread = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler_cb, thread->answer, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("%s", error->message);
  uris = soup_server_get_uris (server);

  g_mutex_lock (&thread->lock);
  thread->port = g_uri_get_port (uris->data);
  g_cond_signal (&thread->ready);
  g_mutex_unlock (&thread->lock);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  for (;;)
    g_main_context_iteration (context, TRUE);

  return NULL;
}

static GBytes *
make_answer (void)
{
  GString *answer = g_string_new ("[");

  for (int i = 0; i < N_ALERTS; i++)
    g_string_append_printf (answer,
                            "%s{\"annotations\":{\"summary\":\"Instance host-%d is down\","
                            "\"runbook_url\":\"https://runbooks.example/host-down\"},"
                            "\"endsAt\":\"2026-11-24T03:15:40.115Z\",\"fingerprint\":\"%016x\","
                            "\"receivers\":[{\"name\":\"warroom\"}],"
                            "\"startsAt\":\"2026-11-24T03:00:00.000Z\",\"updatedAt\":\"2026-11-24T03:10:40.115Z\","
                            "\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},"
                            "\"generatorURL\":\"http://prometheus:9090/graph\","
                            "\"labels\":{\"alertname\":\"HostDown\",\"instance\":\"host-%d:9100\","
                            "\"job\":\"node\",\"region\":\"eu-%d\",\"severity\":\"%s\"}}",
                            i > 0 ? "," : "", i, (guint)i * 2654435761u, i, i % 7,
                            i % 10 == 0 ? "critical" : "warning");
  g_string_append (answer, "]");

  return g_string_free_to_bytes (answer);
}

static gpointer
parse_alertmanager_cb (JsonNode  *root,
                       gpointer   source,
                       GError   **error)
{
  return sitrep_alert_parse_alertmanager (root, source, error);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) answer = make_answer ();
  g_autoptr(SitrepHttp) http = sitrep_http_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  ServerThread thread = { answer };

  g_mutex_init (&thread.lock);
  g_cond_init (&thread.ready);
  g_thread_unref (g_thread_new ("server", server_thread, &thread));
  g_mutex_lock (&thread.lock);
  while (thread.port == 0)
    g_cond_wait (&thread.ready, &thread.lock);
  g_mutex_unlock (&thread.lock);
  url = g_strdup_printf ("http://127.0.0.1:%u/api/v2/alerts", thread.port);

  printf ("%d Alertmanager alerts, %.1f MB of JSON, %d runs\n", N_ALERTS,
          g_bytes_get_size (answer) / 1e6, N_RUNS);
  printf ("fetch+parse: HTTP, JSON and the alerts built, on the worker thread\n"
          "apply: the feed merges and the list changes, on the main thread\n"
          "longest block: the longest the main loop went without running, from a 1 ms heartbeat\n");
  printf ("%-4s %12s %12s %12s %16s\n", "run", "fetch+parse", "apply", "total", "longest block");

  for (int run = 1; run <= N_RUNS; run++)
    {
      g_autoptr(SitrepAlertFeed) feed = sitrep_alert_feed_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) alerts = NULL;
      Heartbeat heartbeat = { g_get_monotonic_time (), 0 };
      gint64 start, fetched, applied;
      guint beat;

      beat = g_timeout_add (1, beat_cb, &heartbeat);
      start = g_get_monotonic_time ();

      sitrep_http_get_async (http, url, NULL, parse_alertmanager_cb, (gpointer)"alertmanager",
                             (GDestroyNotify)g_ptr_array_unref, NULL, done_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      alerts = sitrep_http_get_finish (http, result, NULL, &error);
      if (alerts == NULL)
        g_error ("%s", error->message);
      fetched = g_get_monotonic_time ();

      sitrep_alert_feed_update (feed, "alertmanager", alerts);
      applied = g_get_monotonic_time ();
      beat_cb (&heartbeat);
      g_source_remove (beat);

      printf ("%-4d %9.1f ms %9.1f ms %9.1f ms %13.1f ms\n", run,
              (fetched - start) / 1000.0, (applied - fetched) / 1000.0,
              (applied - start) / 1000.0, heartbeat.longest_gap / 1000.0);
      g_assert (g_list_model_get_n_items (sitrep_alert_feed_get_alerts (feed)) == N_ALERTS);
    }

  return 0;
}
