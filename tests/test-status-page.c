/* test-status-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A dependency's status page (Statuspage /api/v2/summary.json) read as
 * alerts: the quiet page, every kind of component trouble, an open
 * incident, component groups, hostile text and answers of the wrong
 * shape. */

#include "config.h"

#include <string.h>

#include "sitrep-status-page.h"

#define PAGE \
  "\"page\":{\"id\":\"kctbh9vrtdwd\",\"name\":\"Payments Provider\"," \
  "\"url\":\"https://status.payments.example\",\"time_zone\":\"Etc/UTC\"," \
  "\"updated_at\":\"2026-11-24T03:20:00.000Z\"}"

static const char operational_answer[] =
  "{" PAGE ","
  "\"status\":{\"indicator\":\"none\",\"description\":\"All Systems Operational\"},"
  "\"components\":["
  "{\"id\":\"b13yz5g2cw10\",\"name\":\"API\",\"status\":\"operational\","
  "\"created_at\":\"2026-01-01T00:00:00.000Z\",\"updated_at\":\"2026-11-24T03:00:00.000Z\","
  "\"position\":1,\"description\":\"Charges and refunds\",\"showcase\":true,\"start_date\":null,"
  "\"group_id\":null,\"page_id\":\"kctbh9vrtdwd\",\"group\":false,\"only_show_if_degraded\":false},"
  "{\"id\":\"1w5l5x9n1nrr\",\"name\":\"Card Networks\",\"status\":\"operational\","
  "\"position\":2,\"description\":null,\"group_id\":null,\"page_id\":\"kctbh9vrtdwd\","
  "\"group\":true,\"only_show_if_degraded\":false,\"components\":[\"0l2p9nhqnxpd\"]},"
  "{\"id\":\"0l2p9nhqnxpd\",\"name\":\"Visa\",\"status\":\"operational\",\"position\":1,"
  "\"description\":null,\"group_id\":\"1w5l5x9n1nrr\",\"page_id\":\"kctbh9vrtdwd\","
  "\"group\":false,\"only_show_if_degraded\":false}],"
  "\"incidents\":[],\"scheduled_maintenances\":[]}";

/* Components in each state but operational, a group, a component whose
 * status is unknown, an open incident and a resolved one. */
