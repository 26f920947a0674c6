/* sitrep-alerts-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The active alerts of every source, as the feed merged them, grouped by
 * alert name and service (a group of one is shown as its alert), in the
 * feed's order: firing first, the most severe first. Each row says its
 * severity in words, its summary, since when it fires, its state and
 * where it comes from, and offers to declare an incident from it, to link
 * it to one, to silence it and to open its runbook or graph. Alerts that
 * appeared in the last five minutes say "New".
 *
 * Above the list, every source says how fresh its alerts are; a failing
 * or stale source says so in words. All remote text is plain text.
 *
 * The list is virtual (GtkListView over a GtkTreeListModel), so ten
 * thousand alerts cost only the rows GTK keeps alive (about a hundred in
 * GTK 4.8), each with two buttons; the rest of a row's actions wait in a
 * popover made when it opens. Groups are kept by key and their alerts
 * replaced only when they changed, so an expanded group stays expanded
 * across polls unless it moves. */

#define G_LOG_DOMAIN "sitrep-alerts-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-alert-rules.h"
#include "sitrep-alerts-panel.h"
#include "sitrep-format.h"
#include "sitrep-kpi-tile.h"

#define NEW_FOR (5 * 60 * G_TIME_SPAN_SECOND)

/* A group of alerts of one name and service. */
#define SITREP_TYPE_ALERT_GROUP (sitrep_alert_group_get_type ())
G_DECLARE_FINAL_TYPE (SitrepAlertGroup, sitrep_alert_group, SITREP, ALERT_GROUP, GObject)

struct _SitrepAlertGroup
{
  GObject     parent_instance;
  char       *key;
  GListStore *alerts;
  char       *signature;   /* fingerprints and states, to tell a change */
  gint64      new_until;   /* when its newest alert stops being new, or 0 */
};

G_DEFINE_FINAL_TYPE (SitrepAlertGroup, sitrep_alert_group, G_TYPE_OBJECT)

static guint group_changed_signal;

static void
sitrep_alert_group_finalize (GObject *object)
{
  SitrepAlertGroup *self = (SitrepAlertGroup *)object;

  g_free (self->key);
  g_free (self->signature);
  g_clear_object (&self->alerts);

  G_OBJECT_CLASS (sitrep_alert_group_parent_class)->finalize (object);
}

static void
sitrep_alert_group_class_init (SitrepAlertGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sitrep_alert_group_finalize;

  /* Its alerts changed: the row that shows it says so again. */
  group_changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sitrep_alert_group_init (SitrepAlertGroup *self)
{
  self->alerts = g_list_store_new (SITREP_TYPE_ALERT);
}

static SitrepAlert *
group_first (SitrepAlertGroup *group)
{
  g_autoptr(SitrepAlert) alert = g_list_model_get_item (G_LIST_MODEL (group->alerts), 0);

  return alert;
}

struct _SitrepAlertsPanel
{
  GtkWidget        parent_instance;

  SitrepMonitor   *monitor;
  SitrepClock     *clock;
  GListStore      *groups;
  GHashTable      *by_key;       /* key → SitrepAlertGroup */
  GHashTable      *first_seen;   /* fingerprint → gint64 */
  gint64           created_at;
  gboolean         read_only;

  GtkWidget       *box;
  GtkLabel        *count_label;
  GtkBox          *sources_box;
  GtkStack        *stack;
  GtkListView     *list_view;
  GtkLabel        *empty_label;
};

G_DEFINE_FINAL_TYPE (SitrepAlertsPanel, sitrep_alerts_panel, GTK_TYPE_WIDGET)

enum {
  ACT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
signature_of (GPtrArray *alerts)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < alerts->len; i++)
    {
      SitrepAlert *alert = g_ptr_array_index (alerts, i);

      g_string_append (text, sitrep_alert_get_fingerprint (alert));
      g_string_append_c (text, (char)('0' + sitrep_alert_get_state (alert)));
    }

  return g_string_free (text, FALSE);
}

