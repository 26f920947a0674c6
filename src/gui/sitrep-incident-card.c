/* sitrep-incident-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One incident on the board: severity (text, shape and colour), title,
 * status, summary, and the time elapsed since it was declared, which moves
 * on every tick of the clock. Everything else follows the incident's
 * properties, so the card changes only when the incident does. */

#define G_LOG_DOMAIN "sitrep-incident-card"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-format.h"
#include "sitrep-incident-card.h"
#include "sitrep-severity-badge.h"

struct _SitrepIncidentCard
{
  GtkWidget            parent_instance;

  /* Owned */
  SitrepIncident      *incident;
  SitrepClock         *clock;

  /* Template children */
  SitrepSeverityBadge *badge;
  GtkLabel            *status_label;
  GtkLabel            *title_label;
  GtkLabel            *summary_label;
  GtkLabel            *elapsed_label;
  GtkLabel            *declared_label;
  GtkLabel            *commander_label;
  GtkLabel            *alerts_label;
  GtkWidget           *deadline_box;
  GtkLabel            *deadline_caption;
  GtkLabel            *deadline_label;
};

G_DEFINE_FINAL_TYPE (SitrepIncidentCard, sitrep_incident_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_INCIDENT,
  PROP_CLOCK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The deadline that matters now: triage while the incident is untriaged,
 * then the next status update. Told by words and a sign as well as colour. */
static void
update_deadline (SitrepIncidentCard *self,
                 gint64              now)
{
  GtkWidget *label = GTK_WIDGET (self->deadline_label);
  SitrepDeadlineState state;
  g_autofree char *countdown = NULL;
  gint64 due;

  if (sitrep_incident_get_triaged_at (self->incident) == 0)
    {
      due = sitrep_incident_get_triage_due_at (self->incident);
      state = sitrep_deadline_get_state (due, now, SITREP_TRIAGE_WARNING);
      gtk_label_set_text (self->deadline_caption, state == SITREP_DEADLINE_OVERDUE
                                                  ? _("Triage late by") : _("Triage in"));
    }
  else
    {
      due = sitrep_incident_get_update_due_at (self->incident);
      state = sitrep_deadline_get_state (due, now, SITREP_UPDATE_WARNING);
      gtk_label_set_text (self->deadline_caption, state == SITREP_DEADLINE_OVERDUE
                                                  ? _("Update overdue by") : _("Next update in"));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->deadline_box), state != SITREP_DEADLINE_NONE);
  gtk_widget_remove_css_class (label, "deadline-warning");
  gtk_widget_remove_css_class (label, "deadline-overdue");
  if (state == SITREP_DEADLINE_NONE)
    return;

  countdown = sitrep_format_countdown (due - now);
  if (state == SITREP_DEADLINE_OVERDUE)
    {
      g_autofree char *late = g_strdup_printf ("+%s", countdown);

      gtk_label_set_text (self->deadline_label, late);
      gtk_widget_add_css_class (label, "deadline-overdue");
    }
  else
    {
      gtk_label_set_text (self->deadline_label, countdown);
      if (state == SITREP_DEADLINE_WARNING)
        gtk_widget_add_css_class (label, "deadline-warning");
    }
}

static void
update_clock (SitrepIncidentCard *self)
{
  gint64 now = sitrep_clock_get_now (self->clock);
  gint64 declared_at = sitrep_incident_get_declared_at (self->incident);
  gint64 end = sitrep_incident_get_resolved_at (self->incident);
  g_autofree char *elapsed = sitrep_format_duration ((end > 0 ? end : now) -
                                                     sitrep_incident_get_detected_at (self->incident));
  g_autofree char *when = sitrep_format_local_time (declared_at, now);
  g_autofree char *declared = NULL;

  /* Translators: the first %s is a time such as "14:02", the second a name. */
  declared = g_strdup_printf (_("Declared %s by %s"), when,
                              sitrep_incident_get_declared_by (self->incident));

  gtk_label_set_text (self->elapsed_label, elapsed);
  gtk_label_set_text (self->declared_label, declared);
  update_deadline (self, now);
}

