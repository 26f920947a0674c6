/* sitrep-incident.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An incident's state, folded from its events. Nothing sets a property of an
 * incident directly: the war room appends an event to the journal and, once
 * it is committed, applies it here.
 *
 * The fold is a pure function of the events in journal order. An event that
 * arrives last (the usual case: a command just committed, or a journal
 * loading in order) is folded on top of the current state; one that lands
 * earlier (copies merged from another machine) makes the incident fold all
 * its events again. Either way properties notify only when their value
 * changed, so a card bound to them redraws only what moved.
 *
 * Deadlines come from the events alone: the triage target and the update
 * cadence in force are written into the events that set them, so changing a
 * setting later never rewrites history, and every copy of a journal computes
 * the same metrics. */

#define G_LOG_DOMAIN "sitrep-incident"

#include "config.h"

#include <string.h>

#include "sitrep-blast-radius.h"
#include "sitrep-core-enums.h"
#include "sitrep-incident.h"
#include "sitrep-linked-alert.h"

typedef struct
{
  SitrepEvent    *declaration;     /* Borrowed from the event list */
  char           *title;
  char           *summary;
  char           *declared_by;
  GPtrArray      *roster;          /* SitrepRosterEntry, in roster order; shared, never changed */
  SitrepSeverity  severity;
  SitrepStatus    status;
  gint64          declared_at;
  gint64          detected_at;
  gint64          triaged_at;
  gint64          mitigated_at;
  gint64          resolved_at;
  gint64          triage_target;   /* µs */
  gint64          cadence;         /* µs between updates at the current severity; 0 for none */
  gint64          severity_set_at;
  gint64          last_update_at;
  gint64          promised_at;     /* the next update the last one announced; 0 if none */
  guint           n_updates;
  guint           n_on_time;
} Fold;

struct _SitrepIncident
{
  GObject     parent_instance;

  char       *id;
  Fold        fold;
  GListStore *events;
  GListStore *roster;
  GHashTable *event_ids;    /* id → SitrepEvent, borrowed from @events */
  GHashTable *corrections;  /* id of a note → the latest note correcting it */
  GListStore *linked_alerts;
  GHashTable *linked;       /* fingerprint → SitrepLinkedAlert, borrowed from @linked_alerts */
};