static void
update_count (SitrepAlertsPanel *self)
{
  guint n = sitrep_alerts_panel_get_n_firing (self);
  g_autofree char *text = NULL;

  /* Translators: %u is a number of alerts firing now. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u firing", "%u firing", n), n);
  gtk_label_set_text (self->count_label, text);
}

/* Regroups the feed's alerts. Groups keep their objects; a group's alerts
 * are replaced only when they changed (its row then shows them again),
 * and in the list of groups only the stretch where groups came, went or
 * moved. A group
 * that grows past one alert, or shrinks to one, is put back in the list,
 * so that GtkTreeListModel asks again whether it can expand. */
static void
regroup (SitrepAlertsPanel *self)
{
  GListModel *alerts = sitrep_alert_feed_get_alerts (sitrep_monitor_get_feed (self->monitor));
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify)g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GHashTable) first_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  gboolean same_order;
  gint64 now = sitrep_clock_get_now (self->clock);

  for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(SitrepAlert) alert = g_list_model_get_item (alerts, i);
      g_autofree char *key = sitrep_alert_dup_group_key (alert);
      SitrepAlertGroup *group = g_hash_table_lookup (by_key, key);
      const char *fingerprint = sitrep_alert_get_fingerprint (alert);
      gint64 *seen = g_hash_table_lookup (self->first_seen, fingerprint);
      GPtrArray *list;

      /* Only the alerts still there are remembered. */
      g_hash_table_replace (first_seen, g_strdup (fingerprint), g_memdup2 (seen != NULL ? seen : &now, sizeof now));

      if (group == NULL)
        {
          group = g_hash_table_lookup (self->by_key, key);
          group = group != NULL ? g_object_ref (group) : g_object_new (SITREP_TYPE_ALERT_GROUP, NULL);
          if (group->key == NULL)
            group->key = g_strdup (key);
          g_hash_table_insert (by_key, group->key, group);
          g_hash_table_insert (members, group->key, g_ptr_array_new_with_free_func (g_object_unref));
          g_ptr_array_add (order, g_object_ref (group));
        }

      list = g_hash_table_lookup (members, group->key);
      g_ptr_array_add (list, g_steal_pointer (&alert));
    }

  g_clear_pointer (&self->first_seen, g_hash_table_unref);
  self->first_seen = g_steal_pointer (&first_seen);

  for (guint i = 0; i < order->len; i++)
    {
      SitrepAlertGroup *group = g_ptr_array_index (order, i);
      GPtrArray *list = g_hash_table_lookup (members, group->key);
      g_autofree char *signature = signature_of (list);
      guint before = g_list_model_get_n_items (G_LIST_MODEL (group->alerts));

      group->new_until = 0;
      for (guint j = 0; j < list->len; j++)
        {
          gint64 *seen = g_hash_table_lookup (self->first_seen,
                                              sitrep_alert_get_fingerprint (g_ptr_array_index (list, j)));

          if (*seen > self->created_at + 10 * G_TIME_SPAN_SECOND)
            group->new_until = MAX (group->new_until, *seen + NEW_FOR);
        }

      if (g_strcmp0 (signature, group->signature) == 0)
        continue;

      g_free (group->signature);
      group->signature = g_steal_pointer (&signature);
      g_list_store_splice (group->alerts, 0, before, list->pdata, list->len);
      if (before > 0 && (before < 2) != (list->len < 2))
        g_ptr_array_add (changed, group);
      g_signal_emit (group, group_changed_signal, 0);
    }

  same_order = order->len == n_groups;
  for (guint i = 0; same_order && i < n_groups; i++)
    {
      g_autoptr(SitrepAlertGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), i);

      same_order = group == g_ptr_array_index (order, i);
    }

  if (!same_order)
    {
      guint start = 0, end_old = n_groups, end_new = order->len;

      /* Only the stretch that changed: rows outside it stay as they are
       * (expanded, scrolled to), and cost nothing to draw again. */
      while (start < end_old && start < end_new)
        {
          g_autoptr(SitrepAlertGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), start);

          if (group != g_ptr_array_index (order, start))
            break;
          start++;
        }
      while (end_old > start && end_new > start)
        {
          g_autoptr(SitrepAlertGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), end_old - 1);

          if (group != g_ptr_array_index (order, end_new - 1))
            break;
          end_old--;
          end_new--;
        }
      g_list_store_splice (self->groups, start, end_old - start, order->pdata + start, end_new - start);
    }
  else
    for (guint i = 0; i < changed->len; i++)
      {
        guint position;

        if (g_list_store_find (self->groups, g_ptr_array_index (changed, i), &position))
          g_list_store_splice (self->groups, position, 1, &changed->pdata[i], 1);
      }

  g_clear_pointer (&self->by_key, g_hash_table_unref);
  self->by_key = g_steal_pointer (&by_key);

  /* GTK 4.8 leaves a stack's hidden pages to assistive technologies, and
   * will not show a page whose child is hidden: show, then switch. */
  if (order->len > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      gtk_widget_set_visible (GTK_WIDGET (self->empty_label), FALSE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->empty_label), TRUE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  update_count (self);
}

