/* sitrep-war-room-commands.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The commands the people in the war room give about an incident. Every
 * one follows the same path: refuse in read-only mode, validate and clean
 * the input (refusing with a message a person can act on, before anything
 * is written), build one event, append it to the journal and, once it is
 * committed, fold it. A command that would change nothing writes nothing. */

#define G_LOG_DOMAIN "sitrep-war-room"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sitrep-timeline.h"
#include "sitrep-war-room-private.h"

static GTask *
command_task_new (SitrepWarRoom       *self,
                  SitrepIncident      *incident,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  /* Once an event is being written, the caller learns what became of it,
   * even if it cancelled meanwhile: a committed act is never reported as
   * not done. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_object_ref (incident), g_object_unref);

  return task;
}

static void
commit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) events = g_object_steal_data (G_OBJECT (task), "events");
  SitrepWarRoom *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!sitrep_journal_append_finish (SITREP_JOURNAL (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  _sitrep_war_room_apply_events (self, events);
  g_task_return_boolean (task, TRUE);
}

/* Appends events of @kinds with @payloads (consumed) to the task's
 * incident, in one transaction. The append is not cancellable: once it
 * starts, the events are folded whatever happens to the caller, because
 * they are in the journal. */
static void
commit_events (SitrepWarRoom     *self,
               GTask             *task,
               const char *const *kinds,
               JsonObject       **payloads,
               guint              n_events)
{
  SitrepIncident *incident = g_task_get_task_data (task);
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_events; i++)
    {
      g_autofree char *event_id = g_uuid_string_random ();

      g_ptr_array_add (events, sitrep_event_new (event_id, sitrep_incident_get_id (incident),
                                                 kinds[i],
                                                 _sitrep_war_room_next_timestamp (self),
                                                 self->author,
                                                 sitrep_journal_get_origin (self->journal),
                                                 payloads[i]));
      json_object_unref (payloads[i]);
    }

  g_object_set_data_full (G_OBJECT (task), "events", g_ptr_array_ref (events),
                          (GDestroyNotify)g_ptr_array_unref);
  sitrep_journal_append_async (self->journal, events, NULL, commit_cb, task);
  g_ptr_array_unref (events);
}

static void
commit (SitrepWarRoom *self,
        GTask         *task,
        const char    *kind,
        JsonObject    *payload)
{
  commit_events (self, task, &kind, &payload, 1);
}

/* Ends a command that refuses, with @error, or has nothing to change. */
#define FAIL(task, error) \
  G_STMT_START { g_task_return_error ((task), (error)); g_object_unref (task); return; } G_STMT_END
#define UNCHANGED(task) \
  G_STMT_START { g_task_return_boolean ((task), TRUE); g_object_unref (task); return; } G_STMT_END

/* Cleans @text (see _sitrep_war_room_clean_text()) and checks its length.
 * An empty result is an error with @empty_message, or %NULL without error
 * when @empty_message is %NULL. */
static char *
clean_field (const char  *text,
             gboolean     one_line,
             int          max_chars,
             const char  *empty_message,
             GError     **error)
{
  g_autofree char *clean = NULL;
  glong n_chars;

  if (text == NULL)
    text = "";

  if (!_sitrep_war_room_check_text (text, error))
    return NULL;

  clean = _sitrep_war_room_clean_text (text, one_line);

  if (*clean == '\0')
    {
      if (empty_message != NULL)
        g_set_error_literal (error, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_EMPTY_TEXT,
                             empty_message);
      return NULL;
    }

  n_chars = g_utf8_strlen (clean, -1);
  if (n_chars > max_chars)
    {
      g_set_error (error, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_TEXT_TOO_LONG,
                   /* Translators: the first number is the limit, the second the text's length. */
                   _("This text can be at most %d characters long; it has %ld. Shorten it, "
                     "or split it into several notes."),
                   max_chars, n_chars);
      return NULL;
    }

  return g_steal_pointer (&clean);
}