G_DEFINE_FINAL_TYPE (SitrepIncident, sitrep_incident, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_SEVERITY,
  PROP_STATUS,
  PROP_ACTIVE,
  PROP_DECLARED_AT,
  PROP_DETECTED_AT,
  PROP_DECLARED_BY,
  PROP_TRIAGED_AT,
  PROP_MITIGATED_AT,
  PROP_RESOLVED_AT,
  PROP_TRIAGE_DUE_AT,
  PROP_UPDATE_DUE_AT,
  PROP_LAST_UPDATE_AT,
  PROP_N_UPDATES,
  PROP_N_UPDATES_ON_TIME,
  PROP_COMMANDER,
  PROP_N_FIRING_ALERTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A fold before any event: the three roles every incident has are there,
 * unassigned. */
static void
fold_init (Fold *fold)
{
  static const char * const required[] = { SITREP_ROLE_COMMANDER, SITREP_ROLE_OPS, SITREP_ROLE_COMMS };

  memset (fold, 0, sizeof *fold);
  fold->severity = SITREP_SEVERITY_UNTRIAGED;
  fold->status = SITREP_STATUS_INVESTIGATING;
  fold->roster = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_ptr_array_add (fold->roster, sitrep_roster_entry_new (required[i],
                                                            sitrep_role_get_label (required[i]),
                                                            NULL, NULL, NULL, 0));
}

static void
fold_clear (Fold *fold)
{
  g_clear_pointer (&fold->title, g_free);
  g_clear_pointer (&fold->summary, g_free);
  g_clear_pointer (&fold->declared_by, g_free);
  g_clear_pointer (&fold->roster, g_ptr_array_unref);
}

static void
fold_copy (const Fold *src,
           Fold       *dest)
{
  *dest = *src;
  dest->title = g_strdup (src->title);
  dest->summary = g_strdup (src->summary);
  dest->declared_by = g_strdup (src->declared_by);
  dest->roster = g_ptr_array_ref (src->roster);
}

static gint64
fold_update_due_at (const Fold *fold)
{
  if (fold->declaration == NULL || !sitrep_status_is_active (fold->status))
    return 0;

  /* The last update named its successor's time, and the severity has not
   * changed since: that promise is the deadline. */
  if (fold->promised_at > 0 && fold->severity_set_at <= fold->last_update_at)
    return fold->promised_at;

  if (fold->cadence <= 0)
    return 0;

  /* Otherwise the cadence runs from the last update, or from the moment the
   * severity was set; a new severity re-plans it from the last update. */
  if (fold->last_update_at > 0)
    return fold->last_update_at + fold->cadence;

  return fold->severity_set_at + fold->cadence;
}

static gint64
fold_triage_due_at (const Fold *fold)
{
  /* An incident resolved before anyone set its severity owes no triage. */
  if (fold->declaration == NULL ||
      (fold->triaged_at == 0 && !sitrep_status_is_active (fold->status)))
    return 0;

  return fold->detected_at + fold->triage_target;
}

static const char *
fold_commander (const Fold *fold)
{
  for (guint i = 0; i < fold->roster->len; i++)
    {
      SitrepRosterEntry *entry = g_ptr_array_index (fold->roster, i);

      if (g_str_equal (sitrep_roster_entry_get_role (entry), SITREP_ROLE_COMMANDER))
        return sitrep_roster_entry_get_name (entry);
    }

  return NULL;
}

static gint64
seconds_member (SitrepEvent *event,
                const char  *member,
                gint64       fallback_seconds)
{
  gint64 seconds = sitrep_event_get_payload_int (event, member, fallback_seconds);

  /* A day is the longest interval that makes sense; anything else was not
   * written by Sitrep and counts as the default. */
  if (seconds < 0 || seconds > 86400)
    seconds = fallback_seconds;

  return seconds * G_TIME_SPAN_SECOND;
}

static void
fold_set_severity (Fold           *fold,
                   SitrepSeverity  severity,
                   SitrepEvent    *event)
{
  fold->severity = severity;
  fold->severity_set_at = sitrep_event_get_at (event);
  fold->cadence = seconds_member (event, "cadence", sitrep_severity_get_default_cadence (severity));

  if (severity != SITREP_SEVERITY_UNTRIAGED && fold->triaged_at == 0)
    fold->triaged_at = sitrep_event_get_at (event);
}

static void
fold_set_status (Fold         *fold,
                 SitrepStatus  status,
                 gint64        at)
{
  fold->status = status;

  if ((status == SITREP_STATUS_MONITORING || status == SITREP_STATUS_RESOLVED) &&
      fold->mitigated_at == 0)
    fold->mitigated_at = at;

  /* Reopening an incident takes its resolution back. */
  if (status != SITREP_STATUS_RESOLVED)
    fold->resolved_at = 0;
  else if (fold->resolved_at == 0)
    fold->resolved_at = at;
}

static void
fold_declared (Fold        *fold,
               SitrepEvent *event)
{
  SitrepSeverity severity = SITREP_SEVERITY_UNTRIAGED;
  const char *title = sitrep_event_get_payload_string (event, "title");
  gint64 at = sitrep_event_get_at (event);

  /* An incident is declared once. Should two declarations meet (copies
   * merged from two machines), the first in journal order counts. */
  if (fold->declaration != NULL)
    return;

  fold->declaration = event;

  g_free (fold->title);
  fold->title = g_strdup (title != NULL ? title : "");
  g_free (fold->summary);
  fold->summary = g_strdup (sitrep_event_get_payload_string (event, "summary"));
  g_free (fold->declared_by);
  fold->declared_by = g_strdup (sitrep_event_get_author (event));
  fold->declared_at = at;
  fold->detected_at = MIN (sitrep_event_get_payload_int (event, "detected_at", at), at);
  fold->triage_target = seconds_member (event, "triage_target", SITREP_TRIAGE_TARGET_DEFAULT);
  fold->status = SITREP_STATUS_INVESTIGATING;

  /* A severity this version does not know (written by a newer one) is shown
   * as untriaged rather than guessed. */
  sitrep_severity_from_token (sitrep_event_get_payload_string (event, "severity"), &severity);
  fold_set_severity (fold, severity, event);
}

static int
compare_roster_entries (gconstpointer a,
                        gconstpointer b)
{
  SitrepRosterEntry *ea = *(SitrepRosterEntry **)a;
  SitrepRosterEntry *eb = *(SitrepRosterEntry **)b;
  int ra = sitrep_role_get_rank (sitrep_roster_entry_get_role (ea));
  int rb = sitrep_role_get_rank (sitrep_roster_entry_get_role (eb));
  gint64 sa = sitrep_roster_entry_get_since (ea);
  gint64 sb = sitrep_roster_entry_get_since (eb);

  if (ra != rb)
    return ra < rb ? -1 : 1;

  if (sa != sb)
    return sa < sb ? -1 : 1;

  return g_strcmp0 (sitrep_roster_entry_get_role (ea), sitrep_roster_entry_get_role (eb));
}

/* Replaces the roster's line for @role (assigning when @name is set,
 * releasing otherwise). The roster array is shared with earlier snapshots,
 * so it is replaced, never changed. */
static void
fold_set_role (Fold        *fold,
               const char  *role,
               const char  *label,
               const char  *name,
               const char  *handle,
               const char  *phone,
               gint64       at)
{
  GPtrArray *roster = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < fold->roster->len; i++)
    {
      SitrepRosterEntry *entry = g_ptr_array_index (fold->roster, i);

      if (!g_str_equal (sitrep_roster_entry_get_role (entry), role))
        g_ptr_array_add (roster, g_object_ref (entry));
    }

  if (name != NULL)
    g_ptr_array_add (roster, sitrep_roster_entry_new (role, label, name, handle, phone, at));
  else if (sitrep_role_is_required (role))
    g_ptr_array_add (roster, sitrep_roster_entry_new (role, label, NULL, NULL, NULL, 0));

  g_ptr_array_sort (roster, compare_roster_entries);
  g_ptr_array_unref (fold->roster);
  fold->roster = roster;
}

