package io.cloudledger.conformance;

import io.cloudledger.core.model.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state-hash files each runtime's suite writes ({@code target/conformance/<runtime>.hash}: a
 * fingerprint line naming the estate, then one {@code <provider> <sha256>} line per cloud the
 * runtime syncs), and the comparison of all such files of a reactor build.
 */
public final class StateHashes {
  static final String DIRECTORY = "target/conformance";

  private StateHashes() {}

  /** A runtime's recorded hashes. */
  public record Recorded(Path file, String fingerprint, SortedMap<Provider, String> hashes) {}

  /** Writes {@code moduleDir/target/conformance/<runtime>.hash}. */
  public static Path write(
      Path moduleDir, String runtime, String fingerprint, Map<Provider, String> hashes) {
    Path file = moduleDir.resolve(DIRECTORY).resolve(runtime + ".hash");
    StringBuilder text = new StringBuilder("# ").append(fingerprint).append('\n');
    new TreeMap<>(hashes)
        .forEach((p, h) -> text.append(p.name()).append(' ').append(h).append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  /** Reads one file written by {@link #write}. */
  public static Recorded read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
        throw new IllegalArgumentException(file + " has no fingerprint line");
      }
      SortedMap<Provider, String> hashes = new TreeMap<>();
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isBlank()) {
          String[] parts = line.strip().split(" ");
          hashes.put(Provider.valueOf(parts[0]), parts[1]);
        }
      }
      return new Recorded(file, lines.get(0).substring(2), hashes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Every hash file of the modules next to {@code moduleDir} (the reactor's other runtimes) and of
   * {@code moduleDir} itself that names the same estate.
   */
  public static List<Recorded> recordedNextTo(Path moduleDir, String fingerprint) {
    List<Recorded> recorded = new ArrayList<>();
    Path parent = moduleDir.toAbsolutePath().normalize().getParent();
    if (parent == null) {
      return recorded;
    }
    try (DirectoryStream<Path> modules = Files.newDirectoryStream(parent, Files::isDirectory)) {
      for (Path module : modules) {
        Path dir = module.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.hash")) {
          for (Path file : files) {
            Recorded one = read(file);
            if (one.fingerprint().equals(fingerprint)) {
              recorded.add(one);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the hash files next to " + moduleDir, e);
    }
    return recorded;
  }

  /**
   * The disagreements among {@code recorded}: for each cloud, every file whose hash differs from
   * the first file's that has one. Empty when the runtimes agree.
   */
  public static List<String> disagreements(List<Recorded> recorded) {
    List<String> problems = new ArrayList<>();
    Map<Provider, Recorded> first = new TreeMap<>();
    for (Recorded one : recorded) {
      one.hashes()
          .forEach(
              (provider, hash) -> {
                Recorded earlier = first.putIfAbsent(provider, one);
                if (earlier != null && !earlier.hashes().get(provider).equals(hash)) {
                  problems.add(
                      provider
                          + ": "
                          + one.file()
                          + " has "
                          + hash
                          + " but "
                          + earlier.file()
                          + " has "
                          + earlier.hashes().get(provider));
                }
              });
    }
    return problems;
  }
}
