/**
 * The documented curl example (docs/usage-api.md), with the caller's origin and SDKAppID
 * filled in: sha256sum and openssl are all it needs.
 */
export function curlExample(origin: string, sdkAppId: number | string, start = '2024-10-08T10:00:00+08:00'): string {
  const body = JSON.stringify([
    { type: 'media', app: Number(sdkAppId), user: 'user-1', room: 'room-1', start, seconds: 90, receive: [{ stream: 'user-2', audio: true, video: [1280, 720] }] },
  ]);
  return [
    `SDKAPPID=${sdkAppId}`,
    `SECRET_KEY='sk_...'   # shown once when the application was created`,
    `BODY='${body}'`,
    `TS=$(date +%s)`,
    `KEY="batch-$(date +%s%N)"   # Idempotency-Key: a new one per batch, the same one on retries`,
    `KEY_HASH=$(printf '%s' "$SECRET_KEY" | sha256sum | cut -d' ' -f1)`,
    `SIG=$(printf '%s\\n%s\\n%s' "$TS" "$KEY" "$BODY" | openssl dgst -sha256 -hmac "$KEY_HASH" | sed 's/^.*= //')`,
    `curl -sS -X POST '${origin}/api/v1/usage' \\`,
    `  -H 'Content-Type: application/json' -H "X-SdkAppId: $SDKAPPID" -H "X-Timestamp: $TS" \\`,
    `  -H "Idempotency-Key: $KEY" -H "X-Signature: $SIG" --data-binary "$BODY"`,
  ].join('\n');
}