static const char *
role_label (SitrepEvent *event,
            const char  *role)
{
  const char *label = sitrep_role_get_label (role);

  if (label == NULL)
    label = sitrep_event_get_payload_string (event, "label");

  return label != NULL ? label : role + strlen (SITREP_ROLE_CUSTOM_PREFIX);
}

static gboolean
is_known_role (const char *role)
{
  return role != NULL &&
         (sitrep_role_is_builtin (role) ||
          (g_str_has_prefix (role, SITREP_ROLE_CUSTOM_PREFIX) &&
           role[strlen (SITREP_ROLE_CUSTOM_PREFIX)] != '\0'));
}

static void
fold_role (Fold        *fold,
           SitrepEvent *event,
           gboolean     assigned)
{
  const char *role = sitrep_event_get_payload_string (event, "role");
  const char *name = sitrep_event_get_payload_string (event, "name");

  if (!is_known_role (role) || (assigned && (name == NULL || *name == '\0')))
    return;

  fold_set_role (fold, role, role_label (event, role),
                 assigned ? name : NULL,
                 sitrep_event_get_payload_string (event, "handle"),
                 sitrep_event_get_payload_string (event, "phone"),
                 sitrep_event_get_at (event));
}

static void
fold_update (Fold        *fold,
             SitrepEvent *event)
{
  gint64 at = sitrep_event_get_at (event);
  gint64 due = fold_update_due_at (fold);

  /* On time: posted before the deadline then in force, or with none. */
  fold->n_updates++;
  if (due == 0 || at <= due)
    fold->n_on_time++;

  fold->last_update_at = at;
  fold->promised_at = sitrep_event_get_payload_int (event, "next_update_at", 0);
  if (fold->promised_at <= at)
    fold->promised_at = 0;
}

/* Links the alerts of an "alert.linked" event, or of a declaration made
 * from alerts. Linked alerts only ever grow, and linking twice is linking
 * once, so a refold may link them again. */
static void
link_alerts (SitrepIncident *self,
             SitrepEvent    *event)
{
  JsonObject *payload = sitrep_event_get_payload (event);
  JsonNode *node = json_object_get_member (payload, "alerts");
  JsonArray *alerts;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  alerts = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (alerts); i++)
    {
      JsonNode *element = json_array_get_element (alerts, i);
      g_autoptr(SitrepLinkedAlert) linked = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          !(linked = sitrep_linked_alert_new_from_json (json_node_get_object (element),
                                                        sitrep_event_get_at (event))) ||
          g_hash_table_contains (self->linked, sitrep_linked_alert_get_fingerprint (linked)))
        continue;

      g_hash_table_insert (self->linked, (gpointer)sitrep_linked_alert_get_fingerprint (linked), linked);
      g_list_store_append (self->linked_alerts, linked);
    }
}

static void
set_alert_state (SitrepIncident *self,
                 SitrepEvent    *event)
{
  const char *fingerprint = sitrep_event_get_payload_string (event, "fingerprint");
  const char *state = sitrep_event_get_payload_string (event, "state");
  SitrepLinkedAlert *linked;

  if (fingerprint != NULL && state != NULL &&
      (linked = g_hash_table_lookup (self->linked, fingerprint)))
    sitrep_linked_alert_set_state (linked, state, sitrep_event_get_at (event));
}

/* Folds one event on top of @fold. @self keeps the note corrections and
 * the linked alerts, which only ever grow. */
static void
fold_apply (SitrepIncident *self,
            Fold           *fold,
            SitrepEvent    *event)
{
  const char *kind = sitrep_event_get_kind (event);
  gint64 at = sitrep_event_get_at (event);

  if (g_str_equal (kind, SITREP_EVENT_INCIDENT_DECLARED))
    {
      fold_declared (fold, event);
      link_alerts (self, event);
      return;
    }

  /* An event stamped before its incident's declaration (clocks of merged
   * journals disagree) still counts: the roster, notes and updates it
   * carries are real. What the declaration sets, it sets when it comes. */

  if (g_str_equal (kind, SITREP_EVENT_INCIDENT_RETITLED))
    {
      const char *title = sitrep_event_get_payload_string (event, "title");

      if (title != NULL && *title != '\0')
        {
          g_free (fold->title);
          fold->title = g_strdup (title);
        }
    }
  else if (g_str_equal (kind, SITREP_EVENT_SEVERITY_SET))
    {
      SitrepSeverity severity;

      if (sitrep_severity_from_token (sitrep_event_get_payload_string (event, "severity"), &severity))
        fold_set_severity (fold, severity, event);
    }
  else if (g_str_equal (kind, SITREP_EVENT_STATUS_CHANGED))
    {
      SitrepStatus status;

      if (sitrep_status_from_token (sitrep_event_get_payload_string (event, "status"), &status))
        fold_set_status (fold, status, at);
    }
  else if (g_str_equal (kind, SITREP_EVENT_ROLE_ASSIGNED))
    fold_role (fold, event, TRUE);
  else if (g_str_equal (kind, SITREP_EVENT_ROLE_RELEASED))
    fold_role (fold, event, FALSE);
  else if (g_str_equal (kind, SITREP_EVENT_UPDATE_POSTED))
    fold_update (fold, event);
  else if (g_str_equal (kind, SITREP_EVENT_NOTE_ADDED))
    {
      const char *supersedes = sitrep_event_get_payload_string (event, "supersedes");

      if (supersedes != NULL)
        g_hash_table_insert (self->corrections, g_strdup (supersedes), event);
    }
  else if (g_str_equal (kind, SITREP_EVENT_ALERT_LINKED))
    link_alerts (self, event);
  else if (g_str_equal (kind, SITREP_EVENT_ALERT_STATE))
    set_alert_state (self, event);
  else if (!g_str_equal (kind, SITREP_EVENT_LINK_ADDED) &&
           !g_str_equal (kind, SITREP_EVENT_TRACE_ADDED) &&
           !g_str_equal (kind, SITREP_EVENT_DECISION_RECORDED) &&
           !g_str_equal (kind, SITREP_EVENT_SILENCE_CREATED) &&
           !g_str_equal (kind, SITREP_EVENT_BLAST_CONFIGURED) &&
           !g_str_equal (kind, SITREP_EVENT_FEATURE_SET) &&
           !g_str_equal (kind, SITREP_EVENT_BLAST_ASSESSED) &&
           !g_str_equal (kind, SITREP_EVENT_BLAST_DISMISSED))
    g_debug ("Incident %s: event kind “%s” is kept but not understood by this version",
             self->id, kind);
}

