/* sitrep-kpi-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Adding or editing a key metric: its name, its PromQL query, what unit the
 * query gives, the threshold past which it is a breach, and which
 * Prometheus source answers it. A percentage is typed as people say it (95
 * for 95 %) and stored as the ratio the query gives (0.95). Saving writes
 * the "kpis" setting; a metric the war room cannot use is refused with the
 * reason, and the dialog stays open. */

#define G_LOG_DOMAIN "sitrep-kpi-dialog"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sitrep-kpi.h"
#include "sitrep-kpi-dialog.h"
#include "sitrep-settings-list.h"
#include "sitrep-source.h"

/* Decimals of the threshold, as a percentage and as a number. */
#define PERCENT_DIGITS 2
#define NUMBER_DIGITS  3

enum {
  UNIT_PERCENT,
  UNIT_NUMBER,
};

enum {
  DIRECTION_ABOVE,
  DIRECTION_BELOW,
};

struct _SitrepKpiDialog
{
  AdwWindow      parent_instance;

  /* Owned */
  GSettings     *settings;
  GVariant      *original;      /* the entry being edited, or NULL */
  char          *id;
  GPtrArray     *source_ids;    /* the source row's items: "" for the first Prometheus */

  /* Template children */
  AdwEntryRow   *name_row;
  AdwEntryRow   *query_row;
  AdwComboRow   *unit_row;
  AdwComboRow   *source_row;
  GtkSwitch     *threshold_switch;
  AdwActionRow  *threshold_row;
  GtkSpinButton *threshold_spin;
  GtkLabel      *percent_label;
  AdwComboRow   *direction_row;
  GtkLabel      *error_label;
  GtkButton     *save_button;
};

G_DEFINE_FINAL_TYPE (SitrepKpiDialog, sitrep_kpi_dialog, ADW_TYPE_WINDOW)

static gboolean
is_percent (SitrepKpiDialog *self)
{
  return adw_combo_row_get_selected (self->unit_row) != UNIT_NUMBER;
}

static void
show_error (SitrepKpiDialog *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_unit (SitrepKpiDialog *self)
{
  gboolean percent = is_percent (self);

  gtk_widget_set_visible (GTK_WIDGET (self->percent_label), percent);
  gtk_spin_button_set_digits (self->threshold_spin, percent ? PERCENT_DIGITS : NUMBER_DIGITS);
  adw_action_row_set_subtitle (self->threshold_row,
                               percent
                               ? _("In percent: type 95 for 95 %, 2.5 for 2.5 %")
                               : _("In the unit the query gives"));
}

static void
on_unit_changed_cb (SitrepKpiDialog *self)
{
  update_unit (self);
}

static void
on_entry_activated_cb (SitrepKpiDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "kpi.save", NULL);
}

/* The threshold as stored: a ratio for a percentage. */
static double
get_threshold (SitrepKpiDialog *self)
{
  gboolean percent = is_percent (self);
  double scale = pow (10, percent ? PERCENT_DIGITS : NUMBER_DIGITS);
  double value;

  gtk_spin_button_update (self->threshold_spin);
  /* As shown, not as a conversion left it (0.02 × 100 = 2.0000000000000004). */
  value = round (gtk_spin_button_get_value (self->threshold_spin) * scale) / scale;

  return percent ? value / 100.0 : value;
}

/* The entry as edited. What the dialog does not edit (how the metric's
 * blast radius is measured) is kept as it was. */
static GVariant *
build_entry (SitrepKpiDialog *self)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (self->original);
  guint source = adw_combo_row_get_selected (self->source_row);

  g_variant_dict_remove (&dict, "threshold");
  g_variant_dict_remove (&dict, "source");
  g_variant_dict_insert (&dict, "id", "s", self->id);
  g_variant_dict_insert (&dict, "name", "s", gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_variant_dict_insert (&dict, "query", "s", gtk_editable_get_text (GTK_EDITABLE (self->query_row)));
  if (gtk_switch_get_active (self->threshold_switch))
    g_variant_dict_insert (&dict, "threshold", "d", get_threshold (self));
  g_variant_dict_insert (&dict, "direction", "s",
                         adw_combo_row_get_selected (self->direction_row) == DIRECTION_BELOW
                         ? "below" : "above");
  g_variant_dict_insert (&dict, "unit", "s", is_percent (self) ? "percent" : "number");
  if (source < self->source_ids->len)
    {
      const char *source_id = g_ptr_array_index (self->source_ids, source);

      if (*source_id != '\0')
        g_variant_dict_insert (&dict, "source", "s", source_id);
    }

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

/* Puts @kpi in the "kpis" setting, in place of the entry edited or
 * after the others. */
static gboolean
write_kpi (SitrepKpiDialog *self,
           SitrepKpi *kpi,
           GError **error)
{
  g_autoptr(GVariant) entry = g_variant_ref_sink (sitrep_kpi_to_variant (kpi));

  if (!sitrep_settings_list_replace (self->settings, "kpis", self->original, entry, TRUE))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("The metric was not saved: Sitrep’s settings cannot be changed."));
      return FALSE;
    }

  return TRUE;
}