/* Like clean_field() for an optional field: an empty one is not an error. */
static gboolean
clean_optional (const char  *text,
                gboolean     one_line,
                int          max_chars,
                char       **out,
                GError     **error)
{
  GError *local_error = NULL;

  *out = clean_field (text, one_line, max_chars, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

gboolean
sitrep_war_room_command_finish (SitrepWarRoom  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (SITREP_IS_WAR_ROOM (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

#define COMMAND_PRECONDITIONS(self, incident, cancellable) \
  G_STMT_START { \
    g_return_if_fail (SITREP_IS_WAR_ROOM (self)); \
    g_return_if_fail (SITREP_IS_INCIDENT (incident)); \
    g_return_if_fail (sitrep_war_room_lookup_incident (self, sitrep_incident_get_id (incident)) == incident); \
    g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable)); \
  } G_STMT_END

/**
 * sitrep_war_room_set_title_async:
 *
 * Renames the incident; the title is cleaned and checked as by
 * sitrep_war_room_normalize_title().
 */
void
sitrep_war_room_set_title_async (SitrepWarRoom       *self,
                                 SitrepIncident      *incident,
                                 const char          *title,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  g_autofree char *clean = NULL;
  JsonObject *payload;
  GError *error = NULL;

  COMMAND_PRECONDITIONS (self, incident, cancellable);

  task = command_task_new (self, incident, cancellable, callback, user_data,
                           sitrep_war_room_set_title_async);

  if (!_sitrep_war_room_check_writable (self, &error) ||
      !(clean = sitrep_war_room_normalize_title (title, &error)))
    FAIL (task, error);

  if (g_str_equal (clean, sitrep_incident_get_title (incident)))
    UNCHANGED (task);

  payload = json_object_new ();
  json_object_set_string_member (payload, "title", clean);
  json_object_set_string_member (payload, "previous", sitrep_incident_get_title (incident));
  commit (self, task, SITREP_EVENT_INCIDENT_RETITLED, payload);
}

/* A "severity.set" payload: the severity, the one it replaces, and the
 * cadence the settings give it now. */
static JsonObject *
severity_payload (SitrepWarRoom  *self,
                  SitrepIncident *incident,
                  SitrepSeverity  severity)
{
  JsonObject *payload = json_object_new ();

  json_object_set_string_member (payload, "severity", sitrep_severity_to_token (severity));
  json_object_set_string_member (payload, "previous",
                                 sitrep_severity_to_token (sitrep_incident_get_severity (incident)));
  json_object_set_int_member (payload, "cadence", _sitrep_war_room_get_cadence (self, severity));

  return payload;
}

/**
 * sitrep_war_room_set_severity_async:
 * @severity: SEV1 to SEV4; an incident is never made untriaged again
 *
 * Sets the severity. The first severity set ends the triage clock; every
 * severity starts its update cadence as the settings give it now (see
 * sitrep_war_room_set_cadence()), re-planned from the last status update.
 */
void
sitrep_war_room_set_severity_async (SitrepWarRoom       *self,
                                    SitrepIncident      *incident,
                                    SitrepSeverity       severity,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  GError *error = NULL;

  COMMAND_PRECONDITIONS (self, incident, cancellable);

  task = command_task_new (self, incident, cancellable, callback, user_data,
                           sitrep_war_room_set_severity_async);

  if (!_sitrep_war_room_check_writable (self, &error))
    FAIL (task, error);

  if (!sitrep_severity_is_valid (severity) || severity == SITREP_SEVERITY_UNTRIAGED)
    FAIL (task, g_error_new (SITREP_WAR_ROOM_ERROR,
                                            SITREP_WAR_ROOM_ERROR_INVALID_SEVERITY,
                                            /* Translators: %d is a number that is not a severity. */
                                            _("There is no severity %d to set. Choose SEV1 to SEV4; "
                                              "an incident that has been triaged stays triaged."),
                                            (int)severity));

  if (severity == sitrep_incident_get_severity (incident))
    UNCHANGED (task);

  commit (self, task, SITREP_EVENT_SEVERITY_SET, severity_payload (self, incident, severity));
}

void
sitrep_war_room_set_status_async (SitrepWarRoom       *self,
                                  SitrepIncident      *incident,
                                  SitrepStatus         status,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  JsonObject *payload;
  GError *error = NULL;

  COMMAND_PRECONDITIONS (self, incident, cancellable);

  task = command_task_new (self, incident, cancellable, callback, user_data,
                           sitrep_war_room_set_status_async);

  if (!_sitrep_war_room_check_writable (self, &error))
    FAIL (task, error);

  if (!sitrep_status_is_valid (status))
    FAIL (task, g_error_new (SITREP_WAR_ROOM_ERROR,
                                            SITREP_WAR_ROOM_ERROR_INVALID_STATUS,
                                            /* Translators: %d is a number that is not a status. */
                                            _("There is no status %d. Choose investigating, "
                                              "identified, monitoring or resolved."),
                                            (int)status));

  if (status == sitrep_incident_get_status (incident))
    UNCHANGED (task);

  payload = json_object_new ();
  json_object_set_string_member (payload, "status", sitrep_status_to_token (status));
  json_object_set_string_member (payload, "previous",
                                 sitrep_status_to_token (sitrep_incident_get_status (incident)));
  commit (self, task, SITREP_EVENT_STATUS_CHANGED, payload);
}

static gboolean
check_phone (const char  *phone,
             GError     **error)
{
  gsize len = strlen (phone);

  if (len <= SITREP_PHONE_MAX_CHARS &&
      strspn (phone, "0123456789+-() ./") == len &&
      strpbrk (phone, "0123456789") != NULL)
    return TRUE;

  g_set_error (error, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_INVALID_TEXT,
               /* Translators: %d is the maximum length of a phone number. */
               _("A phone number has digits and may have spaces, “+”, “-”, “(”, “)”, “.” "
                 "or “/”, at most %d characters in all."),
               SITREP_PHONE_MAX_CHARS);
  return FALSE;
}

/* Resolves @role and @custom_label to a role key and the label to store
 * (NULL for built-in roles). A custom role already on the roster is named
 * by its key alone. */
static gboolean
resolve_role (SitrepIncident  *incident,
              const char      *role,
              const char      *custom_label,
              char           **key,
              char           **label,
              GError         **error)
{
  g_autofree char *clean = NULL;
  SitrepRosterEntry *entry;

  if (role != NULL && g_str_has_prefix (role, SITREP_ROLE_CUSTOM_PREFIX) &&
      (custom_label == NULL || *custom_label == '\0') &&
      (entry = sitrep_incident_lookup_role (incident, role)) != NULL)
    {
      *key = g_strdup (role);
      *label = g_strdup (sitrep_roster_entry_get_label (entry));
      return TRUE;
    }

  if (role != NULL && *role != '\0' && !g_str_has_prefix (role, SITREP_ROLE_CUSTOM_PREFIX))
    {
      if (!sitrep_role_is_builtin (role))
        {
          g_set_error (error, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_INVALID_ROLE,
                       /* Translators: %s is a role key that does not exist. */
                       _("There is no role “%s”. Choose one of the roles, or name a new one."),
                       role);
          return FALSE;
        }

      *key = g_strdup (role);
      *label = NULL;
      return TRUE;
    }

  if (!(clean = clean_field (custom_label, TRUE, SITREP_ROLE_LABEL_MAX_CHARS,
                             _("Name the role, for example “Database Expert”."), error)))
    {
      if (error != NULL && *error != NULL)
        (*error)->code = SITREP_WAR_ROOM_ERROR_INVALID_ROLE;
      return FALSE;
    }

  *key = sitrep_role_make_key (clean);
  *label = g_steal_pointer (&clean);
  return TRUE;
}

/**
 * sitrep_war_room_assign_role_async:
 * @role: (nullable): a built-in role key (%SITREP_ROLE_COMMANDER…), the
 *   key of a custom role on the roster, or %NULL for a new custom role
 * @custom_label: (nullable): the custom role's name when @role is %NULL
 * @name: who takes the role
 * @handle: (nullable): their chat handle
 * @phone: (nullable): their phone number
 *
 * Gives a role to a person. If someone held it, this hands it over: the
 * event names the previous holder, so the timeline keeps them.
 */
void
sitrep_war_room_assign_role_async (SitrepWarRoom       *self,
                                   SitrepIncident      *incident,
                                   const char          *role,
                                   const char          *custom_label,
                                   const char          *name,
                                   const char          *handle,
                                   const char          *phone,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_handle = NULL;
  g_autofree char *clean_phone = NULL;
  SitrepRosterEntry *current;
  JsonObject *payload;
  GError *error = NULL;

  COMMAND_PRECONDITIONS (self, incident, cancellable);

  task = command_task_new (self, incident, cancellable, callback, user_data,
                           sitrep_war_room_assign_role_async);

  if (!_sitrep_war_room_check_writable (self, &error) ||
      !resolve_role (incident, role, custom_label, &key, &label, &error))
    FAIL (task, error);

  if (!(clean_name = clean_field (name, TRUE, SITREP_NAME_MAX_CHARS,
                                  _("Say who takes the role: a name is needed."), &error)))
    {
      if (error->code == SITREP_WAR_ROOM_ERROR_EMPTY_TEXT)
        error->code = SITREP_WAR_ROOM_ERROR_EMPTY_NAME;
      FAIL (task, error);
    }

  if (!clean_optional (handle, TRUE, SITREP_NAME_MAX_CHARS, &clean_handle, &error) ||
      !clean_optional (phone, TRUE, SITREP_PHONE_MAX_CHARS * 2, &clean_phone, &error) ||
      (clean_phone != NULL && !check_phone (clean_phone, &error)))
    FAIL (task, error);

  current = sitrep_incident_lookup_role (incident, key);
  if (current != NULL &&
      g_strcmp0 (sitrep_roster_entry_get_name (current), clean_name) == 0 &&
      g_strcmp0 (sitrep_roster_entry_get_handle (current), clean_handle) == 0 &&
      g_strcmp0 (sitrep_roster_entry_get_phone (current), clean_phone) == 0)
    UNCHANGED (task);

  payload = json_object_new ();
  json_object_set_string_member (payload, "role", key);
  if (label != NULL)
    json_object_set_string_member (payload, "label", label);
  json_object_set_string_member (payload, "name", clean_name);
  if (clean_handle != NULL)
    json_object_set_string_member (payload, "handle", clean_handle);
  if (clean_phone != NULL)
    json_object_set_string_member (payload, "phone", clean_phone);
  if (current != NULL && sitrep_roster_entry_get_name (current) != NULL)
    json_object_set_string_member (payload, "previous", sitrep_roster_entry_get_name (current));
  commit (self, task, SITREP_EVENT_ROLE_ASSIGNED, payload);
}

/**
 * sitrep_war_room_release_role_async:
 * @role: the key of a role someone holds
 *
 * Frees a role. The Incident Commander, Ops Lead and Comms Lead stay on the
 * roster, unassigned; other roles leave it.
 */
void
sitrep_war_room_release_role_async (SitrepWarRoom       *self,
                                    SitrepIncident      *incident,
                                    const char          *role,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  SitrepRosterEntry *current;
  JsonObject *payload;
  GError *error = NULL;

  COMMAND_PRECONDITIONS (self, incident, cancellable);
  g_return_if_fail (role != NULL);

  task = command_task_new (self, incident, cancellable, callback, user_data,
                           sitrep_war_room_release_role_async);

  if (!_sitrep_war_room_check_writable (self, &error))
    FAIL (task, error);

  current = sitrep_incident_lookup_role (incident, role);
  if (current == NULL || sitrep_roster_entry_get_name (current) == NULL)
    UNCHANGED (task);

  payload = json_object_new ();
  json_object_set_string_member (payload, "role", role);
  if (!sitrep_role_is_builtin (role))
    json_object_set_string_member (payload, "label", sitrep_roster_entry_get_label (current));
  json_object_set_string_member (payload, "previous", sitrep_roster_entry_get_name (current));
  commit (self, task, SITREP_EVENT_ROLE_RELEASED, payload);
}

/**
 * sitrep_war_room_add_note_async:
 * @text: the note
 * @supersedes: (nullable): the id of a note of this incident that this
 *   one corrects
 *
 * Adds a note to the timeline. Notes are never edited: a correction is a
 * new note that supersedes the old one, and both stay in the journal.
 */
void
sitrep_war_room_add_note_async (SitrepWarRoom       *self,
                                SitrepIncident      *incident,
                                const char          *text,
                                const char          *supersedes,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  g_autofree char *clean = NULL;
  JsonObject *payload;
  GError *error = NULL;

  COMMAND_PRECONDITIONS (self, incident, cancellable);

  task = command_task_new (self, incident, cancellable, callback, user_data,
                           sitrep_war_room_add_note_async);

  if (!_sitrep_war_room_check_writable (self, &error) ||
      !(clean = clean_field (text, FALSE, SITREP_TEXT_MAX_CHARS,
                             _("The note is empty: write what you want to record."), &error)))
    FAIL (task, error);

  if (supersedes != NULL)
    {
      SitrepEvent *old = sitrep_incident_lookup_event (incident, supersedes);

      if (old == NULL || !sitrep_event_has_kind (old, SITREP_EVENT_NOTE_ADDED))
        FAIL (task, g_error_new_literal (SITREP_WAR_ROOM_ERROR,
                                                        SITREP_WAR_ROOM_ERROR_NOT_FOUND,
                                                        _("The note to correct is not in this "
                                                          "incident’s timeline.")));
    }

  payload = json_object_new ();
  json_object_set_string_member (payload, "text", clean);
  if (supersedes != NULL)
    json_object_set_string_member (payload, "supersedes", supersedes);
  commit (self, task, SITREP_EVENT_NOTE_ADDED, payload);
}

static char *
normalize_url (const char  *url,
               GError     **error)
{
  g_autofree char *clean = NULL;

  if (!(clean = clean_field (url, TRUE, SITREP_URL_MAX_CHARS,
                             _("The link is empty: paste the address of the dashboard or the "
                               "log search."), error)))
    return NULL;

  if (!sitrep_timeline_is_web_address (clean))
    {
      g_set_error_literal (error, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_INVALID_URL,
                           _("This is not a web address. A link starts with https:// or "
                             "http:// and names a host, as in "
                             "https://grafana.example.com/d/payments."));
      return NULL;
    }

  return g_steal_pointer (&clean);
}

/* Adds a reference to the timeline, a link or a TraceId: @value checked
 * and cleaned by @normalize and kept as @member, with an optional label. */
static void
add_reference (SitrepWarRoom  *self,
               GTask          *task,
               const char     *kind,
               const char     *member,
               char         *(*normalize) (const char *, GError **),
               const char     *value,
               const char     *label)
{
  g_autofree char *clean_value = NULL;
  g_autofree char *clean_label = NULL;
  JsonObject *payload;
  GError *error = NULL;

  if (!_sitrep_war_room_check_writable (self, &error) ||
      !(clean_value = normalize (value, &error)) ||
      !clean_optional (label, TRUE, SITREP_LINE_MAX_CHARS, &clean_label, &error))
    FAIL (task, error);

  payload = json_object_new ();
  json_object_set_string_member (payload, member, clean_value);
  if (clean_label != NULL)
    json_object_set_string_member (payload, "label", clean_label);
  commit (self, task, kind, payload);
}

/**
 * sitrep_war_room_add_link_async:
 * @url: an http or https address
 * @label: (nullable): what the link shows
 */
void
sitrep_war_room_add_link_async (SitrepWarRoom       *self,
                                SitrepIncident      *incident,
                                const char          *url,
                                const char          *label,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  COMMAND_PRECONDITIONS (self, incident, cancellable);

  add_reference (self, command_task_new (self, incident, cancellable, callback, user_data,
                                         sitrep_war_room_add_link_async),
                 SITREP_EVENT_LINK_ADDED, "url", normalize_url, url, label);
}

/**
 * sitrep_war_room_normalize_trace_id:
 * @trace_id: a trace id as pasted
 *
 * A TraceId is 32 hexadecimal digits (W3C Trace Context), or 16 for
 * tracers that use 64-bit ids, and not all zeros. Blanks around it are
 * dropped and it is stored in lower case.
 *
 * Returns: (transfer full) (nullable): the trace id as stored, or %NULL
 *   with @error set
 */
char *
sitrep_war_room_normalize_trace_id (const char  *trace_id,
                                    GError     **error)
{
  g_autofree char *clean = NULL;
  gsize len;

  if (trace_id == NULL || !g_utf8_validate (trace_id, -1, NULL))
    trace_id = "";

  clean = g_ascii_strdown (trace_id, -1);
  g_strstrip (clean);
  len = strlen (clean);

  if ((len == 32 || len == 16) &&
      strspn (clean, "0123456789abcdef") == len &&
      strspn (clean, "0") != len)
    return g_steal_pointer (&clean);

  g_set_error_literal (error, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_INVALID_TRACE_ID,
                       _("This is not a TraceId. A TraceId is 32 hexadecimal characters (0–9 and "
                         "a–f), as in 4bf92f3577b34da6a3ce929d0e0e4736, or 16 for tracers with "
                         "64-bit ids."));
  return NULL;
}

/**
 * sitrep_war_room_add_trace_async:
 * @trace_id: a TraceId (see sitrep_war_room_normalize_trace_id())
 * @label: (nullable): what the trace shows
 */
void
sitrep_war_room_add_trace_async (SitrepWarRoom       *self,
                                 SitrepIncident      *incident,
                                 const char          *trace_id,
                                 const char          *label,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  COMMAND_PRECONDITIONS (self, incident, cancellable);

  add_reference (self, command_task_new (self, incident, cancellable, callback, user_data,
                                         sitrep_war_room_add_trace_async),
                 SITREP_EVENT_TRACE_ADDED, "trace_id", sitrep_war_room_normalize_trace_id,
                 trace_id, label);
}

/**
 * sitrep_war_room_post_update_async:
 * @known: (nullable): what is known
 * @doing: (nullable): what is being done
 * @needed: (nullable): what is needed, from whom
 * @next_update_at: when the next update will come, UTC microseconds, or 0
 *   to leave it to the cadence
 *
 * Posts the war room's status update: it lands in the timeline and
 * restarts the update countdown. At least one part must say something.
 */
void
sitrep_war_room_post_update_async (SitrepWarRoom       *self,
                                   SitrepIncident      *incident,
                                   const char          *known,
                                   const char          *doing,
                                   const char          *needed,
                                   gint64               next_update_at,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  g_autofree char *clean_known = NULL;
  g_autofree char *clean_doing = NULL;
  g_autofree char *clean_needed = NULL;
  JsonObject *payload;
  GError *error = NULL;

  COMMAND_PRECONDITIONS (self, incident, cancellable);

  task = command_task_new (self, incident, cancellable, callback, user_data,
                           sitrep_war_room_post_update_async);

  if (!_sitrep_war_room_check_writable (self, &error) ||
      !clean_optional (known, FALSE, SITREP_TEXT_MAX_CHARS, &clean_known, &error) ||
      !clean_optional (doing, FALSE, SITREP_TEXT_MAX_CHARS, &clean_doing, &error) ||
      !clean_optional (needed, FALSE, SITREP_TEXT_MAX_CHARS, &clean_needed, &error))
    FAIL (task, error);

  if (clean_known == NULL && clean_doing == NULL && clean_needed == NULL)
    FAIL (task, g_error_new_literal (SITREP_WAR_ROOM_ERROR,
                                                    SITREP_WAR_ROOM_ERROR_EMPTY_TEXT,
                                                    _("The update is empty: say what is known, "
                                                      "what is being done or what is needed.")));

  if (next_update_at != 0 && next_update_at <= sitrep_clock_get_now (self->clock))
    FAIL (task, g_error_new_literal (SITREP_WAR_ROOM_ERROR,
                                                    SITREP_WAR_ROOM_ERROR_INVALID_TIME,
                                                    _("The next update must be announced for a "
                                                      "time still to come.")));

  payload = json_object_new ();
  if (clean_known != NULL)
    json_object_set_string_member (payload, "known", clean_known);
  if (clean_doing != NULL)
    json_object_set_string_member (payload, "doing", clean_doing);
  if (clean_needed != NULL)
    json_object_set_string_member (payload, "needed", clean_needed);
  json_object_set_string_member (payload, "status",
                                 sitrep_status_to_token (sitrep_incident_get_status (incident)));
  if (next_update_at != 0)
    json_object_set_int_member (payload, "next_update_at", next_update_at);
  commit (self, task, SITREP_EVENT_UPDATE_POSTED, payload);
}

/**
 * sitrep_war_room_record_decision_async:
 * @question: what was to be decided ("Roll back 5.2.0?")
 * @options: (nullable) (array zero-terminated=1): the options considered
 * @chosen: the option chosen; it joins @options if it is not among them
 * @rationale: (nullable): why
 * @decided_by: (nullable): who decided; the author when %NULL or empty
 * @rollback: whether the decision is a rollback, whose caveat (a store
 *   rollback takes hours) the timeline then spells out
 */
void
sitrep_war_room_record_decision_async (SitrepWarRoom       *self,
                                       SitrepIncident      *incident,
                                       const char          *question,
                                       const char * const  *options,
                                       const char          *chosen,
                                       const char          *rationale,
                                       const char          *decided_by,
                                       gboolean             rollback,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;
  g_autofree char *clean_question = NULL;
  g_autofree char *clean_chosen = NULL;
  g_autofree char *clean_rationale = NULL;
  g_autofree char *clean_by = NULL;
  g_autoptr(GPtrArray) clean_options = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;
  JsonObject *payload;
  gboolean chosen_listed = FALSE;
  GError *error = NULL;

  COMMAND_PRECONDITIONS (self, incident, cancellable);

  task = command_task_new (self, incident, cancellable, callback, user_data,
                           sitrep_war_room_record_decision_async);

  if (!_sitrep_war_room_check_writable (self, &error) ||
      !(clean_question = clean_field (question, TRUE, SITREP_LINE_MAX_CHARS,
                                      _("Say what was decided, as a question: “Roll back "
                                        "5.2.0?”"), &error)))
    FAIL (task, error);

  if (!(clean_chosen = clean_field (chosen, TRUE, SITREP_LINE_MAX_CHARS,
                                    _("A decision needs the option that was chosen."), &error)))
    {
      if (error->code == SITREP_WAR_ROOM_ERROR_EMPTY_TEXT)
        error->code = SITREP_WAR_ROOM_ERROR_NO_CHOICE;
      FAIL (task, error);
    }

  if (!clean_optional (rationale, FALSE, SITREP_TEXT_MAX_CHARS, &clean_rationale, &error) ||
      !clean_optional (decided_by, TRUE, SITREP_NAME_MAX_CHARS, &clean_by, &error))
    FAIL (task, error);

  for (guint i = 0; options != NULL && options[i] != NULL; i++)
    {
      g_autofree char *option = NULL;
      gboolean seen = FALSE;

      if (!clean_optional (options[i], TRUE, SITREP_LINE_MAX_CHARS, &option, &error))
        FAIL (task, error);
      if (option == NULL)
        continue;

      for (guint j = 0; j < clean_options->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (clean_options, j), option);
      if (seen)
        continue;

      chosen_listed |= g_str_equal (option, clean_chosen);
      g_ptr_array_add (clean_options, g_steal_pointer (&option));
    }

  if (!chosen_listed)
    g_ptr_array_add (clean_options, g_strdup (clean_chosen));

  array = json_array_sized_new (clean_options->len);
  for (guint i = 0; i < clean_options->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (clean_options, i));

  payload = json_object_new ();
  json_object_set_string_member (payload, "question", clean_question);
  json_object_set_array_member (payload, "options", array);
  json_object_set_string_member (payload, "chosen", clean_chosen);
  if (clean_rationale != NULL)
    json_object_set_string_member (payload, "rationale", clean_rationale);
  json_object_set_string_member (payload, "decided_by", clean_by != NULL ? clean_by : self->author);
  json_object_set_boolean_member (payload, "rollback", rollback);
  commit (self, task, SITREP_EVENT_DECISION_RECORDED, payload);
}

/**
 * sitrep_war_room_link_alerts_async:
 * @alerts: (element-type SitrepAlert): alerts to link to @incident
 *
 * Links alerts to an incident: they show on its card and view, and their
 * changes of state land in its timeline. Alerts already linked are left
 * as they are; linking only those writes nothing.
 */
void
sitrep_war_room_link_alerts_async (SitrepWarRoom       *self,
                                   SitrepIncident      *incident,
                                   GPtrArray           *alerts,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GPtrArray) new_alerts = NULL;
  JsonObject *payload;
  GError *error = NULL;
  GTask *task;

  COMMAND_PRECONDITIONS (self, incident, cancellable);
  g_return_if_fail (alerts != NULL);

  task = command_task_new (self, incident, cancellable, callback, user_data,
                           sitrep_war_room_link_alerts_async);

  if (!_sitrep_war_room_check_writable (self, &error))
    FAIL (task, error);

  new_alerts = g_ptr_array_new ();
  for (guint i = 0; i < alerts->len; i++)
    {
      SitrepAlert *alert = g_ptr_array_index (alerts, i);

      if (sitrep_incident_lookup_linked_alert (incident, sitrep_alert_get_fingerprint (alert)) == NULL)
        g_ptr_array_add (new_alerts, alert);
    }

  if (new_alerts->len == 0)
    UNCHANGED (task);

  payload = json_object_new ();
  json_object_set_array_member (payload, "alerts", _sitrep_war_room_describe_alerts (new_alerts));
  commit (self, task, SITREP_EVENT_ALERT_LINKED, payload);
}

/**
 * sitrep_war_room_record_silence_async:
 * @silence_id: the id the Alertmanager gave the silence
 * @source: the name of the Alertmanager
 * @matchers: what the silence matches, as text ("alertname=X, service=y")
 * @ends_at: when the silence ends, UTC microseconds
 * @comment: the silence's comment
 *
 * Records in the incident's timeline a silence created for it.
 */
void
sitrep_war_room_record_silence_async (SitrepWarRoom       *self,
                                      SitrepIncident      *incident,
                                      const char          *silence_id,
                                      const char          *source,
                                      const char          *matchers,
                                      gint64               ends_at,
                                      const char          *comment,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  JsonObject *payload;
  GError *error = NULL;
  GTask *task;

  COMMAND_PRECONDITIONS (self, incident, cancellable);
  g_return_if_fail (silence_id != NULL && *silence_id != '\0');
  g_return_if_fail (source != NULL);
  g_return_if_fail (matchers != NULL);

  task = command_task_new (self, incident, cancellable, callback, user_data,
                           sitrep_war_room_record_silence_async);

  if (!_sitrep_war_room_check_writable (self, &error))
    FAIL (task, error);

  payload = json_object_new ();
  json_object_set_string_member (payload, "silence_id", silence_id);
  json_object_set_string_member (payload, "source", source);
  json_object_set_string_member (payload, "matchers", matchers);
  json_object_set_int_member (payload, "ends_at", ends_at);
  if (comment != NULL && *comment != '\0')
    json_object_set_string_member (payload, "comment", comment);
  commit (self, task, SITREP_EVENT_SILENCE_CREATED, payload);
}

/**
 * sitrep_war_room_configure_blast_radius_async:
 * @config: how to measure the incident's blast radius
 *
 * Saves with the incident the queries its blast radius is measured with.
 */
void
sitrep_war_room_configure_blast_radius_async (SitrepWarRoom           *self,
                                              SitrepIncident          *incident,
                                              const SitrepBlastConfig *config,
                                              GCancellable            *cancellable,
                                              GAsyncReadyCallback      callback,
                                              gpointer                 user_data)
{
  g_autoptr(SitrepBlastConfig) current = NULL;
  g_autoptr(SitrepBlastConfig) clean = NULL;
  g_autoptr(JsonObject) object = NULL;
  GError *error = NULL;
  GTask *task;

  COMMAND_PRECONDITIONS (self, incident, cancellable);
  g_return_if_fail (config != NULL);

  task = command_task_new (self, incident, cancellable, callback, user_data,
                           sitrep_war_room_configure_blast_radius_async);

  if (!_sitrep_war_room_check_writable (self, &error))
    FAIL (task, error);

  /* Reading it back drops empty members and checks the required ones. */
  object = sitrep_blast_config_to_json (config);
  clean = sitrep_blast_config_new_from_json (object);
  if (clean == NULL)
    FAIL (task, g_error_new_literal (SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_EMPTY_TEXT,
                                     _("The blast radius needs a dimension, such as “platform”, "
                                       "and the queries counting the affected and everyone.")));

  if (!sitrep_blast_config_check (clean, &error))
    FAIL (task, error);

  current = sitrep_incident_dup_blast_config (incident);
  if (sitrep_blast_config_equal (current, clean))
    UNCHANGED (task);

  commit (self, task, SITREP_EVENT_BLAST_CONFIGURED, sitrep_blast_config_to_json (clean));
}

/**
 * sitrep_war_room_set_feature_async:
 * @name: the feature, such as "checkout"
 * @state: how it is
 * @core: whether it is a core feature, whose outage is a SEV1
 *
 * Says by hand how a feature is, overriding what linked alerts say.
 */
void
sitrep_war_room_set_feature_async (SitrepWarRoom       *self,
                                   SitrepIncident      *incident,
                                   const char          *name,
                                   SitrepFeatureState   state,
                                   gboolean             core,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *clean = NULL;
  JsonObject *payload;
  GError *error = NULL;
  GTask *task;

  COMMAND_PRECONDITIONS (self, incident, cancellable);

  task = command_task_new (self, incident, cancellable, callback, user_data,
                           sitrep_war_room_set_feature_async);

  if (!_sitrep_war_room_check_writable (self, &error) ||
      !(clean = clean_field (name, TRUE, SITREP_NAME_MAX_CHARS,
                             _("Name the feature, such as “checkout” or “login”."), &error)))
    FAIL (task, error);

  if (state > SITREP_FEATURE_DOWN)
    FAIL (task, g_error_new_literal (SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_NO_CHOICE,
                                     _("Say whether the feature is down, degraded or OK.")));

  payload = json_object_new ();
  json_object_set_string_member (payload, "name", clean);
  json_object_set_string_member (payload, "state", sitrep_feature_state_to_token (state));
  json_object_set_boolean_member (payload, "core", core);
  commit (self, task, SITREP_EVENT_FEATURE_SET, payload);
}

/**
 * sitrep_war_room_accept_assessment_async:
 * @assessment: the incident's blast radius, as the IC sees it
 *
 * The IC accepts the severity the blast radius suggests: the assessment,
 * numbers and inputs included, is journalled for the postmortem, and the
 * severity set, in one transaction.
 */
void
sitrep_war_room_accept_assessment_async (SitrepWarRoom       *self,
                                         SitrepAssessment    *assessment,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  SitrepIncident *incident;
  const char *kinds[2] = { SITREP_EVENT_BLAST_ASSESSED, SITREP_EVENT_SEVERITY_SET };
  JsonObject *payloads[2];
  SitrepSeverity severity, previous;
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (SITREP_IS_ASSESSMENT (assessment));
  incident = sitrep_assessment_get_incident (assessment);
  COMMAND_PRECONDITIONS (self, incident, cancellable);

  task = command_task_new (self, incident, cancellable, callback, user_data,
                           sitrep_war_room_accept_assessment_async);

  if (!_sitrep_war_room_check_writable (self, &error))
    FAIL (task, error);

  severity = sitrep_assessment_get_suggestion (assessment, NULL);
  if (severity == SITREP_SEVERITY_UNTRIAGED)
    FAIL (task, g_error_new_literal (SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_NO_CHOICE,
                                     _("The blast radius suggests no severity yet: nothing is "
                                       "known of who or what is affected.")));

  previous = sitrep_incident_get_severity (incident);
  payloads[0] = sitrep_assessment_to_json (assessment,
                                           sitrep_clock_get_now (self->clock));
  json_object_set_string_member (payloads[0], "severity", sitrep_severity_to_token (severity));
  json_object_set_string_member (payloads[0], "previous", sitrep_severity_to_token (previous));

  if (severity == previous)
    {
      commit (self, task, kinds[0], payloads[0]);
      return;
    }

  payloads[1] = severity_payload (self, incident, severity);
  commit_events (self, task, kinds, payloads, 2);
}

/**
 * sitrep_war_room_dismiss_suggestion_async:
 *
 * The IC dismisses the severity the blast radius suggests now; it is not
 * offered again until it changes, or the severity does.
 */
void
sitrep_war_room_dismiss_suggestion_async (SitrepWarRoom       *self,
                                          SitrepAssessment    *assessment,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  SitrepIncident *incident;
  const char *reason = NULL;
  SitrepSeverity severity;
  JsonObject *payload;
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (SITREP_IS_ASSESSMENT (assessment));
  incident = sitrep_assessment_get_incident (assessment);
  COMMAND_PRECONDITIONS (self, incident, cancellable);

  task = command_task_new (self, incident, cancellable, callback, user_data,
                           sitrep_war_room_dismiss_suggestion_async);

  if (!_sitrep_war_room_check_writable (self, &error))
    FAIL (task, error);

  severity = sitrep_assessment_get_suggestion (assessment, &reason);
  if (severity == SITREP_SEVERITY_UNTRIAGED ||
      severity == sitrep_incident_get_dismissed_suggestion (incident))
    UNCHANGED (task);

  payload = json_object_new ();
  json_object_set_string_member (payload, "severity", sitrep_severity_to_token (severity));
  json_object_set_string_member (payload, "reason", reason);
  commit (self, task, SITREP_EVENT_BLAST_DISMISSED, payload);
}