static void
notify_string (SitrepIncident *self,
               const char     *old_value,
               const char     *new_value,
               int             prop)
{
  if (g_strcmp0 (old_value, new_value) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
notify_int64 (SitrepIncident *self,
              gint64          old_value,
              gint64          new_value,
              int             prop)
{
  if (old_value != new_value)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static gboolean
roster_equal (GPtrArray *a,
              GPtrArray *b)
{
  if (a == b)
    return TRUE;

  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!sitrep_roster_entry_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

/* Tells everyone bound to the incident what changed between @old and the
 * current fold, and only that. */
static void
publish (SitrepIncident *self,
         const Fold     *old)
{
  const Fold *new = &self->fold;
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);

  notify_string (self, old->title, new->title, PROP_TITLE);
  notify_string (self, old->summary, new->summary, PROP_SUMMARY);
  notify_string (self, old->declared_by, new->declared_by, PROP_DECLARED_BY);
  notify_int64 (self, old->severity, new->severity, PROP_SEVERITY);
  notify_int64 (self, old->status, new->status, PROP_STATUS);
  notify_int64 (self, sitrep_status_is_active (old->status), sitrep_status_is_active (new->status),
                PROP_ACTIVE);
  notify_int64 (self, old->declared_at, new->declared_at, PROP_DECLARED_AT);
  notify_int64 (self, old->detected_at, new->detected_at, PROP_DETECTED_AT);
  notify_int64 (self, old->triaged_at, new->triaged_at, PROP_TRIAGED_AT);
  notify_int64 (self, old->mitigated_at, new->mitigated_at, PROP_MITIGATED_AT);
  notify_int64 (self, old->resolved_at, new->resolved_at, PROP_RESOLVED_AT);
  notify_int64 (self, fold_triage_due_at (old), fold_triage_due_at (new), PROP_TRIAGE_DUE_AT);
  notify_int64 (self, fold_update_due_at (old), fold_update_due_at (new), PROP_UPDATE_DUE_AT);
  notify_int64 (self, old->last_update_at, new->last_update_at, PROP_LAST_UPDATE_AT);
  notify_int64 (self, old->n_updates, new->n_updates, PROP_N_UPDATES);
  notify_int64 (self, old->n_on_time, new->n_on_time, PROP_N_UPDATES_ON_TIME);
  notify_string (self, fold_commander (old), fold_commander (new), PROP_COMMANDER);

  if (!roster_equal (old->roster, new->roster))
    g_list_store_splice (self->roster, 0, g_list_model_get_n_items (G_LIST_MODEL (self->roster)),
                         new->roster->pdata, new->roster->len);

  g_object_thaw_notify (object);
}

static void
sitrep_incident_finalize (GObject *object)
{
  SitrepIncident *self = (SitrepIncident *)object;

  g_clear_pointer (&self->id, g_free);
  fold_clear (&self->fold);
  g_clear_pointer (&self->event_ids, g_hash_table_unref);
  g_clear_pointer (&self->corrections, g_hash_table_unref);
  g_clear_pointer (&self->linked, g_hash_table_unref);
  g_clear_object (&self->linked_alerts);
  g_clear_object (&self->events);
  g_clear_object (&self->roster);

  G_OBJECT_CLASS (sitrep_incident_parent_class)->finalize (object);
}

static void
sitrep_incident_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SitrepIncident *self = SITREP_INCIDENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, sitrep_incident_get_title (self));
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, sitrep_incident_get_summary (self));
      break;

    case PROP_SEVERITY:
      g_value_set_enum (value, self->fold.severity);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->fold.status);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, sitrep_incident_is_active (self));
      break;

    case PROP_DECLARED_AT:
      g_value_set_int64 (value, self->fold.declared_at);
      break;

    case PROP_DETECTED_AT:
      g_value_set_int64 (value, self->fold.detected_at);
      break;

    case PROP_DECLARED_BY:
      g_value_set_string (value, self->fold.declared_by);
      break;

    case PROP_TRIAGED_AT:
      g_value_set_int64 (value, self->fold.triaged_at);
      break;

    case PROP_MITIGATED_AT:
      g_value_set_int64 (value, self->fold.mitigated_at);
      break;

    case PROP_RESOLVED_AT:
      g_value_set_int64 (value, self->fold.resolved_at);
      break;

    case PROP_TRIAGE_DUE_AT:
      g_value_set_int64 (value, fold_triage_due_at (&self->fold));
      break;

    case PROP_UPDATE_DUE_AT:
      g_value_set_int64 (value, fold_update_due_at (&self->fold));
      break;

    case PROP_LAST_UPDATE_AT:
      g_value_set_int64 (value, self->fold.last_update_at);
      break;

    case PROP_N_UPDATES:
      g_value_set_uint (value, self->fold.n_updates);
      break;

    case PROP_N_UPDATES_ON_TIME:
      g_value_set_uint (value, self->fold.n_on_time);
      break;

    case PROP_COMMANDER:
      g_value_set_string (value, fold_commander (&self->fold));
      break;

    case PROP_N_FIRING_ALERTS:
      g_value_set_uint (value, sitrep_incident_get_n_firing_alerts (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
time_pspec (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

static GParamSpec *
string_pspec (const char *name,
              const char *default_value)
{
  return g_param_spec_string (name, NULL, NULL, default_value,
                              (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

static GParamSpec *
count_pspec (const char *name)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0,
                            (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

static void
sitrep_incident_class_init (SitrepIncidentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_incident_finalize;
  object_class->get_property = sitrep_incident_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] = string_pspec ("title", "");
  properties[PROP_SUMMARY] = string_pspec ("summary", "");
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       SITREP_TYPE_SEVERITY, SITREP_SEVERITY_UNTRIAGED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       SITREP_TYPE_STATUS, SITREP_STATUS_INVESTIGATING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DECLARED_AT] = time_pspec ("declared-at");
  properties[PROP_DETECTED_AT] = time_pspec ("detected-at");
  properties[PROP_DECLARED_BY] = string_pspec ("declared-by", NULL);
  properties[PROP_TRIAGED_AT] = time_pspec ("triaged-at");
  properties[PROP_MITIGATED_AT] = time_pspec ("mitigated-at");
  properties[PROP_RESOLVED_AT] = time_pspec ("resolved-at");
  properties[PROP_TRIAGE_DUE_AT] = time_pspec ("triage-due-at");
  properties[PROP_UPDATE_DUE_AT] = time_pspec ("update-due-at");
  properties[PROP_LAST_UPDATE_AT] = time_pspec ("last-update-at");
  properties[PROP_N_UPDATES] = count_pspec ("n-updates");
  properties[PROP_N_UPDATES_ON_TIME] = count_pspec ("n-updates-on-time");
  properties[PROP_COMMANDER] = string_pspec ("commander", NULL);
  properties[PROP_N_FIRING_ALERTS] = count_pspec ("n-firing-alerts");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_incident_init (SitrepIncident *self)
{
  self->events = g_list_store_new (SITREP_TYPE_EVENT);
  self->roster = g_list_store_new (SITREP_TYPE_ROSTER_ENTRY);
  self->event_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->corrections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->linked_alerts = g_list_store_new (SITREP_TYPE_LINKED_ALERT);
  self->linked = g_hash_table_new (g_str_hash, g_str_equal);
  fold_init (&self->fold);
  g_list_store_splice (self->roster, 0, 0, self->fold.roster->pdata, self->fold.roster->len);
}

/**
 * sitrep_incident_new:
 * @id: the incident's UUID
 *
 * Returns: (transfer full): an incident with no events yet; it is shown once
 *   its "incident.declared" event has been applied.
 */
SitrepIncident *
sitrep_incident_new (const char *id)
{
  SitrepIncident *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = g_object_new (SITREP_TYPE_INCIDENT, NULL);
  self->id = g_strdup (id);

  return self;
}

static int
compare_events_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return sitrep_event_compare ((SitrepEvent *)a, (SitrepEvent *)b);
}

/* Folds @events (all of the incident's, in journal order) again, from
 * nothing. */
static void
refold (SitrepIncident *self,
        GPtrArray      *events)
{
  Fold fold;

  fold_init (&fold);
  g_hash_table_remove_all (self->corrections);

  for (guint i = 0; i < events->len; i++)
    fold_apply (self, &fold, g_ptr_array_index (events, i));

  fold_clear (&self->fold);
  self->fold = fold;
}

static int
compare_event_ptrs (gconstpointer a,
                    gconstpointer b)
{
  return sitrep_event_compare (*(SitrepEvent **)a, *(SitrepEvent **)b);
}

/**
 * sitrep_incident_apply:
 * @event: a committed event of this incident
 *
 * Folds @event into the incident's state and keeps it in the incident's
 * event list, in journal order. An event already applied is ignored, so
 * applying a journal twice is harmless. Kinds this version does not know are
 * kept in the list but change no state.
 *
 * The state is folded before the event list changes, so whoever watches
 * the list reads the state that goes with it; properties notify after.
 *
 * Returns: %TRUE if the event was new to this incident
 */
gboolean
sitrep_incident_apply (SitrepIncident *self,
                       SitrepEvent    *event)
{
  GListModel *events;
  g_autoptr(SitrepEvent) last = NULL;
  guint n_events, n_firing;
  Fold old;

  g_return_val_if_fail (SITREP_IS_INCIDENT (self), FALSE);
  g_return_val_if_fail (SITREP_IS_EVENT (event), FALSE);
  g_return_val_if_fail (g_strcmp0 (sitrep_event_get_incident_id (event), self->id) == 0, FALSE);

  if (g_hash_table_contains (self->event_ids, sitrep_event_get_id (event)))
    return FALSE;

  g_hash_table_insert (self->event_ids, (gpointer)sitrep_event_get_id (event), event);

  events = G_LIST_MODEL (self->events);
  n_events = g_list_model_get_n_items (events);
  if (n_events > 0)
    last = g_list_model_get_item (events, n_events - 1);

  fold_copy (&self->fold, &old);
  n_firing = sitrep_incident_get_n_firing_alerts (self);

  if (last == NULL || sitrep_event_compare (last, event) < 0)
    {
      fold_apply (self, &self->fold, event);
      g_list_store_append (self->events, event);
    }
  else
    {
      g_autoptr(GPtrArray) all = g_ptr_array_new_full (n_events + 1, g_object_unref);

      for (guint i = 0; i < n_events; i++)
        g_ptr_array_add (all, g_list_model_get_item (events, i));
      g_ptr_array_add (all, g_object_ref (event));
      g_ptr_array_sort (all, compare_event_ptrs);

      refold (self, all);
      g_list_store_insert_sorted (self->events, event, compare_events_cb, NULL);
    }

  publish (self, &old);
  fold_clear (&old);

  if (n_firing != sitrep_incident_get_n_firing_alerts (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FIRING_ALERTS]);

  return TRUE;
}

const char *
sitrep_incident_get_id (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->id;
}

gboolean
sitrep_incident_is_declared (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), FALSE);

  return self->fold.declaration != NULL;
}

const char *
sitrep_incident_get_title (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->fold.title != NULL ? self->fold.title : "";
}

const char *
sitrep_incident_get_summary (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->fold.summary != NULL ? self->fold.summary : "";
}

SitrepSeverity
sitrep_incident_get_severity (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), SITREP_SEVERITY_UNTRIAGED);

  return self->fold.severity;
}

SitrepStatus
sitrep_incident_get_status (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), SITREP_STATUS_INVESTIGATING);

  return self->fold.status;
}

