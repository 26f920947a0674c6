/* sitrep-signing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The signatures the channels Sitrep publishes to ask for, each exactly as
 * its API wants it (their timestamps differ: milliseconds for DingTalk,
 * seconds for Feishu), and Sitrep's own for the company's banner and push
 * endpoint:
 *
 *   Sitrep-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
 *
 * The receiver recomputes v1 over the raw body it got, compares in
 * constant time, and refuses a t more than five minutes from its clock,
 * so a captured request cannot be replayed later. Secrets never leave
 * these functions but as signatures. */

#define G_LOG_DOMAIN "sitrep-signing"

#include "config.h"

#include <string.h>

#include "sitrep-signing.h"

static GBytes *
hmac_sha256 (const char   *key,
             gsize         key_len,
             const guchar *data,
             gsize         data_len)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *)key, key_len);
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_hmac_update (hmac, data, data_len);
  g_hmac_get_digest (hmac, digest, &digest_len);

  return g_bytes_new (digest, digest_len);
}

/**
 * sitrep_signing_dingtalk:
 * @secret: the robot's signing secret ("SEC…")
 * @timestamp_ms: now, in milliseconds since the epoch
 *
 * DingTalk's robot signature: HMAC-SHA256 keyed with the secret over
 * "<timestamp>\n<secret>", in base64, URL-encoded.
 *
 * Returns: (transfer full): the value of the sign parameter
 */
char *
sitrep_signing_dingtalk (const char *secret,
                         gint64      timestamp_ms)
{
  g_autofree char *to_sign = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(GBytes) digest = NULL;

  g_return_val_if_fail (secret != NULL, NULL);

  to_sign = g_strdup_printf ("%" G_GINT64_FORMAT "\n%s", timestamp_ms, secret);
  digest = hmac_sha256 (secret, strlen (secret), (const guchar *)to_sign, strlen (to_sign));
  encoded = g_base64_encode (g_bytes_get_data (digest, NULL), g_bytes_get_size (digest));

  return g_uri_escape_string (encoded, NULL, FALSE);
}

/**
 * sitrep_signing_feishu:
 * @secret: the bot's signing secret
 * @timestamp_s: now, in seconds since the epoch
 *
 * Feishu's (and Lark's) bot signature: HMAC-SHA256 keyed with
 * "<timestamp>\n<secret>" over an empty message, in base64.
 *
 * Returns: (transfer full): the value of the sign member
 */
char *
sitrep_signing_feishu (const char *secret,
                       gint64      timestamp_s)
{
  g_autofree char *key = NULL;
  g_autoptr(GBytes) digest = NULL;

  g_return_val_if_fail (secret != NULL, NULL);

  key = g_strdup_printf ("%" G_GINT64_FORMAT "\n%s", timestamp_s, secret);
  digest = hmac_sha256 (key, strlen (key), (const guchar *)"", 0);

  return g_base64_encode (g_bytes_get_data (digest, NULL), g_bytes_get_size (digest));
}

static char *
payload_mac (const char *secret,
             gint64      timestamp_s,
             GBytes     *body)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *)secret, strlen (secret));
  g_autofree char *prefix = g_strdup_printf ("%" G_GINT64_FORMAT ".", timestamp_s);
  gsize size;
  const guchar *data = g_bytes_get_data (body, &size);

  g_hmac_update (hmac, (const guchar *)prefix, strlen (prefix));
  g_hmac_update (hmac, data, size);

  return g_strdup (g_hmac_get_string (hmac));
}

/**
 * sitrep_signing_payload:
 * @secret: the secret shared with the company's endpoint
 * @timestamp_s: now, in seconds since the epoch
 * @body: the exact bytes sent
 *
 * Returns: (transfer full): the value of the Sitrep-Signature header,
 *   "t=<timestamp>,v1=<hex digest>"
 */
char *
sitrep_signing_payload (const char *secret,
                        gint64      timestamp_s,
                        GBytes     *body)
{
  g_autofree char *mac = NULL;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  mac = payload_mac (secret, timestamp_s, body);
  return g_strdup_printf ("t=%" G_GINT64_FORMAT ",v1=%s", timestamp_s, mac);
}

/**
 * sitrep_signing_verify_payload:
 * @header: a Sitrep-Signature header
 * @now_s: the receiver's clock, seconds since the epoch
 * @tolerance_s: how far from @now_s the timestamp may be
 *
 * What a receiver does (the fake endpoint of the tests does it): the
 * digest compared in constant time, the timestamp within @tolerance_s.
 *
 * Returns: whether @header signs @body with @secret
 */
gboolean
sitrep_signing_verify_payload (const char *secret,
                               const char *header,
                               GBytes     *body,
                               gint64      now_s,
                               gint64      tolerance_s)
{
  g_autofree char *expected = NULL;
  const char *given = NULL;
  gint64 timestamp = 0;
  gboolean have_timestamp = FALSE;
  g_auto(GStrv) parts = NULL;
  guint8 diff = 0;
  gsize len;

  g_return_val_if_fail (secret != NULL, FALSE);
  g_return_val_if_fail (body != NULL, FALSE);

  if (header == NULL)
    return FALSE;

  parts = g_strsplit (header, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_has_prefix (parts[i], "t="))
        have_timestamp = g_ascii_string_to_signed (parts[i] + 2, 10, 0, G_MAXINT64, &timestamp, NULL);
      else if (g_str_has_prefix (parts[i], "v1="))
        given = parts[i] + 3;
    }

  if (!have_timestamp || given == NULL || ABS (now_s - timestamp) > tolerance_s)
    return FALSE;

  expected = payload_mac (secret, timestamp, body);
  len = strlen (expected);
  if (strlen (given) != len)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    diff |= (guint8)(expected[i] ^ given[i]);

  return diff == 0;
}
