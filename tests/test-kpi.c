/* test-kpi.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Key metrics: the worst series at each step of a range query, samples
 * that are not numbers left out, Prometheus' errors and wrong shapes in
 * words, a breach by threshold and direction, a value that stopped being
 * reported, and values that never read as their threshold. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sitrep-alert.h"
#include "sitrep-kpi.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static SitrepKpi *
new_kpi (double      threshold,
         const char *direction,
         const char *unit)
{
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GError) error = NULL;
  SitrepKpi *kpi;

  g_variant_dict_insert (&d, "id", "s", "payments");
  g_variant_dict_insert (&d, "name", "s", "Payment success rate");
  g_variant_dict_insert (&d, "query", "s", "payment:success_rate:ratio_rate5m");
  g_variant_dict_insert (&d, "threshold", "d", threshold);
  g_variant_dict_insert (&d, "direction", "s", direction);
  g_variant_dict_insert (&d, "unit", "s", unit);
  kpi = sitrep_kpi_new_from_variant (g_variant_dict_end (&d), &error);
  g_assert_no_error (error);
  return kpi;
}

static const char two_providers[] =
  "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
  "{\"metric\":{\"provider\":\"adyen\"},\"values\":[[1704069000,\"0.99\"],[1704069030,\"0.99\"],[1704069060,\"0.98\"]]},"
  "{\"metric\":{\"provider\":\"stripe\"},\"values\":[[1704069000,\"0.97\"],[1704069030,\"NaN\"],[1704069060,\"0.82\"]]}]}}";

static void
test_worst_series (void)
{
  g_autoptr(JsonNode) root = parse (two_providers);
  g_autoptr(SitrepKpiSeries) below = sitrep_kpi_parse_range (root, GINT_TO_POINTER (FALSE), NULL);
  g_autoptr(SitrepKpiSeries) above = sitrep_kpi_parse_range (root, GINT_TO_POINTER (TRUE), NULL);
  g_autoptr(SitrepKpi) kpi = new_kpi (0.95, "below", "percent");
  SitrepKpiPoint *points;

  /* Low is bad: the lowest at each step; NaN left out. */
  g_assert_cmpuint (below->points->len, ==, 3);
  points = (SitrepKpiPoint *)below->points->data;
  g_assert_cmpint (points[0].at, ==, G_GINT64_CONSTANT (1704069000) * G_TIME_SPAN_SECOND);
  g_assert_cmpfloat (points[0].value, ==, 0.97);
  g_assert_cmpfloat (points[1].value, ==, 0.99);
  g_assert_cmpfloat (points[2].value, ==, 0.82);
  g_assert_cmpstr (below->worst_labels, ==, "provider=stripe");

  /* High is bad: the highest, and the other provider is the worst. */
  points = (SitrepKpiPoint *)above->points->data;
  g_assert_cmpfloat (points[2].value, ==, 0.98);
  g_assert_cmpstr (above->worst_labels, ==, "provider=adyen");

  sitrep_kpi_apply (kpi, below, 42);
  g_assert_cmpfloat (sitrep_kpi_get_value (kpi), ==, 0.82);
  g_assert_cmpint (sitrep_kpi_get_state (kpi), ==, SITREP_KPI_BREACHED);
  g_assert_cmpstr (sitrep_kpi_get_worst_labels (kpi), ==, "provider=stripe");
  g_assert_cmpint (sitrep_kpi_get_fetched_at (kpi), ==, 42);

  /* A series that stopped long before the end of the range is no value now. */
  below->current_after = G_GINT64_CONSTANT (1704069120) * G_TIME_SPAN_SECOND;
  sitrep_kpi_apply (kpi, below, 43);
  g_assert_true (isnan (sitrep_kpi_get_value (kpi)));
  g_assert_cmpint (sitrep_kpi_get_state (kpi), ==, SITREP_KPI_NO_DATA);
  g_assert_cmpuint (sitrep_kpi_get_points (kpi)->len, ==, 3);  /* the sparkline still shows them */
}