static void
sitrep_kpi_dialog_save_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  SitrepKpiDialog *self = SITREP_KPI_DIALOG (widget);
  g_autoptr(GVariant) entry = build_entry (self);
  g_autoptr(SitrepKpi) kpi = NULL;
  g_autoptr(GError) error = NULL;

  if (!(kpi = sitrep_kpi_new_from_variant (entry, &error)) || !write_kpi (self, kpi, &error))
    {
      show_error (self, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sitrep_kpi_dialog_dispose (GObject *object)
{
  SitrepKpiDialog *self = (SitrepKpiDialog *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->original, g_variant_unref);

  G_OBJECT_CLASS (sitrep_kpi_dialog_parent_class)->dispose (object);
}

static void
sitrep_kpi_dialog_finalize (GObject *object)
{
  SitrepKpiDialog *self = (SitrepKpiDialog *)object;

  g_free (self->id);
  g_clear_pointer (&self->source_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (sitrep_kpi_dialog_parent_class)->finalize (object);
}

static void
sitrep_kpi_dialog_class_init (SitrepKpiDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_kpi_dialog_dispose;
  object_class->finalize = sitrep_kpi_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sitrep/Sitrep/ui/sitrep-kpi-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepKpiDialog, direction_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepKpiDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepKpiDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepKpiDialog, percent_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepKpiDialog, query_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepKpiDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepKpiDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepKpiDialog, threshold_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepKpiDialog, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, SitrepKpiDialog, threshold_switch);
  gtk_widget_class_bind_template_child (widget_class, SitrepKpiDialog, unit_row);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unit_changed_cb);

  gtk_widget_class_install_action (widget_class, "kpi.save", NULL, sitrep_kpi_dialog_save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "kpi.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "kpi.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sitrep_kpi_dialog_init (SitrepKpiDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->source_ids = g_ptr_array_new_with_free_func (g_free);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->name_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->query_row), FALSE);
  update_unit (self);
}

/* The source row: the first Prometheus source, or a named one. */
static void
fill_sources (SitrepKpiDialog *self,
              const char      *selected_id)
{
  g_autoptr(GVariant) sources = g_settings_get_value (self->settings, "sources");
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (names, _("First Prometheus Source"));
  g_ptr_array_add (self->source_ids, g_strdup (""));

  for (gsize i = 0; i < g_variant_n_children (sources); i++)
    {
      g_autoptr(GVariant) source = g_variant_get_child_value (sources, i);
      const char *id = NULL, *token = NULL, *name = NULL, *url = NULL;
      SitrepSourceKind kind;

      if (!g_variant_lookup (source, "id", "&s", &id) || *id == '\0' ||
          !g_variant_lookup (source, "kind", "&s", &token) ||
          !sitrep_source_kind_from_token (token, &kind) || kind != SITREP_SOURCE_KIND_PROMETHEUS)
        continue;

      g_variant_lookup (source, "name", "&s", &name);
      g_variant_lookup (source, "url", "&s", &url);
      if (g_strcmp0 (id, selected_id) == 0)
        selected = self->source_ids->len;
      gtk_string_list_append (names, name != NULL && *name != '\0' ? name : url != NULL ? url : id);
      g_ptr_array_add (self->source_ids, g_strdup (id));
    }

  /* A source removed since: kept, so that saving does not change it. */
  if (selected_id != NULL && *selected_id != '\0' && selected == 0)
    {
      selected = self->source_ids->len;
      gtk_string_list_append (names, _("A Source No Longer Configured"));
      g_ptr_array_add (self->source_ids, g_strdup (selected_id));
    }

  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->source_row, selected);
}

static void
fill (SitrepKpiDialog *self,
      SitrepKpi       *kpi)
{
  double threshold = sitrep_kpi_get_threshold (kpi);
  gboolean percent = sitrep_kpi_get_percent (kpi);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), sitrep_kpi_get_name (kpi));
  gtk_editable_set_text (GTK_EDITABLE (self->query_row), sitrep_kpi_get_query (kpi));
  adw_combo_row_set_selected (self->unit_row, percent ? UNIT_PERCENT : UNIT_NUMBER);
  adw_combo_row_set_selected (self->direction_row,
                              sitrep_kpi_get_bad_above (kpi) ? DIRECTION_ABOVE : DIRECTION_BELOW);
  gtk_switch_set_active (self->threshold_switch, !isnan (threshold));
  if (!isnan (threshold))
    gtk_spin_button_set_value (self->threshold_spin, percent ? threshold * 100.0 : threshold);
}

/**
 * sitrep_kpi_dialog_new:
 * @parent: the window it belongs to
 * @settings: where the "kpis" setting is written (and "sources" read)
 * @kpi: (nullable): the entry of the "kpis" setting to edit, or %NULL to
 *   add a metric
 *
 * Returns: (transfer none): a new dialog, to present; it writes the
 *   setting itself and closes once the metric is saved
 */
SitrepKpiDialog *
sitrep_kpi_dialog_new (GtkWindow *parent,
                       GSettings *settings,
                       GVariant  *kpi)
{
  SitrepKpiDialog *self;
  const char *source_id = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!kpi || g_variant_is_of_type (kpi, G_VARIANT_TYPE_VARDICT), NULL);

  self = g_object_new (SITREP_TYPE_KPI_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->settings = g_object_ref (settings);

  if (kpi != NULL)
    {
      g_autoptr(SitrepKpi) parsed = NULL;
      const char *id = NULL;

      self->original = g_variant_ref_sink (kpi);
      if (g_variant_lookup (kpi, "id", "&s", &id) && *id != '\0')
        self->id = g_strdup (id);
      g_variant_lookup (kpi, "source", "&s", &source_id);

      /* An entry the war room cannot use is edited from what it holds. */
      if ((parsed = sitrep_kpi_new_from_variant (kpi, NULL)))
        fill (self, parsed);
      else
        {
          const char *name = NULL, *query = NULL;

          if (g_variant_lookup (kpi, "name", "&s", &name))
            gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
          if (g_variant_lookup (kpi, "query", "&s", &query))
            gtk_editable_set_text (GTK_EDITABLE (self->query_row), query);
        }

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Metric"));
      gtk_button_set_label (self->save_button, _("Save"));
    }

  if (self->id == NULL)
    self->id = g_uuid_string_random ();

  fill_sources (self, source_id);

  return self;
}