gboolean
sitrep_incident_is_active (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), FALSE);

  return sitrep_status_is_active (self->fold.status);
}

/**
 * sitrep_incident_get_declared_at:
 *
 * Returns: when the incident was declared, UTC microseconds
 */
gint64
sitrep_incident_get_declared_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->fold.declared_at;
}

/**
 * sitrep_incident_get_detected_at:
 *
 * Returns: when the problem was first detected, UTC microseconds; the
 *   declaration time unless the declaration says otherwise
 */
gint64
sitrep_incident_get_detected_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->fold.detected_at;
}

const char *
sitrep_incident_get_declared_by (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return self->fold.declared_by;
}

/**
 * sitrep_incident_get_triaged_at:
 *
 * Returns: when a severity was first set (at the declaration if it was
 *   declared with one), or 0 while the incident is untriaged
 */
gint64
sitrep_incident_get_triaged_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->fold.triaged_at;
}

/**
 * sitrep_incident_get_mitigated_at:
 *
 * Returns: when the incident was first contained: its status first became
 *   monitoring (a fix is in place) or resolved; 0 until then
 */
gint64
sitrep_incident_get_mitigated_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->fold.mitigated_at;
}

/**
 * sitrep_incident_get_resolved_at:
 *
 * Returns: when the incident was resolved, or 0 while it is active (a
 *   reopened incident is no longer resolved)
 */