static const char *
outage_answer (const char *api_status,
               const char *api_updated_at,
               const char *incident_impact)
{
  static char *text = NULL;

  g_free (text);
  text = g_strdup_printf (
    "{" PAGE ","
    "\"status\":{\"indicator\":\"critical\",\"description\":\"Major System Outage\"},"
    "\"components\":["
    "{\"id\":\"b13yz5g2cw10\",\"name\":\"API\",\"status\":\"%s\","
    "\"updated_at\":\"%s\",\"position\":1,\"description\":\"Charges and refunds\","
    "\"group_id\":null,\"group\":false},"
    "{\"id\":\"8l4ygp009s5s\",\"name\":\"Checkout\",\"status\":\"degraded_performance\","
    "\"updated_at\":\"2026-11-24T03:05:00.000Z\",\"position\":2,\"description\":null,"
    "\"group\":false},"
    "{\"id\":\"vtwrl2gb6bqd\",\"name\":\"Dashboard\",\"status\":\"under_maintenance\","
    "\"updated_at\":\"2026-11-24T02:00:00.000Z\",\"position\":3,\"description\":\"\","
    "\"group\":false},"
    "{\"id\":\"ftgks51sfj6c\",\"name\":\"Webhooks\",\"status\":\"operational\","
    "\"updated_at\":\"2026-11-24T01:00:00.000Z\",\"position\":4,\"group\":false},"
    "{\"id\":\"1w5l5x9n1nrr\",\"name\":\"Card Networks\",\"status\":\"partial_outage\","
    "\"updated_at\":\"2026-11-24T03:07:00.000Z\",\"position\":5,\"group\":true,"
    "\"components\":[\"0l2p9nhqnxpd\"]},"
    "{\"id\":\"0l2p9nhqnxpd\",\"name\":\"Visa\",\"status\":\"partial_outage\","
    "\"updated_at\":\"2026-11-24T03:07:00.000Z\",\"position\":1,"
    "\"group_id\":\"1w5l5x9n1nrr\",\"group\":false},"
    "{\"id\":\"zzzzzzzzzzzz\",\"name\":\"Future\",\"status\":\"quantum_flux\",\"group\":false}],"
    "\"incidents\":["
    "{\"id\":\"p31zjtct2jer\",\"name\":\"Elevated API errors\",\"status\":\"identified\","
    "\"impact\":\"%s\",\"shortlink\":\"https://stspg.io/p31zjtct2jer\","
    "\"created_at\":\"2026-11-24T03:02:00.000Z\",\"started_at\":\"2026-11-24T03:01:00.000Z\","
    "\"updated_at\":\"2026-11-24T03:10:00.000Z\",\"page_id\":\"kctbh9vrtdwd\","
    "\"incident_updates\":["
    "{\"id\":\"u1\",\"status\":\"investigating\",\"body\":\"We are investigating.\","
    "\"created_at\":\"2026-11-24T03:02:00.000Z\",\"display_at\":\"2026-11-24T03:02:00.000Z\"},"
    "{\"id\":\"u2\",\"status\":\"identified\",\"body\":\"A database failover is under way.\","
    "\"created_at\":\"2026-11-24T03:10:00.000Z\",\"display_at\":\"2026-11-24T03:10:00.000Z\"},"
    "{\"id\":\"u3\",\"status\":\"identified\",\"body\":42}]},"
    "{\"id\":\"old0old0old0\",\"name\":\"Yesterday\",\"status\":\"resolved\",\"impact\":\"minor\","
    "\"created_at\":\"2026-11-23T03:02:00.000Z\",\"incident_updates\":[]}],"
    "\"scheduled_maintenances\":[]}",
    api_status, api_updated_at, incident_impact);

  return text;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static SitrepStatusPage *
parse_page (const char *text)
{
  g_autoptr(JsonNode) root = parse_json (text);
  g_autoptr(GError) error = NULL;
  SitrepStatusPage *page = sitrep_status_page_parse_summary (root, "payments-status", &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  return page;
}

static gint64
utc (const char *iso8601)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso8601, NULL);

  return g_date_time_to_unix (time) * G_TIME_SPAN_SECOND + g_date_time_get_microsecond (time);
}

static SitrepAlert *
find_alert (SitrepStatusPage *page,
            const char       *label,
            const char       *value)
{
  for (guint i = 0; i < page->alerts->len; i++)
    {
      SitrepAlert *alert = g_ptr_array_index (page->alerts, i);

      if (g_strcmp0 (sitrep_alert_get_label (alert, label), value) == 0)
        return alert;
    }

  return NULL;
}

static void
test_operational (void)
{
  g_autoptr(SitrepStatusPage) page = parse_page (operational_answer);

  g_assert_cmpstr (page->name, ==, "Payments Provider");
  g_assert_cmpstr (page->url, ==, "https://status.payments.example");
  g_assert_cmpstr (page->indicator, ==, "none");
  g_assert_cmpstr (page->description, ==, "All Systems Operational");
  g_assert_cmpuint (page->alerts->len, ==, 0);
}

