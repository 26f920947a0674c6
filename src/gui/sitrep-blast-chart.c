/* sitrep-blast-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The blast radius, drawn: who is affected (a bar per segment, the
 * affected part filled with stripes, its share written beside it), which
 * features (each with a shape and its state in words), and what it costs
 * (the loss per minute since detection as a curve, the totals written as
 * an estimate with its inputs). Colours come from the style, so light,
 * dark and high contrast all work, and nothing is said by colour alone.
 * Sizes follow the widget's height, from a card's thumbnail to a quarter
 * of a 4K wall. It redraws only when the assessment changes, and its
 * accessible description reads the numbers. */

#define G_LOG_DOMAIN "sitrep-blast-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sitrep-blast-chart.h"

struct _SitrepBlastChart
{
  GtkWidget         parent_instance;

  SitrepAssessment *assessment;
  char             *description;
  graphene_rect_t   bars[SITREP_BLAST_CHART_MAX_SEGMENTS];
  guint             n_bars;
  guint             n_draws;
  double            text_size;   /* px; 0 to follow the height */
  double            small;       /* the size of secondary text, relative */
};

G_DEFINE_FINAL_TYPE (SitrepBlastChart, sitrep_blast_chart, GTK_TYPE_WIDGET)

typedef struct
{
  GdkRGBA fg;
  GdkRGBA error;
  GdkRGBA warning;
  GdkRGBA success;
} Palette;

static void
get_palette (GtkWidget *widget,
             Palette   *palette)
{
  GtkStyleContext *style = gtk_widget_get_style_context (widget);

  gtk_style_context_get_color (style, &palette->fg);
  if (!gtk_style_context_lookup_color (style, "error_color", &palette->error))
    gdk_rgba_parse (&palette->error, "#c01c28");
  if (!gtk_style_context_lookup_color (style, "warning_color", &palette->warning))
    gdk_rgba_parse (&palette->warning, "#9c6e03");
  if (!gtk_style_context_lookup_color (style, "success_color", &palette->success))
    gdk_rgba_parse (&palette->success, "#26a269");
}

/* A layout of @text, at most @max_width wide (when positive): cut short
 * with an ellipsis when @max_width is a segment's name, which is remote
 * text; wrapped otherwise, so what Sitrep says is read whole. */
