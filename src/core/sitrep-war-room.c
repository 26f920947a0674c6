/* sitrep-war-room.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The façade the UI talks to. It holds the incidents (a GListModel in board
 * order) and the commands. A command validates its input, builds events,
 * appends them to the journal and, only once the journal has committed them,
 * folds them into the incidents. So what the UI shows as done is always
 * already on disk, and what failed to be written is never shown. */

#define G_LOG_DOMAIN "sitrep-war-room"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sitrep-alert-rules.h"
#include "sitrep-war-room-private.h"


G_DEFINE_FINAL_TYPE (SitrepWarRoom, sitrep_war_room, G_TYPE_OBJECT)

G_DEFINE_QUARK (sitrep-war-room-error-quark, sitrep_war_room_error)

enum {
  PROP_0,
  PROP_JOURNAL,
  PROP_CLOCK,
  PROP_AUTHOR,
  PROP_INCIDENTS,
  PROP_N_ACTIVE,
  PROP_LOADED,
  PROP_READ_ONLY,
  PROP_TRIAGE_TARGET,
  PROP_CADENCE_SEV1,
  PROP_CADENCE_SEV2,
  PROP_CADENCE_SEV3,
  PROP_CADENCE_SEV4,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
compare_incidents_cb (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  return sitrep_incident_compare ((SitrepIncident *)a, (SitrepIncident *)b);
}

gboolean
_sitrep_war_room_check_text (const char  *text,
            GError     **error)
{
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_INVALID_TEXT,
                           _("The text contains characters that are not valid Unicode."));
      return FALSE;
    }

  return TRUE;
}

/* Invisible characters that only format text: zero-width spaces, byte
 * order marks, direction marks. The joiners (U+200C, U+200D) stay: some
 * scripts and emoji need them. */
static gboolean
is_invisible (gunichar c)
{
  return g_unichar_type (c) == G_UNICODE_FORMAT && c != 0x200C && c != 0x200D;
}

static gboolean
is_blank (gunichar c)
{
  return g_unichar_isspace (c) || is_invisible (c) || c == 0x200C || c == 0x200D;
}

/* Cleans text people typed: drops invisible formatting characters, turns
 * every kind of line break into \n (or, for @one_line, every space and
 * control character into a plain space), and trims blanks of any script at
 * both ends, U+3000 included. */
char *
_sitrep_war_room_clean_text (const char *text,
            gboolean    one_line)
{
  g_autoptr(GString) clean = g_string_sized_new (strlen (text));
  const char *start;
  const char *end;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (is_invisible (c))
        continue;

      if (c == '\r' && p[1] == '\n')
        continue;

      if (c == '\n' || c == '\r' || type == G_UNICODE_LINE_SEPARATOR ||
          type == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_string_append_c (clean, one_line ? ' ' : '\n');
      else if (c == '\t' && !one_line)
        g_string_append_c (clean, '\t');
      else if (g_unichar_iscntrl (c) || (one_line && g_unichar_isspace (c) && c != ' ' && c != 0x3000))
        g_string_append_c (clean, ' ');
      else
        g_string_append_unichar (clean, c);
    }

  start = clean->str;
  while (*start != '\0' && is_blank (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  end = clean->str + clean->len;
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_blank (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

static int
compare_incident_ptrs (gconstpointer a,
                       gconstpointer b)
{
  return sitrep_incident_compare (*(SitrepIncident **)a, *(SitrepIncident **)b);
}

static void
update_n_active (SitrepWarRoom *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->incidents));
  guint n_active = 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (G_LIST_MODEL (self->incidents), i);

      if (sitrep_incident_is_active (incident))
        n_active++;
    }

  if (n_active != self->n_active)
    {
      self->n_active = n_active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACTIVE]);
    }
}

static gboolean
in_place (GListModel     *model,
          guint           position,
          guint           n_items,
          SitrepIncident *incident)
{
  if (position > 0)
    {
      g_autoptr(SitrepIncident) before = g_list_model_get_item (model, position - 1);

      if (sitrep_incident_compare (before, incident) > 0)
        return FALSE;
    }

  if (position + 1 < n_items)
    {
      g_autoptr(SitrepIncident) after = g_list_model_get_item (model, position + 1);

      if (sitrep_incident_compare (incident, after) > 0)
        return FALSE;
    }

  return TRUE;
}

/* An incident whose sort keys changed moves to its new place in the board. */
static void
on_incident_sort_key_changed_cb (SitrepWarRoom  *self,
                                 GParamSpec     *pspec,
                                 SitrepIncident *incident)
{
  guint position;

  GListModel *model = G_LIST_MODEL (self->incidents);
  guint n_items = g_list_model_get_n_items (model);

  if (!g_list_store_find (self->incidents, incident, &position))
    return;

  if (in_place (model, position, n_items, incident))
    {
      update_n_active (self);
      return;
    }

  g_object_ref (incident);
  g_list_store_remove (self->incidents, position);
  g_list_store_insert_sorted (self->incidents, incident, compare_incidents_cb, NULL);
  g_object_unref (incident);

  update_n_active (self);
}

