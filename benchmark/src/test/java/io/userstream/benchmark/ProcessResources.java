package io.userstream.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the kernel says a process has used: peak resident memory ({@code VmHWM}) and CPU time (user
 * plus system) from {@code /proc}. Linux only, as the benchmark machine is.
 */
record ProcessResources(long peakRssBytes, double cpuSeconds) {

	/** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux this runs on. */
	private static final double TICKS_PER_SECOND = 100.0;

	static ProcessResources of(long pid) {
		try {
			long peakKb = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))
				.stream()
				.filter(line -> line.startsWith("VmHWM:"))
				.map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
				.findFirst()
				.orElse(0L); // an exited process not yet reaped holds no memory
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// The command name in parentheses may hold spaces: count fields after its closing one.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return new ProcessResources(peakKb * 1024, ticks / TICKS_PER_SECOND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Process " + pid + " has gone", ex);
		}
	}

	/** CPU seconds of every process with this command name (PostgreSQL's server and its backends). */
	static double cpuSecondsOfCommand(String command) {
		return ProcessHandle.allProcesses()
			.filter(process -> process.info().command().map(path -> path.endsWith("/" + command)).orElse(false))
			.mapToDouble(process -> {
				try {
					return of(process.pid()).cpuSeconds();
				}
				catch (UncheckedIOException ex) {
					return 0; // a backend that ended between listing and reading
				}
			})
			.sum();
	}

	/** Seconds the whole machine's cores have been busy (not idle, not waiting for I/O), from {@code /proc/stat}. */
	static double machineBusySeconds() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int field = 1; field < Math.min(fields.length, 9); field++) {
				busy += (field == 4 || field == 5) ? 0 : Long.parseLong(fields[field]);
			}
			return busy / TICKS_PER_SECOND;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
