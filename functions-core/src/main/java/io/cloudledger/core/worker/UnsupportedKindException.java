package io.cloudledger.core.worker;

import io.cloudledger.core.dispatch.SyncKind;
import io.cloudledger.core.error.PermanentException;

/** A request asked for a kind this worker is not deployed to sync. */
public final class UnsupportedKindException extends PermanentException {

  public UnsupportedKindException(SyncKind kind) {
    super("unsupported-kind", "this worker does not sync kind '" + kind.key() + "'");
  }
}