static PangoLayout *
make_layout (GtkWidget  *widget,
             const char *text,
             double      px,
             gboolean    bold,
             double      max_width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_absolute_size (font, MAX (px, 6.0) * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int)(fabs (max_width) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  else if (max_width < 0 && max_width != -1)
    {
      pango_layout_set_width (layout, (int)(-max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  return layout;
}

/* Draws @text with its top left at (@x, @y); returns its height. */
static double
draw_text (GtkWidget      *widget,
           GtkSnapshot    *snapshot,
           const char     *text,
           double          x,
           double          y,
           double          px,
           gboolean        bold,
           double          max_width,
           const GdkRGBA  *color)
{
  g_autoptr(PangoLayout) layout = make_layout (widget, text, px, bold, max_width);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);

  return height;
}

static double
text_width (GtkWidget  *widget,
            const char *text,
            double      px,
            gboolean    bold)
{
  g_autoptr(PangoLayout) layout = make_layout (widget, text, px, bold, -1);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static char *
format_share (double share)
{
  if (!isfinite (share))
    return g_strdup ("—");

  /* Translators: a percentage; keep the %% sign. */
  return g_strdup_printf (_("%.1f %%"), share * 100);
}

/* Who: a bar per segment, the worst first, with diagonal stripes in the
 * affected part so it reads without colour. */
static void
draw_segments (SitrepBlastChart      *self,
               GtkSnapshot           *snapshot,
               const graphene_rect_t *area,
               const Palette         *palette,
               double                 px)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const SitrepBlastConfig *config = sitrep_assessment_get_config (self->assessment);
  const SitrepSegment *segments;
  guint n, shown;
  double y, row, label_width = 0, share_width, bar_x, bar_width;
  g_autofree char *title = NULL;

  segments = sitrep_assessment_get_segments (self->assessment, &n);
  if (config != NULL)
    /* Translators: the chart's first heading: "Affected by platform". */
    title = g_strdup_printf (_("Affected by %s"), config->dimension);
  else
    title = g_strdup (_("Affected"));
  y = area->origin.y + px * 0.3 + draw_text (widget, snapshot, title, area->origin.x, area->origin.y,
                                             px, TRUE, area->size.width, &palette->fg);

  if (n == 0)
    {
      const char *text = config == NULL ? _("Not measured: no query configured")
                         : sitrep_assessment_get_error (self->assessment) != NULL
                         ? sitrep_assessment_get_error (self->assessment) : _("Not known yet");

      draw_text (widget, snapshot, text, area->origin.x, y, px * self->small, FALSE, area->size.width,
                 &palette->fg);
      return;
    }

  shown = MIN (n, SITREP_BLAST_CHART_MAX_SEGMENTS);
  row = MIN (px * 1.9, (area->origin.y + area->size.height - y) / (shown + (n > shown ? 1 : 0)));
  px = MIN (px, row / 1.5);
  for (guint i = 0; i < shown; i++)
    label_width = MAX (label_width, text_width (widget, *segments[i].name ? segments[i].name : "—", px, FALSE));
  label_width = MIN (label_width, area->size.width * 0.35);
  share_width = text_width (widget, "100.0 %", px, TRUE);
  bar_x = area->origin.x + label_width + px * 0.5;
  bar_width = area->size.width - label_width - share_width - px;

  self->n_bars = 0;
  for (guint i = 0; i < shown && bar_width > 4; i++)
    {
      const SitrepSegment *segment = &segments[i];
      double share = sitrep_segment_get_share (segment);
      double bar_h = row * 0.62;
      double bar_y = y + (row - bar_h) / 2;
      g_autofree char *share_text = format_share (share);
      graphene_rect_t bar = GRAPHENE_RECT_INIT (bar_x, bar_y, bar_width, bar_h);
      GdkRGBA fill = share >= 0.25 ? palette->error : share >= 0.05 ? palette->warning : palette->fg;
      GskRoundedRect outline;
      cairo_t *cr;

      draw_text (widget, snapshot, *segment->name ? segment->name : "—", area->origin.x,
                 y + (row - px * 1.25) / 2, px, FALSE, -label_width, &palette->fg);

      /* The whole segment: an outline. */
      gsk_rounded_rect_init_from_rect (&outline, &bar, 2);
      gtk_snapshot_append_border (snapshot, &outline, (float[]) { 1, 1, 1, 1 },
                                  (GdkRGBA[]) { palette->fg, palette->fg, palette->fg, palette->fg });

      /* The affected part: filled and striped. */
      if (isfinite (share) && share > 0)
        {
          double w = MAX (2.0, bar_width * share);

          cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (bar_x, bar_y, w, bar_h));
          cairo_rectangle (cr, bar_x, bar_y, w, bar_h);
          cairo_clip (cr);
          cairo_set_source_rgba (cr, fill.red, fill.green, fill.blue, 0.55);
          cairo_paint (cr);
          cairo_set_source_rgba (cr, fill.red, fill.green, fill.blue, 1.0);
          cairo_set_line_width (cr, MAX (1.5, bar_h / 8));
          for (double sx = bar_x - bar_h; sx < bar_x + w; sx += bar_h / 2.5)
            {
              cairo_move_to (cr, sx, bar_y + bar_h);
              cairo_line_to (cr, sx + bar_h, bar_y);
            }
          cairo_stroke (cr);
          cairo_destroy (cr);
        }

      draw_text (widget, snapshot, share_text, bar_x + bar_width + px * 0.5,
                 y + (row - px * 1.25) / 2, px, TRUE, -1, &palette->fg);
      self->bars[self->n_bars++] = bar;
      y += row;
    }

  if (n > shown)
    {
      g_autofree char *more = NULL;

      /* Translators: segments not drawn, such as "and 4 more". */
      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", n - shown),
                              n - shown);
      draw_text (widget, snapshot, more, area->origin.x, y, px * self->small, FALSE, area->size.width,
                 &palette->fg);
    }
}

/* A feature's state as a shape: a filled square when down, a triangle
 * when degraded, a ring when working. */
static void
draw_state_shape (GtkSnapshot        *snapshot,
                  SitrepFeatureState  state,
                  double              x,
                  double              y,
                  double              size,
                  const Palette      *palette)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x, y, size, size));
  const GdkRGBA *color = state == SITREP_FEATURE_DOWN ? &palette->error
                         : state == SITREP_FEATURE_DEGRADED ? &palette->warning : &palette->success;

  gdk_cairo_set_source_rgba (cr, color);
  switch (state)
    {
    case SITREP_FEATURE_DOWN:
      cairo_rectangle (cr, x + size * 0.1, y + size * 0.1, size * 0.8, size * 0.8);
      cairo_fill (cr);
      break;
    case SITREP_FEATURE_DEGRADED:
      cairo_move_to (cr, x + size / 2, y + size * 0.05);
      cairo_line_to (cr, x + size * 0.95, y + size * 0.9);
      cairo_line_to (cr, x + size * 0.05, y + size * 0.9);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case SITREP_FEATURE_OK:
    default:
      cairo_set_line_width (cr, MAX (1.5, size / 7));
      cairo_arc (cr, x + size / 2, y + size / 2, size * 0.38, 0, 2 * G_PI);
      cairo_stroke (cr);
      break;
    }
  cairo_destroy (cr);
}