/* A row says "New" for five minutes: when they are over, it says so no
 * more. */
static void
expire_new (SitrepAlertsPanel *self)
{
  gint64 now = sitrep_clock_get_now (self->clock);
  GHashTableIter iter;
  gpointer group;

  g_hash_table_iter_init (&iter, self->by_key);
  while (g_hash_table_iter_next (&iter, NULL, &group))
    if (SITREP_ALERT_GROUP (group)->new_until != 0 && SITREP_ALERT_GROUP (group)->new_until <= now)
      {
        SITREP_ALERT_GROUP (group)->new_until = 0;
        g_signal_emit (group, group_changed_signal, 0);
      }
}

/* The freshness of every source, one line each. The lines are kept and
 * their text changed, so a tooltip or a screen reader's focus survives the
 * clock's ticks. */
static void
update_sources (SitrepAlertsPanel *self)
{
  GListModel *sources;
  GtkWidget *label;
  gint64 now;
  guint n_shown = 0;

  if (self->monitor == NULL)
    return;

  sources = sitrep_monitor_get_sources (self->monitor);
  now = sitrep_clock_get_now (self->clock);
  label = gtk_widget_get_first_child (GTK_WIDGET (self->sources_box));
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(SitrepSource) source = g_list_model_get_item (sources, i);
      gint64 fetched_at = sitrep_source_get_fetched_at (source);
      g_autofree char *age = sitrep_format_age (now - fetched_at);
      g_autofree char *text = NULL;
      SitrepSourceHealth health = sitrep_source_get_health (source);
      const char *name = sitrep_source_get_name (source);
      gboolean bad = FALSE;

      if (health == SITREP_SOURCE_HEALTH_DISABLED)
        continue;
      n_shown++;

      if (health == SITREP_SOURCE_HEALTH_FAILING || health == SITREP_SOURCE_HEALTH_AUTH_FAILED)
        {
          bad = TRUE;
          if (fetched_at > 0)
            /* Translators: a source's name, an age such as "3 min", the error. */
            text = g_strdup_printf (_("%s: stale, %s old. %s"), name, age, sitrep_source_get_last_error (source));
          else
            /* Translators: a source's name, then the error. */
            text = g_strdup_printf (_("%s: %s"), name, sitrep_source_get_last_error (source));
        }
      else if (fetched_at == 0)
        /* Translators: %s is a source's name. */
        text = g_strdup_printf (_("%s: connecting…"), name);
      else if (sitrep_source_is_stale (source, now))
        {
          bad = TRUE;
          /* Translators: a source's name and an age such as "3 min". */
          text = g_strdup_printf (_("%s: stale, %s old"), name, age);
        }
      else
        /* Translators: a source's name and an age such as "4 s". */
        text = g_strdup_printf (_("%s: updated %s ago"), name, age);

      if (label == NULL)
        {
          label = gtk_label_new (NULL);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_lines (GTK_LABEL (label), 3);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_widget_add_css_class (label, "caption");
          gtk_box_append (self->sources_box, label);
        }

      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
        {
          gtk_label_set_text (GTK_LABEL (label), text);
          gtk_widget_set_tooltip_text (label, text);
        }
      gtk_widget_remove_css_class (label, bad ? "dim-label" : "warning");
      gtk_widget_add_css_class (label, bad ? "warning" : "dim-label");
      label = gtk_widget_get_next_sibling (label);
    }

  while (label != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (label);

      gtk_box_remove (self->sources_box, label);
      label = next;
    }

  gtk_label_set_text (self->empty_label,
                      n_shown == 0
                      ? _("No sources yet. Add your Prometheus, Alertmanager, Grafana or a "
                          "dependency’s status page in Preferences to see their alerts here.")
                      : _("No alerts are firing."));
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  SitrepAlertGroup *group;

  if (!SITREP_IS_ALERT_GROUP (item))
    return NULL;

  group = item;
  if (g_list_model_get_n_items (G_LIST_MODEL (group->alerts)) < 2)
    return NULL;

  return g_object_ref (G_LIST_MODEL (group->alerts));
}