gint64
sitrep_incident_get_resolved_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->fold.resolved_at;
}

/**
 * sitrep_incident_get_triage_due_at:
 *
 * Returns: when triage is due: detection plus the triage target in force
 *   when the incident was declared; 0 for an incident resolved untriaged
 */
gint64
sitrep_incident_get_triage_due_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return fold_triage_due_at (&self->fold);
}

/**
 * sitrep_incident_get_triage_target:
 *
 * Returns: the triage target of this incident, microseconds
 */
gint64
sitrep_incident_get_triage_target (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->fold.triage_target;
}

/**
 * sitrep_incident_get_update_due_at:
 *
 * The next status update is due at the time the last update announced;
 * otherwise, or once the severity has changed since, one cadence of the
 * current severity after the last update (or, before the first, after the
 * severity was set).
 *
 * Returns: when the next status update is due, or 0 when none is (a
 *   severity without a cadence, an untriaged or a resolved incident)
 */
gint64
sitrep_incident_get_update_due_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return fold_update_due_at (&self->fold);
}

/**
 * sitrep_incident_get_last_update_at:
 *
 * Returns: when the last status update was posted, or 0
 */
gint64
sitrep_incident_get_last_update_at (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->fold.last_update_at;
}

/**
 * sitrep_incident_get_update_cadence:
 *
 * Returns: the update cadence at the current severity, microseconds, or 0
 */
