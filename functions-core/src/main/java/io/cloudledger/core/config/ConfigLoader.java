package io.cloudledger.core.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads {@code cloudledger.yaml} once into a {@link CloudledgerConfig}: {@link #load} throws a
 * {@link ConfigException} listing every problem of the file, {@link #validate} returns them.
 */
public final class ConfigLoader {
  /** A configuration file is small; anything bigger is a mistake (a binary, a log...). */
  private static final long MAX_FILE_BYTES = 1024 * 1024;

  private ConfigLoader() {}

  /** The configuration in {@code file}, or a {@link ConfigException} with all its errors. */
  public static CloudledgerConfig load(Path file) {
    return switch (validate(file)) {
      case ValidationResult.Valid valid -> valid.config();
      case ValidationResult.Invalid invalid -> throw invalid.toException();
    };
  }

  /** The configuration in {@code yaml}; {@code source} names it in messages. */
  public static CloudledgerConfig parse(String yaml, Path source) {
    return switch (validate(yaml, source)) {
      case ValidationResult.Valid valid -> valid.config();
      case ValidationResult.Invalid invalid -> throw invalid.toException();
    };
  }

  /** Every error and warning of {@code file}, without throwing. */
  public static ValidationResult validate(Path file) {
    Problems problems = new Problems();
    Optional<String> text = readFile(file, problems);
    if (text.isEmpty()) {
      return new ValidationResult.Invalid(file, problems.errors(), problems.warnings());
    }
    return validate(text.get(), file, problems);
  }

  /** Every error and warning of {@code yaml}; {@code source} names it in messages. */
  public static ValidationResult validate(String yaml, Path source) {
    return validate(yaml, source, new Problems());
  }

  private static ValidationResult validate(String yaml, Path source, Problems problems) {
    Optional<YamlNode> root = YamlTreeReader.read(yaml, problems);
    if (root.isEmpty()) {
      return new ValidationResult.Invalid(source, problems.errors(), problems.warnings());
    }
    CloudledgerConfig config = new ConfigReader(source, problems).read(root.get());
    if (problems.hasErrors()) {
      return new ValidationResult.Invalid(source, problems.errors(), problems.warnings());
    }
    return new ValidationResult.Valid(config);
  }

  private static Optional<String> readFile(Path file, Problems problems) {
    try {
      if (Files.isDirectory(file)) {
        problems.error("", 0, "is a directory, not a configuration file");
        return Optional.empty();
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        problems.error("", 0, "is larger than 1 MiB; is it really a cloudledger.yaml?");
        return Optional.empty();
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (text.isBlank()) {
        problems.error("", 0, "the file is empty; it needs at least a cloud_sessions list");
        return Optional.empty();
      }
      return Optional.of(text);
    } catch (NoSuchFileException e) {
      problems.error("", 0, "the file does not exist");
    } catch (AccessDeniedException e) {
      problems.error("", 0, "the file cannot be read (permission denied)");
    } catch (CharacterCodingException e) {
      problems.error("", 0, "the file is not UTF-8 text");
    } catch (IOException e) {
      problems.error("", 0, "the file cannot be read: " + e.getClass().getSimpleName());
    }
    return Optional.empty();
  }
}