static const char *
severity_text (SitrepAlert *alert)
{
  const char *severity = sitrep_alert_get_label (alert, "severity");

  return severity != NULL ? severity : _("no severity");
}

static void act_on (SitrepAlertsPanel *self,
                    const char        *what,
                    const char        *target,
                    GtkWidget         *from);

/* The row a button is in carries what it stands for: "g:<key>" or
 * "a:<fingerprint>", and what it can do. */
static GtkWidget *
find_row (GtkWidget *widget)
{
  while (widget != NULL && g_object_get_data (G_OBJECT (widget), "sitrep-target") == NULL)
    widget = gtk_widget_get_parent (widget);

  return widget;
}

static void
on_declare_clicked_cb (SitrepAlertsPanel *self,
                       GtkButton         *button)
{
  GtkWidget *row = find_row (GTK_WIDGET (button));

  if (row != NULL)
    act_on (self, "declare", g_object_get_data (G_OBJECT (row), "sitrep-target"), GTK_WIDGET (button));
}

static gboolean
unparent_popover_cb (gpointer user_data)
{
  GtkWidget *popover = user_data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  g_object_unref (popover);
  return G_SOURCE_REMOVE;
}

static void
on_popover_closed_cb (GtkPopover *popover)
{
  /* Not while it still handles its own signal. */
  g_idle_add (unparent_popover_cb, g_object_ref (popover));
}

static void
on_menu_item_clicked_cb (GtkButton *button,
                         gpointer   user_data)
{
  SitrepAlertsPanel *self = user_data;
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  GtkWidget *menu_button = popover != NULL ? gtk_widget_get_parent (popover) : NULL;
  GtkWidget *row = menu_button != NULL ? find_row (menu_button) : NULL;
  g_autofree char *target = row != NULL ? g_strdup (g_object_get_data (G_OBJECT (row), "sitrep-target")) : NULL;

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (target != NULL)
    act_on (self, g_object_get_data (G_OBJECT (button), "sitrep-what"), target, menu_button);
}

/* The row's other actions, in a popover made when it opens and gone when
 * it closes. */
