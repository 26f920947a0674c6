/* sitrep-sqlite-journal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The incident journal on SQLite.
 *
 * One connection, owned by one dedicated thread: every job (open, append,
 * load, close) is queued to that thread and runs in order, so the main loop
 * never waits on the disk and appends are never reordered. The thread gets
 * plain data in and hands plain data (or new, unshared events) back. The
 * database is in WAL mode with synchronous=FULL: an append completes only
 * after COMMIT has returned, so a committed event survives a crash or kill -9
 * (tested) and, as far as the disk honours fsync, a power cut.
 *
 * A file this version cannot use (damaged, not a journal, written by a newer
 * Sitrep, or not writable) is refused with an error that says so, before
 * anything is written to it: an existing file is first inspected over a
 * short-lived read-only connection, and only then opened for writing.
 */

#define G_LOG_DOMAIN "sitrep-sqlite-journal"

#include "config.h"

#include <errno.h>
#include <sqlite3.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sitrep-sqlite-journal.h"

typedef enum
{
  JOB_OPEN,
  JOB_APPEND,
  JOB_LOAD,
  JOB_CLOSE,
} JobKind;

/* An event as the journal thread sees it: plain strings, copied on the
 * calling thread. The thread never touches a SitrepEvent or its JsonObject
 * payload, whose reference count json-glib 1.6 does not make atomic. */
typedef struct
{
  char   *id;
  char   *incident_id;
  char   *kind;
  char   *author;
  char   *origin;
  char   *payload;
  gint64  at;
} Row;

/* A job is filled in by the journal thread and completed on the main
 * context of its task: the thread never drops a reference to a task (and
 * so never the last reference to the journal, which would join itself). */
typedef struct
{
  JobKind    kind;
  GTask     *task;     /* Owned; NULL for JOB_CLOSE */
  GArray    *rows;     /* Owned; of Row, JOB_APPEND only */
  GPtrArray *loaded;   /* Owned; the result of JOB_LOAD */
  GError    *error;    /* Owned; set if the job failed */
} Job;

/* State owned by the journal thread; the main thread never touches it. */
typedef struct
{
  char         *path;
  sqlite3      *db;
  sqlite3_stmt *insert_stmt;
  sqlite3_stmt *load_stmt;
} Connection;

struct _SitrepSqliteJournal
{
  GObject      parent_instance;

  char        *path;
  char        *origin;   /* Set by the journal thread before the open task returns */
  GAsyncQueue *jobs;
  GThread     *thread;
};

static void journal_iface_init (SitrepJournalInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SitrepSqliteJournal, sitrep_sqlite_journal, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SITREP_TYPE_JOURNAL, journal_iface_init))

/* Forward migrations: entry N takes a database from version N to N + 1.
 * Never edit one that has shipped; add a new one. */
static const char * const migrations[] = {
  /* 0 → 1: the journal. Events are append-only: the triggers refuse any
   * change or deletion, whoever attempts it. */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE events ("
  "  seq         INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  id          TEXT NOT NULL UNIQUE,"
  "  incident_id TEXT NOT NULL,"
  "  kind        TEXT NOT NULL,"
  "  at          INTEGER NOT NULL,"
  "  author      TEXT NOT NULL,"
  "  origin      TEXT NOT NULL,"
  "  payload     TEXT NOT NULL CHECK (json_valid (payload) AND json_type (payload) = 'object')"
  ") STRICT;"
  "CREATE INDEX events_by_time ON events (at, id);"
  "CREATE INDEX events_by_incident ON events (incident_id, at, id);"
  "CREATE TRIGGER events_are_immutable BEFORE UPDATE ON events"
  "  BEGIN SELECT RAISE (ABORT, 'journal events are immutable'); END;"
  "CREATE TRIGGER events_are_kept BEFORE DELETE ON events"
  "  BEGIN SELECT RAISE (ABORT, 'journal events are never deleted'); END;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SITREP_SQLITE_JOURNAL_SCHEMA_VERSION);

/* Errors ---------------------------------------------------------------- */

static void
set_sqlite_error (GError     **error,
                  Connection  *conn,
                  int          rc,
                  const char  *doing)
{
  int primary = rc & 0xff;
  const char *detail = conn->db != NULL ? sqlite3_errmsg (conn->db) : sqlite3_errstr (rc);

  switch (primary)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_CORRUPT,
                   /* Translators: %s is a file path. */
                   _("The journal file %s is damaged or is not a Sitrep journal."), conn->path);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_UNWRITABLE,
                   /* Translators: %s is a file path. */
                   _("The journal file %s cannot be written. Check that its folder exists and "
                     "that you may write to it."), conn->path);
      break;

    case SQLITE_FULL:
      g_set_error (error, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_FAILED,
                   /* Translators: %s is a file path. */
                   _("The disk holding %s is full. Free some space; nothing was written."),
                   conn->path);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_FAILED,
                   /* Translators: %s is a file path. */
                   _("The journal file %s is locked by another program. Close it and try again."),
                   conn->path);
      break;

    default:
      g_debug ("SQLite error %d while trying to %s in %s: %s", rc, doing, conn->path, detail);
      g_set_error (error, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_FAILED,
                   /* Translators: the first %s is a file path, the second the database's
                    * own explanation (in English). */
                   _("The journal %s could not be used: %s"), conn->path, detail);
      break;
  }
}

