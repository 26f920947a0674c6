/* sitrep-sparkline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A key metric's last hour, drawn small: the line in the foreground
 * colour, the threshold dashed, and the stretches past the threshold
 * filled in the error colour. Colours come from the widget's style (so
 * light, dark and high contrast all work); the breach is also said in
 * words by the tile, never by colour alone. It redraws only when its
 * points change. */

#define G_LOG_DOMAIN "sitrep-sparkline"

#include "config.h"

#include <math.h>

#include "sitrep-kpi.h"
#include "sitrep-sparkline.h"

struct _SitrepSparkline
{
  GtkWidget  parent_instance;

  GArray    *points;     /* SitrepKpiPoint */
  double     threshold;
  gboolean   bad_above;
};

G_DEFINE_FINAL_TYPE (SitrepSparkline, sitrep_sparkline, GTK_TYPE_WIDGET)

static void
sitrep_sparkline_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SitrepSparkline *self = SITREP_SPARKLINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;
  GdkRGBA color, error = { 0.88, 0.11, 0.14, 1.0 };
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  gint64 t0, t1;
  guint n = self->points->len;

  if (n < 2 || width < 4 || height < 4)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "error_color", &error);

  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (self->points, SitrepKpiPoint, i).value;

      if (isfinite (v))
        {
          lo = MIN (lo, v);
          hi = MAX (hi, v);
        }
    }
  if (lo > hi)
    return;
  if (isfinite (self->threshold))
    {
      lo = MIN (lo, self->threshold);
      hi = MAX (hi, self->threshold);
    }
  if (hi - lo < 1e-12)
    {
      hi += 0.5;
      lo -= 0.5;
    }

  t0 = g_array_index (self->points, SitrepKpiPoint, 0).at;
  t1 = g_array_index (self->points, SitrepKpiPoint, n - 1).at;
  if (t1 <= t0)
    return;

#define X(t) (1.0 + ((double)((t) - t0) / (double)(t1 - t0)) * (width - 2.0))
#define Y(v) (2.0 + (1.0 - ((v) - lo) / (hi - lo)) * (height - 4.0))

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Past the threshold: the area between the line and the threshold. */
  if (isfinite (self->threshold))
    {
      double ty = Y (self->threshold);

      cairo_save (cr);
      cairo_rectangle (cr, 0, self->bad_above ? 0 : ty, width, self->bad_above ? ty : height - ty);
      cairo_clip (cr);
      cairo_move_to (cr, X (t0), ty);
      for (guint i = 0; i < n; i++)
        {
          SitrepKpiPoint *p = &g_array_index (self->points, SitrepKpiPoint, i);

          if (isfinite (p->value))
            cairo_line_to (cr, X (p->at), Y (p->value));
        }
      cairo_line_to (cr, X (t1), ty);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, error.red, error.green, error.blue, 0.35);
      cairo_fill (cr);
      cairo_restore (cr);

      cairo_save (cr);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, (double[]) { 3.0, 3.0 }, 2, 0);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.55);
      cairo_move_to (cr, 0, round (ty) + 0.5);
      cairo_line_to (cr, width, round (ty) + 0.5);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  gdk_cairo_set_source_rgba (cr, &color);
  for (guint i = 0; i < n; i++)
    {
      SitrepKpiPoint *p = &g_array_index (self->points, SitrepKpiPoint, i);

      if (isfinite (p->value))
        cairo_line_to (cr, X (p->at), Y (p->value));
    }
  cairo_stroke (cr);
  cairo_destroy (cr);

#undef X
#undef Y
}

static void
sitrep_sparkline_finalize (GObject *object)
{
  SitrepSparkline *self = (SitrepSparkline *)object;

  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (sitrep_sparkline_parent_class)->finalize (object);
}

static void
sitrep_sparkline_class_init (SitrepSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sitrep_sparkline_finalize;
  widget_class->snapshot = sitrep_sparkline_snapshot;

  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sitrep_sparkline_init (SitrepSparkline *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (SitrepKpiPoint));
  self->threshold = NAN;
  gtk_widget_set_size_request (GTK_WIDGET (self), 120, 36);
}

GtkWidget *
sitrep_sparkline_new (void)
{
  return g_object_new (SITREP_TYPE_SPARKLINE, NULL);
}

/**
 * sitrep_sparkline_set_points:
 * @points: (element-type SitrepKpiPoint): the values, oldest first
 * @threshold: the threshold, or NaN
 * @bad_above: whether values over @threshold are the bad ones
 */
void
sitrep_sparkline_set_points (SitrepSparkline *self,
                             GArray          *points,
                             double           threshold,
                             gboolean         bad_above)
{
  g_return_if_fail (SITREP_IS_SPARKLINE (self));
  g_return_if_fail (points != NULL);

  g_array_set_size (self->points, 0);
  g_array_append_vals (self->points, points->data, points->len);
  self->threshold = threshold;
  self->bad_above = bad_above;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
