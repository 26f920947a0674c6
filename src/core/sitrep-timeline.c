/* sitrep-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How each event reads in an incident's timeline: one sentence a person
 * understands without knowing the journal, and, for the events that carry
 * a text (status updates, decisions), the text itself. The same sentences
 * serve the view, the wall and, later, the postmortem. */

#define G_LOG_DOMAIN "sitrep-timeline"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sitrep-format.h"
#include "sitrep-role.h"
#include "sitrep-severity.h"
#include "sitrep-status.h"
#include "sitrep-blast-radius.h"
#include "sitrep-timeline.h"

typedef struct
{
  const char             *kind;
  SitrepTimelineCategory  category;
} KindInfo;

static const KindInfo kinds[] = {
  { SITREP_EVENT_INCIDENT_DECLARED, SITREP_TIMELINE_CHANGES },
  { SITREP_EVENT_INCIDENT_RETITLED, SITREP_TIMELINE_CHANGES },
  { SITREP_EVENT_SEVERITY_SET, SITREP_TIMELINE_CHANGES },
  { SITREP_EVENT_STATUS_CHANGED, SITREP_TIMELINE_CHANGES },
  { SITREP_EVENT_ROLE_ASSIGNED, SITREP_TIMELINE_ROLES },
  { SITREP_EVENT_ROLE_RELEASED, SITREP_TIMELINE_ROLES },
  { SITREP_EVENT_UPDATE_POSTED, SITREP_TIMELINE_UPDATES },
  { SITREP_EVENT_NOTE_ADDED, SITREP_TIMELINE_NOTES },
  { SITREP_EVENT_LINK_ADDED, SITREP_TIMELINE_NOTES },
  { SITREP_EVENT_TRACE_ADDED, SITREP_TIMELINE_NOTES },
  { SITREP_EVENT_DECISION_RECORDED, SITREP_TIMELINE_DECISIONS },
  { SITREP_EVENT_ALERT_LINKED, SITREP_TIMELINE_ALERTS },
  { SITREP_EVENT_ALERT_STATE, SITREP_TIMELINE_ALERTS },
  { SITREP_EVENT_SILENCE_CREATED, SITREP_TIMELINE_ALERTS },
  { SITREP_EVENT_BLAST_CONFIGURED, SITREP_TIMELINE_CHANGES },
  { SITREP_EVENT_FEATURE_SET, SITREP_TIMELINE_CHANGES },
  { SITREP_EVENT_BLAST_ASSESSED, SITREP_TIMELINE_CHANGES },
  { SITREP_EVENT_BLAST_DISMISSED, SITREP_TIMELINE_CHANGES },
};

SitrepTimelineCategory
sitrep_timeline_get_category (SitrepEvent *event)
{
  g_return_val_if_fail (SITREP_IS_EVENT (event), SITREP_TIMELINE_OTHER);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (sitrep_event_has_kind (event, kinds[i].kind))
      return kinds[i].category;

  return SITREP_TIMELINE_OTHER;
}

/**
 * sitrep_timeline_category_get_label:
 *
 * Returns: the translated name of a timeline filter
 */
const char *
sitrep_timeline_category_get_label (SitrepTimelineCategory category)
{
  switch (category)
    {
    case SITREP_TIMELINE_ALL:
      return _("Everything");
    case SITREP_TIMELINE_CHANGES:
      return _("Severity and Status");
    case SITREP_TIMELINE_ROLES:
      return _("Roles");
    case SITREP_TIMELINE_UPDATES:
      return _("Status Updates");
    case SITREP_TIMELINE_NOTES:
      return _("Notes, Links and Traces");
    case SITREP_TIMELINE_DECISIONS:
      return _("Decisions");
    case SITREP_TIMELINE_ALERTS:
      return _("Alerts");
    case SITREP_TIMELINE_OTHER:
    default:
      return _("Other");
    }
}

static const char *
payload_string (SitrepEvent *event,
                const char  *member)
{
  const char *value = sitrep_event_get_payload_string (event, member);

  return value != NULL ? value : "";
}

