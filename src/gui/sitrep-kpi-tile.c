/* sitrep-kpi-tile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One key metric on the board: its name, the value now (large), whether it
 * breaches — in words and with an icon, colour only adding to them — the
 * worst series when there are several, the last hour as a sparkline, the
 * threshold, and how fresh the data is. Data older than three poll
 * intervals says it is stale, with its age; a failing query says why. */

#define G_LOG_DOMAIN "sitrep-kpi-tile"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sitrep-kpi-tile.h"
#include "sitrep-sparkline.h"
#include "sitrep-source.h"

struct _SitrepKpiTile
{
  GtkWidget    parent_instance;

  SitrepKpi   *kpi;
  SitrepClock *clock;

  GtkWidget   *box;
  GtkLabel    *name_label;
  GtkLabel    *value_label;
  GtkImage    *state_icon;
  GtkLabel    *state_label;
  GtkLabel    *worst_label;
  GtkWidget   *sparkline;
  GtkLabel    *threshold_label;
  GtkLabel    *fresh_label;
};

G_DEFINE_FINAL_TYPE (SitrepKpiTile, sitrep_kpi_tile, GTK_TYPE_WIDGET)

/**
 * sitrep_format_age:
 *
 * Returns: (transfer full): how long ago, roughly: "4 s", "3 min", "2 h"
 */
char *
sitrep_format_age (gint64 age_us)
{
  gint64 seconds = MAX (age_us, 0) / G_TIME_SPAN_SECOND;

  if (seconds < 90)
    /* Translators: an age in seconds, as in "updated 4 s ago". */
    return g_strdup_printf (_("%d s"), (int)seconds);
  if (seconds < 90 * 60)
    /* Translators: an age in minutes. */
    return g_strdup_printf (_("%d min"), (int)(seconds / 60));
  /* Translators: an age in hours. */
  return g_strdup_printf (_("%d h"), (int)(seconds / 3600));
}

static void
update_freshness (SitrepKpiTile *self)
{
  gint64 fetched_at = sitrep_kpi_get_fetched_at (self->kpi);
  guint interval = sitrep_kpi_get_interval (self->kpi);
  const char *error = sitrep_kpi_get_error (self->kpi);
  gint64 now = sitrep_clock_get_now (self->clock);
  g_autofree char *age = sitrep_format_age (now - fetched_at);
  g_autofree char *text = NULL;
  gboolean stale;

  stale = fetched_at > 0 && interval > 0 &&
          now - fetched_at > (gint64)SITREP_SOURCE_STALE_INTERVALS * interval * G_TIME_SPAN_SECOND;

  if (interval == 0)
    text = g_strdup (_("No Prometheus source answers for this metric. Add one in Preferences."));
  else if (error != NULL && fetched_at > 0)
    /* Translators: an age such as "3 min", then why the last query failed. */
    text = g_strdup_printf (_("Stale: %s old. %s"), age, error);
  else if (error != NULL)
    text = g_strdup (error);
  else if (fetched_at == 0)
    text = g_strdup (_("Waiting for the first answer…"));
  else if (stale)
    /* Translators: an age such as "3 min". */
    text = g_strdup_printf (_("Stale: %s old"), age);
  else
    /* Translators: an age such as "4 s". */
    text = g_strdup_printf (_("Updated %s ago"), age);

  gtk_label_set_text (self->fresh_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->fresh_label), text);
  if (stale || error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->fresh_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->fresh_label), "warning");
}

