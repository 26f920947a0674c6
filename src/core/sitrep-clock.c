/* sitrep-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SitrepClock is the only source of "now" in Sitrep: UTC, in microseconds
 * since the Unix epoch. A system clock reads the real time and emits ::tick
 * once a second, aligned to the second boundary, so every elapsed time and
 * countdown on screen changes at the same instant. Each tick re-arms for the
 * next boundary from the real time; ticks are never counted, so nothing
 * drifts, and a late tick (a suspended laptop) simply shows the right time.
 *
 * A test clock stands still until a test advances it; each advance emits one
 * ::tick.
 */

#define G_LOG_DOMAIN "sitrep-clock"

#include "config.h"

#include "sitrep-clock.h"

struct _SitrepClock
{
  GObject  parent_instance;

  gint64   test_now;
  guint    tick_source;
  guint    is_test : 1;
};

G_DEFINE_FINAL_TYPE (SitrepClock, sitrep_clock, G_TYPE_OBJECT)

enum {
  TICK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_tick (SitrepClock *self);

static void
on_tick_cb (gpointer user_data)
{
  SitrepClock *self = user_data;

  self->tick_source = 0;
  schedule_tick (self);
  g_signal_emit (self, signals[TICK], 0);
}

static void
schedule_tick (SitrepClock *self)
{
  gint64 now = g_get_real_time ();
  /* A few milliseconds past the boundary, so a timer that fires a little
   * early still lands in the new second. */
  guint delay_ms = (guint)((G_USEC_PER_SEC - now % G_USEC_PER_SEC) / 1000) + 5;

  self->tick_source = g_timeout_add_once (delay_ms, on_tick_cb, self);
}

static void
sitrep_clock_dispose (GObject *object)
{
  SitrepClock *self = (SitrepClock *)object;

  g_clear_handle_id (&self->tick_source, g_source_remove);

  G_OBJECT_CLASS (sitrep_clock_parent_class)->dispose (object);
}

static void
sitrep_clock_class_init (SitrepClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_clock_dispose;

  /**
   * SitrepClock::tick:
   *
   * Emitted once a second on a system clock, at the second boundary, and
   * once per change of a test clock.
   */
  signals[TICK] =
    g_signal_new ("tick",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sitrep_clock_init (SitrepClock *self)
{
}

/**
 * sitrep_clock_new_system:
 *
 * Returns: (transfer full): a clock that reads the real time and ticks on the
 *   global default main context.
 */
SitrepClock *
sitrep_clock_new_system (void)
{
  SitrepClock *self = g_object_new (SITREP_TYPE_CLOCK, NULL);

  schedule_tick (self);

  return self;
}

/**
 * sitrep_clock_new_test:
 * @start_us: the starting time, UTC microseconds
 *
 * Returns: (transfer full): a clock that only moves when told to.
 */
SitrepClock *
sitrep_clock_new_test (gint64 start_us)
{
  SitrepClock *self = g_object_new (SITREP_TYPE_CLOCK, NULL);

  self->is_test = TRUE;
  self->test_now = start_us;

  return self;
}

gboolean
sitrep_clock_is_test (SitrepClock *self)
{
  g_return_val_if_fail (SITREP_IS_CLOCK (self), FALSE);

  return self->is_test;
}

/**
 * sitrep_clock_get_now:
 *
 * Returns: the current time, UTC microseconds since the Unix epoch.
 */
gint64
sitrep_clock_get_now (SitrepClock *self)
{
  g_return_val_if_fail (SITREP_IS_CLOCK (self), 0);

  if (self->is_test)
    return self->test_now;

  return g_get_real_time ();
}

void
sitrep_clock_set_now (SitrepClock *self,
                      gint64       now_us)
{
  g_return_if_fail (SITREP_IS_CLOCK (self));
  g_return_if_fail (self->is_test);

  self->test_now = now_us;
  g_signal_emit (self, signals[TICK], 0);
}

void
sitrep_clock_advance (SitrepClock *self,
                      gint64       delta_us)
{
  g_return_if_fail (SITREP_IS_CLOCK (self));
  g_return_if_fail (self->is_test);

  sitrep_clock_set_now (self, self->test_now + delta_us);
}
