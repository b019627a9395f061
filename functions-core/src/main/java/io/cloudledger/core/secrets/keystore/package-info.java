/**
 * The local encrypted keystore: one password-protected file per keystore (AES-256-GCM, Argon2id),
 * with a cross-process lock and atomic replacement. The file layout is documented on {@code
 * KeystoreHeader}.
 */
package io.cloudledger.core.secrets.keystore;