static void
watch_incident (SitrepWarRoom  *self,
                SitrepIncident *incident)
{
  static const char * const keys[] = { "notify::severity", "notify::active", "notify::declared-at" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_signal_connect_object (incident, keys[i], G_CALLBACK (on_incident_sort_key_changed_cb),
                             self, G_CONNECT_SWAPPED);
}

static int
compare_people_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return g_utf8_collate (sitrep_person_get_name ((SitrepPerson *)a),
                         sitrep_person_get_name ((SitrepPerson *)b));
}

/* The people directory is whoever has held a role, with the contact
 * details of their latest assignment in time. */
static void
remember_person (SitrepWarRoom *self,
                 SitrepEvent   *event)
{
  const char *name = sitrep_event_get_payload_string (event, "name");
  g_autoptr(SitrepPerson) person = NULL;
  g_autofree char *key = NULL;
  SitrepPerson *known;
  guint position;

  if (name == NULL || *name == '\0')
    return;

  key = g_utf8_casefold (name, -1);
  known = g_hash_table_lookup (self->people_by_key, key);
  person = sitrep_person_new (name,
                              sitrep_event_get_payload_string (event, "handle"),
                              sitrep_event_get_payload_string (event, "phone"));

  if (known != NULL)
    {
      gint64 *known_at = g_object_get_data (G_OBJECT (known), "at");

      /* Merged journals arrive in any order: the latest details win. */
      if (known_at != NULL && *known_at > sitrep_event_get_at (event))
        return;

      if (g_strcmp0 (sitrep_person_get_name (known), name) == 0 &&
          g_strcmp0 (sitrep_person_get_handle (known), sitrep_person_get_handle (person)) == 0 &&
          g_strcmp0 (sitrep_person_get_phone (known), sitrep_person_get_phone (person)) == 0)
        {
          if (known_at != NULL)
            *known_at = sitrep_event_get_at (event);
          return;
        }

      if (g_list_store_find (self->people, known, &position))
        g_list_store_remove (self->people, position);
    }

  {
    gint64 *at = g_new (gint64, 1);

    *at = sitrep_event_get_at (event);
    g_object_set_data_full (G_OBJECT (person), "at", at, g_free);
  }
  g_hash_table_insert (self->people_by_key, g_steal_pointer (&key), g_object_ref (person));
  g_list_store_insert_sorted (self->people, person, compare_people_cb, NULL);
}

/* Folds @event into @incident; a new role assignment also updates the
 * people directory. */
static void
apply_to_incident (SitrepWarRoom  *self,
                   SitrepIncident *incident,
                   SitrepEvent    *event)
{
  if (sitrep_incident_apply (incident, event) &&
      sitrep_event_has_kind (event, SITREP_EVENT_ROLE_ASSIGNED))
    remember_person (self, event);
}

/* Folds committed events. Incidents declared by these events are added to
 * the board in one batch, so loading a long journal costs one items-changed. */
void
_sitrep_war_room_apply_events (SitrepWarRoom *self,
              GPtrArray     *events)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();

  /* Linked alerts may have changed: the index is rebuilt when needed. */
  g_clear_pointer (&self->linked, g_hash_table_unref);

  for (guint i = 0; i < events->len; i++)
    {
      SitrepEvent *event = g_ptr_array_index (events, i);
      const char *incident_id = sitrep_event_get_incident_id (event);
      SitrepIncident *incident = g_hash_table_lookup (self->by_id, incident_id);

      self->last_at = MAX (self->last_at, sitrep_event_get_at (event));

      if (incident == NULL)
        {
          GPtrArray *waiting;

          /* With clocks of several machines merged, an event can come before
           * its incident's declaration; it waits for it. */
          if (!sitrep_event_has_kind (event, SITREP_EVENT_INCIDENT_DECLARED))
            {
              if (!(waiting = g_hash_table_lookup (self->orphans, incident_id)))
                {
                  waiting = g_ptr_array_new_with_free_func (g_object_unref);
                  g_hash_table_insert (self->orphans, g_strdup (incident_id), waiting);
                }
              g_ptr_array_add (waiting, g_object_ref (event));
              continue;
            }

          incident = sitrep_incident_new (incident_id);
          g_hash_table_insert (self->by_id, g_strdup (incident_id), incident);
          g_ptr_array_add (added, incident);

          apply_to_incident (self, incident, event);

          if ((waiting = g_hash_table_lookup (self->orphans, incident_id)) != NULL)
            {
              for (guint j = 0; j < waiting->len; j++)
                apply_to_incident (self, incident, g_ptr_array_index (waiting, j));
              g_hash_table_remove (self->orphans, incident_id);
            }
          continue;
        }

      apply_to_incident (self, incident, event);
    }

  if (added->len == 0)
    return;

  for (guint i = 0; i < added->len; i++)
    watch_incident (self, g_ptr_array_index (added, i));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->incidents)) == 0)
    {
      g_ptr_array_sort (added, compare_incident_ptrs);
      g_list_store_splice (self->incidents, 0, 0, added->pdata, added->len);
    }
  else
    {
      for (guint i = 0; i < added->len; i++)
        g_list_store_insert_sorted (self->incidents, g_ptr_array_index (added, i),
                                    compare_incidents_cb, NULL);
    }

  update_n_active (self);
}