static void
draw_features (SitrepBlastChart      *self,
               GtkSnapshot           *snapshot,
               const graphene_rect_t *area,
               const Palette         *palette,
               double                 px)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GArray *features = sitrep_assessment_get_features (self->assessment);
  double y;
  double bottom = area->origin.y + area->size.height;
  double row = px * 1.6;

  y = area->origin.y + px * 0.3 + draw_text (widget, snapshot, _("Features"), area->origin.x,
                                             area->origin.y, px, TRUE, area->size.width, &palette->fg);

  if (features->len == 0)
    {
      draw_text (widget, snapshot, _("None known"), area->origin.x, y, px * self->small, FALSE,
                 area->size.width, &palette->fg);
      return;
    }

  for (guint i = 0; i < features->len && y + row <= bottom + 1; i++)
    {
      const SitrepFeature *feature = &g_array_index (features, SitrepFeature, i);
      g_autofree char *text = NULL;

      if (feature->core)
        /* Translators: a core feature and its state: "checkout (core): Down". */
        text = g_strdup_printf (_("%s (core): %s"), feature->name,
                                sitrep_feature_state_get_label (feature->state));
      else
        /* Translators: a feature and its state: "search: Degraded". */
        text = g_strdup_printf (_("%s: %s"), feature->name,
                                sitrep_feature_state_get_label (feature->state));

      draw_state_shape (snapshot, feature->state, area->origin.x, y + px * 0.15, px, palette);
      y += MAX (row, draw_text (widget, snapshot, text, area->origin.x + px * 1.4, y, px,
                                feature->state == SITREP_FEATURE_DOWN, area->size.width - px * 1.4,
                                &palette->fg));
    }
}

static void
draw_loss (SitrepBlastChart      *self,
           GtkSnapshot           *snapshot,
           const graphene_rect_t *area,
           const Palette         *palette,
           double                 px,
           gint64                 now)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const SitrepBlastConfig *config = sitrep_assessment_get_config (self->assessment);
  GArray *loss = sitrep_assessment_get_loss (self->assessment);
  g_autofree char *per_minute = NULL;
  g_autofree char *total = NULL;
  g_autofree char *line = NULL;
  g_autofree char *inputs = NULL;
  double y;
  double lo = 0, hi = 0, chart_y, chart_h;
  gint64 t0, t1;
  cairo_t *cr;

  y = area->origin.y + px * 0.3 + draw_text (widget, snapshot, _("Estimated loss"), area->origin.x,
                                             area->origin.y, px, TRUE, area->size.width, &palette->fg);

  if (!sitrep_blast_config_has_loss (config) || loss->len == 0)
    {
      draw_text (widget, snapshot, sitrep_blast_config_has_loss (config) ? _("Not known yet")
                                                                         : _("Not measured"),
                 area->origin.x, y, px * self->small, FALSE, area->size.width, &palette->fg);
      return;
    }

  per_minute = sitrep_assessment_format_money (self->assessment,
                                               sitrep_assessment_get_loss_per_minute (self->assessment));
  total = sitrep_assessment_format_money (self->assessment,
                                          sitrep_assessment_get_loss_total (self->assessment, now));
  /* Translators: money lost per minute, "USD 420/min". */
  line = g_strdup_printf (_("%s/min"), per_minute);
  y += draw_text (widget, snapshot, line, area->origin.x, y, px, TRUE, area->size.width, &palette->fg);
  g_free (line);
  /* Translators: money lost since the incident was detected, "USD 4,200 since detection". */
  line = g_strdup_printf (_("%s since detection"), total);
  y += draw_text (widget, snapshot, line, area->origin.x, y, px, TRUE, area->size.width, &palette->fg);

  /* Translators: the inputs of the estimate: "estimate: 10 failed payments/min × USD 42". */
  inputs = g_strdup_printf (_("estimate: %.1f %s/min × %s %.2f"),
                            g_array_index (loss, SitrepKpiPoint, loss->len - 1).value,
                            config->loss_unit != NULL ? config->loss_unit : _("units"),
                            config->currency != NULL ? config->currency : "", config->loss_factor);
  y += draw_text (widget, snapshot, inputs, area->origin.x, y, px * self->small, FALSE, area->size.width,
                  &palette->fg);
  y += px * 0.4;

  chart_y = y;
  chart_h = area->origin.y + area->size.height - chart_y;
  if (chart_h < px || loss->len < 2)
    return;

  for (guint i = 0; i < loss->len; i++)
    hi = MAX (hi, g_array_index (loss, SitrepKpiPoint, i).value);
  if (hi <= lo)
    hi = lo + 1;
  t0 = g_array_index (loss, SitrepKpiPoint, 0).at;
  t1 = g_array_index (loss, SitrepKpiPoint, loss->len - 1).at;
  if (t1 <= t0)
    return;

