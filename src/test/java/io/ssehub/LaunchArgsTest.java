package io.ssehub;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LaunchArgsTest {

  @Test
  void acceptsTheUsualForms() {
    assertEquals(new LaunchArgs(null, false), LaunchArgs.parse());
    assertEquals(new LaunchArgs(Path.of("a.json"), false), LaunchArgs.parse("a.json"));
    assertEquals(new LaunchArgs(Path.of("a.json"), false), LaunchArgs.parse("-conf", "a.json"));
    assertEquals(new LaunchArgs(Path.of("a.json"), false), LaunchArgs.parse("--conf", "a.json"));
    assertEquals(new LaunchArgs(Path.of("a.json"), false), LaunchArgs.parse("--conf=a.json"));
    assertEquals(new LaunchArgs(null, true), LaunchArgs.parse("--help"));
    assertEquals(new LaunchArgs(null, true), LaunchArgs.parse("a.json", "-h"));
  }

  @Test
  void rejectsWithAReason() {
    assertEquals("unknown option --bogus",
        assertThrows(IllegalArgumentException.class, () -> LaunchArgs.parse("--bogus")).getMessage());
    assertEquals("option -conf needs a file name",
        assertThrows(IllegalArgumentException.class, () -> LaunchArgs.parse("-conf")).getMessage());
    assertEquals("only one configuration file may be given, got a.json and b.json",
        assertThrows(IllegalArgumentException.class, () -> LaunchArgs.parse("a.json", "b.json")).getMessage());
    assertEquals("the configuration file name is empty",
        assertThrows(IllegalArgumentException.class, () -> LaunchArgs.parse("--conf=")).getMessage());
  }
}
