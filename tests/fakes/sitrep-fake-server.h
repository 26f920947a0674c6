/* sitrep-fake-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Loopback fakes of the services that have no real server to run here
 * (see APIS.md §E): Grafana (its Alertmanager and Prometheus-compatible alert
 * lists, health, annotations and silences) and an Atlassian Statuspage
 * (the public read API). Each is a SoupServer on 127.0.0.1 with a free
 * port, served from the thread-default main context of its creation, with
 * a fixed clock and fixed identifiers so tests are deterministic, and
 * faults to inject: what real servers and the proxies in front of them do
 * when things go wrong. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * SitrepFakeFault:
 * @SITREP_FAKE_FAULT_NONE: answer as the real service does
 * @SITREP_FAKE_FAULT_UNAUTHORIZED: 401 with the service's error body
 * @SITREP_FAKE_FAULT_RATE_LIMITED: 429 with `Retry-After: 7`
 * @SITREP_FAKE_FAULT_SERVER_ERROR: 500 with the service's JSON error body
 * @SITREP_FAKE_FAULT_HTML: an HTML page: Grafana's login page (200) or a
 *   proxy's 502 page in front of the status page
 * @SITREP_FAKE_FAULT_MALFORMED: 200 with `{"status": "succ`
 * @SITREP_FAKE_FAULT_TRUNCATED: the first half of the real answer, then
 *   the connection closes
 * @SITREP_FAKE_FAULT_OVERSIZED: 200 with a valid JSON array of more than
 *   33 MiB, streamed in chunks
 * @SITREP_FAKE_FAULT_WRONG_TYPES: the right envelope with members of the
 *   wrong types: labels as a list, alerts or components as a string
 * @SITREP_FAKE_FAULT_HOSTILE: markup, entities, control characters and
 *   10 KB strings in labels, names and bodies. The main lists (the
 *   Alertmanager alerts, summary.json) are valid UTF-8 so their text can
 *   be checked; the other answers also carry raw invalid UTF-8 bytes
 * @SITREP_FAKE_FAULT_SLOW: the request is accepted and never answered
 *
 * What every request gets until the fault changes.
 */
typedef enum
{
  SITREP_FAKE_FAULT_NONE,
  SITREP_FAKE_FAULT_UNAUTHORIZED,
  SITREP_FAKE_FAULT_RATE_LIMITED,
  SITREP_FAKE_FAULT_SERVER_ERROR,
  SITREP_FAKE_FAULT_HTML,
  SITREP_FAKE_FAULT_MALFORMED,
  SITREP_FAKE_FAULT_TRUNCATED,
  SITREP_FAKE_FAULT_OVERSIZED,
  SITREP_FAKE_FAULT_WRONG_TYPES,
  SITREP_FAKE_FAULT_HOSTILE,
  SITREP_FAKE_FAULT_SLOW,
} SitrepFakeFault;

#define SITREP_FAKE_STATUSPAGE_PAGE_ID   "kctbh9vrtdwd"
#define SITREP_FAKE_STATUSPAGE_PAGE_NAME "Payments Provider"

typedef struct _SitrepFakeServer SitrepFakeServer;

SitrepFakeServer *sitrep_fake_grafana_new                   (const char       *token);
void              sitrep_fake_grafana_set_alerts            (SitrepFakeServer *fake,
                                                             const char       *alertmanager_json,
                                                             const char       *prometheus_json);

SitrepFakeServer *sitrep_fake_statuspage_new                (void);
void              sitrep_fake_statuspage_set_component      (SitrepFakeServer *fake,
                                                             const char       *name,
                                                             const char       *status);
void              sitrep_fake_statuspage_open_incident      (SitrepFakeServer *fake,
                                                             const char       *name,
                                                             const char       *impact,
                                                             const char       *body);
void              sitrep_fake_statuspage_resolve_incident   (SitrepFakeServer *fake,
                                                             const char       *name);

void              sitrep_fake_server_set_fault              (SitrepFakeServer *fake,
                                                             SitrepFakeFault   fault);
const char       *sitrep_fake_server_get_url                (SitrepFakeServer *fake);
guint             sitrep_fake_server_get_n_requests         (SitrepFakeServer *fake,
                                                             const char       *path);
const char       *sitrep_fake_server_get_last_authorization (SitrepFakeServer *fake);
const char       *sitrep_fake_server_get_last_body          (SitrepFakeServer *fake,
                                                             const char       *path);
void              sitrep_fake_server_free                   (SitrepFakeServer *fake);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepFakeServer, sitrep_fake_server_free)

G_END_DECLS