gint64
sitrep_incident_get_update_cadence (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->fold.cadence;
}

guint
sitrep_incident_get_n_updates (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->fold.n_updates;
}

/**
 * sitrep_incident_get_n_updates_on_time:
 *
 * Returns: how many status updates were posted before the deadline then in
 *   force (an update with no deadline in force is on time)
 */
guint
sitrep_incident_get_n_updates_on_time (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  return self->fold.n_on_time;
}

/**
 * sitrep_incident_get_commander:
 *
 * Returns: (nullable): the name of the Incident Commander, if there is one
 */
const char *
sitrep_incident_get_commander (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return fold_commander (&self->fold);
}

/**
 * sitrep_incident_get_roster:
 *
 * Returns: (transfer none): the roster, a list of #SitrepRosterEntry: the
 *   Incident Commander, Ops Lead and Comms Lead always, held or not, then
 *   the Scribe and custom roles while someone holds them
 */
GListModel *
sitrep_incident_get_roster (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return G_LIST_MODEL (self->roster);
}

/**
 * sitrep_incident_lookup_role:
 *
 * Returns: (transfer none) (nullable): the roster's line for @role
 */
SitrepRosterEntry *
sitrep_incident_lookup_role (SitrepIncident *self,
                             const char     *role)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);
  g_return_val_if_fail (role != NULL, NULL);

  for (guint i = 0; i < self->fold.roster->len; i++)
    {
      SitrepRosterEntry *entry = g_ptr_array_index (self->fold.roster, i);

      if (g_str_equal (sitrep_roster_entry_get_role (entry), role))
        return entry;
    }

  return NULL;
}

/**
 * sitrep_incident_get_events:
 *
 * Returns: (transfer none): the incident's events in journal order
 */
GListModel *
sitrep_incident_get_events (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return G_LIST_MODEL (self->events);
}

/**
 * sitrep_incident_lookup_event:
 *
 * Returns: (transfer none) (nullable): the event with @event_id
 */
SitrepEvent *
sitrep_incident_lookup_event (SitrepIncident *self,
                              const char     *event_id)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  return g_hash_table_lookup (self->event_ids, event_id);
}

/**
 * sitrep_incident_get_correction:
 * @event_id: the id of a note
 *
 * Notes are never changed: a note is corrected by a later note that
 * supersedes it.
 *
 * Returns: (transfer none) (nullable): the latest note that supersedes the
 *   note @event_id, if any
 */
SitrepEvent *
sitrep_incident_get_correction (SitrepIncident *self,
                                const char     *event_id)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  return g_hash_table_lookup (self->corrections, event_id);
}

/**
 * sitrep_incident_compare:
 *
 * The board's order: active incidents before resolved ones, then the most
 * severe first (see sitrep_severity_get_rank()), then the most recently
 * declared first; the id breaks ties so the order is total.
 */
int
sitrep_incident_compare (SitrepIncident *a,
                         SitrepIncident *b)
{
  gboolean a_active = sitrep_incident_is_active (a);
  gboolean b_active = sitrep_incident_is_active (b);
  int a_rank, b_rank;

  if (a_active != b_active)
    return a_active ? -1 : 1;

  a_rank = sitrep_severity_get_rank (a->fold.severity);
  b_rank = sitrep_severity_get_rank (b->fold.severity);
  if (a_rank != b_rank)
    return a_rank < b_rank ? -1 : 1;

  if (a->fold.declared_at != b->fold.declared_at)
    return a->fold.declared_at > b->fold.declared_at ? -1 : 1;

  return g_strcmp0 (a->id, b->id);
}

/**
 * sitrep_incident_get_linked_alerts:
 *
 * Returns: (transfer none): the alerts linked to the incident
 *   (#SitrepLinkedAlert), in the order they were linked
 */
GListModel *
sitrep_incident_get_linked_alerts (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return G_LIST_MODEL (self->linked_alerts);
}

/**
 * sitrep_incident_lookup_linked_alert:
 *
 * Returns: (transfer none) (nullable): the linked alert of that fingerprint
 */
SitrepLinkedAlert *
sitrep_incident_lookup_linked_alert (SitrepIncident *self,
                                     const char     *fingerprint)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);
  g_return_val_if_fail (fingerprint != NULL, NULL);

  return g_hash_table_lookup (self->linked, fingerprint);
}

/**
 * sitrep_incident_get_n_firing_alerts:
 *
 * Returns: how many linked alerts were firing when last recorded
 */
guint
sitrep_incident_get_n_firing_alerts (SitrepIncident *self)
{
  GListModel *model;
  guint n = 0;

  g_return_val_if_fail (SITREP_IS_INCIDENT (self), 0);

  model = G_LIST_MODEL (self->linked_alerts);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SitrepLinkedAlert) linked = g_list_model_get_item (model, i);

      n += sitrep_linked_alert_is_firing (linked);
    }

  return n;
}