static void
test_outage (void)
{
  g_autoptr(SitrepStatusPage) page = parse_page (outage_answer ("major_outage",
                                                                "2026-11-24T03:04:00.000Z",
                                                                "major"));
  SitrepAlert *api, *checkout, *dashboard, *visa, *incident;

  g_assert_cmpstr (page->indicator, ==, "critical");
  g_assert_cmpstr (page->description, ==, "Major System Outage");
  /* API, Checkout, Dashboard, Visa and the open incident: not Webhooks
   * (operational), not the group, not the unknown status, not the
   * resolved incident. */
  g_assert_cmpuint (page->alerts->len, ==, 5);
  g_assert_null (find_alert (page, "component", "Webhooks"));
  g_assert_null (find_alert (page, "component", "Card Networks"));
  g_assert_null (find_alert (page, "component", "Future"));
  g_assert_null (find_alert (page, "incident", "Yesterday"));

  api = find_alert (page, "component", "API");
  g_assert_nonnull (api);
  g_assert_cmpstr (sitrep_alert_get_name (api), ==, "DependencyDegraded");
  g_assert_cmpstr (sitrep_alert_get_source (api), ==, "payments-status");
  g_assert_cmpstr (sitrep_alert_get_label (api, "dependency"), ==, "Payments Provider");
  g_assert_cmpstr (sitrep_alert_get_label (api, "severity"), ==, "critical");
  g_assert_cmpstr (sitrep_alert_get_annotation (api, "summary"), ==,
                   "Payments Provider: API — Major outage");
  g_assert_cmpstr (sitrep_alert_get_annotation (api, "description"), ==, "Charges and refunds");
  g_assert_cmpint (sitrep_alert_get_state (api), ==, SITREP_ALERT_FIRING);
  g_assert_cmpint (sitrep_alert_get_starts_at (api), ==, utc ("2026-11-24T03:04:00Z"));
  g_assert_cmpstr (sitrep_alert_get_generator_url (api), ==, "https://status.payments.example");
  g_assert_cmpuint (strlen (sitrep_alert_get_fingerprint (api)), ==, 16);

  checkout = find_alert (page, "component", "Checkout");
  g_assert_nonnull (checkout);
  g_assert_cmpstr (sitrep_alert_get_label (checkout, "severity"), ==, "warning");
  g_assert_cmpstr (sitrep_alert_get_annotation (checkout, "summary"), ==,
                   "Payments Provider: Checkout — Degraded performance");
  g_assert_null (sitrep_alert_get_annotation (checkout, "description"));
  g_assert_cmpstr (sitrep_alert_get_fingerprint (checkout), !=, sitrep_alert_get_fingerprint (api));

  dashboard = find_alert (page, "component", "Dashboard");
  g_assert_nonnull (dashboard);
  g_assert_cmpstr (sitrep_alert_get_label (dashboard, "severity"), ==, "info");
  g_assert_cmpstr (sitrep_alert_get_annotation (dashboard, "summary"), ==,
                   "Payments Provider: Dashboard — Under maintenance");
  g_assert_null (sitrep_alert_get_annotation (dashboard, "description"));

  /* The group's child is listed on its own. */
  visa = find_alert (page, "component", "Visa");
  g_assert_nonnull (visa);
  g_assert_cmpstr (sitrep_alert_get_label (visa, "severity"), ==, "warning");
  g_assert_cmpstr (sitrep_alert_get_annotation (visa, "summary"), ==,
                   "Payments Provider: Visa — Partial outage");

  incident = find_alert (page, "alertname", "DependencyIncident");
  g_assert_nonnull (incident);
  g_assert_cmpstr (sitrep_alert_get_label (incident, "incident"), ==, "Elevated API errors");
  g_assert_cmpstr (sitrep_alert_get_label (incident, "dependency"), ==, "Payments Provider");
  g_assert_cmpstr (sitrep_alert_get_label (incident, "severity"), ==, "critical");
  g_assert_cmpstr (sitrep_alert_get_annotation (incident, "summary"), ==,
                   "Payments Provider: Elevated API errors");
  /* The newest update, though it is not listed first. */
  g_assert_cmpstr (sitrep_alert_get_annotation (incident, "description"), ==,
                   "A database failover is under way.");
  g_assert_cmpint (sitrep_alert_get_starts_at (incident), ==, utc ("2026-11-24T03:01:00Z"));
  g_assert_cmpstr (sitrep_alert_get_generator_url (incident), ==, "https://stspg.io/p31zjtct2jer");
  g_assert_cmpint (sitrep_alert_get_state (incident), ==, SITREP_ALERT_FIRING);
}

