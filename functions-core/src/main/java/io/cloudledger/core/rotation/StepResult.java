package io.cloudledger.core.rotation;

/** What one step did: whether it changed anything, and a line saying what (never a value). */
public record StepResult(RotationStep step, boolean changed, String detail) {}