#define X(t) (area->origin.x + ((double)((t) - t0) / (double)(t1 - t0)) * area->size.width)
#define Y(v) (chart_y + (1.0 - ((v) - lo) / (hi - lo)) * (chart_h - 2))

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (area->origin.x, chart_y,
                                                                 area->size.width, chart_h));
  cairo_move_to (cr, X (t0), Y (lo));
  for (guint i = 0; i < loss->len; i++)
    cairo_line_to (cr, X (g_array_index (loss, SitrepKpiPoint, i).at),
                   Y (g_array_index (loss, SitrepKpiPoint, i).value));
  cairo_line_to (cr, X (t1), Y (lo));
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, palette->error.red, palette->error.green, palette->error.blue, 0.3);
  cairo_fill (cr);

  for (guint i = 0; i < loss->len; i++)
    cairo_line_to (cr, X (g_array_index (loss, SitrepKpiPoint, i).at),
                   Y (g_array_index (loss, SitrepKpiPoint, i).value));
  cairo_set_line_width (cr, MAX (1.5, px / 8));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  gdk_cairo_set_source_rgba (cr, &palette->fg);
  cairo_stroke (cr);

  /* The baseline, so an empty curve still reads as zero. */
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, area->origin.x, round (Y (lo)) - 0.5);
  cairo_line_to (cr, area->origin.x + area->size.width, round (Y (lo)) - 0.5);
  cairo_stroke (cr);
  cairo_destroy (cr);

#undef X
#undef Y
}

static void
sitrep_blast_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  SitrepBlastChart *self = SITREP_BLAST_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  graphene_rect_t who, features, loss;
  Palette palette;
  double px, gap;

  self->n_bars = 0;
  if (self->assessment == NULL || width < 40 || height < 30)
    return;

  self->n_draws++;
  get_palette (widget, &palette);
  /* Text of a set size (the wall's) is never made smaller. */
  self->small = self->text_size > 0 ? 1.0 : 0.8;

  /* Wide: three columns. Tall: three rows. Text follows the size, unless
   * the wall sets it. */
  if (width >= height * 1.8)
    {
      px = self->text_size > 0 ? self->text_size : CLAMP (MIN (height / 9.0, width / 45.0), 9.0, 64.0);
      gap = px;
      who = GRAPHENE_RECT_INIT (0, 0, (width - 2 * gap) * 0.42, height);
      features = GRAPHENE_RECT_INIT (who.size.width + gap, 0, (width - 2 * gap) * 0.25, height);
      loss = GRAPHENE_RECT_INIT (features.origin.x + features.size.width + gap, 0,
                                 (width - 2 * gap) * 0.33, height);
    }
  else
    {
      px = self->text_size > 0 ? self->text_size : CLAMP (MIN (height / 24.0, width / 24.0), 9.0, 64.0);
      gap = px * self->small;
      who = GRAPHENE_RECT_INIT (0, 0, width, (height - 2 * gap) * 0.45);
      features = GRAPHENE_RECT_INIT (0, who.size.height + gap, width, (height - 2 * gap) * 0.25);
      loss = GRAPHENE_RECT_INIT (0, features.origin.y + features.size.height + gap, width,
                                 (height - 2 * gap) * 0.30);
    }

  draw_segments (self, snapshot, &who, &palette, px);
  draw_features (self, snapshot, &features, &palette, px);
  draw_loss (self, snapshot, &loss, &palette, px, g_get_real_time ());
}