static void
test_fingerprint_stable (void)
{
  g_autoptr(SitrepStatusPage) before = parse_page (outage_answer ("partial_outage",
                                                                  "2026-11-24T03:04:00.000Z",
                                                                  "minor"));
  g_autofree char *api_before = NULL;
  g_autofree char *incident_before = NULL;
  g_autoptr(SitrepStatusPage) after = NULL;
  g_autoptr(SitrepStatusPage) other = NULL;
  g_autofree char *other_text = NULL;
  SitrepAlert *api, *incident;

  api = find_alert (before, "component", "API");
  incident = find_alert (before, "alertname", "DependencyIncident");
  g_assert_cmpstr (sitrep_alert_get_label (api, "severity"), ==, "warning");
  g_assert_cmpstr (sitrep_alert_get_label (incident, "severity"), ==, "warning");
  api_before = g_strdup (sitrep_alert_get_fingerprint (api));
  incident_before = g_strdup (sitrep_alert_get_fingerprint (incident));

  /* The outage grows: other status, other time, other impact, same alerts. */
  after = parse_page (outage_answer ("major_outage", "2026-11-24T03:30:00.000Z", "critical"));
  api = find_alert (after, "component", "API");
  incident = find_alert (after, "alertname", "DependencyIncident");
  g_assert_cmpstr (sitrep_alert_get_label (api, "severity"), ==, "critical");
  g_assert_cmpstr (sitrep_alert_get_label (incident, "severity"), ==, "critical");
  g_assert_cmpint (sitrep_alert_get_starts_at (api), ==, utc ("2026-11-24T03:30:00Z"));
  g_assert_cmpstr (sitrep_alert_get_fingerprint (api), ==, api_before);
  g_assert_cmpstr (sitrep_alert_get_fingerprint (incident), ==, incident_before);
  g_assert_cmpstr (api_before, !=, incident_before);

  /* The same component id on another page is another alert. */
  other_text = g_strdup (outage_answer ("partial_outage", "2026-11-24T03:04:00.000Z", "minor"));
  memcpy (strstr (other_text, "kctbh9vrtdwd"), "aaaaaaaaaaaa", 12);
  other = parse_page (other_text);
  api = find_alert (other, "component", "API");
  g_assert_cmpstr (sitrep_alert_get_fingerprint (api), !=, api_before);
}

static void
test_impacts (void)
{
  static const struct { const char *impact; const char *severity; } cases[] = {
    { "none", "info" },
    { "minor", "warning" },
    { "major", "critical" },
    { "critical", "critical" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SitrepStatusPage) page = parse_page (outage_answer ("operational",
                                                                    "2026-11-24T03:04:00.000Z",
                                                                    cases[i].impact));
      SitrepAlert *incident = find_alert (page, "alertname", "DependencyIncident");

      g_assert_nonnull (incident);
      g_assert_cmpstr (sitrep_alert_get_label (incident, "severity"), ==, cases[i].severity);
      g_assert_null (find_alert (page, "component", "API"));
    }
}

static void
test_groups (void)
{
  g_autoptr(SitrepStatusPage) page = parse_page (
    "{" PAGE ",\"status\":{\"indicator\":\"major\",\"description\":\"Partial System Outage\"},"
    "\"components\":["
    "{\"id\":\"g1\",\"name\":\"Card Networks\",\"status\":\"major_outage\",\"group\":true,"
    "\"components\":[\"c1\",\"c2\"]},"
    "{\"id\":\"c1\",\"name\":\"Visa\",\"status\":\"major_outage\",\"group_id\":\"g1\",\"group\":false},"
    "{\"id\":\"c2\",\"name\":\"Mastercard\",\"status\":\"operational\",\"group_id\":\"g1\","
    "\"group\":false},"
    "{\"id\":\"c3\",\"name\":\"Amex\",\"status\":\"partial_outage\",\"group_id\":\"g1\"}]}");
  SitrepAlert *visa, *amex;

  g_assert_cmpstr (page->indicator, ==, "major");
  g_assert_cmpuint (page->alerts->len, ==, 2);
  g_assert_null (find_alert (page, "component", "Card Networks"));
  g_assert_null (find_alert (page, "component", "Mastercard"));

  visa = find_alert (page, "component", "Visa");
  g_assert_cmpstr (sitrep_alert_get_label (visa, "severity"), ==, "critical");
  /* Without "group", a component is not a group. */
  amex = find_alert (page, "component", "Amex");
  g_assert_cmpstr (sitrep_alert_get_label (amex, "severity"), ==, "warning");
}

static void
assert_clipped (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (text, -1), ==, SITREP_ALERT_TEXT_MAX_CHARS + 1);
  g_assert_true (g_str_has_suffix (text, "…"));
}