/* The blast radius is read from the event list when asked, not folded:
 * it is asked for seldom, and the list is the truth even after journals
 * merge out of order. */

/**
 * sitrep_incident_dup_blast_config:
 *
 * Returns: (transfer full) (nullable): how the incident's blast radius is
 *   measured, as last configured, or %NULL if it never was
 */
SitrepBlastConfig *
sitrep_incident_dup_blast_config (SitrepIncident *self)
{
  GListModel *events;

  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  events = G_LIST_MODEL (self->events);
  for (guint i = g_list_model_get_n_items (events); i > 0; i--)
    {
      g_autoptr(SitrepEvent) event = g_list_model_get_item (events, i - 1);

      if (sitrep_event_has_kind (event, SITREP_EVENT_BLAST_CONFIGURED))
        {
          SitrepBlastConfig *config = sitrep_blast_config_new_from_json (sitrep_event_get_payload (event));

          if (config != NULL)
            return config;
        }
    }

  return NULL;
}

static void
feature_clear (gpointer data)
{
  SitrepFeature *feature = data;

  g_free (feature->name);
}

static SitrepFeature *
find_feature (GArray     *features,
              const char *name)
{
  for (guint i = 0; i < features->len; i++)
    {
      SitrepFeature *feature = &g_array_index (features, SitrepFeature, i);

      if (g_str_equal (feature->name, name))
        return feature;
    }

  return NULL;
}

/**
 * sitrep_incident_dup_features:
 *
 * The features the incident affects: those its linked alerts name (by
 * their `feature` or else `service` label; down when a critical alert
 * fires, degraded when another fires, OK when none does; core when an
 * alert's `tier` is "core"), then those set by hand, which override.
 *
 * Returns: (transfer full) (element-type SitrepFeature): the features,
 *   alerts' first, in the order they came
 */
GArray *
sitrep_incident_dup_features (SitrepIncident *self)
{
  GArray *features = g_array_new (FALSE, TRUE, sizeof (SitrepFeature));
  GListModel *model;

  g_return_val_if_fail (SITREP_IS_INCIDENT (self), features);

  g_array_set_clear_func (features, feature_clear);

  model = G_LIST_MODEL (self->linked_alerts);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SitrepLinkedAlert) alert = g_list_model_get_item (model, i);
      const char *name = sitrep_linked_alert_get_feature (alert);
      SitrepFeatureState state = SITREP_FEATURE_OK;
      SitrepFeature *feature;

      if (*name == '\0')
        continue;

      if (sitrep_linked_alert_is_firing (alert))
        state = g_strcmp0 (sitrep_linked_alert_get_severity (alert), "critical") == 0
                ? SITREP_FEATURE_DOWN : SITREP_FEATURE_DEGRADED;

      if ((feature = find_feature (features, name)) == NULL)
        {
          SitrepFeature added = { g_strdup (name), state, FALSE };

          g_array_append_val (features, added);
          feature = &g_array_index (features, SitrepFeature, features->len - 1);
        }

      feature->state = MAX (feature->state, state);
      feature->core |= sitrep_linked_alert_is_core (alert);
    }

  model = G_LIST_MODEL (self->events);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SitrepEvent) event = g_list_model_get_item (model, i);
      const char *name = sitrep_event_get_payload_string (event, "name");
      SitrepFeatureState state;
      SitrepFeature *feature;

      if (!sitrep_event_has_kind (event, SITREP_EVENT_FEATURE_SET) || name == NULL ||
          !sitrep_feature_state_from_token (sitrep_event_get_payload_string (event, "state"), &state))
        continue;

      if ((feature = find_feature (features, name)) == NULL)
        {
          SitrepFeature added = { g_strdup (name), state, FALSE };

          g_array_append_val (features, added);
          feature = &g_array_index (features, SitrepFeature, features->len - 1);
        }

      feature->state = state;
      feature->core = sitrep_event_get_payload_boolean (event, "core");
    }

  return features;
}

/**
 * sitrep_incident_get_dismissed_suggestion:
 *
 * Returns: the severity the IC last dismissed as a suggestion, while no
 *   severity was set or assessment accepted since; otherwise
 *   %SITREP_SEVERITY_UNTRIAGED
 */
SitrepSeverity
sitrep_incident_get_dismissed_suggestion (SitrepIncident *self)
{
  GListModel *events;

  g_return_val_if_fail (SITREP_IS_INCIDENT (self), SITREP_SEVERITY_UNTRIAGED);

  events = G_LIST_MODEL (self->events);
  for (guint i = g_list_model_get_n_items (events); i > 0; i--)
    {
      g_autoptr(SitrepEvent) event = g_list_model_get_item (events, i - 1);
      SitrepSeverity severity;

      if (sitrep_event_has_kind (event, SITREP_EVENT_SEVERITY_SET) ||
          sitrep_event_has_kind (event, SITREP_EVENT_BLAST_ASSESSED))
        break;

      if (sitrep_event_has_kind (event, SITREP_EVENT_BLAST_DISMISSED) &&
          sitrep_severity_from_token (sitrep_event_get_payload_string (event, "severity"), &severity))
        return severity;
    }

  return SITREP_SEVERITY_UNTRIAGED;
}
