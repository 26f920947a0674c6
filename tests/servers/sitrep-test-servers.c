/* sitrep-test-servers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <libsoup/soup.h>

#include "sitrep-test-servers.h"

struct _SitrepTestServers
{
  char        *dir;
  GPtrArray   *processes;
  char        *prometheus;
  char        *alertmanager;
  char        *pushgateway;
};

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint port;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return port;
}

static void
spawn (SitrepTestServers   *servers,
       const char * const  *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (argv[0]);
  g_autofree char *log = g_strconcat (servers->dir, "/", name, ".log", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  GSubprocess *process;

  /* Each server's output goes to a file beside its data. */
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_ptr_array_add (servers->processes, process);
}

static guint
http_status (SoupSession *session,
             const char  *url)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = soup_session_send_and_read (session, message, NULL, NULL);

  return soup_message_get_status (message);
}

static void
wait_ready (const char *base)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 2, NULL);
  g_autofree char *url = g_strconcat (base, "/-/ready", NULL);
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (http_status (session, url) != 200)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s did not become ready within a minute", base);
      g_usleep (100 * 1000);
    }
}

static char *
find_binary (const char *name)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL && g_getenv ("SITREP_REQUIRE_SERVERS") != NULL)
    g_error ("%s is not installed, but SITREP_REQUIRE_SERVERS is set; "
             "run build-aux/deps --tests", name);

  return path;
}

static SitrepTestServers *
start_servers (const char *rules_yaml,
               const char *alertmanager_yml)
{
  g_autofree char *prometheus = find_binary ("prometheus");
  g_autofree char *alertmanager = find_binary ("prometheus-alertmanager");
  g_autofree char *pushgateway = find_binary ("prometheus-pushgateway");
  g_autoptr(GError) error = NULL;
  SitrepTestServers *servers;
  guint prom_port, am_port, pgw_port;
  g_autofree char *prometheus_yml = NULL;
  g_autofree char *path = NULL;
  g_autofree char *arg1 = NULL, *arg2 = NULL, *arg3 = NULL, *arg4 = NULL;

  if (prometheus == NULL || alertmanager == NULL || pushgateway == NULL)
    return NULL;

  servers = g_new0 (SitrepTestServers, 1);
  servers->processes = g_ptr_array_new_with_free_func (g_object_unref);
  servers->dir = g_dir_make_tmp ("sitrep-servers-XXXXXX", &error);
  g_assert_no_error (error);

  prom_port = free_port ();
  am_port = free_port ();
  pgw_port = free_port ();
  servers->prometheus = g_strdup_printf ("http://127.0.0.1:%u", prom_port);
  servers->alertmanager = g_strdup_printf ("http://127.0.0.1:%u", am_port);
  servers->pushgateway = g_strdup_printf ("http://127.0.0.1:%u", pgw_port);

  /* Pushgateway: nothing persisted. */
  arg1 = g_strdup_printf ("--web.listen-address=127.0.0.1:%u", pgw_port);
  spawn (servers, (const char *[]) { pushgateway, arg1, "--persistence.file=", NULL });
  g_clear_pointer (&arg1, g_free);

  /* Alertmanager: no cluster, groups sent at once. */
  path = g_build_filename (servers->dir, "am.yml", NULL);
  g_file_set_contents (path, alertmanager_yml, -1, &error);
  g_assert_no_error (error);
  arg1 = g_strdup_printf ("--config.file=%s", path);
  arg2 = g_strdup_printf ("--storage.path=%s/am", servers->dir);
  arg3 = g_strdup_printf ("--web.listen-address=127.0.0.1:%u", am_port);
  arg4 = g_strdup_printf ("--web.external-url=%s/", servers->alertmanager);
  spawn (servers, (const char *[]) { alertmanager, arg1, arg2, arg3, arg4, "--cluster.listen-address=", NULL });
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&arg1, g_free);
  g_clear_pointer (&arg2, g_free);
  g_clear_pointer (&arg3, g_free);
  g_clear_pointer (&arg4, g_free);

  /* Prometheus: scrapes the Pushgateway every second, sends to the Alertmanager. */
  path = g_build_filename (servers->dir, "rules.yml", NULL);
  g_file_set_contents (path, rules_yaml, -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&path, g_free);
  prometheus_yml = g_strdup_printf (
    "global: {scrape_interval: 1s, evaluation_interval: 1s, external_labels: {env: test}}\n"
    "alerting: {alertmanagers: [{static_configs: [{targets: ['127.0.0.1:%u']}]}]}\n"
    "rule_files: [rules.yml]\n"
    "scrape_configs:\n"
    "  - job_name: warroom-fixture\n"
    "    honor_labels: true\n"
    "    static_configs: [{targets: ['127.0.0.1:%u'], labels: {service: checkout}}]\n",
    am_port, pgw_port);
  path = g_build_filename (servers->dir, "prometheus.yml", NULL);
  g_file_set_contents (path, prometheus_yml, -1, &error);
  g_assert_no_error (error);
  arg1 = g_strdup_printf ("--config.file=%s", path);
  arg2 = g_strdup_printf ("--storage.tsdb.path=%s/data", servers->dir);
  arg3 = g_strdup_printf ("--web.listen-address=127.0.0.1:%u", prom_port);
  arg4 = g_strdup_printf ("--web.external-url=%s/", servers->prometheus);
  spawn (servers, (const char *[]) { prometheus, arg1, arg2, arg3, arg4, NULL });

  wait_ready (servers->pushgateway);
  wait_ready (servers->alertmanager);
  wait_ready (servers->prometheus);

  return servers;
}