static void
update_description (SitrepBlastChart *self)
{
  g_clear_pointer (&self->description, g_free);
  if (self->assessment != NULL)
    self->description = sitrep_assessment_describe (self->assessment, g_get_real_time ());

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description != NULL ? self->description : "",
                                  -1);
}

static void
on_changed_cb (SitrepBlastChart *self)
{
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sitrep_blast_chart_dispose (GObject *object)
{
  SitrepBlastChart *self = (SitrepBlastChart *)object;

  g_clear_object (&self->assessment);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (sitrep_blast_chart_parent_class)->dispose (object);
}

static void
sitrep_blast_chart_class_init (SitrepBlastChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_blast_chart_dispose;
  widget_class->snapshot = sitrep_blast_chart_snapshot;

  gtk_widget_class_set_css_name (widget_class, "blastchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sitrep_blast_chart_init (SitrepBlastChart *self)
{
  gtk_widget_set_size_request (GTK_WIDGET (self), 160, 120);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Blast radius"),
                                  -1);
}

GtkWidget *
sitrep_blast_chart_new (void)
{
  return g_object_new (SITREP_TYPE_BLAST_CHART, NULL);
}

/**
 * sitrep_blast_chart_set_assessment:
 * @assessment: (nullable): what to draw
 */
void
sitrep_blast_chart_set_assessment (SitrepBlastChart *self,
                                   SitrepAssessment *assessment)
{
  g_return_if_fail (SITREP_IS_BLAST_CHART (self));
  g_return_if_fail (!assessment || SITREP_IS_ASSESSMENT (assessment));

  if (self->assessment == assessment)
    return;

  if (self->assessment != NULL)
    g_signal_handlers_disconnect_by_func (self->assessment, on_changed_cb, self);
  g_set_object (&self->assessment, assessment);
  if (assessment != NULL)
    g_signal_connect_object (assessment, "changed", G_CALLBACK (on_changed_cb), self,
                             G_CONNECT_SWAPPED);
  on_changed_cb (self);
}

SitrepAssessment *
sitrep_blast_chart_get_assessment (SitrepBlastChart *self)
{
  g_return_val_if_fail (SITREP_IS_BLAST_CHART (self), NULL);
  return self->assessment;
}

/**
 * sitrep_blast_chart_get_description:
 *
 * Returns: (nullable): what the chart shows, in words, as its accessible
 *   description says it
 */
const char *
sitrep_blast_chart_get_description (SitrepBlastChart *self)
{
  g_return_val_if_fail (SITREP_IS_BLAST_CHART (self), NULL);
  return self->description;
}

/**
 * sitrep_blast_chart_set_text_size:
 * @px: the size of its text, in pixels; 0 to follow its height
 */
void
sitrep_blast_chart_set_text_size (SitrepBlastChart *self,
                                  double            px)
{
  g_return_if_fail (SITREP_IS_BLAST_CHART (self));

  if (self->text_size != px)
    {
      self->text_size = px;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/**
 * sitrep_blast_chart_get_n_draws:
 *
 * Returns: how many times the chart has drawn itself: it should only when
 *   its data or size changes
 */
guint
sitrep_blast_chart_get_n_draws (SitrepBlastChart *self)
{
  g_return_val_if_fail (SITREP_IS_BLAST_CHART (self), 0);
  return self->n_draws;
}

/**
 * sitrep_blast_chart_get_bar_rect:
 * @index: a segment, in the order drawn
 * @rect: (out): where its bar was drawn last, in the widget's coordinates
 *
 * Returns: whether the segment was drawn
 */
gboolean
sitrep_blast_chart_get_bar_rect (SitrepBlastChart *self,
                                 guint             index,
                                 graphene_rect_t  *rect)
{
  g_return_val_if_fail (SITREP_IS_BLAST_CHART (self), FALSE);

  if (index >= self->n_bars)
    return FALSE;

  *rect = self->bars[index];
  return TRUE;
}