/* Events of one war room are strictly ordered in time, even when two are
 * made within the same microsecond or the system clock steps back. */
gint64
_sitrep_war_room_next_timestamp (SitrepWarRoom *self)
{
  gint64 now = sitrep_clock_get_now (self->clock);

  if (now <= self->last_at)
    now = self->last_at + 1;

  self->last_at = now;
  return now;
}

static void
sitrep_war_room_dispose (GObject *object)
{
  SitrepWarRoom *self = (SitrepWarRoom *)object;

  if (self->incidents != NULL)
    g_list_store_remove_all (self->incidents);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->orphans, g_hash_table_unref);
  g_clear_pointer (&self->people_by_key, g_hash_table_unref);
  g_clear_object (&self->people);
  g_clear_object (&self->incidents);
  sitrep_war_room_set_alert_feed (self, NULL);
  g_clear_pointer (&self->alert_writes, g_hash_table_unref);
  g_clear_pointer (&self->linked, g_hash_table_unref);
  g_clear_object (&self->journal);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (sitrep_war_room_parent_class)->dispose (object);
}

static void
sitrep_war_room_finalize (GObject *object)
{
  SitrepWarRoom *self = (SitrepWarRoom *)object;

  g_clear_pointer (&self->author, g_free);

  G_OBJECT_CLASS (sitrep_war_room_parent_class)->finalize (object);
}