static void
on_more_clicked_cb (SitrepAlertsPanel *self,
                    GtkButton         *more)
{
  static const struct { const char *what; const char *label; } items[] = {
    { "link", N_("Link to an Incident…") },
    { "silence", N_("Silence…") },
    { "open", N_("Open Runbook or Graph") },
  };
  GtkWidget *row = find_row (GTK_WIDGET (more));
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  guint flags = row != NULL ? GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "sitrep-can")) : 0;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      GtkWidget *item;

      if (!(flags & (1u << i)))
        continue;

      item = gtk_button_new_with_label (_(items[i].label));
      gtk_widget_add_css_class (item, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (item))), 0);
      g_object_set_data (G_OBJECT (item), "sitrep-what", (gpointer)items[i].what);
      g_signal_connect (item, "clicked", G_CALLBACK (on_menu_item_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), item);
    }

  if (gtk_widget_get_first_child (box) == NULL)
    {
      GtkWidget *none = gtk_label_new (_("Nothing more can be done with these alerts here."));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (box), none);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_widget_set_parent (popover, GTK_WIDGET (more));
  g_signal_connect (popover, "closed", G_CALLBACK (on_popover_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* A row: the severity in a box, then the title with "New" beside it, the
 * summary, when and where from, and the buttons under them, so the text
 * has the panel's whole width. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SitrepAlertsPanel        *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *severity, *title, *fresh, *summary, *meta, *declare, *more;

  severity = gtk_label_new (NULL);
  gtk_widget_add_css_class (severity, "alert-severity");
  gtk_widget_set_valign (severity, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (row), severity);

  title = gtk_label_new (NULL);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (heading), title);
  fresh = gtk_label_new (_("New"));
  gtk_widget_add_css_class (fresh, "alert-new");
  gtk_box_append (GTK_BOX (heading), fresh);
  gtk_box_append (GTK_BOX (text), heading);

  summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (summary), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (summary), 2);
  gtk_label_set_ellipsize (GTK_LABEL (summary), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (text), summary);

  meta = gtk_label_new (NULL);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (text), meta);

  /* Two buttons a row, not four: GTK 4.8 keeps about a hundred rows
   * alive, and each button costs. The rest waits in a menu made when it
   * opens. */
  declare = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_tooltip_text (declare, _("Declare Incident From These Alerts"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (declare), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Declare Incident From These Alerts"), -1);
  gtk_widget_add_css_class (declare, "flat");
  g_signal_connect_object (declare, "clicked", G_CALLBACK (on_declare_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), declare);

  more = gtk_button_new_from_icon_name ("view-more-symbolic");
  gtk_widget_set_tooltip_text (more, _("More Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL, _("More Actions"), -1);
  gtk_widget_add_css_class (more, "flat");
  g_signal_connect_object (more, "clicked", G_CALLBACK (on_more_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), more);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (text), buttons);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_size_request (text, 120, -1);
  gtk_box_append (GTK_BOX (row), text);

  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_widget_set_hexpand (row, TRUE);
  gtk_widget_set_hexpand (expander, TRUE);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), row);
  gtk_list_item_set_child (item, expander);
}

static const char *
state_label (SitrepAlertState state)
{
  switch (state)
    {
    case SITREP_ALERT_FIRING:
      return _("Firing");
    case SITREP_ALERT_SILENCED:
      return _("Silenced");
    case SITREP_ALERT_INHIBITED:
      return _("Inhibited");
    case SITREP_ALERT_PENDING:
    default:
      return _("Pending");
    }
}

