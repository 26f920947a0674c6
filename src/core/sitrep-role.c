/* sitrep-role.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The roles of an incident's roster. Three are always there (Incident
 * Commander, Ops Lead, Comms Lead), assigned or not; a Scribe and roles the
 * team names itself appear once someone holds them. A SitrepRosterEntry is
 * one line of the roster as folded from the journal: immutable, replaced
 * when the roster changes. */

#define G_LOG_DOMAIN "sitrep-role"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sitrep-role.h"

typedef struct
{
  const char *key;
  const char *label;
  gboolean    required;
} RoleInfo;

static const RoleInfo builtin_roles[] = {
  { SITREP_ROLE_COMMANDER, N_("Incident Commander"), TRUE },
  { SITREP_ROLE_OPS, N_("Ops Lead"), TRUE },
  { SITREP_ROLE_COMMS, N_("Comms Lead"), TRUE },
  { SITREP_ROLE_SCRIBE, N_("Scribe"), FALSE },
};

static const RoleInfo *
lookup_builtin (const char *key)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (builtin_roles); i++)
    if (g_str_equal (key, builtin_roles[i].key))
      return &builtin_roles[i];

  return NULL;
}

gboolean
sitrep_role_is_builtin (const char *key)
{
  return lookup_builtin (key) != NULL;
}

/**
 * sitrep_role_is_required:
 *
 * Returns: whether the role is on every roster, held or not
 */
gboolean
sitrep_role_is_required (const char *key)
{
  const RoleInfo *info = lookup_builtin (key);

  return info != NULL && info->required;
}

/**
 * sitrep_role_get_rank:
 *
 * Returns: the role's place in a roster: the built-in roles in their
 *   order, then every custom role
 */
int
sitrep_role_get_rank (const char *key)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (builtin_roles); i++)
    if (g_str_equal (key, builtin_roles[i].key))
      return (int)i;

  return G_N_ELEMENTS (builtin_roles);
}

/**
 * sitrep_role_get_label:
 *
 * Returns: (nullable): the translated name of a built-in role; %NULL for a
 *   custom role, whose name is in its events
 */
const char *
sitrep_role_get_label (const char *key)
{
  const RoleInfo *info = lookup_builtin (key);

  return info != NULL ? _(info->label) : NULL;
}

/**
 * sitrep_role_make_key:
 * @custom_label: a custom role's name, already cleaned
 *
 * Returns: (transfer full): the key of the custom role named @custom_label;
 *   names that differ only in case are the same role
 */
char *
sitrep_role_make_key (const char *custom_label)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (custom_label != NULL, NULL);

  folded = g_utf8_casefold (custom_label, -1);
  return g_strconcat (SITREP_ROLE_CUSTOM_PREFIX, folded, NULL);
}

struct _SitrepRosterEntry
{
  GObject  parent_instance;

  char    *role;
  char    *label;
  char    *name;
  char    *handle;
  char    *phone;
  gint64   since;
};

