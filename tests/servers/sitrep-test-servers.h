/* sitrep-test-servers.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The real-server harness: Debian's Prometheus, Alertmanager and
 * Pushgateway, started on free loopback ports in a temporary directory,
 * wired together (Prometheus scrapes the Pushgateway every second, loads
 * the test's alerting rules and sends to the Alertmanager) and stopped at
 * the end. Without the binaries the tests skip, unless
 * SITREP_REQUIRE_SERVERS=1 makes that a failure. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _SitrepTestServers SitrepTestServers;

SitrepTestServers *sitrep_test_servers_start          (const char        *rules_yaml);
SitrepTestServers *sitrep_test_servers_start_with_webhook
                                                      (const char        *rules_yaml,
                                                       const char        *webhook_url);
void               sitrep_test_servers_stop           (SitrepTestServers *servers);
const char        *sitrep_test_servers_prometheus     (SitrepTestServers *servers);
const char        *sitrep_test_servers_alertmanager   (SitrepTestServers *servers);
const char        *sitrep_test_servers_pushgateway    (SitrepTestServers *servers);
void               sitrep_test_servers_push_metrics   (SitrepTestServers *servers,
                                                       const char        *job,
                                                       const char        *text);
GVariant          *sitrep_test_servers_source         (const char        *id,
                                                       const char        *kind,
                                                       const char        *url);
void               sitrep_test_servers_post           (const char        *url,
                                                       const char        *content_type,
                                                       const char        *body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepTestServers, sitrep_test_servers_stop)

G_END_DECLS