/* Shows a group, or one alert of a group, in a row. */
static void
update_row (SitrepAlertsPanel *self,
            GtkListItem       *item)
{
  GtkTreeListRow *tree_row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *row = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *severity = gtk_widget_get_first_child (row);
  GtkWidget *text = gtk_widget_get_next_sibling (severity);
  GtkWidget *heading = gtk_widget_get_first_child (text);
  GtkWidget *title = gtk_widget_get_first_child (heading);
  GtkWidget *fresh = gtk_widget_get_next_sibling (title);
  GtkWidget *summary = gtk_widget_get_next_sibling (heading);
  GtkWidget *meta = gtk_widget_get_next_sibling (summary);
  GtkWidget *buttons = gtk_widget_get_next_sibling (meta);
  g_autoptr(GObject) object = gtk_tree_list_row_get_item (tree_row);
  g_autofree char *target = NULL;
  g_autofree char *title_text = NULL;
  g_autofree char *meta_text = NULL;
  g_autofree char *started = NULL;
  g_autofree char *upper = NULL;
  SitrepAlert *alert;
  const char *service, *summary_text, *url;
  guint n = 1;
  gint64 *seen;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), tree_row);

  if (SITREP_IS_ALERT_GROUP (object))
    {
      SitrepAlertGroup *group = SITREP_ALERT_GROUP (object);

      alert = group_first (group);
      n = g_list_model_get_n_items (G_LIST_MODEL (group->alerts));
      target = g_strconcat ("g:", group->key, NULL);
    }
  else
    {
      alert = SITREP_ALERT (object);
      target = g_strconcat ("a:", sitrep_alert_get_fingerprint (alert), NULL);
    }

  service = sitrep_alert_get_label (alert, "service");
  summary_text = sitrep_alert_get_annotation (alert, "summary");
  if (summary_text == NULL)
    summary_text = sitrep_alert_get_annotation (alert, "description");
  url = sitrep_alert_get_annotation (alert, "runbook_url");
  if (url == NULL)
    url = sitrep_alert_get_generator_url (alert);

  upper = g_utf8_strup (severity_text (alert), -1);
  gtk_label_set_text (GTK_LABEL (severity), upper);
  for (const char * const *c = (const char * const[]) { "critical", "warning", "info", NULL }; *c; c++)
    gtk_widget_remove_css_class (severity, *c);
  if (g_strcmp0 (sitrep_alert_get_label (alert, "severity"), "critical") == 0 ||
      g_strcmp0 (sitrep_alert_get_label (alert, "severity"), "page") == 0)
    gtk_widget_add_css_class (severity, "critical");
  else if (g_strcmp0 (sitrep_alert_get_label (alert, "severity"), "warning") == 0)
    gtk_widget_add_css_class (severity, "warning");
  else
    gtk_widget_add_css_class (severity, "info");

  if (SITREP_IS_ALERT_GROUP (object) && n > 1)
    /* Translators: an alert's name, its service and how many alerts the group holds. */
    title_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s · %u alert", "%s · %s · %u alerts", n),
                                  sitrep_alert_get_name (alert), service != NULL ? service : "—", n);
  else if (service != NULL)
    /* Translators: an alert's name and its service. */
    title_text = g_strdup_printf (_("%s · %s"), sitrep_alert_get_name (alert), service);
  else
    title_text = g_strdup (sitrep_alert_get_name (alert));
  gtk_label_set_text (GTK_LABEL (title), title_text);

  gtk_label_set_text (GTK_LABEL (summary), summary_text != NULL ? summary_text : "");
  gtk_widget_set_visible (summary, summary_text != NULL);
  gtk_widget_set_tooltip_text (summary, summary_text);

  started = sitrep_alert_get_starts_at (alert) > 0
            ? sitrep_format_timeline_time (sitrep_alert_get_starts_at (alert), sitrep_clock_get_now (self->clock))
            : g_strdup ("—");
  /* Translators: an alert's state ("Firing"), when it started, and its source. */
  meta_text = g_strdup_printf (_("%s since %s · %s"),
                               state_label (sitrep_alert_get_state (alert)),
                               started, sitrep_alert_get_source (alert));
  gtk_label_set_text (GTK_LABEL (meta), meta_text);

  /* New: an alert that came in the last five minutes (not one that was
   * there when the panel opened), or a group with one. */
  if (SITREP_IS_ALERT_GROUP (object))
    gtk_widget_set_visible (fresh, SITREP_ALERT_GROUP (object)->new_until > sitrep_clock_get_now (self->clock));
  else
    {
      seen = g_hash_table_lookup (self->first_seen, sitrep_alert_get_fingerprint (alert));
      gtk_widget_set_visible (fresh, seen != NULL && *seen > self->created_at + 10 * G_TIME_SPAN_SECOND &&
                                     sitrep_clock_get_now (self->clock) - *seen < NEW_FOR);
    }

  /* What the row's menu offers: link, silence, open. */
  g_object_set_data_full (G_OBJECT (row), "sitrep-target", g_strdup (target), g_free);
  g_object_set_data (G_OBJECT (row), "sitrep-can",
                     GUINT_TO_POINTER ((self->read_only ? 0 : 1) |
                                       (!self->read_only && sitrep_monitor_find_silencer (self->monitor, alert) != NULL ? 2 : 0) |
                                       (url != NULL ? 4 : 0)));
  gtk_widget_set_visible (gtk_widget_get_first_child (buttons), !self->read_only);

  if (sitrep_alert_get_state (alert) == SITREP_ALERT_FIRING)
    gtk_widget_remove_css_class (row, "dim-label");
  else
    gtk_widget_add_css_class (row, "dim-label");
}

