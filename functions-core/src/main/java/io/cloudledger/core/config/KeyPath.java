package io.cloudledger.core.config;

/** Builds key paths as users read them: {@code cloud_sessions[2].client_secret}. */
final class KeyPath {
  private KeyPath() {}

  static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String item(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
