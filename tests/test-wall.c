/* test-wall.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The blast-radius chart and the wall display, rendered: the chart draws
 * the right segments (checked in its pixels, in light and dark) and reads
 * its numbers in its accessible description, and redraws only when they
 * change; the wall lays out at 1280×720, 1920×1080 and 3840×2160 with
 * every label inside the window, nothing ellipsized, nothing smaller
 * than 2.5 % of the height and the countdown at least 5 %. */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "sitrep-blast-chart.h"
#include "sitrep-memory-journal.h"
#include "sitrep-wall-window.h"

#include "test-utils.h"
#include "test-widget-utils.h"

static gboolean
drawn (gpointer data)
{
  return sitrep_blast_chart_get_n_draws (data) > 0;
}

static SitrepIncident *
declare (SitrepWarRoom  *war_room,
         const char     *title,
         SitrepSeverity  severity)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SitrepIncident *incident;

  sitrep_war_room_declare_async (war_room, title, severity, NULL, NULL, test_async_result_cb, &result);
  incident = sitrep_war_room_declare_finish (war_room, test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return incident;
}

static void
apply_numbers (SitrepAssessment *assessment,
               double            ios_affected)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, TRUE, sizeof (SitrepSegment));
  SitrepSegment ios = { (char *)"ios", ios_affected, 1000 };
  SitrepSegment android = { (char *)"android", 0, 1000 };

  g_array_append_val (segments, ios);
  g_array_append_val (segments, android);
  sitrep_assessment_apply (assessment, segments, NULL, g_get_real_time ());
}

/* The chart's pixels, as it draws them. */
static cairo_surface_t *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* Whether anything is drawn at (x, y): the chart has no background. */
static gboolean
painted (cairo_surface_t *surface,
         int              x,
         int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return data[y * stride + x * 4 + 3] > 0x40;
}

typedef struct
{
  GtkWidget *chart;
  int        width;
  int        height;
  guint      n_draws;
} Resized;

static gboolean
redrawn_at (gpointer data)
{
  Resized *r = data;

  return gtk_widget_get_width (r->chart) == r->width && gtk_widget_get_height (r->chart) == r->height &&
         sitrep_blast_chart_get_n_draws (SITREP_BLAST_CHART (r->chart)) > r->n_draws;
}