static void
on_group_changed_cb (GtkListItem *item)
{
  SitrepAlertsPanel *self = g_object_get_data (G_OBJECT (item), "sitrep-panel");

  update_row (self, item);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             SitrepAlertsPanel        *self)
{
  g_autoptr(GObject) object = gtk_tree_list_row_get_item (gtk_list_item_get_item (item));

  update_row (self, item);

  /* A group's row follows its alerts. */
  if (SITREP_IS_ALERT_GROUP (object))
    {
      g_object_set_data (G_OBJECT (item), "sitrep-panel", self);
      g_signal_connect_object (object, "changed", G_CALLBACK (on_group_changed_cb), item, G_CONNECT_SWAPPED);
    }
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               SitrepAlertsPanel        *self)
{
  g_autoptr(GObject) object = gtk_tree_list_row_get_item (gtk_list_item_get_item (item));

  if (SITREP_IS_ALERT_GROUP (object))
    g_signal_handlers_disconnect_by_func (object, on_group_changed_cb, item);
}

/**
 * sitrep_alerts_panel_dup_alerts:
 * @target: "g:<group key>" or "a:<fingerprint>", as the rows' actions
 *   carry
 *
 * Returns: (transfer full) (element-type SitrepAlert) (nullable): the
 *   alerts a row stands for, or %NULL if they are gone
 */
GPtrArray *
sitrep_alerts_panel_dup_alerts (SitrepAlertsPanel *self,
                                const char        *target)
{
  GPtrArray *alerts;

  g_return_val_if_fail (SITREP_IS_ALERTS_PANEL (self), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  if (self->monitor == NULL)
    return NULL;

  alerts = g_ptr_array_new_with_free_func (g_object_unref);
  if (g_str_has_prefix (target, "g:"))
    {
      SitrepAlertGroup *group = g_hash_table_lookup (self->by_key, target + 2);

      for (guint i = 0; group != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (group->alerts)); i++)
        g_ptr_array_add (alerts, g_list_model_get_item (G_LIST_MODEL (group->alerts), i));
    }
  else if (g_str_has_prefix (target, "a:"))
    {
      SitrepAlert *alert = sitrep_alert_feed_lookup (sitrep_monitor_get_feed (self->monitor), target + 2);

      if (alert != NULL)
        g_ptr_array_add (alerts, g_object_ref (alert));
    }

  if (alerts->len == 0)
    g_clear_pointer (&alerts, g_ptr_array_unref);

  return alerts;
}

static void
act_on (SitrepAlertsPanel *self,
        const char        *what,
        const char        *target,
        GtkWidget         *from)
{
  g_autoptr(GPtrArray) alerts = sitrep_alerts_panel_dup_alerts (self, target);

  if (alerts == NULL)
    return;

  if (g_str_equal (what, "open"))
    {
      SitrepAlert *alert = g_ptr_array_index (alerts, 0);
      const char *url = sitrep_alert_get_annotation (alert, "runbook_url");

      if (url == NULL)
        url = sitrep_alert_get_generator_url (alert);
      if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
        gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (from)), url, GDK_CURRENT_TIME);
      return;
    }

  g_signal_emit (self, signals[ACT], 0, what, alerts);
}

static void
act (GtkWidget  *widget,
     const char *action_name,
     GVariant   *param)
{
  act_on (SITREP_ALERTS_PANEL (widget), action_name + strlen ("alerts."), g_variant_get_string (param, NULL),
          widget);
}

static void
sitrep_alerts_panel_dispose (GObject *object)
{
  SitrepAlertsPanel *self = (SitrepAlertsPanel *)object;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->monitor);
  g_clear_object (&self->clock);
  g_clear_object (&self->groups);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->first_seen, g_hash_table_unref);

  G_OBJECT_CLASS (sitrep_alerts_panel_parent_class)->dispose (object);
}

static void
sitrep_alerts_panel_class_init (SitrepAlertsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_alerts_panel_dispose;

  /**
   * SitrepAlertsPanel::act:
   * @what: "declare", "link" or "silence"
   * @alerts: (element-type SitrepAlert): the alerts of the row
   */
  signals[ACT] = g_signal_new ("act", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                               G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_PTR_ARRAY);

  gtk_widget_class_install_action (widget_class, "alerts.declare", "s", act);
  gtk_widget_class_install_action (widget_class, "alerts.link", "s", act);
  gtk_widget_class_install_action (widget_class, "alerts.silence", "s", act);
  gtk_widget_class_install_action (widget_class, "alerts.open", "s", act);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "alertspanel");
}