static const char *
severity_label (SitrepEvent *event,
                const char  *member)
{
  SitrepSeverity severity = SITREP_SEVERITY_UNTRIAGED;

  sitrep_severity_from_token (sitrep_event_get_payload_string (event, member), &severity);
  return sitrep_severity_get_label (severity);
}

static const char *
role_label (SitrepEvent *event)
{
  const char *role = payload_string (event, "role");
  const char *label = sitrep_role_get_label (role);

  if (label == NULL)
    label = sitrep_event_get_payload_string (event, "label");

  return label != NULL ? label : role;
}

static char *
describe_status (SitrepEvent *event)
{
  SitrepStatus status;

  if (!sitrep_status_from_token (sitrep_event_get_payload_string (event, "status"), &status))
    return g_strdup (_("Changed the status to one this version does not know"));

  if (status == SITREP_STATUS_RESOLVED)
    return g_strdup (_("Resolved the incident"));

  /* Translators: %s is a status such as "Identified". */
  return g_strdup_printf (_("Changed the status to %s"), sitrep_status_get_label (status));
}

static char *
describe_linked (SitrepEvent *event)
{
  JsonNode *node = json_object_get_member (sitrep_event_get_payload (event), "alerts");
  JsonArray *alerts = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint n = alerts != NULL ? json_array_get_length (alerts) : 0;
  const char *name = NULL;

  if (n > 0 && JSON_NODE_HOLDS_OBJECT (json_array_get_element (alerts, 0)))
    {
      JsonObject *first = json_array_get_object_element (alerts, 0);

      if (json_object_has_member (first, "alertname") &&
          json_node_get_value_type (json_object_get_member (first, "alertname")) == G_TYPE_STRING)
        name = json_object_get_string_member (first, "alertname");
    }

  if (n == 1 && name != NULL)
    /* Translators: %s is an alert's name. */
    return g_strdup_printf (_("Linked the alert %s"), name);

  /* Translators: %u is a number of alerts, %s the name of the first one. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Linked %u alert, starting with %s",
                                       "Linked %u alerts, starting with %s", n),
                          n, name != NULL ? name : "?");
}

static char *
describe_alert_state (SitrepEvent *event)
{
  const char *name = payload_string (event, "alertname");
  const char *state = payload_string (event, "state");

  if (g_str_equal (state, "firing"))
    /* Translators: %s is an alert's name. */
    return g_strdup_printf (_("The alert %s is firing"), name);
  if (g_str_equal (state, "resolved"))
    /* Translators: %s is an alert's name. */
    return g_strdup_printf (_("The alert %s resolved"), name);
  if (g_str_equal (state, "silenced"))
    /* Translators: %s is an alert's name. */
    return g_strdup_printf (_("The alert %s was silenced"), name);
  if (g_str_equal (state, "inhibited"))
    /* Translators: %s is an alert's name. */
    return g_strdup_printf (_("The alert %s is inhibited by another alert"), name);

  /* Translators: %s is an alert's name. */
  return g_strdup_printf (_("The alert %s is pending"), name);
}

/**
 * sitrep_timeline_describe:
 *
 * Returns: (transfer full): what the event did, in one sentence without
 *   its author or time (the timeline shows those beside it)
 */