G_DEFINE_FINAL_TYPE (SitrepRosterEntry, sitrep_roster_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROLE,
  PROP_LABEL,
  PROP_NAME,
  PROP_HANDLE,
  PROP_PHONE,
  PROP_SINCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_roster_entry_finalize (GObject *object)
{
  SitrepRosterEntry *self = (SitrepRosterEntry *)object;

  g_free (self->role);
  g_free (self->label);
  g_free (self->name);
  g_free (self->handle);
  g_free (self->phone);

  G_OBJECT_CLASS (sitrep_roster_entry_parent_class)->finalize (object);
}

static void
sitrep_roster_entry_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SitrepRosterEntry *self = SITREP_ROSTER_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_HANDLE:
      g_value_set_string (value, self->handle);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_SINCE:
      g_value_set_int64 (value, self->since);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_roster_entry_class_init (SitrepRosterEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_roster_entry_finalize;
  object_class->get_property = sitrep_roster_entry_get_property;

  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_HANDLE] =
    g_param_spec_string ("handle", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SINCE] =
    g_param_spec_int64 ("since", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_roster_entry_init (SitrepRosterEntry *self)
{
}

/**
 * sitrep_roster_entry_new:
 * @role: the role's key
 * @label: the role's name as shown
 * @name: (nullable): who holds the role; %NULL while it is unassigned
 * @handle: (nullable): their chat handle
 * @phone: (nullable): their phone number
 * @since: when they took the role, UTC microseconds; 0 if unassigned
 */
SitrepRosterEntry *
sitrep_roster_entry_new (const char *role,
                         const char *label,
                         const char *name,
                         const char *handle,
                         const char *phone,
                         gint64      since)
{
  SitrepRosterEntry *self;

  g_return_val_if_fail (role != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  self = g_object_new (SITREP_TYPE_ROSTER_ENTRY, NULL);
  self->role = g_strdup (role);
  self->label = g_strdup (label);
  self->name = g_strdup (name);
  self->handle = g_strdup (handle);
  self->phone = g_strdup (phone);
  self->since = since;

  return self;
}

const char *
sitrep_roster_entry_get_role (SitrepRosterEntry *self)
{
  g_return_val_if_fail (SITREP_IS_ROSTER_ENTRY (self), NULL);

  return self->role;
}

const char *
sitrep_roster_entry_get_label (SitrepRosterEntry *self)
{
  g_return_val_if_fail (SITREP_IS_ROSTER_ENTRY (self), NULL);

  return self->label;
}

/**
 * sitrep_roster_entry_get_name:
 *
 * Returns: (nullable): who holds the role, %NULL while nobody does
 */
const char *
sitrep_roster_entry_get_name (SitrepRosterEntry *self)
{
  g_return_val_if_fail (SITREP_IS_ROSTER_ENTRY (self), NULL);

  return self->name;
}

const char *
sitrep_roster_entry_get_handle (SitrepRosterEntry *self)
{
  g_return_val_if_fail (SITREP_IS_ROSTER_ENTRY (self), NULL);

  return self->handle;
}

const char *
sitrep_roster_entry_get_phone (SitrepRosterEntry *self)
{
  g_return_val_if_fail (SITREP_IS_ROSTER_ENTRY (self), NULL);

  return self->phone;
}

gint64
sitrep_roster_entry_get_since (SitrepRosterEntry *self)
{
  g_return_val_if_fail (SITREP_IS_ROSTER_ENTRY (self), 0);

  return self->since;
}

gboolean
sitrep_roster_entry_equal (SitrepRosterEntry *a,
                           SitrepRosterEntry *b)
{
  g_return_val_if_fail (SITREP_IS_ROSTER_ENTRY (a), FALSE);
  g_return_val_if_fail (SITREP_IS_ROSTER_ENTRY (b), FALSE);

  return g_strcmp0 (a->role, b->role) == 0 &&
         g_strcmp0 (a->label, b->label) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->handle, b->handle) == 0 &&
         g_strcmp0 (a->phone, b->phone) == 0 &&
         a->since == b->since;
}

/* A person of the people directory: whoever has held a role, with the
 * contact details given last. */
struct _SitrepPerson
{
  GObject  parent_instance;

  char    *name;
  char    *handle;
  char    *phone;
};

G_DEFINE_FINAL_TYPE (SitrepPerson, sitrep_person, G_TYPE_OBJECT)

static void
sitrep_person_finalize (GObject *object)
{
  SitrepPerson *self = (SitrepPerson *)object;

  g_free (self->name);
  g_free (self->handle);
  g_free (self->phone);

  G_OBJECT_CLASS (sitrep_person_parent_class)->finalize (object);
}

static void
sitrep_person_class_init (SitrepPersonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sitrep_person_finalize;
}

static void
sitrep_person_init (SitrepPerson *self)
{
}

SitrepPerson *
sitrep_person_new (const char *name,
                   const char *handle,
                   const char *phone)
{
  SitrepPerson *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (SITREP_TYPE_PERSON, NULL);
  self->name = g_strdup (name);
  self->handle = g_strdup (handle);
  self->phone = g_strdup (phone);

  return self;
}

const char *
sitrep_person_get_name (SitrepPerson *self)
{
  g_return_val_if_fail (SITREP_IS_PERSON (self), NULL);

  return self->name;
}

/**
 * sitrep_person_get_handle:
 *
 * Returns: (nullable): the person's chat handle
 */
const char *
sitrep_person_get_handle (SitrepPerson *self)
{
  g_return_val_if_fail (SITREP_IS_PERSON (self), NULL);

  return self->handle;
}

/**
 * sitrep_person_get_phone:
 *
 * Returns: (nullable): the person's phone number
 */
const char *
sitrep_person_get_phone (SitrepPerson *self)
{
  g_return_val_if_fail (SITREP_IS_PERSON (self), NULL);

  return self->phone;
}
