/**
 * Limits of the usage API and the file import (docs/usage-api.md). A batch over either
 * limit is refused with 413 before it is parsed as a whole.
 */
export const USAGE_API_LIMITS = {
  /** Request body, bytes. */
  maxBodyBytes: 5 * 1024 * 1024,
  /**
   * A refused body (413) up to this size is read to its end and thrown away, so the
   * kept-alive connection serves the next request; a larger one closes the connection.
   */
  maxDrainBytes: 64 * 1024 * 1024,
  /** Records per batch. */
  maxRecords: 10_000,
  /** X-Timestamp may differ from the server's real time by this much (replay window). */
  timestampWindowSeconds: 300,
  /** Idempotency-Key: printable ASCII, 1..200 characters. */
  maxIdempotencyKeyLength: 200,
  /** Record errors listed in a 422 answer (the count of all of them is always given). */
  maxErrorDetails: 100,
} as const;

export const USAGE_IMPORT_LIMITS = {
  maxFileBytes: 20 * 1024 * 1024,
  maxRecords: 100_000,
  maxErrorDetails: 100,
} as const;