static void
test_odd_answers (void)
{
  static const char * const shapes[] = {
    "[]", "{}", "{\"status\":\"success\"}", "{\"status\":\"success\",\"data\":{\"result\":\"x\"}}",
    "{\"status\":12,\"data\":{\"result\":[]}}",
  };
  g_autoptr(JsonNode) error_root = parse ("{\"status\":\"error\",\"errorType\":\"bad_data\","
                                          "\"error\":\"invalid parameter \\\"query\\\": 1:5: parse error\"}");
  g_autoptr(JsonNode) empty_root = parse ("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
  g_autoptr(JsonNode) odd_root = parse ("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                                        "{\"metric\":{},\"values\":[[1,\"+Inf\"],[2,\"x\"],[\"3\",\"0.5\"],[4],5,"
                                        "[5,0.4],[6,\"0.3\"]]},\"junk\",{\"values\":\"no\"}]}}");
  g_autoptr(SitrepKpiSeries) empty = sitrep_kpi_parse_range (empty_root, NULL, NULL);
  g_autoptr(SitrepKpiSeries) odd = sitrep_kpi_parse_range (odd_root, GINT_TO_POINTER (TRUE), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepKpiSeries) refused = sitrep_kpi_parse_range (error_root, NULL, &error);

  g_assert_null (refused);
  g_assert_error (error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_REMOTE);
  g_assert_nonnull (strstr (error->message, "parse error"));

  g_assert_cmpuint (empty->points->len, ==, 0);
  g_assert_null (empty->worst_labels);

  /* +Inf is a value; what is not a sample is left out. */
  g_assert_cmpuint (odd->points->len, ==, 2);
  g_assert_true (isinf (g_array_index (odd->points, SitrepKpiPoint, 0).value));
  g_assert_cmpfloat (g_array_index (odd->points, SitrepKpiPoint, 1).value, ==, 0.3);

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autoptr(JsonNode) root = parse (shapes[i]);
      g_autoptr(GError) shape_error = NULL;

      g_assert_null (sitrep_kpi_parse_range (root, NULL, &shape_error));
      g_assert_error (shape_error, SITREP_ALERT_ERROR, SITREP_ALERT_ERROR_SHAPE);
    }
}

static void
test_format_and_config (void)
{
  g_autoptr(SitrepKpi) errors = new_kpi (0.05, "above", "percent");
  g_autoptr(SitrepKpi) count = new_kpi (1000, "above", "number");
  g_autoptr(GVariant) config = NULL;
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GError) error = NULL;
  char *text;

  text = sitrep_kpi_format_value (errors, 0.0035);
  g_assert_cmpstr (text, ==, "0.35 %");
  g_free (text);
  text = sitrep_kpi_format_value (errors, 0.25);
  g_assert_cmpstr (text, ==, "25.0 %");
  g_free (text);
  /* Just past the threshold: never "5.00 %", which reads as the threshold. */
  text = sitrep_kpi_format_value (errors, 0.050004);
  g_assert_cmpstr (text, ==, "5.0004 %");
  g_free (text);
  text = sitrep_kpi_format_value (errors, NAN);
  g_assert_cmpstr (text, ==, "—");
  g_free (text);
  text = sitrep_kpi_describe_threshold (errors);
  g_assert_cmpstr (text, ==, "Breach above 5.00 %");
  g_free (text);
  text = sitrep_kpi_format_value (count, 1500);
  g_assert_cmpstr (text, ==, "1500");
  g_free (text);

  g_assert_true (sitrep_kpi_is_breach (errors, 0.06));
  g_assert_false (sitrep_kpi_is_breach (errors, 0.05));
  g_assert_false (sitrep_kpi_is_breach (errors, NAN));
  g_assert_cmpint (sitrep_kpi_get_state (errors), ==, SITREP_KPI_NO_DATA);

  /* What Preferences writes is what it reads. */
  config = g_variant_ref_sink (sitrep_kpi_to_variant (errors));
  {
    g_autoptr(SitrepKpi) again = sitrep_kpi_new_from_variant (config, NULL);
    g_autoptr(GVariant) config_again = g_variant_ref_sink (sitrep_kpi_to_variant (again));

    g_assert_true (g_variant_equal (config, config_again));
  }

  /* The default metrics' names are shown translated; others as given. */
  g_assert_cmpstr (sitrep_kpi_get_display_name (errors), ==, "Payment success rate");

  g_variant_dict_insert (&d, "name", "s", "Checkouts");
  g_assert_null (sitrep_kpi_new_from_variant (g_variant_dict_end (&d), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "PromQL"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kpi/worst-series", test_worst_series);
  g_test_add_func ("/kpi/odd-answers", test_odd_answers);
  g_test_add_func ("/kpi/format-and-config", test_format_and_config);

  return g_test_run ();
}
