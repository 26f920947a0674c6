/* sitrep-declare-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Declaring an incident: a title, a severity chosen with every definition in
 * front of the person choosing (or "untriaged", which starts the triage
 * clock), and an optional summary. The dialog closes only once the incident
 * is in the journal; if that fails, it stays open with everything typed
 * still there and says why. */

#define G_LOG_DOMAIN "sitrep-declare-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-alert-rules.h"
#include "sitrep-declare-dialog.h"
#include "sitrep-format.h"
#include "sitrep-severity-badge.h"
#include "sitrep-weak-ref.h"

struct _SitrepDeclareDialog
{
  AdwWindow       parent_instance;

  /* Owned */
  SitrepWarRoom  *war_room;
  GCancellable   *cancellable;
  GPtrArray      *alerts;         /* SitrepAlert the incident comes from, or NULL */
  GtkCheckButton *severity_checks[SITREP_SEVERITY_LAST + 1];

  /* Template children */
  AdwEntryRow    *title_row;
  GtkLabel       *title_hint;
  GtkListBox     *severity_list;
  GtkTextView    *summary_view;
  GtkLabel       *error_label;
  GtkLabel       *alerts_label;
  GtkButton      *declare_button;
  GtkButton      *cancel_button;
  GtkSpinner     *spinner;

  guint           busy : 1;
};

G_DEFINE_FINAL_TYPE (SitrepDeclareDialog, sitrep_declare_dialog, ADW_TYPE_WINDOW)

static char *
get_summary (SitrepDeclareDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->summary_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_error (SitrepDeclareDialog *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Checks the title as it is typed, so the person learns of a problem before
 * pressing Declare, not after. */
static void
validate (SitrepDeclareDialog *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;
  glong n_chars;
  gboolean valid;

  /* Counted as it will be stored: without surrounding or invisible blanks. */
  clean = sitrep_war_room_normalize_title (title, &error);
  valid = clean != NULL;
  n_chars = valid ? g_utf8_strlen (clean, -1) : 0;

  if (error != NULL && !g_error_matches (error, SITREP_WAR_ROOM_ERROR, SITREP_WAR_ROOM_ERROR_EMPTY_TITLE))
    {
      gtk_label_set_text (self->title_hint, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->title_hint), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
    }
  else
    {
      g_autofree char *count = NULL;

      /* Translators: characters used and allowed in the title. */
      count = g_strdup_printf (_("%ld / %d"), n_chars, SITREP_TITLE_MAX_CHARS);
      gtk_label_set_text (self->title_hint, count);
      gtk_widget_remove_css_class (GTK_WIDGET (self->title_hint), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->declare_button), valid && !self->busy);
}

/* While the incident is being written it can no longer be called off:
 * Cancel, Escape and the close button wait until the journal has answered. */
static void
set_busy (SitrepDeclareDialog *self,
          gboolean             busy)
{
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !busy);
  validate (self);
}

static gboolean
sitrep_declare_dialog_close_request (GtkWindow *window)
{
  SitrepDeclareDialog *self = SITREP_DECLARE_DIALOG (window);

  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (sitrep_declare_dialog_parent_class)->close_request (window);
}

static void
declare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SitrepDeclareDialog) self = sitrep_weak_ref_steal (user_data);
  g_autoptr(SitrepIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  incident = sitrep_war_room_declare_finish (SITREP_WAR_ROOM (object), result, &error);

  /* The dialog went away meanwhile (its window was destroyed): the
   * incident, if declared, is on the board; nothing here to update. */
  if (self == NULL || self->cancellable == NULL)
    return;

  set_busy (self, FALSE);

  if (incident == NULL)
    {
      show_error (self, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sitrep_declare_dialog_declare_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  SitrepDeclareDialog *self = SITREP_DECLARE_DIALOG (widget);
  g_autofree char *summary = NULL;

  if (self->busy || !gtk_widget_get_sensitive (GTK_WIDGET (self->declare_button)))
    return;

  show_error (self, NULL);
  set_busy (self, TRUE);

  summary = get_summary (self);
  if (self->alerts != NULL)
    {
      sitrep_war_room_declare_from_alerts_async (self->war_room,
                                                 gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                                                 sitrep_declare_dialog_get_severity (self),
                                                 summary,
                                                 self->alerts,
                                                 self->cancellable,
                                                 declare_cb,
                                                 sitrep_weak_ref_new (self));
      return;
    }

  sitrep_war_room_declare_async (self->war_room,
                                 gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                                 sitrep_declare_dialog_get_severity (self),
                                 summary,
                                 self->cancellable,
                                 declare_cb,
                                 sitrep_weak_ref_new (self));
}

static void
on_title_changed_cb (SitrepDeclareDialog *self)
{
  validate (self);
}

static void
on_title_activated_cb (SitrepDeclareDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dialog.declare", NULL);
}

/* One row per severity, most severe first, each with its definition; the
 * untriaged row last. */
static void
add_severity_rows (SitrepDeclareDialog *self)
{
  static const SitrepSeverity order[] = {
    SITREP_SEVERITY_SEV1,
    SITREP_SEVERITY_SEV2,
    SITREP_SEVERITY_SEV3,
    SITREP_SEVERITY_SEV4,
    SITREP_SEVERITY_UNTRIAGED,
  };
  GtkCheckButton *group = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      SitrepSeverity severity = order[i];
      g_autofree char *accessible = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *badge = sitrep_severity_badge_new (severity);

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      if (group == NULL)
        group = GTK_CHECK_BUTTON (check);

      /* Translators: a severity and its definition, read by screen readers. */
      accessible = g_strdup_printf (_("%s: %s"), sitrep_severity_get_label (severity),
                                    sitrep_severity_get_definition (severity));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, sitrep_severity_get_label (severity),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible,
                                      -1);

      gtk_widget_set_size_request (badge, 112, -1);
      /* Each prefix goes in front of the ones before: the radio ends up first. */
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), badge);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     sitrep_severity_get_definition (severity));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

      self->severity_checks[severity] = GTK_CHECK_BUTTON (check);
      gtk_list_box_append (self->severity_list, row);
    }

  gtk_check_button_set_active (self->severity_checks[SITREP_SEVERITY_UNTRIAGED], TRUE);
}