static void
sitrep_war_room_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SitrepWarRoom *self = SITREP_WAR_ROOM (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case PROP_INCIDENTS:
      g_value_set_object (value, self->incidents);
      break;

    case PROP_N_ACTIVE:
      g_value_set_uint (value, self->n_active);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_TRIAGE_TARGET:
      g_value_set_int (value, self->triage_target);
      break;

    case PROP_CADENCE_SEV1:
    case PROP_CADENCE_SEV2:
    case PROP_CADENCE_SEV3:
    case PROP_CADENCE_SEV4:
      g_value_set_int (value, self->cadence[SITREP_SEVERITY_SEV1 + prop_id - PROP_CADENCE_SEV1]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_war_room_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SitrepWarRoom *self = SITREP_WAR_ROOM (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      self->journal = g_value_dup_object (value);
      break;

    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;

    case PROP_AUTHOR:
      sitrep_war_room_set_author (self, g_value_get_string (value));
      break;

    case PROP_READ_ONLY:
      sitrep_war_room_set_read_only (self, g_value_get_boolean (value));
      break;

    case PROP_TRIAGE_TARGET:
      if (self->triage_target != g_value_get_int (value))
        {
          self->triage_target = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_CADENCE_SEV1:
    case PROP_CADENCE_SEV2:
    case PROP_CADENCE_SEV3:
    case PROP_CADENCE_SEV4:
      sitrep_war_room_set_cadence (self, SITREP_SEVERITY_SEV1 + prop_id - PROP_CADENCE_SEV1,
                                   g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_war_room_class_init (SitrepWarRoomClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_war_room_dispose;
  object_class->finalize = sitrep_war_room_finalize;
  object_class->get_property = sitrep_war_room_get_property;
  object_class->set_property = sitrep_war_room_set_property;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, SITREP_TYPE_JOURNAL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, SITREP_TYPE_CLOCK,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * SitrepWarRoom:author:
   *
   * The display name recorded as the author of every act done here;
   * setting it to %NULL or "" falls back to the account's name.
   */
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_INCIDENTS] =
    g_param_spec_object ("incidents", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ACTIVE] =
    g_param_spec_uint ("n-active", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The deadlines of new incidents and of new severities, in minutes. They
   * are written into the events that start them. */
  properties[PROP_TRIAGE_TARGET] =
    g_param_spec_int ("triage-target", NULL, NULL, 1, 60, SITREP_TRIAGE_TARGET_DEFAULT / 60,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  for (int i = SITREP_SEVERITY_SEV1; i <= SITREP_SEVERITY_LAST; i++)
    {
      static const char * const names[] = { NULL, "cadence-sev1", "cadence-sev2", "cadence-sev3", "cadence-sev4" };

      /* 0 is "no cadence" */
      properties[PROP_CADENCE_SEV1 + i - SITREP_SEVERITY_SEV1] =
        g_param_spec_int (names[i], NULL, NULL, 0, 24 * 60, sitrep_severity_get_default_cadence (i) / 60,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
    }

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_war_room_init (SitrepWarRoom *self)
{
  self->author = g_strdup (sitrep_war_room_get_system_author ());
  self->incidents = g_list_store_new (SITREP_TYPE_INCIDENT);
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->orphans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)g_ptr_array_unref);
  self->people = g_list_store_new (SITREP_TYPE_PERSON);
  self->people_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->alert_writes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->last_at = G_MININT64;
  self->triage_target = SITREP_TRIAGE_TARGET_DEFAULT / 60;
  for (int i = SITREP_SEVERITY_SEV1; i <= SITREP_SEVERITY_LAST; i++)
    self->cadence[i] = sitrep_severity_get_default_cadence (i) / 60;
}

/**
 * sitrep_war_room_new:
 *
 * Returns: (transfer full): a war room over @journal; call
 *   sitrep_war_room_load_async() to fold what the journal already holds
 */
SitrepWarRoom *
sitrep_war_room_new (SitrepJournal *journal,
                     SitrepClock   *clock)
{
  g_return_val_if_fail (SITREP_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (SITREP_IS_CLOCK (clock), NULL);

  return g_object_new (SITREP_TYPE_WAR_ROOM,
                       "journal", journal,
                       "clock", clock,
                       NULL);
}

/**
 * sitrep_war_room_get_system_author:
 *
 * Returns: the name of the account Sitrep runs under: the real name if the
 *   system knows it, the login name otherwise
 */
const char *
sitrep_war_room_get_system_author (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();

  return name;
}

SitrepJournal *
sitrep_war_room_get_journal (SitrepWarRoom *self)
{
  g_return_val_if_fail (SITREP_IS_WAR_ROOM (self), NULL);

  return self->journal;
}

SitrepClock *
sitrep_war_room_get_clock (SitrepWarRoom *self)
{
  g_return_val_if_fail (SITREP_IS_WAR_ROOM (self), NULL);

  return self->clock;
}

const char *
sitrep_war_room_get_author (SitrepWarRoom *self)
{
  g_return_val_if_fail (SITREP_IS_WAR_ROOM (self), NULL);

  return self->author;
}

void
sitrep_war_room_set_author (SitrepWarRoom *self,
                            const char    *author)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (SITREP_IS_WAR_ROOM (self));

  if (author != NULL && g_utf8_validate (author, -1, NULL))
    {
      stripped = _sitrep_war_room_clean_text (author, TRUE);
      if (g_utf8_strlen (stripped, -1) > SITREP_AUTHOR_MAX_CHARS)
        {
          char *cut = g_utf8_substring (stripped, 0, SITREP_AUTHOR_MAX_CHARS);

          g_free (stripped);
          stripped = cut;
        }
    }

  /* An act always has an author: without a name, the account's is used. */
  if (stripped == NULL || *stripped == '\0')
    {
      g_free (stripped);
      stripped = g_strdup (sitrep_war_room_get_system_author ());
    }

  if (g_strcmp0 (self->author, stripped) == 0)
    return;

  g_free (self->author);
  self->author = g_steal_pointer (&stripped);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
}

/**
 * sitrep_war_room_get_incidents:
 *
 * Returns: (transfer none): the declared incidents, in board order: active
 *   first, most severe first, most recent first (see
 *   sitrep_incident_compare()); the order follows every change
 */
GListModel *
sitrep_war_room_get_incidents (SitrepWarRoom *self)
{
  g_return_val_if_fail (SITREP_IS_WAR_ROOM (self), NULL);

  return G_LIST_MODEL (self->incidents);
}

guint
sitrep_war_room_get_n_active (SitrepWarRoom *self)
{
  g_return_val_if_fail (SITREP_IS_WAR_ROOM (self), 0);

  return self->n_active;
}

gboolean
sitrep_war_room_is_loaded (SitrepWarRoom *self)
{
  g_return_val_if_fail (SITREP_IS_WAR_ROOM (self), FALSE);

  return self->loaded;
}

/**
 * sitrep_war_room_lookup_incident:
 *
 * Returns: (transfer none) (nullable): the incident with @incident_id
 */
SitrepIncident *
sitrep_war_room_lookup_incident (SitrepWarRoom *self,
                                 const char    *incident_id)
{
  g_return_val_if_fail (SITREP_IS_WAR_ROOM (self), NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, incident_id);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SitrepWarRoom *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) events = NULL;
  GError *error = NULL;

  if (!(events = sitrep_journal_load_finish (SITREP_JOURNAL (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  _sitrep_war_room_apply_events (self, events);

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * sitrep_war_room_load_async:
 *
 * Folds every event the journal holds. Loading again is harmless: events
 * already applied are skipped.
 */
void
sitrep_war_room_load_async (SitrepWarRoom       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SITREP_IS_WAR_ROOM (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_war_room_load_async);

  sitrep_journal_load_async (self->journal, cancellable, load_cb, g_steal_pointer (&task));
}

gboolean
sitrep_war_room_load_finish (SitrepWarRoom  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (SITREP_IS_WAR_ROOM (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sitrep_war_room_normalize_title:
 * @title: an incident title as typed
 *
 * A title is one line: line breaks of any kind, tabs and control characters
 * become spaces, invisible formatting characters are dropped, and blanks of
 * any script are trimmed from both ends. It must not then be empty and must
 * not be longer than %SITREP_TITLE_MAX_CHARS characters.
 *
 * Returns: (transfer full) (nullable): the title as it will be stored, or
 *   %NULL with @error set
 */
char *
sitrep_war_room_normalize_title (const char  *title,
                                 GError     **error)
{
  g_autofree char *clean = NULL;
  glong n_chars;

  if (title == NULL)
    title = "";

  if (!_sitrep_war_room_check_text (title, error))
    return NULL;

  clean = _sitrep_war_room_clean_text (title, TRUE);

  if (*clean == '\0')
    {
      g_set_error_literal (error, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_EMPTY_TITLE,
                           _("The incident needs a title: say in a few words what is broken."));
      return NULL;
    }

  n_chars = g_utf8_strlen (clean, -1);
  if (n_chars > SITREP_TITLE_MAX_CHARS)
    {
      g_set_error (error, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_TITLE_TOO_LONG,
                   /* Translators: the first number is the limit, the second the title's length. */
                   _("The title can be at most %d characters long; this one has %ld. "
                     "Put the details in the summary."),
                   SITREP_TITLE_MAX_CHARS, n_chars);
      return NULL;
    }

  return g_steal_pointer (&clean);
}

static char *
normalize_summary (const char  *summary,
                   GError     **error)
{
  g_autofree char *clean = NULL;
  glong n_chars;

  if (summary == NULL)
    return g_strdup ("");

  if (!_sitrep_war_room_check_text (summary, error))
    return NULL;

  clean = _sitrep_war_room_clean_text (summary, FALSE);
  n_chars = g_utf8_strlen (clean, -1);
  if (n_chars > SITREP_SUMMARY_MAX_CHARS)
    {
      g_set_error (error, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_SUMMARY_TOO_LONG,
                   /* Translators: the first number is the limit, the second the summary's length. */
                   _("The summary can be at most %d characters long; this one has %ld."),
                   SITREP_SUMMARY_MAX_CHARS, n_chars);
      return NULL;
    }

  return g_steal_pointer (&clean);
}

static void
declare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SitrepWarRoom *self = g_task_get_source_object (task);
  GPtrArray *events = g_task_get_task_data (task);
  SitrepEvent *declared = g_ptr_array_index (events, 0);
  SitrepIncident *incident;
  GError *error = NULL;

  if (!sitrep_journal_append_finish (SITREP_JOURNAL (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  _sitrep_war_room_apply_events (self, events);

  incident = sitrep_war_room_lookup_incident (self, sitrep_event_get_incident_id (declared));
  g_assert (incident != NULL);
  g_task_return_pointer (task, g_object_ref (incident), g_object_unref);
}

static void
declare (SitrepWarRoom *self,
         GTask         *task,
         const char    *title,
         SitrepSeverity severity,
         const char    *summary,
         GPtrArray     *alerts)
{
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *clean_title = NULL;
  g_autofree char *clean_summary = NULL;
  g_autofree char *event_id = NULL;
  g_autofree char *incident_id = NULL;
  GError *error = NULL;
  gint64 at;

  /* Once the event is being written, the caller learns what became of it,
   * even if it cancelled meanwhile: a declared incident is never reported
   * as not declared. */
  g_task_set_check_cancellable (task, FALSE);

  if (!_sitrep_war_room_check_writable (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!sitrep_severity_is_valid (severity))
    {
      g_task_return_new_error (task, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_INVALID_SEVERITY,
                               /* Translators: %d is a number that is not a severity. */
                               _("There is no severity %d. Choose SEV1 to SEV4, or leave the "
                                 "incident untriaged."),
                               (int)severity);
      return;
    }

  if (!(clean_title = sitrep_war_room_normalize_title (title, &error)) ||
      !(clean_summary = normalize_summary (summary, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  at = _sitrep_war_room_next_timestamp (self);
  payload = json_object_new ();
  json_object_set_string_member (payload, "title", clean_title);
  json_object_set_string_member (payload, "severity", sitrep_severity_to_token (severity));
  if (*clean_summary != '\0')
    json_object_set_string_member (payload, "summary", clean_summary);
  json_object_set_int_member (payload, "triage_target", self->triage_target * 60);
  json_object_set_int_member (payload, "cadence", _sitrep_war_room_get_cadence (self, severity));

  /* Declared from alerts: the incident was detected when the first of them
   * started (the triage clock runs from then), and they are linked. */
  if (alerts != NULL && alerts->len > 0)
    {
      gint64 first = sitrep_alert_rules_first_start (alerts);

      if (first > 0 && first < at)
        json_object_set_int_member (payload, "detected_at", first);
      json_object_set_array_member (payload, "alerts", _sitrep_war_room_describe_alerts (alerts));
    }

  event_id = g_uuid_string_random ();
  incident_id = g_uuid_string_random ();
  events = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (events, sitrep_event_new (event_id, incident_id,
                                             SITREP_EVENT_INCIDENT_DECLARED,
                                             at,
                                             self->author,
                                             sitrep_journal_get_origin (self->journal),
                                             payload));
  g_task_set_task_data (task, g_ptr_array_ref (events), (GDestroyNotify)g_ptr_array_unref);
  g_clear_pointer (&payload, json_object_unref);

  /* The append is not cancellable: once it starts, the incident is folded in
   * whatever happens to the caller, because it is in the journal. */
  sitrep_journal_append_async (self->journal, events, NULL, declare_cb, g_object_ref (task));
}

/**
 * sitrep_war_room_declare_async:
 * @title: what is broken, in a few words
 * @severity: the severity, or %SITREP_SEVERITY_UNTRIAGED to decide later
 * @summary: (nullable): more detail
 *
 * Declares a new incident. Bad input is refused before anything is written:
 * see sitrep_war_room_normalize_title(); a summary over
 * %SITREP_SUMMARY_MAX_CHARS characters or a severity that does not exist is
 * refused too. The incident is on the board when the callback runs.
 *
 * Cancelling @cancellable before the event is written stops nothing that
 * matters (validation is immediate); after, the callback still reports the
 * incident, because it was declared.
 */
void
sitrep_war_room_declare_async (SitrepWarRoom       *self,
                               const char          *title,
                               SitrepSeverity       severity,
                               const char          *summary,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SITREP_IS_WAR_ROOM (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_war_room_declare_async);
  declare (self, task, title, severity, summary, NULL);
}

/**
 * sitrep_war_room_declare_from_alerts_async:
 * @alerts: (element-type SitrepAlert): the alerts the incident comes from
 *
 * Declares an incident as sitrep_war_room_declare_async() does, linked to
 * @alerts, with its triage clock running from the start of the first of
 * them. Finish with sitrep_war_room_declare_finish().
 */
void
sitrep_war_room_declare_from_alerts_async (SitrepWarRoom       *self,
                                           const char          *title,
                                           SitrepSeverity       severity,
                                           const char          *summary,
                                           GPtrArray           *alerts,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SITREP_IS_WAR_ROOM (self));
  g_return_if_fail (alerts != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_war_room_declare_async);
  declare (self, task, title, severity, summary, alerts);
}

/**
 * sitrep_war_room_declare_finish:
 *
 * Returns: (transfer full) (nullable): the new incident
 */
SitrepIncident *
sitrep_war_room_declare_finish (SitrepWarRoom  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (SITREP_IS_WAR_ROOM (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
sitrep_war_room_get_read_only (SitrepWarRoom *self)
{
  g_return_val_if_fail (SITREP_IS_WAR_ROOM (self), FALSE);

  return self->read_only;
}

/**
 * sitrep_war_room_set_read_only:
 *
 * In read-only mode, for those who watch, every command is refused with
 * %SITREP_WAR_ROOM_ERROR_READ_ONLY and nothing is written.
 */
void
sitrep_war_room_set_read_only (SitrepWarRoom *self,
                               gboolean       read_only)
{
  g_return_if_fail (SITREP_IS_WAR_ROOM (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

/**
 * sitrep_war_room_set_cadence:
 * @severity: SEV1 to SEV4
 * @minutes: the interval between status updates at @severity; 0 for none
 *
 * Sets the cadence that severities set from now on start.
 */
void
sitrep_war_room_set_cadence (SitrepWarRoom  *self,
                             SitrepSeverity  severity,
                             int             minutes)
{
  g_return_if_fail (SITREP_IS_WAR_ROOM (self));
  g_return_if_fail (severity >= SITREP_SEVERITY_SEV1 && severity <= SITREP_SEVERITY_LAST);

  minutes = CLAMP (minutes, 0, 24 * 60);
  if (self->cadence[severity] == minutes)
    return;

  self->cadence[severity] = minutes;
  g_object_notify_by_pspec (G_OBJECT (self),
                            properties[PROP_CADENCE_SEV1 + severity - SITREP_SEVERITY_SEV1]);
}

/**
 * sitrep_war_room_get_people:
 *
 * Returns: (transfer none): the people directory, a list of #SitrepPerson
 *   sorted by name: everyone who has held a role, with their latest details
 */
GListModel *
sitrep_war_room_get_people (SitrepWarRoom *self)
{
  g_return_val_if_fail (SITREP_IS_WAR_ROOM (self), NULL);

  return G_LIST_MODEL (self->people);
}

/* The cadence that a severity set now starts, in seconds. */
int
_sitrep_war_room_get_cadence (SitrepWarRoom  *self,
                              SitrepSeverity  severity)
{
  if (severity == SITREP_SEVERITY_UNTRIAGED)
    return 0;

  return self->cadence[severity] * 60;
}

gboolean
_sitrep_war_room_check_writable (SitrepWarRoom  *self,
                                 GError        **error)
{
  if (!self->read_only)
    return TRUE;

  g_set_error_literal (error, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_READ_ONLY,
                       _("Sitrep is in read-only mode: you can follow the incidents but not "
                         "change them. Turn read-only mode off in Preferences, or start Sitrep "
                         "without --read-only."));
  return FALSE;
}

/**
 * _sitrep_war_room_describe_alerts:
 * @alerts: (element-type SitrepAlert): alerts
 *
 * Returns: (transfer full): what an "alert.linked" event keeps of @alerts
 */
JsonArray *
_sitrep_war_room_describe_alerts (GPtrArray *alerts)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < alerts->len; i++)
    json_array_add_object_element (array, sitrep_linked_alert_describe_alert (g_ptr_array_index (alerts, i)));

  return array;
}

typedef struct
{
  SitrepWarRoom *self;
  char          *key;     /* in self->alert_writes */
  GPtrArray     *events;
} AlertWrite;

static void
alert_write_free (AlertWrite *write)
{
  g_clear_object (&write->self);
  g_free (write->key);
  g_ptr_array_unref (write->events);
  g_free (write);
}

static void
alert_state_written_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  AlertWrite *write = user_data;
  g_autoptr(GError) error = NULL;

  if (write->self->alert_writes != NULL)
    g_hash_table_remove (write->self->alert_writes, write->key);

  if (!sitrep_journal_append_finish (SITREP_JOURNAL (object), result, &error))
    g_warning ("An alert’s change of state could not be recorded: %s", error->message);
  else if (write->self->incidents != NULL)
    _sitrep_war_room_apply_events (write->self, write->events);

  alert_write_free (write);
}

/* Journals that a linked alert of @incident is now in @state, unless the
 * incident already says so or is about to. */
static void
record_alert_state (SitrepWarRoom  *self,
                    SitrepIncident *incident,
                    const char     *fingerprint,
                    const char     *alertname,
                    const char     *state,
                    const char     *author)
{
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *event_id = NULL;
  SitrepLinkedAlert *linked;
  AlertWrite *write;
  char *key;

  if (!sitrep_incident_is_active (incident) ||
      !(linked = sitrep_incident_lookup_linked_alert (incident, fingerprint)) ||
      g_strcmp0 (sitrep_linked_alert_get_state (linked), state) == 0)
    return;

  key = g_strconcat (sitrep_incident_get_id (incident), "\x1f", fingerprint, NULL);
  if (g_strcmp0 (g_hash_table_lookup (self->alert_writes, key), state) == 0)
    {
      g_free (key);
      return;
    }
  g_hash_table_replace (self->alert_writes, key, g_strdup (state));

  payload = json_object_new ();
  json_object_set_string_member (payload, "fingerprint", fingerprint);
  json_object_set_string_member (payload, "alertname", alertname);
  json_object_set_string_member (payload, "state", state);

  event_id = g_uuid_string_random ();
  write = g_new0 (AlertWrite, 1);
  write->self = g_object_ref (self);
  write->key = g_strdup (key);
  write->events = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (write->events, sitrep_event_new (event_id, sitrep_incident_get_id (incident),
                                                    SITREP_EVENT_ALERT_STATE,
                                                    _sitrep_war_room_next_timestamp (self),
                                                    author,
                                                    sitrep_journal_get_origin (self->journal),
                                                    payload));
  sitrep_journal_append_async (self->journal, write->events, NULL, alert_state_written_cb, write);
}

/* The fingerprints linked to any incident, so that the feed's thousands
 * of changes cost a lookup each. */
static GHashTable *
get_linked_index (SitrepWarRoom *self)
{
  GListModel *incidents = G_LIST_MODEL (self->incidents);

  if (self->linked != NULL)
    return self->linked;

  self->linked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (incidents); i++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (incidents, i);
      GListModel *linked = sitrep_incident_get_linked_alerts (incident);

      for (guint j = 0; j < g_list_model_get_n_items (linked); j++)
        {
          g_autoptr(SitrepLinkedAlert) alert = g_list_model_get_item (linked, j);

          g_hash_table_add (self->linked, g_strdup (sitrep_linked_alert_get_fingerprint (alert)));
        }
    }

  return self->linked;
}

/* A linked alert changed state: the timelines of the active incidents it
 * is linked to record it, once. Nothing is recorded in read-only mode (the
 * instance that can write records it), nor for alerts forgotten because
 * their source was switched off. */
static void
feed_changed_cb (SitrepWarRoom     *self,
                 SitrepAlert       *alert,
                 SitrepAlertChange  change,
                 SitrepAlertFeed   *feed)
{
  const char *fingerprint = sitrep_alert_get_fingerprint (alert);
  const char *state;
  GListModel *incidents;

  if (self->read_only || !self->loaded || change == SITREP_ALERT_CHANGE_FORGOTTEN ||
      !g_hash_table_contains (get_linked_index (self), fingerprint))
    return;

  state = change == SITREP_ALERT_CHANGE_RESOLVED
          ? SITREP_LINKED_ALERT_RESOLVED
          : sitrep_alert_state_to_token (sitrep_alert_get_state (alert));

  incidents = G_LIST_MODEL (self->incidents);
  for (guint i = 0; i < g_list_model_get_n_items (incidents); i++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (incidents, i);

      record_alert_state (self, incident, fingerprint, sitrep_alert_get_name (alert), state,
                          sitrep_alert_get_source (alert));
    }
}

/**
 * sitrep_war_room_reconcile_alerts:
 * @source: the name of a source that just answered
 *
 * Brings the linked alerts @source reported in step with what the feed
 * says now: an alert that resolved, or changed, while Sitrep was not
 * running (or before the journal was loaded) is recorded as it is now.
 * Call it after each successful answer of @source.
 */
void
sitrep_war_room_reconcile_alerts (SitrepWarRoom *self,
                                  const char    *source)
{
  GListModel *incidents;

  g_return_if_fail (SITREP_IS_WAR_ROOM (self));
  g_return_if_fail (source != NULL);

  if (self->read_only || !self->loaded || self->feed == NULL)
    return;

  incidents = G_LIST_MODEL (self->incidents);
  for (guint i = 0; i < g_list_model_get_n_items (incidents); i++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (incidents, i);
      GListModel *linked;

      if (!sitrep_incident_is_active (incident))
        continue;

      linked = sitrep_incident_get_linked_alerts (incident);
      for (guint j = 0; j < g_list_model_get_n_items (linked); j++)
        {
          g_autoptr(SitrepLinkedAlert) alert = g_list_model_get_item (linked, j);
          const char *fingerprint = sitrep_linked_alert_get_fingerprint (alert);
          SitrepAlert *now = sitrep_alert_feed_lookup (self->feed, fingerprint);

          if (g_strcmp0 (sitrep_linked_alert_get_source (alert), source) != 0)
            continue;

          record_alert_state (self, incident, fingerprint, sitrep_linked_alert_get_name (alert),
                              now != NULL ? sitrep_alert_state_to_token (sitrep_alert_get_state (now))
                                          : SITREP_LINKED_ALERT_RESOLVED,
                              source);
        }
    }
}

/**
 * sitrep_war_room_set_alert_feed:
 * @feed: (nullable): the alerts of every source
 *
 * Watches @feed: a linked alert's change of state lands in the timelines
 * of the active incidents it is linked to.
 */
void
sitrep_war_room_set_alert_feed (SitrepWarRoom   *self,
                                SitrepAlertFeed *feed)
{
  g_return_if_fail (SITREP_IS_WAR_ROOM (self));
  g_return_if_fail (!feed || SITREP_IS_ALERT_FEED (feed));

  if (self->feed == feed)
    return;

  if (self->feed != NULL)
    g_signal_handlers_disconnect_by_func (self->feed, feed_changed_cb, self);
  g_set_object (&self->feed, feed);
  if (feed != NULL)
    g_signal_connect_object (feed, "changed", G_CALLBACK (feed_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * sitrep_war_room_get_alert_feed:
 *
 * Returns: (transfer none) (nullable): the feed the war room watches
 */
SitrepAlertFeed *
sitrep_war_room_get_alert_feed (SitrepWarRoom *self)
{
  g_return_val_if_fail (SITREP_IS_WAR_ROOM (self), NULL);

  return self->feed;
}