char *
sitrep_timeline_describe (SitrepEvent *event)
{
  const char *kind;

  g_return_val_if_fail (SITREP_IS_EVENT (event), NULL);

  kind = sitrep_event_get_kind (event);

  if (g_str_equal (kind, SITREP_EVENT_INCIDENT_DECLARED))
    /* Translators: the first %s is the incident's title, the second its severity. */
    return g_strdup_printf (_("Declared the incident “%s” as %s"),
                            payload_string (event, "title"), severity_label (event, "severity"));

  if (g_str_equal (kind, SITREP_EVENT_INCIDENT_RETITLED))
    /* Translators: %s is the incident's new title. */
    return g_strdup_printf (_("Renamed the incident to “%s”"), payload_string (event, "title"));

  if (g_str_equal (kind, SITREP_EVENT_SEVERITY_SET))
    {
      if (g_strcmp0 (sitrep_event_get_payload_string (event, "previous"),
                     sitrep_severity_to_token (SITREP_SEVERITY_UNTRIAGED)) == 0)
        /* Translators: %s is a severity such as "SEV2". */
        return g_strdup_printf (_("Triaged the incident as %s"), severity_label (event, "severity"));

      if (sitrep_event_get_payload_string (event, "previous") != NULL)
        /* Translators: the first %s is the new severity, the second the previous one. */
        return g_strdup_printf (_("Changed the severity to %s (was %s)"),
                                severity_label (event, "severity"), severity_label (event, "previous"));

      /* Translators: %s is a severity such as "SEV2". */
      return g_strdup_printf (_("Changed the severity to %s"), severity_label (event, "severity"));
    }

  if (g_str_equal (kind, SITREP_EVENT_STATUS_CHANGED))
    return describe_status (event);

  if (g_str_equal (kind, SITREP_EVENT_ROLE_ASSIGNED))
    {
      const char *previous = sitrep_event_get_payload_string (event, "previous");

      if (previous != NULL)
        /* Translators: role, previous holder, new holder: "Handed Incident Commander over from Ann to Bo". */
        return g_strdup_printf (_("Handed %s over from %s to %s"),
                                role_label (event), previous, payload_string (event, "name"));

      /* Translators: the first %s is a person, the second a role: "Assigned Ann as Ops Lead". */
      return g_strdup_printf (_("Assigned %s as %s"), payload_string (event, "name"), role_label (event));
    }

  if (g_str_equal (kind, SITREP_EVENT_ROLE_RELEASED))
    /* Translators: the first %s is a person, the second a role. */
    return g_strdup_printf (_("Released %s from the role of %s"),
                            payload_string (event, "previous"), role_label (event));

  if (g_str_equal (kind, SITREP_EVENT_NOTE_ADDED))
    {
      if (sitrep_event_get_payload_string (event, "supersedes") != NULL)
        /* Translators: %s is the text of a note correcting an earlier one. */
        return g_strdup_printf (_("Correction: %s"), payload_string (event, "text"));

      return g_strdup (payload_string (event, "text"));
    }

  if (g_str_equal (kind, SITREP_EVENT_LINK_ADDED))
    {
      const char *label = sitrep_event_get_payload_string (event, "label");

      /* Translators: %s is a link's description or address. */
      return g_strdup_printf (_("Added a link: %s"), label != NULL ? label : payload_string (event, "url"));
    }

  if (g_str_equal (kind, SITREP_EVENT_TRACE_ADDED))
    {
      const char *label = sitrep_event_get_payload_string (event, "label");

      if (label != NULL)
        /* Translators: the first %s is a trace id, the second what it shows. */
        return g_strdup_printf (_("Added TraceId %s: %s"), payload_string (event, "trace_id"), label);

      /* Translators: %s is a trace id, 32 hexadecimal characters. */
      return g_strdup_printf (_("Added TraceId %s"), payload_string (event, "trace_id"));
    }

  if (g_str_equal (kind, SITREP_EVENT_UPDATE_POSTED))
    return g_strdup (_("Posted a status update"));

  if (g_str_equal (kind, SITREP_EVENT_DECISION_RECORDED))
    /* Translators: the first %s is the question, the second the option chosen. */
    return g_strdup_printf (_("Decided “%s”: %s"),
                            payload_string (event, "question"), payload_string (event, "chosen"));

  if (g_str_equal (kind, SITREP_EVENT_ALERT_LINKED))
    return describe_linked (event);

  if (g_str_equal (kind, SITREP_EVENT_ALERT_STATE))
    return describe_alert_state (event);

  if (g_str_equal (kind, SITREP_EVENT_SILENCE_CREATED))
    {
      g_autoptr(GDateTime) ends = g_date_time_new_from_unix_local (
        sitrep_event_get_payload_int (event, "ends_at", 0) / G_TIME_SPAN_SECOND);
      g_autofree char *until = g_date_time_format (ends, "%Y-%m-%d %H:%M");

      /* Translators: what was silenced ("alertname=X"), the Alertmanager's name, a local date and time. */
      return g_strdup_printf (_("Silenced %s on %s until %s"), payload_string (event, "matchers"),
                              payload_string (event, "source"), until);
    }

  if (g_str_equal (kind, SITREP_EVENT_BLAST_CONFIGURED))
    /* Translators: %s is a label, such as "platform". */
    return g_strdup_printf (_("Measured the blast radius by %s"), payload_string (event, "dimension"));

  if (g_str_equal (kind, SITREP_EVENT_FEATURE_SET))
    {
      SitrepFeatureState state = SITREP_FEATURE_OK;

      sitrep_feature_state_from_token (sitrep_event_get_payload_string (event, "state"), &state);
      if (sitrep_event_get_payload_boolean (event, "core"))
        /* Translators: a feature and its state: "Marked the core feature “checkout” as Down". */
        return g_strdup_printf (_("Marked the core feature “%s” as %s"), payload_string (event, "name"),
                                sitrep_feature_state_get_label (state));

      /* Translators: a feature and its state: "Marked the feature “search” as Degraded". */
      return g_strdup_printf (_("Marked the feature “%s” as %s"), payload_string (event, "name"),
                              sitrep_feature_state_get_label (state));
    }

  if (g_str_equal (kind, SITREP_EVENT_BLAST_ASSESSED))
    /* Translators: the first %s is a severity, the second the reason, in a sentence. */
    return g_strdup_printf (_("Accepted the blast radius’ assessment, %s: %s"),
                            severity_label (event, "severity"), payload_string (event, "reason"));

  if (g_str_equal (kind, SITREP_EVENT_BLAST_DISMISSED))
    /* Translators: the first %s is a severity, the second the reason, in a sentence. */
    return g_strdup_printf (_("Dismissed the suggestion of %s: %s"),
                            severity_label (event, "severity"), payload_string (event, "reason"));

  /* Translators: %s is the stable name of an event kind, such as "flag.flipped". */
  return g_strdup_printf (_("Recorded “%s”, which a newer version of Sitrep wrote"), kind);
}