static void
sitrep_declare_dialog_dispose (GObject *object)
{
  SitrepDeclareDialog *self = (SitrepDeclareDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->alerts, g_ptr_array_unref);
  g_clear_object (&self->war_room);

  G_OBJECT_CLASS (sitrep_declare_dialog_parent_class)->dispose (object);
}

static void
sitrep_declare_dialog_class_init (SitrepDeclareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sitrep_declare_dialog_dispose;
  window_class->close_request = sitrep_declare_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sitrep/Sitrep/ui/sitrep-declare-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepDeclareDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepDeclareDialog, declare_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepDeclareDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepDeclareDialog, alerts_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepDeclareDialog, severity_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepDeclareDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SitrepDeclareDialog, summary_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepDeclareDialog, title_hint);
  gtk_widget_class_bind_template_child (widget_class, SitrepDeclareDialog, title_row);
  gtk_widget_class_bind_template_callback (widget_class, on_title_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.declare", NULL,
                                   sitrep_declare_dialog_declare_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "dialog.declare", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "dialog.declare", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sitrep_declare_dialog_init (SitrepDeclareDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  add_severity_rows (self);
  validate (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));
}

/**
 * sitrep_declare_dialog_new:
 * @parent: the window it is modal to
 *
 * Returns: (transfer none): a new dialog; present it
 */
SitrepDeclareDialog *
sitrep_declare_dialog_new (GtkWindow     *parent,
                           SitrepWarRoom *war_room)
{
  SitrepDeclareDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SITREP_IS_WAR_ROOM (war_room), NULL);

  self = g_object_new (SITREP_TYPE_DECLARE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->war_room = g_object_ref (war_room);

  return self;
}

void
sitrep_declare_dialog_set_title (SitrepDeclareDialog *self,
                                 const char          *title)
{
  g_return_if_fail (SITREP_IS_DECLARE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title != NULL ? title : "");
}

void
sitrep_declare_dialog_set_severity (SitrepDeclareDialog *self,
                                    SitrepSeverity       severity)
{
  g_return_if_fail (SITREP_IS_DECLARE_DIALOG (self));
  g_return_if_fail (sitrep_severity_is_valid (severity));

  gtk_check_button_set_active (self->severity_checks[severity], TRUE);
}

SitrepSeverity
sitrep_declare_dialog_get_severity (SitrepDeclareDialog *self)
{
  g_return_val_if_fail (SITREP_IS_DECLARE_DIALOG (self), SITREP_SEVERITY_UNTRIAGED);

  for (int i = 0; i <= SITREP_SEVERITY_LAST; i++)
    {
      if (gtk_check_button_get_active (self->severity_checks[i]))
        return i;
    }

  return SITREP_SEVERITY_UNTRIAGED;
}

void
sitrep_declare_dialog_set_summary (SitrepDeclareDialog *self,
                                   const char          *summary)
{
  g_return_if_fail (SITREP_IS_DECLARE_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view),
                            summary != NULL ? summary : "", -1);
}

/**
 * sitrep_declare_dialog_set_alerts:
 * @alerts: (element-type SitrepAlert): the alerts the incident comes from
 * @reason: (nullable): why the severity is suggested
 *
 * Declares from alerts: the incident will be linked to them and detected
 * when the first of them started. The dialog says so, with @reason.
 */
void
sitrep_declare_dialog_set_alerts (SitrepDeclareDialog *self,
                                  GPtrArray           *alerts,
                                  const char          *reason)
{
  g_autofree char *text = NULL;
  g_autofree char *started = NULL;
  gint64 first;

  g_return_if_fail (SITREP_IS_DECLARE_DIALOG (self));
  g_return_if_fail (alerts != NULL && alerts->len > 0);

  g_clear_pointer (&self->alerts, g_ptr_array_unref);
  self->alerts = g_ptr_array_copy (alerts, (GCopyFunc)(void (*) (void))g_object_ref, NULL);
  g_ptr_array_set_free_func (self->alerts, g_object_unref);

  first = sitrep_alert_rules_first_start (alerts);
  started = first > 0 ? sitrep_format_timeline_time (first, g_get_real_time ()) : g_strdup ("—");
  text = g_strdup_printf (
    /* Translators: a number of alerts, the local time the first started, why a severity is suggested. */
    g_dngettext (GETTEXT_PACKAGE,
                 "From %u alert, firing since %s: the triage clock starts then. %s",
                 "From %u alerts, the first firing since %s: the triage clock starts then. %s",
                 alerts->len),
    alerts->len, started, reason != NULL ? reason : "");
  gtk_label_set_text (self->alerts_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->alerts_label), TRUE);
}
