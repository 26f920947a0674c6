/* sitrep-role.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Role keys, as stored in the journal. A custom role's key is
 * SITREP_ROLE_CUSTOM_PREFIX followed by its name folded to lower case, and its
 * events carry the name as typed in "label". */
#define SITREP_ROLE_COMMANDER     "commander"
#define SITREP_ROLE_OPS           "ops"
#define SITREP_ROLE_COMMS         "comms"
#define SITREP_ROLE_SCRIBE        "scribe"
#define SITREP_ROLE_CUSTOM_PREFIX "custom:"

#define SITREP_ROLE_LABEL_MAX_CHARS 60

gboolean    sitrep_role_is_builtin    (const char *key);
gboolean    sitrep_role_is_required   (const char *key);
int         sitrep_role_get_rank      (const char *key);
const char *sitrep_role_get_label     (const char *key);
char       *sitrep_role_make_key      (const char *custom_label);

#define SITREP_TYPE_ROSTER_ENTRY (sitrep_roster_entry_get_type ())

G_DECLARE_FINAL_TYPE (SitrepRosterEntry, sitrep_roster_entry, SITREP, ROSTER_ENTRY, GObject)

SitrepRosterEntry *sitrep_roster_entry_new        (const char        *role,
                                                   const char        *label,
                                                   const char        *name,
                                                   const char        *handle,
                                                   const char        *phone,
                                                   gint64             since);
const char        *sitrep_roster_entry_get_role   (SitrepRosterEntry *self);
const char        *sitrep_roster_entry_get_label  (SitrepRosterEntry *self);
const char        *sitrep_roster_entry_get_name   (SitrepRosterEntry *self);
const char        *sitrep_roster_entry_get_handle (SitrepRosterEntry *self);
const char        *sitrep_roster_entry_get_phone  (SitrepRosterEntry *self);
gint64             sitrep_roster_entry_get_since  (SitrepRosterEntry *self);
gboolean           sitrep_roster_entry_equal      (SitrepRosterEntry *a,
                                                   SitrepRosterEntry *b);

#define SITREP_TYPE_PERSON (sitrep_person_get_type ())

G_DECLARE_FINAL_TYPE (SitrepPerson, sitrep_person, SITREP, PERSON, GObject)

SitrepPerson *sitrep_person_new        (const char   *name,
                                        const char   *handle,
                                        const char   *phone);
const char   *sitrep_person_get_name   (SitrepPerson *self);
const char   *sitrep_person_get_handle (SitrepPerson *self);
const char   *sitrep_person_get_phone  (SitrepPerson *self);

G_END_DECLS