static void
append_part (GString    *text,
             const char *label,
             const char *value)
{
  if (value == NULL || *value == '\0')
    return;

  if (text->len > 0)
    g_string_append_c (text, '\n');

  g_string_append_printf (text, "%s %s", label, value);
}

static double
payload_double (JsonObject *object,
                const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
    return NAN;

  return json_node_get_double (node);
}

/* The numbers an accepted assessment was made on, for the postmortem. */
static void
describe_assessment (SitrepEvent *event,
                     GString     *text)
{
  JsonObject *payload = sitrep_event_get_payload (event);
  JsonNode *config_node = json_object_get_member (payload, "config");
  JsonObject *config = config_node != NULL && JSON_NODE_HOLDS_OBJECT (config_node)
                       ? json_node_get_object (config_node) : NULL;
  const char *currency = config != NULL && json_object_has_member (config, "currency")
                         ? json_object_get_string_member_with_default (config, "currency", "") : "";
  double share = payload_double (payload, "share");
  double per_minute = payload_double (payload, "loss_per_minute");
  double loss_total = payload_double (payload, "loss_total");

  if (isfinite (share))
    {
      g_autofree char *affected = NULL;

      /* Translators: "15.5 % (310 of 2000), by provider". */
      affected = g_strdup_printf (_("%.1f %% (%.0f of %.0f), by %s"), share * 100,
                                  payload_double (payload, "affected"), payload_double (payload, "total"),
                                  config != NULL ? json_object_get_string_member_with_default (config, "dimension", "")
                                                 : "");
      append_part (text, _("Affected:"), affected);
    }

  if (isfinite (per_minute) && isfinite (loss_total))
    {
      g_autofree char *loss = NULL;

      /* Translators: an estimate: "USD 420 per minute, USD 4200 since detection". */
      loss = g_strdup_printf (_("%s %.0f per minute, %s %.0f since detection"),
                              currency, per_minute, currency, loss_total);
      append_part (text, _("Estimated loss:"), loss);
    }
}