static void
update (SitrepKpiTile *self)
{
  SitrepKpiState state = sitrep_kpi_get_state (self->kpi);
  g_autofree char *value = sitrep_kpi_format_value (self->kpi, sitrep_kpi_get_value (self->kpi));
  g_autofree char *threshold = sitrep_kpi_describe_threshold (self->kpi);
  g_autofree char *description = NULL;
  const char *worst = sitrep_kpi_get_worst_labels (self->kpi);
  const char *state_text;

  gtk_label_set_text (self->value_label, value);
  gtk_label_set_text (self->threshold_label, threshold);

  switch (state)
    {
    case SITREP_KPI_BREACHED:
      state_text = _("Breached");
      gtk_image_set_from_icon_name (self->state_icon, "dialog-warning-symbolic");
      break;
    case SITREP_KPI_OK:
      state_text = _("OK");
      gtk_image_set_from_icon_name (self->state_icon, "emblem-ok-symbolic");
      break;
    case SITREP_KPI_NO_DATA:
    default:
      state_text = _("No data");
      gtk_image_set_from_icon_name (self->state_icon, "content-loading-symbolic");
      break;
    }
  gtk_label_set_text (self->state_label, state_text);

  if (state == SITREP_KPI_BREACHED)
    gtk_widget_add_css_class (self->box, "kpi-breached");
  else
    gtk_widget_remove_css_class (self->box, "kpi-breached");

  if (worst != NULL)
    {
      /* Translators: which series is worst, such as "provider=stripe". */
      g_autofree char *text = g_strdup_printf (_("Worst: %s"), worst);

      gtk_label_set_text (self->worst_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->worst_label), worst != NULL);

  sitrep_sparkline_set_points (SITREP_SPARKLINE (self->sparkline), sitrep_kpi_get_points (self->kpi),
                               sitrep_kpi_get_threshold (self->kpi), sitrep_kpi_get_bad_above (self->kpi));

  /* Translators: a metric's name, its value, its state, its threshold. */
  description = g_strdup_printf (_("%s: %s, %s. %s"), sitrep_kpi_get_display_name (self->kpi), value,
                                 state_text, threshold);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sparkline), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: %s is a metric's name. */
                                  sitrep_kpi_get_display_name (self->kpi), -1);

  update_freshness (self);
}

static void
sitrep_kpi_tile_dispose (GObject *object)
{
  SitrepKpiTile *self = (SitrepKpiTile *)object;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->kpi);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (sitrep_kpi_tile_parent_class)->dispose (object);
}

static void
sitrep_kpi_tile_class_init (SitrepKpiTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_kpi_tile_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kpitile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkLabel *
add_label (GtkBox     *box,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);

  return GTK_LABEL (label);
}

static void
sitrep_kpi_tile_init (SitrepKpiTile *self)
{
  GtkBox *box, *state_box;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  box = GTK_BOX (self->box);
  gtk_widget_add_css_class (self->box, "card");
  gtk_widget_add_css_class (self->box, "kpi-tile");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->name_label = add_label (box, "heading");
  self->value_label = add_label (box, "kpi-value");

  state_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  self->state_icon = GTK_IMAGE (gtk_image_new ());
  gtk_box_append (state_box, GTK_WIDGET (self->state_icon));
  self->state_label = add_label (state_box, "kpi-state");
  gtk_box_append (box, GTK_WIDGET (state_box));

  self->worst_label = add_label (box, "caption");
  self->sparkline = sitrep_sparkline_new ();
  gtk_widget_set_vexpand (self->sparkline, TRUE);
  gtk_box_append (box, self->sparkline);
  self->threshold_label = add_label (box, "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->threshold_label), "dim-label");
  self->fresh_label = add_label (box, "caption");
}

/**
 * sitrep_kpi_tile_new:
 * @kpi: the metric to show
 * @clock: the clock that ticks the freshness
 */
GtkWidget *
sitrep_kpi_tile_new (SitrepKpi   *kpi,
                     SitrepClock *clock)
{
  SitrepKpiTile *self;

  g_return_val_if_fail (SITREP_IS_KPI (kpi), NULL);
  g_return_val_if_fail (SITREP_IS_CLOCK (clock), NULL);

  self = g_object_new (SITREP_TYPE_KPI_TILE, NULL);
  self->kpi = g_object_ref (kpi);
  self->clock = g_object_ref (clock);
  gtk_label_set_text (self->name_label, sitrep_kpi_get_display_name (kpi));

  g_signal_connect_object (kpi, "notify::fetched-at", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (kpi, "notify::error", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (clock, "tick", G_CALLBACK (update_freshness), self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

SitrepKpi *
sitrep_kpi_tile_get_kpi (SitrepKpiTile *self)
{
  g_return_val_if_fail (SITREP_IS_KPI_TILE (self), NULL);
  return self->kpi;
}