/* Connection (journal thread only) ------------------------------------- */

static void
connection_free (Connection *conn)
{
  g_clear_pointer (&conn->insert_stmt, sqlite3_finalize);
  g_clear_pointer (&conn->load_stmt, sqlite3_finalize);
  g_clear_pointer (&conn->db, sqlite3_close);
  g_free (conn->path);
  g_free (conn);
}

static gboolean
exec (Connection  *conn,
      const char  *sql,
      const char  *doing,
      GError     **error)
{
  int rc = sqlite3_exec (conn->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, conn, rc, doing);
      return FALSE;
    }

  return TRUE;
}

/* Runs a query of one row and one column. @text receives the value as
 * text, @number as an integer; either may be NULL. */
static gboolean
query_one (Connection  *conn,
           const char  *sql,
           gint64      *number,
           char       **text,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (conn->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      if (number != NULL)
        *number = sqlite3_column_int64 (stmt, 0);
      if (text != NULL)
        *text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      return TRUE;
    }

  sqlite3_finalize (stmt);
  set_sqlite_error (error, conn, rc, sql);
  return FALSE;
}

static gboolean
query_int (Connection  *conn,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  return query_one (conn, sql, value, NULL, error);
}

static void
rollback (Connection *conn)
{
  if (!sqlite3_get_autocommit (conn->db))
    sqlite3_exec (conn->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Commits, or rolls everything back: a transaction is never left open. */
static gboolean
commit (Connection  *conn,
        const char  *doing,
        GError     **error)
{
  if (!exec (conn, "COMMIT", doing, error))
    {
      rollback (conn);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_version (Connection  *conn,
               gint64       version,
               GError     **error)
{
  if (version > SITREP_SQLITE_JOURNAL_SCHEMA_VERSION)
    {
      g_set_error (error, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_TOO_NEW,
                   /* Translators: %s is a file path; the numbers are schema versions. */
                   _("The journal %s was written by a newer version of Sitrep (journal format "
                     "%d; this version reads up to %d). Update Sitrep to open it."),
                   conn->path, (int)version, SITREP_SQLITE_JOURNAL_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_ours (gint64 app_id,
         gint64 version,
         gint64 n_tables)
{
  if (app_id == SITREP_SQLITE_JOURNAL_APPLICATION_ID)
    return TRUE;

  return app_id == 0 && version == 0 && n_tables == 0;
}

static gboolean
refuse_foreign (Connection  *conn,
                GError     **error)
{
  g_set_error (error, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_CORRUPT,
               /* Translators: %s is a file path. */
               _("The file %s is a database, but not a Sitrep journal."), conn->path);
  return FALSE;
}

/* Checks, over a read-only connection, that an existing file is a journal
 * this version can use. Nothing is written: not the file, and not a
 * checkpoint of its write-ahead log into it. */
static gboolean
inspect (Connection  *conn,
         GError     **error)
{
  gint64 version = 0;
  gint64 app_id = 0;
  gint64 n_tables = 0;
  g_autofree char *check = NULL;

  if (!query_int (conn, "PRAGMA user_version", &version, error) ||
      !query_int (conn, "PRAGMA application_id", &app_id, error) ||
      !query_int (conn, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return FALSE;

  /* A journal carries Sitrep's application id from its first version on;
   * without it, only an empty file (an interrupted first start) is ours. */
  if (!is_ours (app_id, version, n_tables))
    return refuse_foreign (conn, error);

  if (!check_version (conn, version, error))
    return FALSE;

  if (!query_one (conn, "PRAGMA quick_check", NULL, &check, error))
    return FALSE;

  if (g_strcmp0 (check, "ok") != 0)
    {
      g_debug ("quick_check of %s: %s", conn->path, check);
      g_set_error (error, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_CORRUPT,
                   /* Translators: %s is a file path. */
                   _("The journal file %s is damaged."), conn->path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (Connection  *conn,
         gint64       version,
         GError     **error)
{
  g_autofree char *set_version = NULL;

  if (version == SITREP_SQLITE_JOURNAL_SCHEMA_VERSION)
    return TRUE;

  if (!exec (conn, "BEGIN IMMEDIATE", "update the journal format", error))
    return FALSE;

  for (gint64 v = version; v < SITREP_SQLITE_JOURNAL_SCHEMA_VERSION; v++)
    {
      g_debug ("Migrating %s from schema %d to %d", conn->path, (int)v, (int)v + 1);
      if (!exec (conn, migrations[v], "update the journal format", error))
        {
          rollback (conn);
          return FALSE;
        }
    }

  /* PRAGMA takes no bound parameters; both values are compile-time integers. */
  set_version = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                 SITREP_SQLITE_JOURNAL_SCHEMA_VERSION,
                                 SITREP_SQLITE_JOURNAL_APPLICATION_ID);
  if (!exec (conn, set_version, "update the journal format", error))
    {
      rollback (conn);
      return FALSE;
    }

  return commit (conn, "update the journal format", error);
}

static char *
ensure_origin (Connection  *conn,
               GError     **error)
{
  g_autofree char *fresh = g_uuid_string_random ();
  sqlite3_stmt *stmt = NULL;
  char *origin = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (conn->db,
                           "INSERT INTO meta (key, value) VALUES ('origin', ?1) "
                           "ON CONFLICT (key) DO NOTHING",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, fresh, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, conn, rc, "record this installation");
      return NULL;
    }

  query_one (conn, "SELECT value FROM meta WHERE key = 'origin'", NULL, &origin, error);

  return origin;
}

static Connection *
connection_open (const char  *path,
                 char       **origin,
                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *mode = NULL;
  Connection *conn;
  gint64 version = 0;
  gint64 app_id = 0;
  gint64 n_tables = 0;
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_UNWRITABLE,
                   /* Translators: the first %s is a folder, the second the reason. */
                   _("The folder %s for the journal cannot be created: %s."),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  conn = g_new0 (Connection, 1);
  conn->path = g_strdup (path);

  g_assert (g_path_is_absolute (path));

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *uri = NULL;

      /* Without a write-ahead log beside it, the file holds everything and
       * is read as immutable: SQLite then creates nothing next to it. A log
       * left by a crash holds commits, so it is read too. */
      if (!g_file_test (wal, G_FILE_TEST_EXISTS))
        {
          g_autofree char *file_uri = g_filename_to_uri (path, NULL, NULL);

          uri = g_strconcat (file_uri, "?immutable=1", NULL);
        }

      rc = sqlite3_open_v2 (uri != NULL ? uri : path, &conn->db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
      if (rc == SQLITE_OK)
        sqlite3_extended_result_codes (conn->db, TRUE);

      if (rc != SQLITE_OK)
        set_sqlite_error (error, conn, rc, "open the file");

      if (rc != SQLITE_OK || !inspect (conn, error))
        {
          connection_free (conn);
          return NULL;
        }

      g_clear_pointer (&conn->db, sqlite3_close);
    }

  rc = sqlite3_open_v2 (path, &conn->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, conn, rc, "open the file");
      connection_free (conn);
      return NULL;
    }

  sqlite3_extended_result_codes (conn->db, TRUE);
  sqlite3_busy_timeout (conn->db, 5000);

  if (sqlite3_db_readonly (conn->db, "main") == 1)
    {
      set_sqlite_error (error, conn, SQLITE_READONLY, NULL);
      connection_free (conn);
      return NULL;
    }

  /* Read again over this connection, before the first write: the file may
   * have changed since it was inspected. */
  if (!query_int (conn, "PRAGMA user_version", &version, error) ||
      !query_int (conn, "PRAGMA application_id", &app_id, error) ||
      !query_int (conn, "SELECT count(*) FROM sqlite_schema", &n_tables, error) ||
      !check_version (conn, version, error) ||
      (!is_ours (app_id, version, n_tables) && !refuse_foreign (conn, error)))
    {
      connection_free (conn);
      return NULL;
    }

  if (!query_one (conn, "PRAGMA journal_mode = WAL", NULL, &mode, error))
    {
      connection_free (conn);
      return NULL;
    }
  if (g_strcmp0 (mode, "wal") != 0)
    {
      g_set_error (error, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_FAILED,
                   /* Translators: %s is a file path. */
                   _("The journal %s cannot use a write-ahead log on this file system, so its "
                     "safety cannot be guaranteed. Keep the journal on a local disk."),
                   conn->path);
      connection_free (conn);
      return NULL;
    }

  /* From here on the file is known to be ours and writable. */
  if (!exec (conn, "PRAGMA synchronous = FULL", "prepare the file", error) ||
      !migrate (conn, version, error) ||
      !(*origin = ensure_origin (conn, error)))
    {
      connection_free (conn);
      return NULL;
    }

  rc = sqlite3_prepare_v3 (conn->db,
                           "INSERT INTO events (id, incident_id, kind, at, author, origin, payload) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO NOTHING",
                           -1, SQLITE_PREPARE_PERSISTENT, &conn->insert_stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v3 (conn->db,
                             "SELECT id, incident_id, kind, at, author, origin, payload "
                             "FROM events ORDER BY at, id",
                             -1, SQLITE_PREPARE_PERSISTENT, &conn->load_stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, conn, rc, "prepare the file");
      g_clear_pointer (origin, g_free);
      connection_free (conn);
      return NULL;
    }

  return conn;
}

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->id);
  g_free (row->incident_id);
  g_free (row->kind);
  g_free (row->author);
  g_free (row->origin);
  g_free (row->payload);
}

static GArray *
rows_from_events (GPtrArray *events)
{
  GArray *rows = g_array_sized_new (FALSE, TRUE, sizeof (Row), events->len);

  g_array_set_clear_func (rows, row_clear);

  for (guint i = 0; i < events->len; i++)
    {
      SitrepEvent *event = g_ptr_array_index (events, i);
      Row row = {
        .id = g_strdup (sitrep_event_get_id (event)),
        .incident_id = g_strdup (sitrep_event_get_incident_id (event)),
        .kind = g_strdup (sitrep_event_get_kind (event)),
        .author = g_strdup (sitrep_event_get_author (event)),
        .origin = g_strdup (sitrep_event_get_origin (event)),
        .payload = sitrep_event_dup_payload_json (event),
        .at = sitrep_event_get_at (event),
      };

      g_array_append_val (rows, row);
    }

  return rows;
}

static gboolean
connection_append (Connection  *conn,
                   GArray      *rows,
                   GError     **error)
{
  if (!exec (conn, "BEGIN IMMEDIATE", "write events", error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      sqlite3_stmt *stmt = conn->insert_stmt;
      int rc;

      sqlite3_bind_text (stmt, 1, row->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, row->incident_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, row->kind, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, row->at);
      sqlite3_bind_text (stmt, 5, row->author, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, row->origin, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, row->payload, -1, SQLITE_STATIC);

      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);

      if (rc != SQLITE_DONE)
        {
          set_sqlite_error (error, conn, rc, "write events");
          rollback (conn);
          return FALSE;
        }
    }

  /* Only once COMMIT has returned is the append reported done. */
  return commit (conn, "write events", error);
}

static GPtrArray *
connection_load (Connection  *conn,
                 GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = conn->load_stmt;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      SitrepEvent *event;

      event = sitrep_event_new_from_json ((const char *)sqlite3_column_text (stmt, 0),
                                          (const char *)sqlite3_column_text (stmt, 1),
                                          (const char *)sqlite3_column_text (stmt, 2),
                                          sqlite3_column_int64 (stmt, 3),
                                          (const char *)sqlite3_column_text (stmt, 4),
                                          (const char *)sqlite3_column_text (stmt, 5),
                                          (const char *)sqlite3_column_text (stmt, 6),
                                          &local_error);
      /* The schema only admits well-formed rows, so this is a file edited
       * by hand; the row stays in the file, untouched, and is skipped. */
      if (event == NULL)
        {
          g_debug ("Skipping unreadable event: %s",
                   local_error != NULL ? local_error->message : "not an event");
          continue;
        }

      g_ptr_array_add (events, event);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, conn, rc, "read events");
      return NULL;
    }

  return g_steal_pointer (&events);
}

/* The journal thread --------------------------------------------------- */

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_clear_pointer (&job->rows, g_array_unref);
  g_clear_pointer (&job->loaded, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_free (job);
}

static gboolean
complete_job_cb (gpointer data)
{
  Job *job = data;

  if (job->error != NULL)
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  else if (job->kind == JOB_LOAD)
    g_task_return_pointer (job->task, g_steal_pointer (&job->loaded),
                           (GDestroyNotify)g_ptr_array_unref);
  else
    g_task_return_boolean (job->task, TRUE);

  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
complete_job (Job *job)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  /* Always an idle, never g_main_context_invoke(): that would run the
   * completion right here, on the journal thread, whenever the task's
   * context happens to be free. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, complete_job_cb, job, NULL);
  g_source_set_static_name (source, "[sitrep] journal job completion");
  g_source_attach (source, g_task_get_context (job->task));
}

static gpointer
journal_thread (gpointer data)
{
  SitrepSqliteJournal *self = data;
  GAsyncQueue *jobs = g_async_queue_ref (self->jobs);
  Connection *conn = NULL;
  gboolean running = TRUE;

  /* @self is only used to read its path and to store the origin the open
   * job found, before that job completes; everything else the thread needs
   * arrives in its jobs. */
  while (running)
    {
      Job *job = g_async_queue_pop (jobs);

      switch (job->kind)
        {
        case JOB_OPEN:
          {
            char *origin = NULL;

            if ((conn = connection_open (self->path, &origin, &job->error)) != NULL)
              self->origin = origin;
          }
          break;

        case JOB_APPEND:
          if (conn == NULL)
            g_set_error_literal (&job->error, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_CLOSED,
                                 _("The journal is not open."));
          else
            connection_append (conn, job->rows, &job->error);
          break;

        case JOB_LOAD:
          if (conn == NULL)
            g_set_error_literal (&job->error, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_CLOSED,
                                 _("The journal is not open."));
          else
            job->loaded = connection_load (conn, &job->error);
          break;

        case JOB_CLOSE:
          running = FALSE;
          break;

        default:
          g_assert_not_reached ();
        }

      if (job->task != NULL)
        complete_job (job);
      else
        job_free (job);
    }

  g_clear_pointer (&conn, connection_free);
  g_async_queue_unref (jobs);

  return NULL;
}

static void
push_job (SitrepSqliteJournal *self,
          JobKind              kind,
          GTask               *task,
          GArray              *rows)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->task = task;
  job->rows = rows;
  g_async_queue_push (self->jobs, job);
}

/* SitrepJournal ----------------------------------------------------------- */

static const char *
sitrep_sqlite_journal_get_origin (SitrepJournal *journal)
{
  return SITREP_SQLITE_JOURNAL (journal)->origin;
}

static void
sitrep_sqlite_journal_append_async (SitrepJournal       *journal,
                                    GPtrArray           *events,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  SitrepSqliteJournal *self = SITREP_SQLITE_JOURNAL (journal);
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_sqlite_journal_append_async);
  /* Report what really happened, even to a caller that gave up waiting. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->thread == NULL)
    {
      g_task_return_new_error (task, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_CLOSED,
                               _("The journal is closed; nothing was written."));
      g_object_unref (task);
      return;
    }

  push_job (self, JOB_APPEND, task, rows_from_events (events));
}

static gboolean
sitrep_sqlite_journal_append_finish (SitrepJournal  *journal,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, journal), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
sitrep_sqlite_journal_load_async (SitrepJournal       *journal,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  SitrepSqliteJournal *self = SITREP_SQLITE_JOURNAL (journal);
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_sqlite_journal_load_async);

  if (self->thread == NULL)
    {
      g_task_return_new_error (task, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_CLOSED,
                               _("The journal is closed."));
      g_object_unref (task);
      return;
    }

  push_job (self, JOB_LOAD, task, NULL);
}

static GPtrArray *
sitrep_sqlite_journal_load_finish (SitrepJournal  *journal,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, journal), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
journal_iface_init (SitrepJournalInterface *iface)
{
  iface->get_origin = sitrep_sqlite_journal_get_origin;
  iface->append_async = sitrep_sqlite_journal_append_async;
  iface->append_finish = sitrep_sqlite_journal_append_finish;
  iface->load_async = sitrep_sqlite_journal_load_async;
  iface->load_finish = sitrep_sqlite_journal_load_finish;
}

/* GObject ------------------------------------------------------------------ */

static void
sitrep_sqlite_journal_dispose (GObject *object)
{
  sitrep_sqlite_journal_close (SITREP_SQLITE_JOURNAL (object));

  G_OBJECT_CLASS (sitrep_sqlite_journal_parent_class)->dispose (object);
}

static void
sitrep_sqlite_journal_finalize (GObject *object)
{
  SitrepSqliteJournal *self = (SitrepSqliteJournal *)object;

  g_clear_pointer (&self->jobs, g_async_queue_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->origin, g_free);

  G_OBJECT_CLASS (sitrep_sqlite_journal_parent_class)->finalize (object);
}

static void
sitrep_sqlite_journal_class_init (SitrepSqliteJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_sqlite_journal_dispose;
  object_class->finalize = sitrep_sqlite_journal_finalize;
}

static void
sitrep_sqlite_journal_init (SitrepSqliteJournal *self)
{
  self->jobs = g_async_queue_new ();
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SitrepSqliteJournal *self = SITREP_SQLITE_JOURNAL (object);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      sitrep_sqlite_journal_close (self);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

/**
 * sitrep_sqlite_journal_open_async:
 * @path: the journal file; it and its folder are created if missing
 *
 * Opens the journal at @path on its own thread, migrating an older file
 * forward. A damaged file, another program's database, a newer journal
 * format or a file that cannot be written is refused with a
 * %SITREP_JOURNAL_ERROR that says which, and is left exactly as it was.
 */
void
sitrep_sqlite_journal_open_async (const char          *path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(SitrepSqliteJournal) self = NULL;
  GTask *task;
  GTask *inner;

  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  self = g_object_new (SITREP_TYPE_SQLITE_JOURNAL, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  self->thread = g_thread_new ("sitrep-journal", journal_thread, self);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_sqlite_journal_open_async);

  inner = g_task_new (self, NULL, open_cb, task);
  push_job (self, JOB_OPEN, inner, NULL);
}

/**
 * sitrep_sqlite_journal_open_finish:
 *
 * Returns: (transfer full) (nullable): the open journal
 */
SitrepSqliteJournal *
sitrep_sqlite_journal_open_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
sitrep_sqlite_journal_get_path (SitrepSqliteJournal *self)
{
  g_return_val_if_fail (SITREP_IS_SQLITE_JOURNAL (self), NULL);

  return self->path;
}

/**
 * sitrep_sqlite_journal_close:
 *
 * Finishes every queued job, then closes the file. Later appends fail with
 * %SITREP_JOURNAL_ERROR_CLOSED.
 */
void
sitrep_sqlite_journal_close (SitrepSqliteJournal *self)
{
  g_return_if_fail (SITREP_IS_SQLITE_JOURNAL (self));

  if (self->thread == NULL)
    return;

  push_job (self, JOB_CLOSE, NULL, NULL);
  g_thread_join (g_steal_pointer (&self->thread));
}

/* Moving a journal aside -------------------------------------------------- */

static void
move_aside_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  const char *path = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = NULL;

  for (guint attempt = 0; target == NULL || g_file_test (target, G_FILE_TEST_EXISTS); attempt++)
    {
      g_free (target);
      target = attempt == 0
        ? g_strdup_printf ("%s.broken-%s", path, stamp)
        : g_strdup_printf ("%s.broken-%s-%u", path, stamp, attempt);
    }

  /* The write-ahead log and its index go with the file, under the same new
   * name, so the old journal can still be opened with everything it held. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        continue;

      if (g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_task_return_new_error (task, SITREP_JOURNAL_ERROR, SITREP_JOURNAL_ERROR_UNWRITABLE,
                                   /* Translators: a file path, another, and the reason. */
                                   _("Could not move %s to %s: %s."),
                                   from, to, g_strerror (saved_errno));
          return;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&target), g_free);
}

/**
 * sitrep_sqlite_journal_move_aside_async:
 * @path: a journal that could not be opened
 *
 * Renames the journal at @path (with its write-ahead log) to
 * "@path.broken-DATE-TIME" so a fresh one can be started in its place.
 * Nothing is deleted or rewritten.
 */
void
sitrep_sqlite_journal_move_aside_async (const char          *path,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_sqlite_journal_move_aside_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, move_aside_worker);
}

/**
 * sitrep_sqlite_journal_move_aside_finish:
 *
 * Returns: (transfer full) (nullable): where the old journal now is
 */
char *
sitrep_sqlite_journal_move_aside_finish (GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