static void
sitrep_alerts_panel_init (SitrepAlertsPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkTreeListModel *tree;
  GtkWidget *header, *title, *scroller, *empty;

  self->groups = g_list_store_new (SITREP_TYPE_ALERT_GROUP);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->first_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  title = gtk_label_new (_("Alerts"));
  gtk_widget_add_css_class (title, "title-4");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (header), title);
  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "heading");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->count_label));
  gtk_box_append (GTK_BOX (self->box), header);

  self->sources_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
  gtk_widget_set_margin_start (GTK_WIDGET (self->sources_box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->sources_box), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sources_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Freshness of each source"), -1);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->sources_box));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  tree = gtk_tree_list_model_new (G_LIST_MODEL (g_object_ref (self->groups)), FALSE, FALSE,
                                  create_children_cb, NULL, NULL);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (tree))),
                                                      g_object_ref (factory)));
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Active alerts"), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list_view));
  gtk_stack_add_named (self->stack, scroller, "list");

  empty = gtk_label_new (NULL);
  self->empty_label = GTK_LABEL (empty);
  gtk_label_set_wrap (self->empty_label, TRUE);
  gtk_label_set_justify (self->empty_label, GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_start (empty, 24);
  gtk_widget_set_margin_end (empty, 24);
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_set_visible_child_name (self->stack, "empty");

  update_count (self);
}

GtkWidget *
sitrep_alerts_panel_new (void)
{
  return g_object_new (SITREP_TYPE_ALERTS_PANEL, NULL);
}

/**
 * sitrep_alerts_panel_set_monitor:
 * @monitor: the sources and their alerts
 * @clock: ticks the freshness
 */
void
sitrep_alerts_panel_set_monitor (SitrepAlertsPanel *self,
                                 SitrepMonitor     *monitor,
                                 SitrepClock       *clock)
{
  GListModel *sources;

  g_return_if_fail (SITREP_IS_ALERTS_PANEL (self));
  g_return_if_fail (SITREP_IS_MONITOR (monitor));
  g_return_if_fail (SITREP_IS_CLOCK (clock));
  g_return_if_fail (self->monitor == NULL);

  self->monitor = g_object_ref (monitor);
  self->clock = g_object_ref (clock);
  self->created_at = sitrep_clock_get_now (clock);
  sources = sitrep_monitor_get_sources (monitor);

  g_signal_connect_object (sitrep_alert_feed_get_alerts (sitrep_monitor_get_feed (monitor)), "items-changed",
                           G_CALLBACK (regroup), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sources, "items-changed", G_CALLBACK (update_sources), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (clock, "tick", G_CALLBACK (update_sources), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (clock, "tick", G_CALLBACK (expire_new), self, G_CONNECT_SWAPPED);
  regroup (self);
  update_sources (self);
}

/**
 * sitrep_alerts_panel_get_n_firing:
 *
 * Returns: how many alerts are firing (not pending, silenced or inhibited)
 */
guint
sitrep_alerts_panel_get_n_firing (SitrepAlertsPanel *self)
{
  GListModel *alerts;
  guint n = 0;

  g_return_val_if_fail (SITREP_IS_ALERTS_PANEL (self), 0);

  if (self->monitor == NULL)
    return 0;

  alerts = sitrep_alert_feed_get_alerts (sitrep_monitor_get_feed (self->monitor));
  for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(SitrepAlert) alert = g_list_model_get_item (alerts, i);

      /* The feed lists firing alerts first. */
      if (sitrep_alert_get_state (alert) != SITREP_ALERT_FIRING)
        break;
      n++;
    }

  return n;
}

/**
 * sitrep_alerts_panel_set_read_only:
 *
 * In read-only mode the rows offer only to open the runbook.
 */
void
sitrep_alerts_panel_set_read_only (SitrepAlertsPanel *self,
                                   gboolean           read_only)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_return_if_fail (SITREP_IS_ALERTS_PANEL (self));

  if (self->read_only == read_only)
    return;

  /* The rows offer other buttons: bind them again. */
  self->read_only = read_only;
  factory = g_object_ref (gtk_list_view_get_factory (self->list_view));
  gtk_list_view_set_factory (self->list_view, NULL);
  gtk_list_view_set_factory (self->list_view, factory);
}
