package io.cloudledger.sandbox.estate;

/** Azure VM power states, as the {@code PowerState/<code>} status of an instance view. */
public enum AzurePowerState {
  STARTING("starting", "VM starting"),
  RUNNING("running", "VM running"),
  STOPPING("stopping", "VM stopping"),
  STOPPED("stopped", "VM stopped"),
  DEALLOCATING("deallocating", "VM deallocating"),
  DEALLOCATED("deallocated", "VM deallocated");

  private final String word;
  private final String displayStatus;

  AzurePowerState(String word, String displayStatus) {
    this.word = word;
    this.displayStatus = displayStatus;
  }

  /** The instance view status code, e.g. {@code PowerState/running}. */
  public String code() {
    return "PowerState/" + word;
  }

  public String displayStatus() {
    return displayStatus;
  }
}
