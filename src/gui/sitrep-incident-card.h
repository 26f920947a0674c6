/* sitrep-incident-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sitrep-clock.h"
#include "sitrep-incident.h"

G_BEGIN_DECLS

#define SITREP_TYPE_INCIDENT_CARD (sitrep_incident_card_get_type ())

G_DECLARE_FINAL_TYPE (SitrepIncidentCard, sitrep_incident_card, SITREP, INCIDENT_CARD, GtkWidget)

SitrepIncidentCard *sitrep_incident_card_new          (SitrepIncident     *incident,
                                                       SitrepClock        *clock);
SitrepIncident     *sitrep_incident_card_get_incident (SitrepIncidentCard *self);
const char         *sitrep_incident_card_get_elapsed  (SitrepIncidentCard *self);

G_END_DECLS
