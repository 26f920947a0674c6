/* sitrep-severity-badge.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A severity, shown three ways at once so that nobody depends on one: its
 * name ("SEV1"), its shape (octagon, triangle, diamond, circle; a dashed
 * square while untriaged) and its colour. Hovering it shows the definition. */

#define G_LOG_DOMAIN "sitrep-severity-badge"

#include "config.h"

#include "sitrep-core-enums.h"
#include "sitrep-severity-badge.h"

struct _SitrepSeverityBadge
{
  GtkWidget       parent_instance;

  GtkWidget      *image;
  GtkWidget      *label;
  SitrepSeverity  severity;
};

G_DEFINE_FINAL_TYPE (SitrepSeverityBadge, sitrep_severity_badge, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SEVERITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (SitrepSeverityBadge *self)
{
  for (int i = 0; i <= SITREP_SEVERITY_LAST; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), sitrep_severity_get_css_class (i));
  gtk_widget_add_css_class (GTK_WIDGET (self), sitrep_severity_get_css_class (self->severity));

  gtk_image_set_from_icon_name (GTK_IMAGE (self->image), sitrep_severity_get_icon_name (self->severity));
  gtk_label_set_text (GTK_LABEL (self->label), sitrep_severity_get_label (self->severity));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), sitrep_severity_get_definition (self->severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  sitrep_severity_get_definition (self->severity),
                                  -1);
}

static void
sitrep_severity_badge_dispose (GObject *object)
{
  SitrepSeverityBadge *self = (SitrepSeverityBadge *)object;

  g_clear_pointer (&self->image, gtk_widget_unparent);
  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (sitrep_severity_badge_parent_class)->dispose (object);
}

static void
sitrep_severity_badge_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SitrepSeverityBadge *self = SITREP_SEVERITY_BADGE (object);

  switch (prop_id)
    {
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_severity_badge_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SitrepSeverityBadge *self = SITREP_SEVERITY_BADGE (object);

  switch (prop_id)
    {
    case PROP_SEVERITY:
      sitrep_severity_badge_set_severity (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_severity_badge_class_init (SitrepSeverityBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_severity_badge_dispose;
  object_class->get_property = sitrep_severity_badge_get_property;
  object_class->set_property = sitrep_severity_badge_set_property;

  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       SITREP_TYPE_SEVERITY, SITREP_SEVERITY_UNTRIAGED,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "severity-badge");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sitrep_severity_badge_init (SitrepSeverityBadge *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);

  self->image = gtk_image_new ();
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->image), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_parent (self->image, GTK_WIDGET (self));

  self->label = gtk_label_new (NULL);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  update (self);
}

GtkWidget *
sitrep_severity_badge_new (SitrepSeverity severity)
{
  return g_object_new (SITREP_TYPE_SEVERITY_BADGE,
                       "severity", severity,
                       NULL);
}

SitrepSeverity
sitrep_severity_badge_get_severity (SitrepSeverityBadge *self)
{
  g_return_val_if_fail (SITREP_IS_SEVERITY_BADGE (self), SITREP_SEVERITY_UNTRIAGED);

  return self->severity;
}

void
sitrep_severity_badge_set_severity (SitrepSeverityBadge *self,
                                    SitrepSeverity       severity)
{
  g_return_if_fail (SITREP_IS_SEVERITY_BADGE (self));
  g_return_if_fail (sitrep_severity_is_valid (severity));

  if (self->severity == severity)
    return;

  self->severity = severity;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
}
