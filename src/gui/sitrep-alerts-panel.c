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
 * thousand alerts cost only the rows on screen. Groups are kept by key and
 * their alerts replaced only when they changed, so an expanded group stays
 * expanded across polls. */

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
};

G_DEFINE_FINAL_TYPE (SitrepAlertGroup, sitrep_alert_group, G_TYPE_OBJECT)

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
 * are replaced only when they changed, and the list of groups only when
 * groups came, went or moved. */
static void
regroup (SitrepAlertsPanel *self)
{
  GListModel *alerts = sitrep_alert_feed_get_alerts (sitrep_monitor_get_feed (self->monitor));
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify)g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  gboolean same_order;
  gint64 now = sitrep_clock_get_now (self->clock);

  for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(SitrepAlert) alert = g_list_model_get_item (alerts, i);
      g_autofree char *key = sitrep_alert_dup_group_key (alert);
      SitrepAlertGroup *group = g_hash_table_lookup (by_key, key);
      GPtrArray *list;

      if (!g_hash_table_contains (self->first_seen, sitrep_alert_get_fingerprint (alert)))
        g_hash_table_insert (self->first_seen, g_strdup (sitrep_alert_get_fingerprint (alert)),
                             g_memdup2 (&now, sizeof now));

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

  for (guint i = 0; i < order->len; i++)
    {
      SitrepAlertGroup *group = g_ptr_array_index (order, i);
      GPtrArray *list = g_hash_table_lookup (members, group->key);
      g_autofree char *signature = signature_of (list);

      if (g_strcmp0 (signature, group->signature) != 0)
        {
          g_free (group->signature);
          group->signature = g_steal_pointer (&signature);
          g_list_store_splice (group->alerts, 0, g_list_model_get_n_items (G_LIST_MODEL (group->alerts)),
                               list->pdata, list->len);
        }
    }

  same_order = order->len == n_groups;
  for (guint i = 0; same_order && i < n_groups; i++)
    {
      g_autoptr(SitrepAlertGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), i);

      same_order = group == g_ptr_array_index (order, i);
    }

  if (!same_order)
    g_list_store_splice (self->groups, 0, n_groups, order->pdata, order->len);

  g_clear_pointer (&self->by_key, g_hash_table_unref);
  self->by_key = g_steal_pointer (&by_key);

  /* GTK 4.8 leaves a stack's hidden pages to assistive technologies:
   * hide what is not shown. */
  gtk_stack_set_visible_child_name (self->stack, order->len > 0 ? "list" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), order->len == 0);
  update_count (self);
}

static void
update_sources (SitrepAlertsPanel *self)
{
  GListModel *sources;
  GtkWidget *child;
  gint64 now;
  guint n_with_alerts = 0;

  if (self->monitor == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_box))))
    gtk_box_remove (self->sources_box, child);

  sources = sitrep_monitor_get_sources (self->monitor);
  now = sitrep_clock_get_now (self->clock);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(SitrepSource) source = g_list_model_get_item (sources, i);
      gint64 fetched_at = sitrep_source_get_fetched_at (source);
      g_autofree char *age = sitrep_format_age (now - fetched_at);
      g_autofree char *text = NULL;
      SitrepSourceHealth health = sitrep_source_get_health (source);
      const char *name = sitrep_source_get_name (source);
      GtkWidget *label;
      gboolean bad = FALSE;

      if (health == SITREP_SOURCE_HEALTH_DISABLED)
        continue;
      n_with_alerts++;

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

      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (label, text);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, bad ? "warning" : "dim-label");
      gtk_box_append (self->sources_box, label);
    }

  gtk_label_set_text (self->empty_label,
                      n_with_alerts == 0
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

/* A row: the severity in a box, then the title with "New" beside it, the
 * summary, when and where from, and the buttons under them, so the text
 * has the panel's whole width. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SitrepAlertsPanel        *self)
{
  static const struct { const char *name; const char *icon; const char *label; } actions[] = {
    { "alerts.declare", "list-add-symbolic", N_("Declare Incident From These Alerts") },
    { "alerts.link", "insert-link-symbolic", N_("Link to an Incident…") },
    { "alerts.silence", "notifications-disabled-symbolic", N_("Silence…") },
    { "alerts.open", "web-browser-symbolic", N_("Open Runbook or Graph") },
  };
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *severity, *title, *fresh, *summary, *meta;

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

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *button = gtk_button_new_from_icon_name (actions[i].icon);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), actions[i].name);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (""));
      gtk_widget_set_tooltip_text (button, _(actions[i].label));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(actions[i].label), -1);
      gtk_widget_add_css_class (button, "flat");
      gtk_box_append (GTK_BOX (buttons), button);
    }
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

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             SitrepAlertsPanel        *self)
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
  gpointer object = gtk_tree_list_row_get_item (tree_row);
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
      SitrepAlertGroup *group = object;

      alert = group_first (group);
      n = g_list_model_get_n_items (G_LIST_MODEL (group->alerts));
      target = g_strconcat ("g:", group->key, NULL);
    }
  else
    {
      alert = object;
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

  seen = g_hash_table_lookup (self->first_seen, sitrep_alert_get_fingerprint (alert));
  gtk_widget_set_visible (fresh, seen != NULL && *seen > self->created_at + 10 * G_TIME_SPAN_SECOND &&
                                 sitrep_clock_get_now (self->clock) - *seen < NEW_FOR);

  for (GtkWidget *b = gtk_widget_get_first_child (buttons); b != NULL; b = gtk_widget_get_next_sibling (b))
    {
      const char *name = gtk_actionable_get_action_name (GTK_ACTIONABLE (b));

      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (b), g_variant_new_string (target));
      if (g_str_equal (name, "alerts.open"))
        gtk_widget_set_visible (b, url != NULL);
      else if (g_str_equal (name, "alerts.silence"))
        gtk_widget_set_visible (b, sitrep_monitor_find_silencer (self->monitor, alert) != NULL && !self->read_only);
      else
        gtk_widget_set_visible (b, !self->read_only);
    }

  if (sitrep_alert_get_state (alert) == SITREP_ALERT_FIRING)
    gtk_widget_remove_css_class (row, "dim-label");
  else
    gtk_widget_add_css_class (row, "dim-label");
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
act (GtkWidget  *widget,
     const char *action_name,
     GVariant   *param)
{
  SitrepAlertsPanel *self = SITREP_ALERTS_PANEL (widget);
  g_autoptr(GPtrArray) alerts = sitrep_alerts_panel_dup_alerts (self, g_variant_get_string (param, NULL));

  if (alerts == NULL)
    return;

  if (g_str_equal (action_name, "alerts.open"))
    {
      SitrepAlert *alert = g_ptr_array_index (alerts, 0);
      const char *url = sitrep_alert_get_annotation (alert, "runbook_url");

      if (url == NULL)
        url = sitrep_alert_get_generator_url (alert);
      if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
        gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), url, GDK_CURRENT_TIME);
      return;
    }

  g_signal_emit (self, signals[ACT], 0, action_name + strlen ("alerts."), alerts);
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
  self->created_at = g_get_real_time ();

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
  sources = sitrep_monitor_get_sources (monitor);

  g_signal_connect_object (sitrep_alert_feed_get_alerts (sitrep_monitor_get_feed (monitor)), "items-changed",
                           G_CALLBACK (regroup), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sources, "items-changed", G_CALLBACK (update_sources), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (clock, "tick", G_CALLBACK (update_sources), self, G_CONNECT_SWAPPED);
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