static void
test_hostile (void)
{
  g_autoptr(GString) text = g_string_new ("{\"page\":{\"id\":\"p\",\"name\":\"");
  g_autoptr(SitrepStatusPage) page = NULL;
  SitrepAlert *bold, *entity, *control, *incident;
  const char *summary;
  guint n_long = 0;

  for (guint i = 0; i < 10 * 1024; i++)
    g_string_append_c (text, 'P');
  g_string_append (text, "\",\"url\":\"javascript:alert(1)\"},"
                         "\"status\":{\"indicator\":\"<b>major</b>\",\"description\":\"<i>x</i> &amp;\"},"
                         "\"components\":["
                         "{\"id\":\"a\",\"name\":\"<b>bold</b>\",\"status\":\"major_outage\","
                         "\"description\":\"<a href='x'>link</a>\"},"
                         "{\"id\":\"b\",\"name\":\"&amp; Co\",\"status\":\"partial_outage\"},"
                         "{\"id\":\"c\",\"name\":\"\\u0001bell\\u0007 \\u001b[31mred\\r\\nnext\","
                         "\"status\":\"degraded_performance\"},"
                         "{\"id\":\"d\",\"status\":\"major_outage\",\"name\":\"");
  for (guint i = 0; i < 10 * 1024; i++)
    g_string_append (text, "é");
  g_string_append (text, "\"}],\"incidents\":[{\"id\":\"i\",\"status\":\"investigating\","
                         "\"impact\":\"major\",\"name\":\"<script>alert(1)</script>\","
                         "\"incident_updates\":[{\"body\":\"");
  for (guint i = 0; i < 10 * 1024; i++)
    g_string_append_c (text, 'B');
  g_string_append (text, "\"}]}]}");

  page = parse_page (text->str);

  assert_clipped (page->name);
  /* Not a web address, but kept as given: whoever opens it checks. */
  g_assert_cmpstr (page->url, ==, "javascript:alert(1)");
  g_assert_cmpstr (page->indicator, ==, "unknown");
  g_assert_cmpstr (page->description, ==, "<i>x</i> &amp;");
  g_assert_cmpuint (page->alerts->len, ==, 5);

  /* Plain text in, plain text out: neither escaped nor unescaped. */
  bold = find_alert (page, "component", "<b>bold</b>");
  g_assert_nonnull (bold);
  g_assert_cmpstr (sitrep_alert_get_annotation (bold, "description"), ==, "<a href='x'>link</a>");
  assert_clipped (sitrep_alert_get_label (bold, "dependency"));
  summary = sitrep_alert_get_annotation (bold, "summary");
  assert_clipped (summary);

  entity = find_alert (page, "component", "&amp; Co");
  g_assert_nonnull (entity);

  control = find_alert (page, "component", "\001bell\007 \033[31mred\r\nnext");
  g_assert_nonnull (control);
  g_assert_true (g_utf8_validate (sitrep_alert_get_annotation (control, "summary"), -1, NULL));

  for (guint i = 0; i < page->alerts->len; i++)
    {
      const char *component = sitrep_alert_get_label (g_ptr_array_index (page->alerts, i), "component");

      if (component != NULL && g_str_has_prefix (component, "éé"))
        {
          assert_clipped (component);
          n_long++;
        }
    }
  g_assert_cmpuint (n_long, ==, 1);

  incident = find_alert (page, "incident", "<script>alert(1)</script>");
  g_assert_nonnull (incident);
  assert_clipped (sitrep_alert_get_annotation (incident, "description"));
  g_assert_cmpstr (sitrep_alert_get_generator_url (incident), ==, "javascript:alert(1)");
}

static void
assert_shape_error (const char *text)
{
  g_autoptr(JsonNode) root = parse_json (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStatusPage) page = sitrep_status_page_parse_summary (root, "s", &error);

  g_assert_null (page);
  g_assert_error (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_SHAPE);
  g_assert_nonnull (strstr (error->message, "status page"));
}

