/* test-signing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The channels' signatures against values computed independently (with
 * Python's hmac module, from the recipes the APIs publish): DingTalk in
 * milliseconds and URL-encoded, Feishu in seconds with the key made of
 * timestamp and secret, and Sitrep's own for the banner and push endpoint,
 * which a receiver verifies: the body, the secret and the clock. */

#include "config.h"

#include "sitrep-signing.h"

static void
test_dingtalk (void)
{
  g_autofree char *sign = sitrep_signing_dingtalk ("SEC0123456789abcdef", G_GINT64_CONSTANT (1700000000123));

  g_assert_cmpstr (sign, ==, "V9VP5gL2WDsEZvZQHnbd9k4n%2Bp56ibcLMh%2BWKMZRQas%3D");
}

static void
test_feishu (void)
{
  g_autofree char *sign = sitrep_signing_feishu ("feishu-secret", 1700000000);
  g_autofree char *millis = sitrep_signing_feishu ("feishu-secret", G_GINT64_CONSTANT (1700000000000));

  g_assert_cmpstr (sign, ==, "OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU=");
  /* Milliseconds, as DingTalk wants them, are another signature. */
  g_assert_cmpstr (millis, !=, sign);
}

static void
test_payload (void)
{
  static const char json[] = "{\"incident\":\"Payments failing\",\"status\":\"investigating\"}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GBytes) changed = g_bytes_new_static (json, sizeof json - 2);
  g_autofree char *header = sitrep_signing_payload ("banner-secret", 1700000000, body);

  g_assert_cmpstr (header, ==, "t=1700000000,v1=d8ba4a54e15d0a0ab3362183025abaf6b6d6cfc35766c8dccc3b0dbe6d84ba4e");

  g_assert_true (sitrep_signing_verify_payload ("banner-secret", header, body, 1700000100, 300));
  /* Another body, another secret, a replay after five minutes, a header
   * without its parts: all refused. */
  g_assert_false (sitrep_signing_verify_payload ("banner-secret", header, changed, 1700000100, 300));
  g_assert_false (sitrep_signing_verify_payload ("other-secret", header, body, 1700000100, 300));
  g_assert_false (sitrep_signing_verify_payload ("banner-secret", header, body, 1700000301, 300));
  g_assert_false (sitrep_signing_verify_payload ("banner-secret", "v1=d8ba4a54", body, 1700000000, 300));
  g_assert_false (sitrep_signing_verify_payload ("banner-secret", "t=1700000000", body, 1700000000, 300));
  g_assert_false (sitrep_signing_verify_payload ("banner-secret", "t=x,v1=d8", body, 1700000000, 300));
  g_assert_false (sitrep_signing_verify_payload ("banner-secret", NULL, body, 1700000000, 300));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signing/dingtalk", test_dingtalk);
  g_test_add_func ("/signing/feishu", test_feishu);
  g_test_add_func ("/signing/payload", test_payload);

  return g_test_run ();
}