/**
 * sitrep_test_servers_start:
 * @rules_yaml: Prometheus alerting rules
 *
 * Returns: (nullable): the running servers, or %NULL when they are not
 *   installed (the test then skips)
 */
SitrepTestServers *
sitrep_test_servers_start (const char *rules_yaml)
{
  return start_servers (rules_yaml,
                        "route: {receiver: warroom, group_wait: 0s, group_interval: 1s, repeat_interval: 1h}\n"
                        "receivers: [{name: warroom}]\n");
}

/**
 * sitrep_test_servers_start_with_webhook:
 * @rules_yaml: Prometheus alerting rules
 * @webhook_url: where Alertmanager sends its notifications (payload
 *   version 4), resolved alerts included; each group of alerts (by
 *   alertname) is sent at once, and again a second after it changes
 *
 * Returns: (nullable): the running servers, or %NULL when they are not
 *   installed (the test then skips)
 */
SitrepTestServers *
sitrep_test_servers_start_with_webhook (const char *rules_yaml,
                                        const char *webhook_url)
{
  g_autoptr(GString) quoted = g_string_new (webhook_url);
  g_autofree char *alertmanager_yml = NULL;

  /* A single-quoted YAML scalar: a quote is written twice. */
  g_string_replace (quoted, "'", "''", 0);
  alertmanager_yml = g_strdup_printf (
    "route: {receiver: warroom, group_by: [alertname], group_wait: 0s, group_interval: 1s, "
    "repeat_interval: 1h}\n"
    "receivers: [{name: warroom, webhook_configs: [{url: '%s', send_resolved: true}]}]\n",
    quoted->str);

  return start_servers (rules_yaml, alertmanager_yml);
}

void
sitrep_test_servers_stop (SitrepTestServers *servers)
{
  if (servers == NULL)
    return;

  for (guint i = 0; i < servers->processes->len; i++)
    {
      GSubprocess *process = g_ptr_array_index (servers->processes, i);

      g_subprocess_send_signal (process, SIGTERM);
      g_subprocess_wait (process, NULL, NULL);
    }

  g_ptr_array_unref (servers->processes);
  if (g_getenv ("SITREP_KEEP_SERVER_LOGS") == NULL)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", servers->dir);

      (void)!system (command);
    }
  g_free (servers->dir);
  g_free (servers->prometheus);
  g_free (servers->alertmanager);
  g_free (servers->pushgateway);
  g_free (servers);
}

const char *
sitrep_test_servers_prometheus (SitrepTestServers *servers)
{
  return servers->prometheus;
}

const char *
sitrep_test_servers_alertmanager (SitrepTestServers *servers)
{
  return servers->alertmanager;
}

const char *
sitrep_test_servers_pushgateway (SitrepTestServers *servers)
{
  return servers->pushgateway;
}

/* Sends a request and fails the test unless it succeeds. */
static void
send (const char *method,
      const char *url,
      const char *content_type,
      const char *body)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) request_body = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (message, content_type, request_body);
  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
    g_error ("%s %s: HTTP %u: %.*s", method, url, soup_message_get_status (message),
             (int)g_bytes_get_size (answer), (const char *)g_bytes_get_data (answer, NULL));
}

/* Replaces the metrics of @job on the Pushgateway with @text (exposition format). */
void
sitrep_test_servers_push_metrics (SitrepTestServers *servers,
                                  const char        *job,
                                  const char        *text)
{
  g_autofree char *url = g_strdup_printf ("%s/metrics/job/%s", servers->pushgateway, job);

  send ("PUT", url, "text/plain; version=0.0.4", text);
}

void
sitrep_test_servers_post (const char *url,
                          const char *content_type,
                          const char *body)
{
  send ("POST", url, content_type, body);
}

/* One entry of the "sources" setting for a server of the harness, polled
 * every second, named by its id. */
GVariant *
sitrep_test_servers_source (const char *id,
                            const char *kind,
                            const char *url)
{
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&d, "id", "s", id);
  g_variant_dict_insert (&d, "kind", "s", kind);
  g_variant_dict_insert (&d, "name", "s", id);
  g_variant_dict_insert (&d, "url", "s", url);
  g_variant_dict_insert (&d, "interval", "u", 1);
  return g_variant_dict_end (&d);
}