/**
 * sitrep_timeline_describe_details:
 * @now_us: now, to write times unambiguously
 *
 * Returns: (transfer full) (nullable): the text the event carries, in
 *   several lines: a status update's parts, a decision's options,
 *   rationale and caveats; %NULL for events that carry none
 */
char *
sitrep_timeline_describe_details (SitrepEvent *event,
                                  gint64       now_us)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (SITREP_IS_EVENT (event), NULL);

  if (sitrep_event_has_kind (event, SITREP_EVENT_UPDATE_POSTED))
    {
      gint64 next = sitrep_event_get_payload_int (event, "next_update_at", 0);

      append_part (text, _("Known:"), sitrep_event_get_payload_string (event, "known"));
      append_part (text, _("Doing:"), sitrep_event_get_payload_string (event, "doing"));
      append_part (text, _("Needed:"), sitrep_event_get_payload_string (event, "needed"));
      if (next > 0)
        {
          g_autofree char *when = sitrep_format_local_time (next, now_us);

          append_part (text, _("Next update at:"), when);
        }
    }
  else if (sitrep_event_has_kind (event, SITREP_EVENT_DECISION_RECORDED))
    {
      JsonObject *payload = sitrep_event_get_payload (event);
      JsonNode *node = json_object_get_member (payload, "options");
      g_autoptr(GString) options = g_string_new (NULL);

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (json_node_get_value_type (element) != G_TYPE_STRING)
                continue;
              if (options->len > 0)
                /* Translators: separates the options of a decision. */
                g_string_append (options, _(" · "));
              g_string_append (options, json_node_get_string (element));
            }
        }

      append_part (text, _("Options considered:"), options->str);
      append_part (text, _("Chosen:"), sitrep_event_get_payload_string (event, "chosen"));
      append_part (text, _("Rationale:"), sitrep_event_get_payload_string (event, "rationale"));
      append_part (text, _("Decided by:"), sitrep_event_get_payload_string (event, "decided_by"));
      if (sitrep_event_get_payload_boolean (event, "rollback"))
        append_part (text, _("Caution:"),
                     _("this is a rollback. An app store rollback takes hours to reach users; "
                       "a server-side switch or a kill switch acts in minutes."));
    }
  else if (sitrep_event_has_kind (event, SITREP_EVENT_LINK_ADDED) &&
           sitrep_event_get_payload_string (event, "label") != NULL)
    g_string_append (text, payload_string (event, "url"));
  else if (sitrep_event_has_kind (event, SITREP_EVENT_BLAST_ASSESSED))
    describe_assessment (event, text);

  if (text->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * sitrep_timeline_is_web_address:
 * @url: (nullable): an address
 *
 * Only web addresses are ever opened from an incident: a journal merged
 * from elsewhere must not make a click open a local file or a share.
 *
 * Returns: whether @url is an http or https address with a host
 */
gboolean
sitrep_timeline_is_web_address (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || !(uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)))
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  return (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0) &&
         host != NULL && *host != '\0';
}

/**
 * sitrep_timeline_expand_trace_url:
 * @url_template: (nullable): an address with "{trace_id}" where the id goes,
 *   as in "https://tempo.example.com/explore?traceId={trace_id}"
 * @trace_id: (nullable): a normalized trace id
 *
 * Returns: (transfer full) (nullable): the trace's address, or %NULL when
 *   no template is set or it is not an http(s) address with the placeholder
 */
char *
sitrep_timeline_expand_trace_url (const char *url_template,
                                  const char *trace_id)
{
  g_autofree char *escaped = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *url = NULL;

  if (trace_id == NULL || url_template == NULL || strstr (url_template, "{trace_id}") == NULL)
    return NULL;

  escaped = g_uri_escape_string (trace_id, NULL, FALSE);
  parts = g_strsplit (url_template, "{trace_id}", -1);
  url = g_strjoinv (escaped, parts);

  if (!sitrep_timeline_is_web_address (url))
    return NULL;

  return g_steal_pointer (&url);
}