static void
check_chart (AdwColorScheme scheme)
{
  g_autoptr(SitrepJournal) journal = SITREP_JOURNAL (sitrep_memory_journal_new ());
  g_autoptr(SitrepClock) clock = sitrep_clock_new_system ();
  g_autoptr(SitrepWarRoom) war_room = sitrep_war_room_new (journal, clock);
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(SitrepAssessment) assessment = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) config_json = json_object_new ();
  g_autoptr(SitrepBlastConfig) config = NULL;
  cairo_surface_t *surface;
  GtkWidget *window, *chart;
  static const int sizes[][2] = { { 200, 120 }, { 1920, 1080 } };
  graphene_rect_t bar;
  const char *description;
  guint n_draws;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);

  sitrep_war_room_load_async (war_room, NULL, test_async_result_cb, &result);
  g_assert_true (sitrep_war_room_load_finish (war_room, test_wait_for_result (&result), NULL));
  incident = declare (war_room, "Crashes on iOS", SITREP_SEVERITY_SEV3);
  assessment = sitrep_assessment_new (incident);
  json_object_set_string_member (config_json, "dimension", "platform");
  json_object_set_string_member (config_json, "affected", "crashed");
  json_object_set_string_member (config_json, "total", "sessions");
  config = sitrep_blast_config_new_from_json (config_json);
  sitrep_assessment_set_default_config (assessment, config);
  apply_numbers (assessment, 300);

  window = gtk_window_new ();
  chart = sitrep_blast_chart_new ();
  sitrep_blast_chart_set_assessment (SITREP_BLAST_CHART (chart), assessment);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 300);
  gtk_window_present (GTK_WINDOW (window));
  test_wait_until (drawn, chart);

  /* The numbers, in words. */
  description = sitrep_blast_chart_get_description (SITREP_BLAST_CHART (chart));
  g_test_message ("%s", description);
  g_assert_nonnull (strstr (description, "15.0 % affected (300 of 2000), by platform: ios 30.0 %, android 0.0 %"));

  /* Two bars, the worst first: ios is drawn filled over its first 30 %
   * and empty after; android is empty. */
  surface = render (chart);
  g_assert_true (sitrep_blast_chart_get_bar_rect (SITREP_BLAST_CHART (chart), 0, &bar));
  g_assert_true (painted (surface, (int)(bar.origin.x + bar.size.width * 0.15), (int)(bar.origin.y + bar.size.height / 2)));
  g_assert_false (painted (surface, (int)(bar.origin.x + bar.size.width * 0.6), (int)(bar.origin.y + bar.size.height / 2)));
  g_assert_true (painted (surface, (int)bar.origin.x, (int)(bar.origin.y + bar.size.height / 2)));
  g_assert_true (sitrep_blast_chart_get_bar_rect (SITREP_BLAST_CHART (chart), 1, &bar));
  g_assert_false (painted (surface, (int)(bar.origin.x + bar.size.width * 0.15), (int)(bar.origin.y + bar.size.height / 2)));
  g_assert_false (sitrep_blast_chart_get_bar_rect (SITREP_BLAST_CHART (chart), 2, &bar));
  cairo_surface_destroy (surface);

  /* From a card's thumbnail to a quarter of a 4K screen: the bars are
   * drawn, inside the chart, and the worst one is filled. */
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      int width = sizes[i][0], height = sizes[i][1];
      Resized r = { chart, width, height, sitrep_blast_chart_get_n_draws (SITREP_BLAST_CHART (chart)) };

      gtk_widget_set_size_request (chart, width, height);
      gtk_window_set_default_size (GTK_WINDOW (window), width, height);
      test_wait_until (redrawn_at, &r);
      g_assert_true (sitrep_blast_chart_get_bar_rect (SITREP_BLAST_CHART (chart), 0, &bar));
      g_assert_cmpfloat (bar.origin.x, >=, 0);
      g_assert_cmpfloat (bar.origin.y + bar.size.height, <=, height);
      g_assert_cmpfloat (bar.origin.x + bar.size.width, <=, width);
      surface = render (chart);
      g_assert_true (painted (surface, (int)(bar.origin.x + bar.size.width * 0.15), (int)(bar.origin.y + bar.size.height / 2)));
      cairo_surface_destroy (surface);
    }

  /* Idle, it does not redraw; new numbers redraw it, and are said. */
  n_draws = sitrep_blast_chart_get_n_draws (SITREP_BLAST_CHART (chart));
  for (int i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpuint (sitrep_blast_chart_get_n_draws (SITREP_BLAST_CHART (chart)), ==, n_draws);
  apply_numbers (assessment, 800);
  g_assert_nonnull (strstr (sitrep_blast_chart_get_description (SITREP_BLAST_CHART (chart)), "ios 80.0 %"));

  gtk_window_destroy (GTK_WINDOW (window));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* Severity is told by shape too: the shapes are SVG icons, which need
 * the SVG loader installed. */
static void
test_severity_shapes_load (void)
{
  for (int i = SITREP_SEVERITY_UNTRIAGED; i <= SITREP_SEVERITY_LAST; i++)
    {
      g_autofree char *path = g_strdup_printf ("/org/sitrep/Sitrep/icons/scalable/status/%s.svg",
                                               sitrep_severity_get_icon_name (i));
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      g_autoptr(GError) error = NULL;

      pixbuf = gdk_pixbuf_new_from_resource_at_scale (path, 96, 96, TRUE, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 96);
    }
}

static void
test_chart_light (void)
{
  check_chart (ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static void
test_chart_dark (void)
{
  check_chart (ADW_COLOR_SCHEME_FORCE_DARK);
}

/* The size of a label's text, in pixels. */
static double
font_px (GtkWidget *label)
{
  PangoContext *context = gtk_widget_get_pango_context (label);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double size = pango_font_description_get_size (font) / (double)PANGO_SCALE;

  return pango_font_description_get_size_is_absolute (font) ? size : size * 96.0 / 72.0;
}

typedef struct
{
  GtkWidget *window;
  int        height;
} StyledFor;

/* The new sizes have reached the countdown's text. */
static gboolean
is_styled_for (gpointer data)
{
  StyledFor *s = data;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  test_collect_widgets (s->window, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "wall-countdown"))
      return fabs (font_px (g_ptr_array_index (labels, i)) - s->height * 0.14) < 1.0;

  return FALSE;
}

/* Whether @widget would be seen: it and every container up to @root
 * visible, and none a stack's hidden page. */
static gboolean
shown_in (GtkWidget *widget,
          GtkWidget *root)
{
  for (; widget != NULL && widget != root; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
      return FALSE;

  return widget == root;
}

/* Lays the wall's content out at @width × @height, as a screen of that
 * size would, and checks every label shown. */
static void
check_layout (GtkWidget *window,
              int        width,
              int        height)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *root = adw_window_get_content (ADW_WINDOW (window));
  int minimum_height, natural_height;
  guint n_checked = 0;

  StyledFor styled_for = { window, height };

  sitrep_wall_window_restyle (SITREP_WALL_WINDOW (window), width, height);
  test_wait_until (is_styled_for, &styled_for);

  gtk_widget_measure (root, GTK_ORIENTATION_VERTICAL, width, &minimum_height, &natural_height, NULL, NULL);
  if (minimum_height > height)
    g_error ("At %d×%d the wall needs %d pixels of height", width, height, minimum_height);
  gtk_widget_allocate (root, width, height, -1, NULL);

  test_collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      graphene_rect_t bounds;

      if (!shown_in (label, root) || *gtk_label_get_text (GTK_LABEL (label)) == '\0')
        continue;

      g_assert_true (gtk_widget_compute_bounds (label, root, &bounds));
      if (bounds.origin.x < 0 || bounds.origin.y < 0 ||
          bounds.origin.x + bounds.size.width > width + 0.5 ||
          bounds.origin.y + bounds.size.height > height + 0.5)
        g_error ("At %d×%d, “%s” lies outside the wall: %.0f,%.0f %.0f×%.0f", width, height,
                 gtk_label_get_text (GTK_LABEL (label)), bounds.origin.x, bounds.origin.y,
                 bounds.size.width, bounds.size.height);
      if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
        g_error ("At %d×%d, “%s” is ellipsized", width, height, gtk_label_get_text (GTK_LABEL (label)));
      if (font_px (label) < height * 0.025 - 0.5)
        g_error ("At %d×%d, “%s” is %.1f px high, under 2.5 %%", width, height,
                 gtk_label_get_text (GTK_LABEL (label)), font_px (label));
      if (gtk_widget_has_css_class (label, "wall-countdown"))
        g_assert_cmpfloat (font_px (label), >=, height * 0.05);
      n_checked++;
    }

  g_assert_cmpuint (n_checked, >=, 15);
}

static gboolean
source_gone_shown (gpointer window)
{
  return test_label_shown (window, "Data — Payments Prometheus: FAILING, no data");
}

static gboolean
pointer_hidden (gpointer window)
{
  GdkCursor *cursor = gtk_widget_get_cursor (window);

  return cursor != NULL && g_strcmp0 (gdk_cursor_get_name (cursor), "none") == 0;
}

static void
test_wall_layout (void)
{
  g_autoptr(SitrepJournal) journal = SITREP_JOURNAL (sitrep_memory_journal_new ());
  g_autoptr(SitrepClock) clock = sitrep_clock_new_system ();
  g_autoptr(SitrepWarRoom) war_room = sitrep_war_room_new (journal, clock);
  g_autoptr(SitrepAlertFeed) feed = sitrep_alert_feed_new ();
  g_autoptr(SitrepMonitor) monitor = sitrep_monitor_new (feed);
  g_autoptr(SitrepAssessor) assessor = sitrep_assessor_new (monitor);
  g_autoptr(GtkApplication) app = gtk_application_new ("org.sitrep.SitrepWallTest", G_APPLICATION_NON_UNIQUE);
  g_autoptr(SitrepIncident) sev1 = NULL;
  g_autoptr(SitrepIncident) sev3 = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GVariant) kpis = g_settings_get_value (settings, "kpis");

  g_autoptr(GVariant) sources = g_variant_parse (G_VARIANT_TYPE ("aa{sv}"),
    "[{'id': <'gone'>, 'kind': <'prometheus'>, 'name': <'Payments Prometheus'>, "
    "'url': <'http://127.0.0.1:1'>, 'interval': <uint32 1>, 'enabled': <true>}]", NULL, NULL, NULL);

  sitrep_monitor_set_kpis (monitor, kpis);
  sitrep_monitor_set_sources (monitor, sources);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  sitrep_war_room_load_async (war_room, NULL, test_async_result_cb, &result);
  g_assert_true (sitrep_war_room_load_finish (war_room, test_wait_for_result (&result), NULL));
  /* The longest a title can be, with a long word: cut, never ellipsized. */
  sev1 = declare (war_room, "Payments failing at checkout for every customer paying with a card "
                            "issued outside the EU, and refunds stuck since the 14:05 deploy of "
                            "payments-gateway-service-v2.31.4-hotfix", SITREP_SEVERITY_SEV1);
  sev3 = declare (war_room, "Search is slow", SITREP_SEVERITY_SEV3);
  sitrep_assessor_set_war_room (assessor, war_room);

  /* Shown, and laid out by hand at each size below: no screen here is
   * large enough for all of them. */
  window = sitrep_wall_window_new (app, monitor, assessor, clock);
  sitrep_wall_window_set_war_room (SITREP_WALL_WINDOW (window), war_room);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (sitrep_wall_window_get_pinned (SITREP_WALL_WINDOW (window)) == sev1);
  g_assert_true (sitrep_wall_window_get_rotating (SITREP_WALL_WINDOW (window)) == sev3);

  /* A source that is gone: the wall says so, and goes on. */
  test_wait_long (source_gone_shown, window, "the wall to say the source fails");

  /* Nobody points at a TV: the pointer hides by itself. */
  test_wait_long (pointer_hidden, window, "the pointer to hide");

  check_layout (window, 1280, 720);
  check_layout (window, 1920, 1080);
  check_layout (window, 3840, 2160);

  gtk_window_destroy (GTK_WINDOW (window));
  sitrep_assessor_stop (assessor);
  sitrep_monitor_stop (monitor);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      if (g_getenv ("SITREP_REQUIRE_DISPLAY") != NULL)
        g_error ("No display, but SITREP_REQUIRE_DISPLAY is set");
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/wall/severity-shapes-load", test_severity_shapes_load);
  g_test_add_func ("/wall/chart-light", test_chart_light);
  g_test_add_func ("/wall/chart-dark", test_chart_dark);
  g_test_add_func ("/wall/layout", test_wall_layout);

  return g_test_run ();
}