static void
test_wrong_shapes (void)
{
  g_autoptr(SitrepStatusPage) page = NULL;
  g_autoptr(SitrepStatusPage) bare = NULL;

  assert_shape_error ("[]");
  assert_shape_error ("[{" PAGE "}]");
  assert_shape_error ("\"summary\"");
  assert_shape_error ("42");
  assert_shape_error ("null");
  assert_shape_error ("{}");
  assert_shape_error ("{\"status\":{\"indicator\":\"none\"},\"components\":[]}");
  assert_shape_error ("{\"page\":\"Payments Provider\"}");
  assert_shape_error ("{\"page\":[]}");
  assert_shape_error ("{\"page\":{}}");
  assert_shape_error ("{\"page\":{\"id\":42,\"name\":\"Payments\"}}");
  assert_shape_error ("{\"page\":{\"name\":[\"Payments\"]}}");
  assert_shape_error ("{\"page\":{\"name\":\"Payments\",\"url\":7}}");
  assert_shape_error ("{" PAGE ",\"components\":\"all operational\"}");
  assert_shape_error ("{" PAGE ",\"components\":{\"0\":{}}}");
  assert_shape_error ("{" PAGE ",\"components\":[],\"incidents\":3}");
  assert_shape_error ("{" PAGE ",\"status\":[\"none\"]}");

  /* Elements and members of the wrong type are skipped or count as
   * missing; the rest of the page is read. */
  page = parse_page ("{" PAGE ","
                     "\"status\":{\"indicator\":3,\"description\":false},"
                     "\"components\":[42,\"API\",null,[],"
                     "{\"id\":7,\"name\":\"API\",\"status\":\"major_outage\",\"updated_at\":true,"
                     "\"description\":{\"text\":\"x\"},\"group\":\"true\"},"
                     "{\"id\":\"x\",\"name\":42,\"status\":\"major_outage\"},"
                     "{\"id\":\"y\",\"name\":\"Webhooks\",\"status\":3},"
                     "{\"id\":\"z\",\"name\":\"\",\"status\":\"major_outage\"}],"
                     "\"incidents\":[\"Outage\",7,"
                     "{\"id\":[],\"name\":\"Outage\",\"status\":\"investigating\",\"impact\":4,"
                     "\"shortlink\":5,\"started_at\":\"yesterday\",\"created_at\":6,"
                     "\"incident_updates\":\"see the page\"},"
                     "{\"id\":\"n\",\"name\":null,\"status\":\"investigating\"}]}");
  g_assert_cmpstr (page->indicator, ==, "unknown");
  g_assert_null (page->description);
  g_assert_cmpuint (page->alerts->len, ==, 2);
  {
    SitrepAlert *api = find_alert (page, "component", "API");
    SitrepAlert *outage = find_alert (page, "incident", "Outage");

    g_assert_nonnull (api);
    g_assert_cmpint (sitrep_alert_get_starts_at (api), ==, 0);
    g_assert_null (sitrep_alert_get_annotation (api, "description"));
    g_assert_nonnull (outage);
    g_assert_cmpstr (sitrep_alert_get_label (outage, "severity"), ==, "warning");
    g_assert_cmpint (sitrep_alert_get_starts_at (outage), ==, 0);
    g_assert_null (sitrep_alert_get_annotation (outage, "description"));
    g_assert_cmpstr (sitrep_alert_get_generator_url (outage), ==, "https://status.payments.example");
  }

  /* status.json has no components: only the indicator. */
  bare = parse_page ("{\"page\":{\"id\":\"kctbh9vrtdwd\",\"name\":\"Payments Provider\"},"
                     "\"status\":{\"indicator\":\"minor\",\"description\":\"Minor Service Outage\"},"
                     "\"components\":null}");
  g_assert_cmpstr (bare->indicator, ==, "minor");
  g_assert_cmpstr (bare->description, ==, "Minor Service Outage");
  g_assert_null (bare->url);
  g_assert_cmpuint (bare->alerts->len, ==, 0);
}

static void
test_page_without_name (void)
{
  g_autoptr(SitrepStatusPage) page = parse_page ("{\"page\":{\"id\":\"kctbh9vrtdwd\"},"
                                                 "\"components\":[{\"id\":\"a\",\"name\":\"API\","
                                                 "\"status\":\"partial_outage\"}]}");
  SitrepAlert *api = find_alert (page, "component", "API");

  g_assert_cmpstr (page->name, ==, "kctbh9vrtdwd");
  g_assert_cmpstr (page->indicator, ==, "unknown");
  g_assert_cmpstr (sitrep_alert_get_label (api, "dependency"), ==, "kctbh9vrtdwd");
  g_assert_null (sitrep_alert_get_generator_url (api));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/status-page/operational", test_operational);
  g_test_add_func ("/status-page/outage", test_outage);
  g_test_add_func ("/status-page/fingerprint-stable", test_fingerprint_stable);
  g_test_add_func ("/status-page/impacts", test_impacts);
  g_test_add_func ("/status-page/groups", test_groups);
  g_test_add_func ("/status-page/hostile", test_hostile);
  g_test_add_func ("/status-page/wrong-shapes", test_wrong_shapes);
  g_test_add_func ("/status-page/page-without-name", test_page_without_name);

  return g_test_run ();
}