static void
update_alerts (SitrepIncidentCard *self)
{
  guint n_linked = g_list_model_get_n_items (sitrep_incident_get_linked_alerts (self->incident));
  guint n_firing = sitrep_incident_get_n_firing_alerts (self->incident);
  g_autofree char *text = NULL;

  /* Translators: on a card: how many alerts are linked, then how many of them fire. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u linked alert · %u firing",
                                       "%u linked alerts · %u firing", n_linked),
                          n_linked, n_firing);
  gtk_label_set_text (self->alerts_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->alerts_label), n_linked > 0);
  if (n_firing > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->alerts_label), "caution");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->alerts_label), "caution");
}

static void
update_state (SitrepIncidentCard *self)
{
  SitrepSeverity severity = sitrep_incident_get_severity (self->incident);
  SitrepStatus status = sitrep_incident_get_status (self->incident);
  const char *summary = sitrep_incident_get_summary (self->incident);
  g_autofree char *accessible = NULL;
  g_autofree char *utc = sitrep_format_utc_time (sitrep_incident_get_declared_at (self->incident));

  sitrep_severity_badge_set_severity (self->badge, severity);
  gtk_label_set_text (self->status_label, sitrep_status_get_label (status));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), sitrep_status_get_definition (status));
  gtk_label_set_text (self->title_label, sitrep_incident_get_title (self->incident));
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), *summary != '\0');
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->declared_label), utc);

  if (sitrep_incident_get_commander (self->incident) != NULL)
    {
      /* Translators: the Incident Commander on a card; %s is a name. */
      g_autofree char *commander = g_strdup_printf (_("IC: %s"), sitrep_incident_get_commander (self->incident));

      gtk_label_set_text (self->commander_label, commander);
      gtk_widget_remove_css_class (GTK_WIDGET (self->commander_label), "caution");
    }
  else
    {
      gtk_label_set_text (self->commander_label, _("No Incident Commander"));
      gtk_widget_add_css_class (GTK_WIDGET (self->commander_label), "caution");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->commander_label), sitrep_incident_is_active (self->incident));
  update_alerts (self);
  update_clock (self);

  /* Translators: read by screen readers for a card: title, severity, status. */
  accessible = g_strdup_printf (_("%s, %s, %s"),
                                sitrep_incident_get_title (self->incident),
                                sitrep_severity_get_label (severity),
                                sitrep_status_get_label (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
sitrep_incident_card_constructed (GObject *object)
{
  SitrepIncidentCard *self = (SitrepIncidentCard *)object;

  G_OBJECT_CLASS (sitrep_incident_card_parent_class)->constructed (object);

  g_assert (SITREP_IS_INCIDENT (self->incident));
  g_assert (SITREP_IS_CLOCK (self->clock));

  g_signal_connect_object (self->incident, "notify",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clock, "tick",
                           G_CALLBACK (update_clock), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sitrep_incident_get_linked_alerts (self->incident), "items-changed",
                           G_CALLBACK (update_alerts), self, G_CONNECT_SWAPPED);

  update_state (self);
  update_clock (self);
}

static void
sitrep_incident_card_dispose (GObject *object)
{
  SitrepIncidentCard *self = (SitrepIncidentCard *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_INCIDENT_CARD);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->incident);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (sitrep_incident_card_parent_class)->dispose (object);
}

static void
sitrep_incident_card_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SitrepIncidentCard *self = SITREP_INCIDENT_CARD (object);

  switch (prop_id)
    {
    case PROP_INCIDENT:
      g_value_set_object (value, self->incident);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_incident_card_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SitrepIncidentCard *self = SITREP_INCIDENT_CARD (object);

  switch (prop_id)
    {
    case PROP_INCIDENT:
      self->incident = g_value_dup_object (value);
      break;

    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_incident_card_class_init (SitrepIncidentCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sitrep_incident_card_constructed;
  object_class->dispose = sitrep_incident_card_dispose;
  object_class->get_property = sitrep_incident_card_get_property;
  object_class->set_property = sitrep_incident_card_set_property;

  properties[PROP_INCIDENT] =
    g_param_spec_object ("incident", NULL, NULL, SITREP_TYPE_INCIDENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, SITREP_TYPE_CLOCK,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SITREP_TYPE_SEVERITY_BADGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sitrep/Sitrep/ui/sitrep-incident-card.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentCard, badge);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentCard, commander_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentCard, alerts_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentCard, deadline_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentCard, deadline_caption);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentCard, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentCard, declared_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentCard, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentCard, status_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentCard, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentCard, title_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "incident-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sitrep_incident_card_init (SitrepIncidentCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SitrepIncidentCard *
sitrep_incident_card_new (SitrepIncident *incident,
                          SitrepClock    *clock)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (SITREP_IS_CLOCK (clock), NULL);

  return g_object_new (SITREP_TYPE_INCIDENT_CARD,
                       "incident", incident,
                       "clock", clock,
                       NULL);
}

SitrepIncident *
sitrep_incident_card_get_incident (SitrepIncidentCard *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_CARD (self), NULL);

  return self->incident;
}

/**
 * sitrep_incident_card_get_elapsed:
 *
 * Returns: the elapsed time as the card shows it
 */
const char *
sitrep_incident_card_get_elapsed (SitrepIncidentCard *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_CARD (self), NULL);

  return gtk_label_get_text (self->elapsed_label);
}
